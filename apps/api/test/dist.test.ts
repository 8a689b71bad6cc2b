// The built servers, as `pnpm start`, the Docker image and the benchmark run them: a bundle that
// breaks (a package the app cannot resolve, a path computed from import.meta, a lazy chunk) fails here.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { beforeAll, expect, onTestFinished } from "vitest";

import { bundleApp, staticExternals, type BundleResult } from "@duban/build";
import { serverAppDir, serverEnv, serverNodeArgs, type ServerApp } from "@duban/build/server";
import { hashPassword, importPlan, systemActor } from "@duban/domain";
import { freePort } from "@duban/local-services";
import { test } from "@duban/test-utils";
import { xlsxEntries, zipFile } from "@duban/test-utils/bombs";

import { XIFENG_TITLE, xifengBytes } from "./world.ts";

/** loaded at first use, never at start (packages/reports, packages/mail, packages/plan-parser) */
const LAZY = ["exceljs", "docx", "nodemailer", "mammoth", "unpdf"];

const built = {} as Record<ServerApp, BundleResult>;
beforeAll(async () => {
  built.api = await bundleApp({ appDir: serverAppDir("api") });
  built.worker = await bundleApp({ appDir: serverAppDir("worker") });
}, 60_000);

function startBuilt(app: ServerApp, env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, serverNodeArgs(app), {
    cwd: serverAppDir(app),
    env: serverEnv({ PATH: process.env.PATH, LOG_LEVEL: "warn", ...env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => {
    output += c.toString();
  });
  child.stderr!.on("data", (c: Buffer) => {
    output += c.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  onTestFinished(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  return { child, exited, output: () => output };
}

test("Excel, Word, mail and document parsing are not loaded when the api or the worker starts", () => {
  for (const app of ["api", "worker"] as const) {
    const atStart = staticExternals(built[app]);
    expect(atStart.has("@prisma/client/runtime/client"), app).toBe(true);
    expect(
      LAZY.filter((m) => atStart.has(m)),
      app,
    ).toEqual([]);
  }
});

test("the built api and worker start from dist/: /healthz is 200, a login works, an Excel upload loads its lazy chunk, SIGTERM exits 0", async ({
  database,
  redis,
  smtp,
}) => {
  const j = await database.db.jurisdiction.create({ data: { name: "构建县", kind: "COUNTY" } });
  const unit = await database.db.department.create({
    data: { jurisdictionId: j.id, name: "科学技术局" },
  });
  const u = await database.db.user.create({
    data: {
      email: "staff@dist.test",
      name: "科技局",
      passwordHash: await hashPassword("dist-password"),
    },
  });
  // department staff: they import ledger workbooks (the upload below)
  await database.db.membership.create({
    data: { userId: u.id, jurisdictionId: j.id, role: "DEPARTMENT", departmentId: unit.id },
  });

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const common = {
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    APP_BASE_URL: base,
    QUEUE_PREFIX: `${redis.prefix}-q`,
  };
  const worker = startBuilt("worker", {
    ...common,
    SMTP_URL: smtp.url,
    MAIL_FROM: "duban@dist.test",
  });
  // no WEB_DIST: the default is computed from the source's import.meta.dirname, which the bundle keeps
  const api = startBuilt("api", {
    ...common,
    PORT: String(port),
    EVIDENCE_DIR: await mkdtemp(path.join(tmpdir(), "duban-dist-ev-")),
  });

  // the worker registers its schedulers under our prefix, and beats (the api's /healthz reads the beat)
  await expect
    .poll(async () => (await redis.client.keys(`${redis.prefix}-q:overdue-scan:repeat*`)).length, {
      timeout: 30_000,
      interval: 200,
    })
    .toBeGreaterThan(0);
  await expect
    .poll(async () => (await fetch(`${base}/healthz`).catch(() => null))?.status ?? 0, {
      timeout: 30_000,
      interval: 200,
    })
    .toBe(200);
  const health = (await (await fetch(`${base}/healthz`)).json()) as {
    status: string;
    database: { ok: boolean };
    redis: { ok: boolean };
  };
  expect(health).toMatchObject({ status: "ok", database: { ok: true }, redis: { ok: true } });

  // login: Prisma's query compiler (wasm) and argon2 load from node_modules, as the bundle expects
  const login = await fetch(`${base}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-duban-csrf": "1" },
    body: JSON.stringify({ json: { email: "staff@dist.test", password: "dist-password" } }),
  });
  expect(login.status, api.output()).toBe(200);
  const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;

  // a workbook that is not a ledger template (for a plan the unit may import into, so the
  // upload gets past the permission check and the upload limits): refused with the parser's
  // message, which came from the lazily loaded reports chunk (exceljs)
  const plan = await importPlan(
    { db: database.db, actor: systemActor("dist-test") },
    {
      jurisdictionId: j.id,
      fileName: "xifeng.txt",
      bytes: await xifengBytes(),
      title: XIFENG_TITLE,
    },
  );
  const upload = await fetch(`${base}/trpc/ledger.importWorkbook`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-duban-csrf": "1", cookie },
    body: JSON.stringify({
      json: {
        planId: plan.planId,
        contentBase64: zipFile(
          xlsxEntries([
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>',
          ]),
        ).toString("base64"),
      },
    }),
  });
  expect(upload.status, api.output()).toBe(400);
  expect(
    ((await upload.json()) as { error: { json: { message: string } } }).error.json.message,
  ).toContain("不是督办导出的台账模板");

  api.child.kill("SIGTERM");
  worker.child.kill("SIGTERM");
  expect(await api.exited, api.output()).toBe(0);
  expect(await worker.exited, worker.output()).toBe(0);
}, 120_000);
