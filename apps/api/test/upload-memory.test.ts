// The attack against the api as production runs it (the built dist/main.js in its own
// process): bombs from six users at once, then a burst of three each, while the api's resident
// memory is sampled. Before the upload limits one such workbook grew the api by ~750 MB and six
// killed it; now each is refused before a parser sees it, and the api answers afterwards.
import { spawn } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { beforeAll, expect, onTestFinished } from "vitest";

import { bundleApp } from "@duban/build";
import { serverEnv, serverNodeArgs } from "@duban/build/server";
import { hashPassword } from "@duban/domain";
import { freePort } from "@duban/local-services";
import { test } from "@duban/test-utils";
import { bombs } from "@duban/test-utils/bombs";

import { buildWorld, PASSWORD } from "./world.ts";

const apiDir = path.resolve(import.meta.dirname, "..");
const MB = 1024 * 1024;

beforeAll(() => bundleApp({ appDir: apiDir }), 60_000);

/** VmRSS or VmHWM of a process, in bytes */
async function memoryOf(pid: number, field: "VmRSS" | "VmHWM"): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)![1]) * 1024;
}

test("six users' bombs at once, then three each: every one refused, the api's RSS stays bounded and it answers afterwards", async ({
  database,
  redis,
}) => {
  const world = await buildWorld(database.db);
  const hash = await hashPassword(PASSWORD);
  for (const email of ["extra1@a.test", "extra2@a.test"]) {
    const user = await database.db.user.create({
      data: { email, name: email, passwordHash: hash },
    });
    await database.db.membership.create({
      data: {
        userId: user.id,
        jurisdictionId: world.a.id,
        role: "DEPARTMENT",
        departmentId: world.d1.id,
      },
    });
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, serverNodeArgs("api"), {
    cwd: apiDir,
    env: serverEnv({
      ...process.env,
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      PORT: String(port),
      APP_BASE_URL: base,
      LOG_LEVEL: "warn",
      QUEUE_PREFIX: `${redis.prefix}-q`,
      EVIDENCE_DIR: await mkdtemp(path.join(tmpdir(), "duban-bomb-ev-")),
    }),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  onTestFinished(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  await expect
    .poll(async () => (await fetch(`${base}/readyz`).catch(() => null))?.status ?? 0, {
      timeout: 30_000,
      interval: 200,
    })
    .toBe(200);

  const post = (procedure: string, cookie: string, json: unknown) =>
    fetch(`${base}/trpc/${procedure}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-duban-csrf": "1", cookie },
      body: JSON.stringify({ json }),
    });
  const cookies: Record<string, string> = {};
  for (const email of [
    "lead@a.test",
    "support@a.test",
    "other@a.test",
    "office@a.test",
    "extra1@a.test",
    "extra2@a.test",
  ]) {
    cookies[email] = (await post("auth.login", "", { email, password: PASSWORD })).headers
      .getSetCookie()[0]!
      .split(";")[0]!;
  }
  const entry = (await (
    await post("ledger.submit", cookies["lead@a.test"]!, {
      taskId: world.t1,
      cycleId: world.cycleId,
      progressText: "推进中",
      percentComplete: 10,
      status: "IN_PROGRESS",
    })
  ).json()) as { result: { data: { json: { id: string } } } };
  const entryId = entry.result.data.json.id;

  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
  const files = {
    sharedStrings: b64(bombs.xlsxSharedStrings(1)),
    lying: b64(bombs.xlsxLyingHeader(1)),
    cells: b64(bombs.xlsxCells(2)),
    entries: b64(bombs.xlsxManyEntries(100_000)),
    docx: bombs.docx(1),
  };
  const evidence = (cookie: string) => {
    const form = new FormData();
    form.append("file", new Blob([Buffer.from(files.docx)]), "证明材料.docx");
    return fetch(`${base}/api/ledger/${entryId}/evidence`, {
      method: "POST",
      headers: { cookie, "x-duban-csrf": "1" },
      body: form,
    });
  };
  const sends: Record<string, () => Promise<Response>> = {
    "lead@a.test": () =>
      post("ledger.importWorkbook", cookies["lead@a.test"]!, {
        planId: world.planId,
        contentBase64: files.sharedStrings,
      }),
    "support@a.test": () =>
      post("ledger.importWorkbook", cookies["support@a.test"]!, {
        planId: world.planId,
        contentBase64: files.lying,
      }),
    "other@a.test": () =>
      post("ledger.importWorkbook", cookies["other@a.test"]!, {
        planId: world.planId,
        contentBase64: files.cells,
      }),
    "extra1@a.test": () =>
      post("ledger.importWorkbook", cookies["extra1@a.test"]!, {
        planId: world.planId,
        contentBase64: files.entries,
      }),
    "office@a.test": () =>
      post("plan.preview", cookies["office@a.test"]!, {
        jurisdictionId: world.a.id,
        fileName: "规划.docx",
        contentBase64: b64(files.docx),
      }),
    "extra2@a.test": () => evidence(cookies["extra2@a.test"]!),
  };

  await fetch(`${base}/readyz`);
  const baseline = await memoryOf(child.pid!, "VmRSS");
  let peak = baseline;
  const sampler = setInterval(
    () =>
      void memoryOf(child.pid!, "VmRSS").then(
        (rss) => {
          peak = Math.max(peak, rss);
        },
        () => undefined,
      ),
    20,
  );
  const answers: Array<{ status: number; body: string }> = [];
  const round = (each: number) =>
    Promise.all(
      Object.values(sends).flatMap((send) =>
        Array.from({ length: each }, async () => {
          const res = await send();
          answers.push({ status: res.status, body: await res.text() });
        }),
      ),
    );
  let peakOfSix: number;
  try {
    await round(1);
    peakOfSix = peak;
    await round(3);
  } finally {
    clearInterval(sampler);
  }
  const highWater = await memoryOf(child.pid!, "VmHWM");
  console.log(
    `upload bombs: api RSS ${Math.round(baseline / MB)} MB before, peak ${Math.round(peakOfSix / MB)} MB under 6 at once, ${Math.round(peak / MB)} MB after 18 more (VmHWM ${Math.round(highWater / MB)} MB)`,
  );

  expect(answers).toHaveLength(24);
  // every one refused: a limit (400) or busy (429); never parsed, never a 500
  for (const answer of answers) {
    expect([400, 429], answer.body).toContain(answer.status);
    expect(answer.body).toMatch(/超过|不符|繁忙|正在处理/);
  }
  expect(answers.filter((a) => a.status === 400).length).toBeGreaterThanOrEqual(6);
  // generous: the guard streams and never holds a bomb inflated (before: ~750 MB per bomb). What
  // grows is mostly the 24 request bodies themselves (JSON text, then the decoded bytes)
  expect(peak - baseline, stderr).toBeLessThan(400 * MB);
  // still up, still answering a real request; nothing was stored
  expect((await fetch(`${base}/readyz`)).status).toBe(200);
  const list = await fetch(
    `${base}/trpc/plan.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`,
    { headers: { cookie: cookies["office@a.test"]! } },
  );
  expect(list.status).toBe(200);
  expect(await database.db.evidenceFile.count()).toBe(0);
  expect(await database.db.ledgerEntry.count()).toBe(1);
  expect(child.exitCode).toBeNull();
}, 180_000);
