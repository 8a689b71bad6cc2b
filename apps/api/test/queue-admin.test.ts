import { Redis } from "ioredis";
import { afterAll, describe, expect } from "vitest";

import { createSystemAdmin, systemActor } from "@duban/domain";
import { registerSchedulers, schedulerId, WORKER_HEARTBEAT_KEY, type JobName } from "@duban/jobs";
import { test } from "@duban/test-utils";

import { checkQueues } from "../src/queue-health.ts";
import { loginAs } from "./harness.ts";
import { cookieOf, tenancyWorldOnce } from "./tenancy-world.ts";

const once = tenancyWorldOnce();
afterAll(() => once.close());
const ADMIN_PASSWORD = "operator-only-password";

type Health = {
  status: string;
  queues: { ok: boolean; problems: Array<{ queue: string; problem: string }> };
};

describe("the queue dashboard is the system administrator's, and /healthz tells a paused or stuck queue", () => {
  test("offices, leaders and the anonymous get no dashboard and cannot pause the sending queue; the system administrator can", async ({
    database,
    redis,
  }) => {
    const t = await once.get(database, redis);
    await createSystemAdmin(
      { db: t.db, actor: systemActor("test-setup") },
      {
        email: "ops@duban.test",
        name: "运维",
        password: ADMIN_PASSWORD,
      },
    );
    const sending = t.api.queues!["send-notifications"];
    const board = (path: string, cookie?: string, method = "GET") =>
      fetch(`${t.api.url}/admin/queues${path}`, { method, headers: cookie ? { cookie } : {} });

    expect((await board("")).status).toBe(401);
    for (const email of ["office@a.test", "office@city.test", "leader@a.test"]) {
      const cookie = await cookieOf(t.api, email);
      expect((await board("", cookie)).status, email).toBe(403);
      expect((await board("/api/queues", cookie)).status, email).toBe(403);
      expect(
        (await board("/api/queues/send-notifications/pause", cookie, "PUT")).status,
        email,
      ).toBe(403);
    }
    expect(await sending.isPaused()).toBe(false);

    const admin = await cookieOf(t.api, "ops@duban.test", ADMIN_PASSWORD);
    expect((await board("", admin)).status).toBe(200);
    const queues = (await (await board("/api/queues", admin)).json()) as {
      queues: Array<{ name: string }>;
    };
    expect(queues.queues.map((q) => q.name)).toContain("send-notifications");
    expect((await board("/api/queues/send-notifications/pause", admin, "PUT")).status).toBe(200);
    expect(await sending.isPaused()).toBe(true);
    expect((await board("/api/queues/send-notifications/resume", admin, "PUT")).status).toBe(200);
    expect(await sending.isPaused()).toBe(false);

    // the menu knows: the session says who is the system administrator, and that is no jurisdiction role
    const me = await (await loginAs(t.api, "ops@duban.test", ADMIN_PASSWORD)).auth.me.query();
    expect(me).toMatchObject({ systemAdmin: true, memberships: [] });
    expect(
      await (await loginAs(t.api, "office@a.test", "correct-horse-battery")).auth.me.query(),
    ).toMatchObject({ systemAdmin: false });
  });

  test("/healthz: a paused queue or a job waiting with nothing active is degraded (503), naming the queue", async ({
    database,
    redis,
  }) => {
    const t = await once.get(database, redis);
    const beat = new Redis(redis.url, { keyPrefix: `${redis.prefix}:` });
    const health = async () => {
      // a live worker's heartbeat, so that only the queues decide
      await beat.set(
        WORKER_HEARTBEAT_KEY,
        JSON.stringify({ at: new Date().toISOString(), pid: 1, queues: [] }),
        "EX",
        30,
      );
      const res = await fetch(`${t.api.url}/healthz`);
      return { code: res.status, body: (await res.json()) as Health };
    };
    try {
      const queues = t.api.queues!;
      // earlier runs may have queued follow-ups nobody works here; start from empty queues
      for (const q of Object.values(queues)) await q.obliterate({ force: true });
      expect(await health()).toMatchObject({
        code: 200,
        body: { status: "ok", queues: { ok: true, problems: [] } },
      });

      await queues["send-notifications"].pause();
      expect(await health()).toMatchObject({
        code: 503,
        body: {
          status: "degraded",
          queues: { ok: false, problems: [{ queue: "send-notifications", problem: "paused" }] },
        },
      });
      await queues["send-notifications"].resume();

      // a job that has waited an hour, nothing active: nobody works the queue
      const job = await queues["overdue-scan"].add(
        "overdue-scan",
        { trigger: "test" },
        { timestamp: Date.now() - 3600_000 },
      );
      const behind = await queues["overdue-scan"].add("overdue-scan", { trigger: "test" });
      expect(await health()).toMatchObject({
        code: 503,
        body: {
          status: "degraded",
          queues: { problems: [{ queue: "overdue-scan", problem: "stuck" }] },
        },
      });
      await job.remove();
      await behind.remove();
      // a fresh one is just waiting its turn
      const fresh = await queues["overdue-scan"].add("overdue-scan", { trigger: "test" });
      expect(await health()).toMatchObject({ code: 200, body: { status: "ok" } });
      await fresh.remove();
    } finally {
      beat.disconnect();
    }
  });

  test("a scheduler whose run is far overdue, with nothing active, is reported by name", async ({
    database,
    redis,
  }) => {
    const t = await once.get(database, redis);
    const queues = t.api.queues!;
    await registerSchedulers(queues);
    try {
      const options = { schedulerId: (name: string) => schedulerId(name as JobName) };
      expect(await checkQueues(Object.values(queues), options)).toMatchObject({
        ok: true,
        problems: [],
      });
      // two hours on, nobody having taken the sender's every-minute run
      const later = await checkQueues(Object.values(queues), {
        ...options,
        now: Date.now() + 2 * 3600_000,
      });
      expect(later.ok).toBe(false);
      expect(later.problems).toContainEqual(
        expect.objectContaining({ queue: "send-notifications", problem: "scheduler-overdue" }),
      );
    } finally {
      for (const q of Object.values(queues)) await q.obliterate({ force: true });
    }
  });
});
