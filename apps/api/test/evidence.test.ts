import { describe, expect } from "vitest";

import { connect, loginAs, outcome, type Api } from "./harness.ts";
import { test } from "./served-world.ts";
import { PASSWORD } from "./world.ts";

async function cookieOf(api: Api, email: string) {
  const res = await fetch(`${api.url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-duban-csrf": "1" },
    body: JSON.stringify({ json: { email, password: PASSWORD } }),
  });
  return res.headers.getSetCookie()[0]!.split(";")[0]!;
}

function upload(
  api: Api,
  entryId: string,
  cookie: string,
  fileName: string,
  bytes: Uint8Array,
  csrf = true,
) {
  const form = new FormData();
  form.append("file", new Blob([Buffer.from(bytes)]), fileName);
  return fetch(`${api.url}/api/ledger/${entryId}/evidence`, {
    method: "POST",
    headers: { cookie, ...(csrf ? { "x-duban-csrf": "1" } : {}) },
    body: form,
  });
}

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

describe("evidence files and sessions", () => {
  test("evidence: checked by content and size, only by the reporting unit, served as a download, carried into amendments", async ({
    api,
    world,
    database,
  }) => {
    const lead = await loginAs(api, "lead@a.test", PASSWORD);
    const entry = await lead.ledger.submit.mutate({
      taskId: world.t1,
      cycleId: world.cycleId,
      progressText: "推进中",
      percentComplete: 20,
      status: "IN_PROGRESS",
    });
    const leadCookie = await cookieOf(api, "lead@a.test");
    const ok = await upload(api, entry.id, leadCookie, "验收报告.pdf", PDF);
    expect(ok.status).toBe(201);
    const file = (await ok.json()) as { id: string; mimeType: string; fileName: string };
    expect(file).toMatchObject({ mimeType: "application/pdf", fileName: "验收报告.pdf" });

    const exeAsPdf = await upload(
      api,
      entry.id,
      leadCookie,
      "report.pdf",
      new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0]),
    );
    expect(exeAsPdf.status).toBe(400);
    expect(((await exeAsPdf.json()) as { error: { message: string } }).error.message).toContain(
      "不符",
    );
    expect(
      (
        await upload(
          api,
          entry.id,
          leadCookie,
          "page.html",
          new TextEncoder().encode("<script>alert(1)</script>"),
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await upload(
          api,
          entry.id,
          leadCookie,
          "big.pdf",
          new Uint8Array(21 * 1024 * 1024).fill(0x25),
        )
      ).status,
    ).toBe(400);
    expect((await upload(api, entry.id, leadCookie, "x.pdf", PDF, false)).status).toBe(403);
    // the supporting unit cannot even see the lead unit's report; the office can see it but not attach
    expect(
      (await upload(api, entry.id, await cookieOf(api, "support@a.test"), "x.pdf", PDF)).status,
    ).toBe(404);
    expect(
      (await upload(api, entry.id, await cookieOf(api, "office@a.test"), "x.pdf", PDF)).status,
    ).toBe(403);
    expect(
      (await upload(api, entry.id, await cookieOf(api, "office@b.test"), "x.pdf", PDF)).status,
    ).toBe(404);

    const download = await fetch(`${api.url}/api/evidence/${file.id}`, {
      headers: { cookie: await cookieOf(api, "office@a.test") },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(download.headers.get("content-security-policy")).toBe("sandbox");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);
    expect(
      (
        await fetch(`${api.url}/api/evidence/${file.id}`, {
          headers: { cookie: await cookieOf(api, "office@b.test") },
        })
      ).status,
    ).toBe(404);
    expect((await fetch(`${api.url}/api/evidence/${file.id}`)).status).toBe(401);

    const amended = await lead.ledger.amend.mutate({
      entryId: entry.id,
      version: entry.version,
      progressText: "推进中，已补充",
      percentComplete: 30,
      status: "IN_PROGRESS",
      problems: "",
      nextSteps: "",
    });
    const history = await lead.ledger.history.query({ taskId: world.t1 });
    expect(history.find((h) => h.id === amended.id)!.evidence.map((e) => e.fileName)).toEqual([
      "验收报告.pdf",
    ]);
    expect(await database.db.auditEvent.count({ where: { action: "evidence.add" } })).toBe(1);
  });

  test("sessions rotate on login: the old token of this browser ends; logout ends the new one", async ({
    api,
    database,
  }) => {
    const client = connect(api);
    await client.auth.login.mutate({ email: "leader@a.test", password: PASSWORD });
    const before = await database.db.session.findMany({
      where: { user: { email: "leader@a.test" }, revokedAt: null },
    });
    await client.auth.login.mutate({ email: "leader@a.test", password: PASSWORD });
    const after = await database.db.session.findMany({
      where: { user: { email: "leader@a.test" }, revokedAt: null },
    });
    expect(after).toHaveLength(before.length);
    expect(after.map((s) => s.id)).not.toContain(before.at(-1)!.id);
    await client.auth.logout.mutate();
    expect(
      await database.db.session.count({
        where: { user: { email: "leader@a.test" }, revokedAt: null },
      }),
    ).toBe(before.length - 1);
    expect(await outcome(() => client.plan.list.query({}))).toBe("UNAUTHORIZED");
  });
});
