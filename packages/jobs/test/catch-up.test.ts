import { expect } from "vitest";

import { test } from "@duban/test-utils";

import { runJob } from "../src/run-job.ts";
import { addTask, buildWorld } from "./builders.ts";
import { inlineContext, testClock } from "./helpers.ts";

type Item = { title: string; daysLeft: number; threshold: number };
const itemsOf = (payload: unknown) =>
  (payload as { items: Item[] }).items.map((i) => [i.title, i.daysLeft, i.threshold]);

test("due-soon catch-up: the worker down on the reminder day, the next day's run still sends it, once", async ({
  database: { db },
}) => {
  const w = await buildWorld(db);
  const clock = testClock("2024-03-10T08:30:00+08:00");
  const ctx = inlineContext(db, { now: clock.now });
  // A: 7-day reminder day 03-05, 1-day reminder day 03-11; B: 7-day reminder day 03-11
  await addTask(db, w, { title: "任务A", dueDate: "2024-03-12" });
  await addTask(db, w, { title: "任务B", dueDate: "2024-03-18" });
  const scheduled = () => runJob(ctx, "due-soon-reminders", { trigger: "schedule" });
  const contactRows = () =>
    db.notification.findMany({
      where: { kind: "due-soon", recipientEmail: `kjj-${w.s}@xf.gov.cn` },
      orderBy: { createdAt: "asc" },
    });

  // the first run ever looks back a bounded week: A's 7-day reminder (03-05) was never sent
  const first = await scheduled();
  expect(first.summary).toMatchObject({
    days: [
      "2024-03-04",
      "2024-03-05",
      "2024-03-06",
      "2024-03-07",
      "2024-03-08",
      "2024-03-09",
      "2024-03-10",
    ],
    enqueued: 2,
  });
  expect(itemsOf((await contactRows())[0]!.payload)).toEqual([["任务A", 2, 7]]);

  // 03-11: the worker is down all day (no run). A dry run that day moves nothing.
  clock.set("2024-03-11T15:00:00+08:00");
  await runJob(ctx, "due-soon-reminders", { dryRun: true, trigger: "test" });

  // 03-12: the run covers the days since the last completed run (03-10), so 03-11's reminders go out now
  clock.set("2024-03-12T08:30:00+08:00");
  const next = await scheduled();
  expect(next.summary).toMatchObject({ days: ["2024-03-11", "2024-03-12"], tasks: 2, enqueued: 2 });
  const rows = await contactRows();
  expect(rows).toHaveLength(2);
  expect(rows[1]!.dedupeKey).toBe(`due-soon:${w.jurisdiction.id}:kjj-${w.s}@xf.gov.cn:2024-03-12`);
  expect(itemsOf(rows[1]!.payload)).toEqual([
    ["任务A", 0, 1],
    ["任务B", 6, 7],
  ]);

  // a second run the same day covers its own day again (same keys), not 03-11: it sends nothing;
  // nor does the next day's (it covers 03-13 only)
  clock.set("2024-03-12T11:00:00+08:00");
  expect((await scheduled()).summary).toMatchObject({
    days: ["2024-03-12"],
    tasks: 0,
    enqueued: 0,
  });
  clock.set("2024-03-13T08:30:00+08:00");
  expect((await scheduled()).summary).toMatchObject({
    days: ["2024-03-13"],
    tasks: 0,
    enqueued: 0,
  });
  // B's day-before reminder comes on its own day, once
  clock.set("2024-03-17T08:30:00+08:00");
  expect((await scheduled()).summary).toMatchObject({ tasks: 1, enqueued: 2 });
  expect(itemsOf((await contactRows()).at(-1)!.payload)).toEqual([["任务B", 1, 1]]);
  expect(await db.notification.count({ where: { kind: "due-soon" } })).toBe(6);
});

test("due-soon catch-up: a replay of a past day covers that day, an office's own run its jurisdictions, a dry run nothing", async ({
  database: { db },
}) => {
  const w = await buildWorld(db);
  const clock = testClock("2024-04-29T08:30:00+08:00");
  const ctx = inlineContext(db, { now: clock.now });
  await runJob(ctx, "due-soon-reminders", { trigger: "schedule" });
  const x = await addTask(db, w, { title: "五月七日到期", dueDate: "2024-05-07" }); // 7-day reminder day 04-30
  const y = await addTask(db, w, { title: "五月八日到期", dueDate: "2024-05-08" }); // 7-day reminder day 05-01
  // the scheduler is down on 04-30 and 05-01. On 05-01 the operator replays 04-30 (the CLI, every
  // jurisdiction); the office makes a dry run and a real run of its own.
  clock.set("2024-05-01T16:00:00+08:00");
  await runJob(ctx, "due-soon-reminders", { asOf: "2024-04-30", trigger: "manual:system:cli" });
  await runJob(
    ctx,
    "due-soon-reminders",
    { dryRun: true, trigger: "manual:office" },
    { jurisdictionIds: [w.jurisdiction.id] },
  );
  await runJob(
    ctx,
    "due-soon-reminders",
    { trigger: "manual:office" },
    { jurisdictionIds: [w.jurisdiction.id] },
  );
  // 05-02: the replayed day is not covered again; 05-01 only for the jurisdictions the office's run left out
  clock.set("2024-05-02T08:30:00+08:00");
  const r = await runJob(ctx, "due-soon-reminders", { trigger: "schedule" });
  expect(r.summary).toMatchObject({ days: ["2024-05-01", "2024-05-02"], tasks: 0 });
  const rows = await db.notification.findMany({
    where: { kind: "due-soon", recipientEmail: `kjj-${w.s}@xf.gov.cn` },
    orderBy: { dedupeKey: "asc" },
  });
  const sent = rows.map((row) => [
    row.dedupeKey.slice(-10),
    (row.payload as { items: Array<{ taskId: string }> }).items.map((i) => i.taskId),
  ]);
  expect(sent).toEqual([
    ["2024-04-30", [x.id]],
    ["2024-05-01", [y.id]],
  ]);
});
