import { QueueEvents } from "bullmq";
import { describe, expect } from "vitest";

import { createLogger } from "@duban/logger";
import { createMailer } from "@duban/mail";
import { test } from "@duban/test-utils";

import { JOB_NAMES, schedulerId } from "../src/catalog.ts";
import { jobOverview } from "../src/overview.ts";
import { allQueues, closeQueues } from "../src/queues.ts";
import { createJobRunner } from "../src/runner.ts";
import { nextScheduledRuns, registerSchedulers } from "../src/schedulers.ts";
import { startWorkers } from "../src/workers.ts";
import { addNotifications, addTask, buildWorld } from "./builders.ts";

const log = createLogger("test", { level: "error" });
const office = (w: Awaited<ReturnType<typeof buildWorld>>) => ({
  kind: "user" as const,
  userId: w.office.id,
  email: w.office.email,
  name: "office",
  memberships: [{ jurisdictionId: w.jurisdiction.id, role: "OFFICE" as const, departmentId: null }],
});

describe("schedulers", () => {
  test("upsertJobScheduler under stable ids: registering twice leaves one scheduler per job", async ({
    redis,
  }) => {
    const queues = allQueues({ url: redis.url }, redis.prefix);
    try {
      await registerSchedulers(queues);
      await registerSchedulers(queues);
      for (const name of JOB_NAMES) {
        const expected = name === "quarterly-summary" ? 0 : 1;
        expect(await queues[name].getJobSchedulersCount(), name).toBe(expected);
      }
      const s = await queues["overdue-scan"].getJobScheduler(schedulerId("overdue-scan"));
      expect(s).toMatchObject({ pattern: "0 9 * * *", tz: "Asia/Shanghai" });
      const next = await nextScheduledRuns(queues);
      // the next 09:00 in Shanghai is 01:00 UTC
      expect(next["overdue-scan"]!.getUTCHours()).toBe(1);
      expect(next["overdue-scan"]!.getTime()).toBeGreaterThan(Date.now());
      expect(next["quarterly-summary"]).toBeNull();
      // one delayed job per scheduler, not two
      expect(await queues["overdue-scan"].getDelayedCount()).toBe(1);
    } finally {
      await closeQueues(queues);
    }
  });
});

describe("workers", () => {
  test("a queued job runs in the worker, wakes the sender through the queue, and the email goes out", async ({
    database: { db },
    redis,
    smtp,
  }) => {
    const w = await buildWorld(db);
    await addTask(db, w, { dueDate: "2023-10-08" });
    const workers = startWorkers({
      db,
      connection: { url: redis.url },
      prefix: redis.prefix,
      log,
      config: { baseUrl: "https://duban.example.gov.cn" },
      mailer: createMailer({ url: smtp.url, from: "duban@xf.gov.cn", idleMs: 50 }),
    });
    const events = new QueueEvents("due-soon-reminders", {
      connection: { url: redis.url },
      prefix: redis.prefix,
    });
    try {
      await events.waitUntilReady();
      const job = await workers.queues["due-soon-reminders"].add("due-soon-reminders", {
        asOf: "2023-10-01",
        trigger: "test",
      });
      const result = (await job.waitUntilFinished(events, 20_000)) as {
        runId: string;
        summary: { enqueued: number };
      };
      expect(result.summary.enqueued).toBe(2);
      await smtp.waitFor(2);
      expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual([
        `kj-staff-${w.s}@xf.gov.cn`,
        `kjj-${w.s}@xf.gov.cn`,
      ]);
      expect(await db.jobRun.findUniqueOrThrow({ where: { id: result.runId } })).toMatchObject({
        state: "SUCCEEDED",
        trigger: "test",
      });

      // the jobs page: schedule, next run and last run
      await registerSchedulers(workers.queues);
      const overview = await jobOverview({ db, actor: office(w) }, { queues: workers.queues });
      expect(overview.find((j) => j.name === "due-soon-reminders")).toMatchObject({
        cron: "30 8 * * *",
        lastRun: { id: result.runId },
      });
      expect(overview.find((j) => j.name === "due-soon-reminders")!.nextRunAt).toBeInstanceOf(Date);
      // a host without queues still lists the jobs, with the next run unknown and said so
      const withoutQueues = await jobOverview({ db, actor: office(w) }, { queues: undefined });
      expect(withoutQueues.find((j) => j.name === "overdue-scan")).toMatchObject({
        nextRunAt: null,
        schedulerError: expect.stringContaining("队列"),
      });
    } finally {
      await events.close();
      await workers.close();
    }
  });

  test("close() lets the running job finish before it returns", async ({
    database: { db },
    redis,
    smtp,
  }) => {
    await db.notification.deleteMany({});
    await addNotifications(db, 30);
    const workers = startWorkers({
      db,
      connection: { url: redis.url },
      prefix: redis.prefix,
      log,
      config: { baseUrl: "https://x", sender: { concurrency: 1 } },
      mailer: createMailer({ url: smtp.url, from: "duban@xf.gov.cn", idleMs: 50 }),
      only: ["send-notifications"],
    });
    await workers.queues["send-notifications"].add("send-notifications", { trigger: "test" });
    await smtp.waitFor(1);
    await workers.close();
    // the batch in hand was finished, not abandoned mid-way
    expect(await db.notification.count({ where: { state: "SENDING" } })).toBe(0);
    expect(smtp.messages.length).toBe(await db.notification.count({ where: { state: "SENT" } }));
  });

  test("run now: a dry run lists recipients and writes nothing; a real run writes the outbox and queues the sender", async ({
    database: { db },
    redis,
  }) => {
    const w = await buildWorld(db);
    await addTask(db, w, { dueDate: "2023-10-08" });
    const runNow = createJobRunner({
      db,
      connection: { url: redis.url },
      prefix: redis.prefix,
      log,
    });
    try {
      const dry = (await runNow(
        "due-soon-reminders",
        { asOf: "2023-10-01", dryRun: true },
        office(w),
      )) as { recipients: Array<{ email: string; reason: string }> };
      expect(dry.recipients.map((r) => r.email).sort()).toEqual([
        `kj-staff-${w.s}@xf.gov.cn`,
        `kjj-${w.s}@xf.gov.cn`,
      ]);
      expect(await db.notification.count()).toBe(0);
      const real = (await runNow(
        "due-soon-reminders",
        { asOf: "2023-10-01", dryRun: false },
        office(w),
      )) as { runId: string };
      expect(await db.jobRun.findUniqueOrThrow({ where: { id: real.runId } })).toMatchObject({
        trigger: `manual:${w.office.email}`,
        dryRun: false,
      });
      expect(await db.notification.count()).toBe(2);
      const queues = allQueues({ url: redis.url }, redis.prefix);
      expect(await queues["send-notifications"].getWaitingCount()).toBe(1);
      await closeQueues(queues);
      await expect(runNow("no-such-job", { dryRun: true }, office(w))).rejects.toMatchObject({
        code: "INVALID",
      });
    } finally {
      await runNow.close();
    }
  });
});
