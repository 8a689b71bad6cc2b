import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { Redis } from "ioredis";
import { afterAll, describe, expect } from "vitest";

import { createDb } from "@duban/db";
import { hashPassword } from "@duban/domain";
import { freePort, hasRedisServer } from "@duban/local-services";
import { createLogger } from "@duban/logger";
import { test } from "@duban/test-utils";

import { buildServer, type ServerDeps } from "../src/server.ts";

const PASSWORD = "fault-owner-password";
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

async function serve(deps: Pick<ServerDeps, "db" | "redis">): Promise<string> {
  const app = await buildServer({
    ...deps,
    log: createLogger("login-faults", { level: "silent" }),
    baseUrl: "http://localhost",
    evidenceDir: await mkdtemp(path.join(tmpdir(), "duban-lf-")),
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  cleanups.push(() => app.close());
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}

const login = (base: string, email: string, password: string) =>
  fetch(`${base}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-duban-csrf": "1" },
    body: JSON.stringify({ json: { email, password } }),
    // a hanging answer fails the test quickly instead of running into the test timeout
    signal: AbortSignal.timeout(8000),
  });

describe("logins when a service fails", () => {
  test("Redis hangs (SIGSTOP): logins answer 503 within 2 s, work again after SIGCONT, and the attempts meanwhile do not count", async ({
    database,
  }) => {
    expect(hasRedisServer()).toBe(true);
    const email = "hang@fault.test";
    await database.db.user.create({
      data: { email, name: "hang", passwordHash: await hashPassword(PASSWORD) },
    });
    const port = await freePort();
    const server = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: "ignore" },
    );
    cleanups.push(async () => {
      server.kill("SIGCONT");
      server.kill("SIGKILL");
    });
    // as the api's main.ts connects
    const redis = new Redis(`redis://127.0.0.1:${port}`, {
      maxRetriesPerRequest: 2,
      enableOfflineQueue: false,
      retryStrategy: () => 100,
    });
    redis.on("error", () => {});
    cleanups.push(async () => redis.disconnect());
    await new Promise((r) => redis.once("ready", r));
    const base = await serve({ db: database.db, redis });
    expect((await login(base, email, PASSWORD)).status).toBe(200);

    server.kill("SIGSTOP");
    const t0 = Date.now();
    const during = await login(base, email, PASSWORD);
    const elapsed = Date.now() - t0;
    expect(during.status).toBe(503);
    expect(
      ((await during.json()) as { error: { json: { message: string } } }).error.json.message,
    ).toContain("暂时不可用");
    // the limiter gives Redis 1 s; the rest is slack for a loaded machine
    expect(elapsed).toBeLessThan(2500);
    // six wrong passwords while Redis sleeps: their counting commands wait in the connection
    const meanwhile = await Promise.all(
      Array.from({ length: 6 }, (_, i) => login(base, email, `wrong-${i}`)),
    );
    expect(meanwhile.map((r) => r.status)).toEqual(Array(6).fill(503));

    server.kill("SIGCONT");
    // one connection, in order: when this answers, the waiting commands and their take-backs have run
    await redis.ping();
    // none of the six counted: the next wrong passwords are the streak's first (no waits), then the owner gets in
    for (let i = 0; i < 4; i++) expect((await login(base, email, `after-${i}`)).status).toBe(401);
    expect((await login(base, email, PASSWORD)).status).toBe(200);
  });

  test("a database outage (503) does not count toward the login limits; invalid input does not either", async ({
    database,
    redis: redisFixture,
  }) => {
    const email = "outage@fault.test";
    await database.db.user.create({
      data: { email, name: "outage", passwordHash: await hashPassword(PASSWORD) },
    });
    // two api processes on one Redis key space: one whose database is unreachable, one whose is fine
    const redis = new Redis(redisFixture.url, {
      keyPrefix: `${redisFixture.prefix}:outage:`,
      maxRetriesPerRequest: 2,
    });
    cleanups.push(async () => redis.disconnect());
    const deadDb = createDb({
      connectionString: `postgresql://postgres@127.0.0.1:${await freePort()}/none`,
      max: 2,
    });
    cleanups.push(() => deadDb.$disconnect());
    const down = await serve({ db: deadDb, redis });
    const up = await serve({ db: database.db, redis });

    for (let i = 0; i < 8; i++) expect((await login(down, email, `attempt-${i}`)).status).toBe(503);
    for (let i = 0; i < 40; i++)
      expect((await login(up, `not an email ${i}`, "x")).status).toBe(400);
    // neither the outage nor the invalid requests used up the account's five free attempts or the address's thirty
    expect((await login(up, email, PASSWORD)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await login(up, email, `wrong-${i}`)).status).toBe(401);
  });
});
