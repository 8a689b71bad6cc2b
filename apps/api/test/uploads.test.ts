// Uploads over HTTP: generated bombs sent to every route that opens a file (ledger.importWorkbook,
// plan.preview/import, evidence) are refused with the limit's message and leave nothing behind; the
// permission check comes before the file is even decoded; one user gets one heavy parse at a time;
// real files (the seed plans as Word and PDF, the exported ledger template) still pass.
import { randomUUID } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";

import ExcelJS from "exceljs";
import { describe, expect } from "vitest";

import { inspectUpload } from "@duban/domain";
import type { DatabaseFixture } from "@duban/test-utils";
import { bombs, docxEntries, pdfBomb, pdfPages, zipFile } from "@duban/test-utils/bombs";

import { chinesePdfPages } from "../../../packages/plan-parser/test/helpers/pdf.ts";
import { loginAs, refused, type Api, type Client } from "./harness.ts";
import { test } from "./served-world.ts";
import { PASSWORD, XIFENG_TITLE } from "./world.ts";

const seeds = path.resolve(import.meta.dirname, "../../../seeds");
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
/** a plan text as a .docx: one paragraph per line, as Word saves a plain document */
const asDocx = (text: string) =>
  zipFile(
    docxEntries(
      text
        .split("\n")
        .map((l) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(l)}</w:t></w:r></w:p>`),
    ),
  );

async function cookieOf(api: Api, email: string) {
  const res = await fetch(`${api.url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-duban-csrf": "1" },
    body: JSON.stringify({ json: { email, password: PASSWORD } }),
  });
  return res.headers.getSetCookie()[0]!.split(";")[0]!;
}

function uploadEvidence(
  api: Api,
  entryId: string,
  cookie: string,
  fileName: string,
  bytes: Uint8Array,
) {
  const form = new FormData();
  form.append("file", new Blob([Buffer.from(bytes)]), fileName);
  return fetch(`${api.url}/api/ledger/${entryId}/evidence`, {
    method: "POST",
    headers: { cookie, "x-duban-csrf": "1" },
    body: form,
  });
}

const stored = async (db: DatabaseFixture["db"]) => ({
  entries: await db.ledgerEntry.count(),
  plans: await db.plan.count(),
  evidence: await db.evidenceFile.count(),
  audit: await db.auditEvent.count(),
});

describe("uploads: limits before parsing", () => {
  test("ledger.importWorkbook refuses every workbook bomb with the limit it hit, and stores nothing", async ({
    api,
    world,
    database,
  }) => {
    const lead = await loginAs(api, "lead@a.test", PASSWORD);
    const before = await stored(database.db);
    const cases: Array<[string, Uint8Array, string]> = [
      ["sharedStrings inflating to 1 GB", bombs.xlsxSharedStrings(1), "文件解压后超过 64 MB"],
      ["headers claiming 3 GB", bombs.xlsxClaimsHuge(3), "文件解压后超过 64 MB"],
      ["a header that lies small", bombs.xlsxLyingHeader(1), "实际大小与声明不符"],
      ["100,000 entries", bombs.xlsxManyEntries(100_000), "压缩包内的文件超过 1,000 个"],
      ["2 million cells", bombs.xlsxCells(2), "XML 元素超过 100 万 个"],
      ["XML nested 100,000 deep", bombs.xlsxDeepXml(100_000), "XML 嵌套超过 64 层"],
    ];
    for (const [name, file, message] of cases) {
      const refusal = await refused(() =>
        lead.ledger.importWorkbook.mutate({ planId: world.planId, contentBase64: b64(file) }),
      );
      expect(refusal, name).toEqual({
        code: "BAD_REQUEST",
        message: expect.stringContaining(message),
      });
    }
    expect(await stored(database.db)).toEqual(before);
  });

  test("permission first: another county's or a reader's bomb is refused as NOT_FOUND / FORBIDDEN, never opened", async ({
    api,
    world,
    database,
  }) => {
    const bomb = b64(bombs.xlsxSharedStrings(1));
    // signed in first (a login writes an audit event); the entry evidence would go to
    const clients = {
      officeB: await loginAs(api, "office@b.test", PASSWORD),
      staffB: await loginAs(api, "staff@b.test", PASSWORD),
      leader: await loginAs(api, "leader@a.test", PASSWORD),
      lead: await loginAs(api, "lead@a.test", PASSWORD),
    };
    const officeBCookie = await cookieOf(api, "office@b.test");
    const entry = await clients.lead.ledger.submit.mutate({
      taskId: world.t1,
      cycleId: world.cycleId,
      progressText: "推进中",
      percentComplete: 10,
      status: "IN_PROGRESS",
    });
    const before = await stored(database.db);
    // the bomb would be INVALID if it were opened: NOT_FOUND / FORBIDDEN show it was not
    for (const [who, client] of [
      ["office@b.test", clients.officeB],
      ["staff@b.test", clients.staffB],
    ] as const) {
      expect(
        (
          await refused(() =>
            client.ledger.importWorkbook.mutate({ planId: world.planId, contentBase64: bomb }),
          )
        ).code,
        who,
      ).toBe("NOT_FOUND");
      expect(
        (
          await refused(() =>
            client.plan.preview.mutate({
              jurisdictionId: world.a.id,
              fileName: "x.docx",
              contentBase64: bomb,
            }),
          )
        ).code,
        who,
      ).toBe("NOT_FOUND");
      expect(
        (
          await refused(() =>
            client.plan.import.mutate({
              jurisdictionId: world.a.id,
              fileName: "x.docx",
              contentBase64: bomb,
            }),
          )
        ).code,
        who,
      ).toBe("NOT_FOUND");
    }
    expect(
      (
        await refused(() =>
          clients.leader.ledger.importWorkbook.mutate({
            planId: world.planId,
            contentBase64: bomb,
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(
      (
        await refused(() =>
          clients.leader.plan.preview.mutate({
            jurisdictionId: world.a.id,
            fileName: "x.docx",
            contentBase64: bomb,
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    // evidence: the entry is checked before the body is read
    const foreign = await uploadEvidence(api, entry.id, officeBCookie, "bomb.docx", bombs.docx(1));
    expect(foreign.status).toBe(404);
    expect(await stored(database.db)).toEqual(before);
  });

  test("plan.preview and plan.import refuse Word and PDF bombs, and store nothing", async ({
    api,
    world,
    database,
  }) => {
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const before = await stored(database.db);
    const cases: Array<[string, Uint8Array, string]> = [
      ["plan.docx", bombs.docx(1), "文件解压后超过 64 MB"],
      ["plan.docx", bombs.docxDeepXml(100_000), "XML 嵌套超过 128 层"],
      ["plan.pdf", pdfBomb(1), "PDF 解压后超过 256 MB"],
      ["plan.pdf", pdfPages(2_001), "共 2001 页，上限 2000 页"],
    ];
    for (const [fileName, file, message] of cases) {
      for (const call of [office.plan.preview, office.plan.import]) {
        const refusal = await refused(() =>
          call.mutate({ jurisdictionId: world.a.id, fileName, contentBase64: b64(file) }),
        );
        expect(refusal, `${fileName}: ${message}`).toEqual({
          code: "BAD_REQUEST",
          message: expect.stringContaining(message),
        });
      }
    }
    expect(await stored(database.db)).toEqual(before);
  });

  test("evidence: a Word or Excel bomb is refused and neither a row nor a file is kept; a real Word file is", async ({
    api,
    world,
    database,
  }) => {
    const support = await loginAs(api, "support@a.test", PASSWORD);
    const entry = await support.ledger.submit.mutate({
      taskId: world.t1,
      cycleId: world.cycleId,
      progressText: "配合推进",
      percentComplete: 20,
      status: "IN_PROGRESS",
    });
    const cookie = await cookieOf(api, "support@a.test");
    const before = await stored(database.db);
    const filesBefore = await readdir(api.evidenceDir!, { recursive: true });
    for (const [fileName, file, message] of [
      ["证明.docx", bombs.docx(1), "文件解压后超过 200 MB"],
      ["台账.xlsx", bombs.xlsxLyingHeader(1), "实际大小与声明不符"],
      ["台账.xlsx", bombs.xlsxManyEntries(100_000), "压缩包内的文件超过 5,000 个"],
    ] as const) {
      const res = await uploadEvidence(api, entry.id, cookie, fileName, file);
      expect(res.status, message).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
        message,
      );
    }
    expect(await stored(database.db)).toEqual(before);
    expect(await readdir(api.evidenceDir!, { recursive: true })).toEqual(filesBefore);
    const real = await uploadEvidence(
      api,
      entry.id,
      cookie,
      "验收材料.docx",
      asDocx("一、验收意见\n同意通过验收。"),
    );
    expect(real.status).toBe(201);
  });

  test("one heavy parse per user at a time: a second file sent meanwhile is refused as busy, not queued", async ({
    api,
    world,
  }) => {
    const other = await loginAs(api, "other@a.test", PASSWORD);
    // 2 million cells: the guard scans ~20 MB of XML before it refuses, long enough to overlap
    const file = b64(bombs.xlsxCells(2));
    const results = await Promise.all(
      Array.from({ length: 3 }, () =>
        refused(() =>
          other.ledger.importWorkbook.mutate({ planId: world.planId, contentBase64: file }),
        ),
      ),
    );
    const codes = results.map((r) => r.code).sort();
    expect(
      codes.filter((c) => c === "TOO_MANY_REQUESTS").length,
      JSON.stringify(results),
    ).toBeGreaterThanOrEqual(1);
    expect(codes).toContain("BAD_REQUEST");
    expect(results.find((r) => r.code === "TOO_MANY_REQUESTS")!.message).toBe(
      "您已有一个文件正在处理，请等它完成后再上传",
    );
    // the place is free again once the parse ended
    expect(
      (
        await refused(() =>
          other.ledger.importWorkbook.mutate({ planId: world.planId, contentBase64: file }),
        )
      ).code,
    ).toBe("BAD_REQUEST");
  });
});

describe("uploads: real files still pass", () => {
  test("the seed plans as .docx and .pdf preview as their text does, and import", async ({
    api,
    world,
    database,
  }) => {
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const { readFile } = await import("node:fs/promises");
    for (const seed of [
      "xifeng-county-14th-fyp-sti-plan.txt",
      "zunyi-city-14th-fyp-sti-plan.txt",
    ]) {
      const text = await readFile(path.join(seeds, seed), "utf8");
      const asText = await office.plan.preview.mutate({
        jurisdictionId: world.a.id,
        fileName: seed,
        contentBase64: b64(Buffer.from(text)),
      });
      const asWord = await office.plan.preview.mutate({
        jurisdictionId: world.a.id,
        fileName: seed.replace(".txt", ".docx"),
        contentBase64: b64(asDocx(text)),
      });
      expect(
        asWord.nodes.map((n) => n.code),
        seed,
      ).toEqual(asText.nodes.map((n) => n.code));
      const asPdf = await office.plan.preview.mutate({
        jurisdictionId: world.a.id,
        fileName: seed.replace(".txt", ".pdf"),
        contentBase64: b64(chinesePdfPages(text.split("\n").filter((l) => l.trim()))),
      });
      expect(
        asPdf.nodes.map((n) => n.code),
        seed,
      ).toEqual(asText.nodes.map((n) => n.code));
    }
    const xifeng = await readFile(path.join(seeds, "xifeng-county-14th-fyp-sti-plan.txt"), "utf8");
    const imported = await office.plan.import.mutate({
      jurisdictionId: world.a.id,
      fileName: "息烽县规划.docx",
      contentBase64: b64(asDocx(xifeng)),
      title: XIFENG_TITLE,
    });
    expect(imported.created).toBe(true);
    expect(await database.db.planNode.count({ where: { planId: imported.planId } })).toBe(
      await database.db.planNode.count({ where: { planId: world.planId } }),
    );
  });

  test("a province-scale ledger template (5,000 tasks, 50 units, 7,500 rows, long reports) is within the workbook limits", async () => {
    const { buildLedgerWorkbook, parseLedgerWorkbook } = await import("@duban/reports");
    const text = (n: number, seed: number) =>
      Array.from({ length: n }, (_, i) =>
        String.fromCharCode(0x4e00 + ((i * 7919 + seed * 104729) % 20000)),
      ).join("");
    const units = Array.from({ length: 50 }, (_, d) => ({
      id: randomUUID(),
      name: `单位${d}${text(6, d)}`,
      rows: [] as Array<
        Parameters<typeof buildLedgerWorkbook>[0]["departments"][number]["rows"][number]
      >,
    }));
    for (let t = 0; t < 5_000; t++) {
      const involved = [units[t % 50]!, ...(t % 2 === 0 ? [units[(t + 7) % 50]!] : [])];
      for (const [k, u] of involved.entries()) {
        u.rows.push({
          taskId: randomUUID(),
          code: `四.（一）.${t}`,
          chapter: `第${t % 9}章 ${text(12, t)}`,
          title: text(30, t + 1),
          role: k ? "配合" : "牵头",
          lead: involved[0]!.name,
          supporting: involved
            .slice(1)
            .map((x) => x.name)
            .join("、"),
          dueDate: "2025-12-31",
          taskStatus: "推进中",
          progressText: text(600, t + 2),
          percentComplete: t % 100,
          status: "推进中",
          problems: text(200, t + 3),
          nextSteps: text(200, t + 4),
          reviewState: "已通过",
        });
      }
    }
    const template = await buildLedgerWorkbook({
      plan: { id: randomUUID(), title: "省级规划", jurisdiction: "某省" },
      period: "2026Q4",
      departments: units,
    });
    await inspectUpload("ledgerWorkbook", "zip", template);
    expect((await parseLedgerWorkbook(template)).rows).toHaveLength(7_500);
  });

  test("the ledger template the app exports, filled in, imports through the guard", async ({
    api,
    world,
    database,
  }) => {
    const other: Client = await loginAs(api, "other@a.test", PASSWORD);
    const res = await fetch(`${api.url}/api/plans/${world.planId}/ledger.xlsx?period=2025Q4`, {
      headers: { cookie: await cookieOf(api, "other@a.test") },
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("农业农村局")!;
    ws.getCell("J2").value = "已完成部署";
    ws.getCell("K2").value = 40;
    ws.getCell("L2").value = "推进中";
    const result = await other.ledger.importWorkbook.mutate({
      planId: world.planId,
      contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString("base64"),
    });
    expect(result).toEqual({ submitted: 1, amended: 0, unchanged: 0 });
    expect(
      await database.db.ledgerEntry.count({
        where: {
          taskId: world.t2,
          departmentId: world.d3.id,
          isCurrent: true,
          percentComplete: 40,
        },
      }),
    ).toBe(1);
  });
});
