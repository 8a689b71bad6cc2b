import { spawn } from "node:child_process";
import { chmod, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect } from "vitest";

import { bundleApp } from "@duban/build";
import { serverEnv, serverNodeArgs } from "@duban/build/server";
import { applyMigrations, createDb } from "@duban/db";
import { hashPassword } from "@duban/domain";
import {
  freePort,
  startEmbeddedPostgres,
  startRedisServer,
  type EmbeddedPostgresHandle,
} from "@duban/local-services";
import { createLogger } from "@duban/logger";
import { test } from "@duban/test-utils";

import { buildServer } from "../src/server.ts";
import { XIFENG_TITLE, xifengBytes } from "./world.ts";

const apiDir = path.resolve(import.meta.dirname, "..");

async function privatePostgres(
  port?: number,
  dir?: string,
): Promise<{ pg: EmbeddedPostgresHandle; dir: string }> {
  const base = dir ?? (await mkdtemp(path.join(tmpdir(), "duban-fault-pg-")));
  await chmod(base, 0o755);
  return { pg: await startEmbeddedPostgres(path.join(base, "pg"), () => {}, { port }), dir: base };
}

async function seedOffice(url: string) {
  const db = createDb({ connectionString: url, max: 2 });
  // idempotent: the tests of this file share one database
  const j = await db.jurisdiction.upsert({
    where: { name: "故障县" },
    create: { name: "故障县", kind: "COUNTY" },
    update: {},
  });
  await db.department.upsert({
    where: { jurisdictionId_name: { jurisdictionId: j.id, name: "科学技术局" } },
    create: { jurisdictionId: j.id, name: "科学技术局", shortName: "科技局" },
    update: {},
  });
  const u = await db.user.upsert({
    where: { email: "office@fault.test" },
    create: {
      email: "office@fault.test",
      name: "办公室",
      passwordHash: await hashPassword("fault-password"),
    },
    update: {},
  });
  await db.membership.upsert({
    where: { userId_jurisdictionId_role: { userId: u.id, jurisdictionId: j.id, role: "OFFICE" } },
    create: { userId: u.id, jurisdictionId: j.id, role: "OFFICE" },
    update: {},
  });
  await db.$disconnect();
  return j.id;
}

async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-duban-csrf": "1" },
    body: JSON.stringify({ json: { email: "office@fault.test", password: "fault-password" } }),
  });
  return res.headers.getSetCookie()[0]!.split(";")[0]!;
}

describe("faults: nothing lost, nothing half-written", () => {
  beforeAll(() => bundleApp({ appDir: apiDir }), 60_000);
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });

  test("PostgreSQL restarted mid-run: requests fail with a clear 503, nothing half-written, service resumes by itself", async ({
    redis: redisFixture,
  }) => {
    const port = await freePort();
    const started = await privatePostgres(port);
    const dir = started.dir;
    let pg = started.pg;
    const url = pg.url("duban");
    await applyMigrations(url);
    const jurisdictionId = await seedOffice(url);
    const db = createDb({ connectionString: url, max: 4 });
    const redis = new Redis(redisFixture.url, { keyPrefix: `${redisFixture.prefix}:pg:` });
    const app = await buildServer({
      db,
      redis,
      log: createLogger("fault", { level: "silent" }),
      baseUrl: "http://localhost",
      evidenceDir: dir,
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    cleanups.push(async () => {
      await app.close();
      await db.$disconnect();
      redis.disconnect();
      await pg.stop();
    });
    const cookie = await login(base);
    const list = () =>
      fetch(`${base}/trpc/plan.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, {
        headers: { cookie },
      });
    expect((await list()).status).toBe(200);

    await pg.stop();
    const down = await list();
    expect(down.status).toBe(503);
    expect(
      ((await down.json()) as { error: { json: { message: string } } }).error.json.message,
    ).toContain("数据库暂时不可用");
    const importDuringOutage = await fetch(`${base}/trpc/plan.import`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-duban-csrf": "1", cookie },
      body: JSON.stringify({
        json: {
          jurisdictionId,
          fileName: "xifeng.txt",
          contentBase64: Buffer.from(await xifengBytes()).toString("base64"),
          title: XIFENG_TITLE,
        },
      }),
    });
    expect(importDuringOutage.status).toBe(503);
    expect((await fetch(`${base}/readyz`)).status).toBe(503);

    ({ pg } = await privatePostgres(port, dir));
    // the pool reconnects on its own: no restart of the api
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await list()).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
    // the import that failed left nothing behind
    expect(await db.plan.count()).toBe(0);
    expect(await db.planNode.count()).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "plan.import" } })).toBe(0);
  }, 120_000);

  test("Redis restarted under the api: logins answer 503 meanwhile, then work again without a restart", async ({
    database,
  }) => {
    await seedOffice(database.url);
    const dir = await mkdtemp(path.join(tmpdir(), "duban-fault-redis-"));
    const port = await freePort();
    let server = await startRedisServer(dir, { port, persistent: false });
    const redis = new Redis(server.url, {
      maxRetriesPerRequest: 2,
      enableOfflineQueue: false,
      retryStrategy: () => 100,
    });
    redis.on("error", () => {});
    await new Promise((r) => redis.once("ready", r));
    const app = await buildServer({
      db: database.db,
      redis,
      log: createLogger("fault", { level: "silent" }),
      baseUrl: "http://localhost",
      evidenceDir: dir,
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    cleanups.push(async () => {
      await app.close();
      redis.disconnect();
      await server.stop();
    });
    const attempt = () =>
      fetch(`${base}/trpc/auth.login`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-duban-csrf": "1" },
        body: JSON.stringify({ json: { email: "office@fault.test", password: "fault-password" } }),
      });
    expect((await attempt()).status).toBe(200);
    await server.stop();
    await new Promise((r) => setTimeout(r, 300));
    const during = await attempt();
    expect(during.status).toBe(503);
    expect(
      ((await during.json()) as { error: { json: { message: string } } }).error.json.message,
    ).toContain("暂时不可用");
    server = await startRedisServer(dir, { port, persistent: false });
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await attempt()).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
  }, 60_000);

  test("api SIGTERM under load: in-flight requests finish, no partial writes, exit 0", async ({
    database,
    redis,
  }) => {
    const jurisdictionId = await seedOffice(database.url);
    const port = await freePort();
    // the api as production runs it: dist/main.js, built from the sources under test
    const child = spawn(process.execPath, serverNodeArgs("api"), {
      cwd: apiDir,
      env: serverEnv({
        ...process.env,
        DATABASE_URL: database.url,
        REDIS_URL: redis.url,
        PORT: String(port),
        APP_BASE_URL: `http://127.0.0.1:${port}`,
        LOG_LEVEL: "warn",
        QUEUE_PREFIX: `${redis.prefix}-q`,
        EVIDENCE_DIR: await mkdtemp(path.join(tmpdir(), "duban-ev-")),
      }),
      stdio: ["ignore", "ignore", "ignore"],
    });
    cleanups.push(async () => child.kill("SIGKILL"));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      if (
        await fetch(`${base}/readyz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const cookie = await login(base);
    const bytes = await xifengBytes();
    // 4 imports of 4 different documents: each is a large transaction (hundreds of rows)
    const inflight = Array.from({ length: 4 }, (_, i) => {
      const doc = Buffer.concat([Buffer.from(bytes), Buffer.from(`\n附件${i}\n`)]).toString(
        "base64",
      );
      return fetch(`${base}/trpc/plan.import`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-duban-csrf": "1", cookie },
        body: JSON.stringify({
          json: {
            jurisdictionId,
            fileName: `xifeng-${i}.txt`,
            contentBase64: doc,
            title: XIFENG_TITLE,
          },
        }),
      }).then(
        async (r) => ({ status: r.status, body: await r.text() }),
        (e: Error) => ({ status: 0, body: e.message }),
      );
    });
    await new Promise((r) => setTimeout(r, 150));
    const exited = new Promise<number | null>((resolve) =>
      child.once("exit", (code) => resolve(code)),
    );
    child.kill("SIGTERM");
    const t0 = Date.now();
    const results = await Promise.all(inflight);
    expect(await exited).toBe(0);
    // finished requests do not hold the process open through keep-alive
    expect(Date.now() - t0).toBeLessThan(20_000);
    const ok = results.filter((r) => r.status === 200).length;
    // requests that had arrived finished; any that came after the close were refused at the door, never half-done
    expect(results.every((r) => r.status === 200 || r.status === 0 || r.status === 503)).toBe(true);
    expect(ok).toBeGreaterThan(0);
    const plans = await database.db.plan.findMany({
      include: { _count: { select: { nodes: true, phases: true } } },
    });
    expect(plans).toHaveLength(ok);
    const nodeCounts = new Set(plans.map((p) => p._count.nodes));
    expect(nodeCounts.size).toBe(1);
    expect(plans.every((p) => p._count.phases === 4)).toBe(true);
    expect(await database.db.auditEvent.count({ where: { action: "plan.import" } })).toBe(ok);
  }, 120_000);
});
