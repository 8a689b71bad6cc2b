import { expect } from "vitest";

import {
  addDays,
  closeCycle,
  openCycle,
  shanghaiDay,
  systemActor,
  type Actor,
} from "@duban/domain";
import { createLogger } from "@duban/logger";
import { test } from "@duban/test-utils";

import { runJob } from "../src/run-job.ts";
import { createJobRunner } from "../src/runner.ts";
import { addTask, buildWorld, type World } from "./builders.ts";
import { inlineContext, testClock } from "./helpers.ts";

const log = createLogger("test", { level: "error" });
const officeOf = (w: World): Actor => ({
  kind: "user",
  userId: w.office.id,
  email: w.office.email,
  name: "office",
  memberships: [{ jurisdictionId: w.jurisdiction.id, role: "OFFICE", departmentId: null }],
});
const today = () => shanghaiDay(new Date());
const at9 = (day: string) => `${day}T09:00:00+08:00`;

test("a future-dated manual overdue-scan is a dry run only, and that day's real digest still goes out", async ({
  database: { db },
  redis,
}) => {
  const w = await buildWorld(db);
  await addTask(db, w, { title: "已逾期五天", dueDate: addDays(today(), -5) });
  const future = addDays(today(), 3);
  const runNow = createJobRunner({ db, connection: { url: redis.url }, prefix: redis.prefix, log });
  try {
    for (const actor of [officeOf(w), systemActor("cli")]) {
      await expect(
        runNow("overdue-scan", { asOf: future, dryRun: false }, actor),
      ).rejects.toMatchObject({
        code: "INVALID",
        field: "asOf",
        message: expect.stringContaining("只能试运行"),
      });
    }
    const dry = (await runNow("overdue-scan", { asOf: future, dryRun: true }, officeOf(w))) as {
      recipients: Array<{ dedupeKey: string }>;
    };
    expect(dry.recipients.map((r) => r.dedupeKey)).toContain(
      `overdue:${w.jurisdiction.id}:kjj-${w.s}@xf.gov.cn:${future}`,
    );
    expect(await db.notification.count()).toBe(0);
    // nothing recorded for the refused runs; the dry run is
    expect(await db.jobRun.findMany({ select: { dryRun: true } })).toEqual([{ dryRun: true }]);
  } finally {
    await runNow.close();
  }
  // that day comes: the scheduled scan writes the real digest
  const ctx = inlineContext(db, { now: testClock(at9(future)).now });
  const real = await runJob(ctx, "overdue-scan", { trigger: "schedule" });
  expect(real.summary).toMatchObject({ day: future, enqueued: 2 });
  expect(
    await db.notification.findUnique({
      where: { dedupeKey: `overdue:${w.jurisdiction.id}:kjj-${w.s}@xf.gov.cn:${future}` },
    }),
  ).toMatchObject({ jurisdictionId: w.jurisdiction.id });
});

test("a future-dated quarterly-cycle never closes a cycle; a dry run says it would", async ({
  database: { db },
  redis,
}) => {
  const w = await buildWorld(db);
  const actor = systemActor("test-setup");
  const cycle = await openCycle(
    { db, actor },
    {
      planId: w.plan.id,
      period: "2025Q4",
      dueDate: addDays(today(), 2),
      closeDate: addDays(today(), 5),
    },
  );
  const later = addDays(today(), 10);
  const runNow = createJobRunner({ db, connection: { url: redis.url }, prefix: redis.prefix, log });
  try {
    for (const who of [officeOf(w), systemActor("cli")]) {
      await expect(
        runNow("quarterly-cycle", { asOf: later, dryRun: false }, who),
      ).rejects.toMatchObject({ code: "INVALID", field: "asOf" });
    }
    const dry = await runNow("quarterly-cycle", { asOf: later, dryRun: true }, officeOf(w));
    expect(dry.queued ? null : dry.summary.closed).toEqual([
      { planId: w.plan.id, period: "2025Q4" },
    ]);
  } finally {
    await runNow.close();
  }
  expect(await db.reportingCycle.findUniqueOrThrow({ where: { id: cycle.id } })).toMatchObject({
    state: "OPEN",
    closedAt: null,
  });
  // the worker path refuses a future date too (a job added by hand to the queue)
  await expect(
    runJob(inlineContext(db), "quarterly-cycle", { asOf: later, trigger: "queue" }),
  ).rejects.toMatchObject({ code: "INVALID" });
  expect(await db.reportingCycle.findUniqueOrThrow({ where: { id: cycle.id } })).toMatchObject({
    state: "OPEN",
  });
});

test("a summary run by hand before its cycle closes writes nothing; the real one after the close still goes out", async ({
  database: { db },
}) => {
  const w = await buildWorld(db);
  const actor = systemActor("test-setup");
  const cycle = await openCycle(
    { db, actor },
    {
      planId: w.plan.id,
      period: "2025Q4",
      dueDate: addDays(today(), 2),
      closeDate: addDays(today(), 5),
    },
  );
  const ctx = inlineContext(db);
  const early = await runJob(ctx, "quarterly-summary", {
    planId: w.plan.id,
    period: "2025Q4",
    trigger: "manual:office",
  });
  expect(early.summary).toMatchObject({ enqueued: 0, skipped: [{ planId: w.plan.id }] });
  expect(await db.notification.count()).toBe(0);
  // a preview is still possible
  const preview = await runJob(ctx, "quarterly-summary", {
    planId: w.plan.id,
    period: "2025Q4",
    dryRun: true,
  });
  expect(preview.recipients!.map((r) => r.email).sort()).toEqual([
    `leader-${w.s}@xf.gov.cn`,
    `office-${w.s}@xf.gov.cn`,
  ]);
  await closeCycle({ db, actor }, { cycleId: cycle.id });
  const real = await runJob(ctx, "quarterly-summary", {
    planId: w.plan.id,
    period: "2025Q4",
    trigger: "after:quarterly-cycle",
  });
  expect(real.summary).toMatchObject({ enqueued: 2 });
});

test("a run over one plan keeps its own keys: the day's whole digest is still written", async ({
  database: { db },
}) => {
  const w = await buildWorld(db);
  const other = await db.plan.create({
    data: {
      jurisdictionId: w.jurisdiction.id,
      title: `另一规划-${w.s}`,
      periodStart: 2021,
      periodEnd: 2025,
      status: "ACTIVE",
      sourceFileName: "b.txt",
      sourceFormat: "txt",
      sourceHash: `b-${w.s}`,
      sourceText: "…",
      parserVersion: 1,
      parseResult: {},
    },
  });
  await addTask(db, w, { title: "本规划逾期", dueDate: "2023-06-01" });
  await db.task.create({
    data: {
      planId: other.id,
      title: "另一规划逾期",
      leadDepartmentId: w.science.id,
      startDate: new Date("2021-01-01"),
      dueDate: new Date("2023-06-02"),
      originalDueDate: new Date("2023-06-02"),
      status: "IN_PROGRESS",
    },
  });
  const ctx = inlineContext(db);
  const narrowed = await runJob(ctx, "overdue-scan", {
    asOf: "2023-06-30",
    planId: other.id,
    trigger: "manual:office",
  });
  expect(narrowed.summary).toMatchObject({ overdueTasks: 1 });
  const whole = await runJob(ctx, "overdue-scan", { asOf: "2023-06-30", trigger: "schedule" });
  expect(whole.summary).toMatchObject({ overdueTasks: 2, enqueued: 3 });
  const digest = await db.notification.findUniqueOrThrow({
    where: { dedupeKey: `overdue:${w.jurisdiction.id}:kjj-${w.s}@xf.gov.cn:2023-06-30` },
  });
  expect(
    (digest.payload as { items: Array<{ title: string }> }).items.map((i) => i.title).sort(),
  ).toEqual(["另一规划逾期", "本规划逾期"]);
});
