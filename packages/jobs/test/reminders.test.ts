import { describe, expect } from "vitest";

import { toDbDate } from "@duban/domain";
import { test } from "@duban/test-utils";

import { runJob } from "../src/run-job.ts";
import { addTask, buildWorld } from "./builders.ts";
import { inlineContext } from "./helpers.ts";

describe("due-soon-reminders", () => {
  test("fires 7 days and 1 day before, across the year end, once per recipient per day", async ({
    database: { db },
  }) => {
    const w = await buildWorld(db);
    const ctx = inlineContext(db);
    const t7 = await addTask(db, w, { title: "年初任务（7天）", dueDate: "2024-01-07" });
    const t1 = await addTask(db, w, {
      title: "元旦任务（1天）",
      dueDate: "2024-01-01",
      departmentId: w.finance.id,
    });
    await addTask(db, w, { title: "6天后到期", dueDate: "2024-01-06" });
    await addTask(db, w, { title: "已完成", dueDate: "2024-01-01", status: "COMPLETED" });
    await addTask(db, w, { title: "已取消", dueDate: "2024-01-07", status: "CANCELLED" });
    await db.milestone.create({
      data: { taskId: t7.id, title: "节点：验收", dueDate: toDbDate("2024-01-01") },
    });
    await db.milestone.create({
      data: {
        taskId: t7.id,
        title: "节点：已完成",
        dueDate: toDbDate("2024-01-01"),
        doneAt: new Date(),
      },
    });

    const result = await runJob(ctx, "due-soon-reminders", { asOf: "2023-12-31", trigger: "test" });
    expect(result.summary).toMatchObject({ day: "2023-12-31", tasks: 2, milestones: 1 });
    const rows = await db.notification.findMany({ where: { kind: "due-soon" } });
    const byEmail = new Map(rows.map((r) => [r.recipientEmail, r]));
    // science: its contact address and its staff; finance: likewise
    expect([...byEmail.keys()].sort()).toEqual(
      [
        `cz-staff-${w.s}@xf.gov.cn`,
        `czj-${w.s}@xf.gov.cn`,
        `kj-staff-${w.s}@xf.gov.cn`,
        `kjj-${w.s}@xf.gov.cn`,
      ].sort(),
    );
    const science = byEmail.get(`kjj-${w.s}@xf.gov.cn`)!;
    // one email per recipient, causing jurisdiction and day; the row names its jurisdiction
    expect(science).toMatchObject({
      dedupeKey: `due-soon:${w.jurisdiction.id}:kjj-${w.s}@xf.gov.cn:2023-12-31`,
      jurisdictionId: w.jurisdiction.id,
    });
    const items = (
      science.payload as { items: Array<{ title: string; daysLeft: number; type: string }> }
    ).items;
    expect(items.map((i) => [i.type, i.title, i.daysLeft])).toEqual([
      ["milestone", "节点：验收", 1],
      ["task", "年初任务（7天）", 7],
    ]);
    expect(
      (
        byEmail.get(`czj-${w.s}@xf.gov.cn`)!.payload as { items: Array<{ taskId: string }> }
      ).items.map((i) => i.taskId),
    ).toEqual([t1.id]);

    // the same run again (a retry, a second worker, the office pressing "run now") adds nothing
    const again = await runJob(ctx, "due-soon-reminders", {
      asOf: "2023-12-31T10:00:00+08:00",
      trigger: "test",
    });
    expect(again.summary).toMatchObject({ enqueued: 0 });
    expect(await db.notification.count({ where: { kind: "due-soon" } })).toBe(4);
    expect(
      await db.jobRun.count({ where: { jobName: "due-soon-reminders", state: "SUCCEEDED" } }),
    ).toBe(2);
  });

  test("quarter end and leap day: the right tasks on the right day, nothing the day before", async ({
    database: { db },
  }) => {
    const w = await buildWorld(db);
    const ctx = inlineContext(db);
    await addTask(db, w, { title: "Q3首日", dueDate: "2023-07-01" });
    await addTask(db, w, { title: "闰日", dueDate: "2024-02-29" });
    const dry = async (asOf: string) =>
      (
        (await runJob(ctx, "due-soon-reminders", { asOf, dryRun: true })).summary as {
          tasks: number;
        }
      ).tasks;
    expect(await dry("2023-06-23")).toBe(0);
    expect(await dry("2023-06-24")).toBe(1); // 7 days before 1 July
    expect(await dry("2023-06-30")).toBe(1); // the day before
    expect(await dry("2024-02-22")).toBe(1);
    expect(await dry("2024-02-28")).toBe(1);
    expect(await dry("2024-02-27")).toBe(0);
    expect(await db.notification.count()).toBe(0);
  });

  test("respects settings: muted gets nothing, digest is held, the dry run says who and why", async ({
    database: { db },
  }) => {
    const w = await buildWorld(db);
    const ctx = inlineContext(db);
    await addTask(db, w, { dueDate: "2023-10-08" });
    await db.notificationSetting.create({
      data: { userId: w.scienceStaff.id, kind: "due-soon", mode: "MUTED" },
    });
    // the unit's contact address is also a user account who wants a digest
    const contact = await db.user.create({
      data: { email: `kjj-${w.s}@xf.gov.cn`, name: "科技局收发", passwordHash: "x" },
    });
    await db.notificationSetting.create({
      data: { userId: contact.id, kind: "due-soon", mode: "DIGEST" },
    });
    const dry = await runJob(ctx, "due-soon-reminders", { asOf: "2023-10-01", dryRun: true });
    expect(dry.recipients).toEqual([
      expect.objectContaining({
        email: `kjj-${w.s}@xf.gov.cn`,
        delivery: "DIGEST",
        reason: expect.stringContaining("7 天后到期"),
      }),
    ]);
    expect(await db.notification.count()).toBe(0);
    expect(await db.jobRun.findFirst({ where: { dryRun: true } })).toMatchObject({
      state: "SUCCEEDED",
    });
    await runJob(ctx, "due-soon-reminders", { asOf: "2023-10-01" });
    const [row] = await db.notification.findMany();
    expect(row).toMatchObject({
      recipientUserId: contact.id,
      payload: expect.objectContaining({ _delivery: "DIGEST" }),
    });
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
  });

  test("draft plans are left alone", async ({ database: { db } }) => {
    const w = await buildWorld(db, { planStatus: "DRAFT" });
    await addTask(db, w, { dueDate: "2023-10-08" });
    const r = await runJob(inlineContext(db), "due-soon-reminders", {
      asOf: "2023-10-01",
      dryRun: true,
    });
    expect(r.recipients).toEqual([]);
  });
});

describe("overdue-scan", () => {
  test("one digest per recipient per day, escalation to the office after N days", async ({
    database: { db },
  }) => {
    const w = await buildWorld(db);
    const ctx = inlineContext(db);
    await addTask(db, w, { title: "逾期3天", dueDate: "2023-06-27" });
    await addTask(db, w, { title: "逾期20天", dueDate: "2023-06-10" });
    await addTask(db, w, {
      title: "财政逾期14天",
      dueDate: "2023-06-16",
      departmentId: w.finance.id,
    });
    await addTask(db, w, { title: "今天到期不算", dueDate: "2023-06-30" });
    await addTask(db, w, { title: "完成的不算", dueDate: "2023-01-01", status: "COMPLETED" });
    // a staff member of both units gets one email for both
    await db.membership
      .create({
        data: {
          userId: w.scienceStaff.id,
          jurisdictionId: w.jurisdiction.id,
          role: "DEPARTMENT",
          departmentId: w.finance.id,
        },
      })
      .catch(() => undefined);

    const r = await runJob(ctx, "overdue-scan", { asOf: "2023-06-30", escalationDays: 14 });
    expect(r.summary).toMatchObject({ overdueTasks: 3, escalatedTasks: 2 });
    const rows = await db.notification.findMany({ orderBy: { dedupeKey: "asc" } });
    const unit = rows.filter((x) => x.kind === "overdue");
    expect(unit.map((x) => x.dedupeKey)).toContain(
      `overdue:${w.jurisdiction.id}:kjj-${w.s}@xf.gov.cn:2023-06-30`,
    );
    expect(rows.every((x) => x.jurisdictionId === w.jurisdiction.id)).toBe(true);
    const kj = unit.find((x) => x.recipientEmail === `kjj-${w.s}@xf.gov.cn`)!;
    expect(
      (kj.payload as { items: Array<{ title: string; daysOverdue: number }> }).items.map((i) => [
        i.title,
        i.daysOverdue,
      ]),
    ).toEqual([
      ["逾期20天", 20],
      ["逾期3天", 3],
    ]);
    const escalations = rows.filter((x) => x.kind === "overdue-escalation");
    expect(escalations.map((x) => x.recipientEmail)).toEqual([`office-${w.s}@xf.gov.cn`]);
    expect(
      (escalations[0]!.payload as { items: Array<{ title: string }> }).items.map((i) => i.title),
    ).toEqual(["逾期20天", "财政逾期14天"]);
    // 13 days is not yet escalated
    const before = await runJob(ctx, "overdue-scan", {
      asOf: "2023-06-29",
      escalationDays: 14,
      dryRun: true,
    });
    expect(before.summary).toMatchObject({ escalatedTasks: 1 });
    // second run on the same day: nothing new
    await runJob(ctx, "overdue-scan", { asOf: "2023-06-30T18:00:00+08:00", escalationDays: 14 });
    expect(await db.notification.count()).toBe(rows.length);
  });

  test("the jurisdiction's own escalation days (督办设置) decide when the office is told", async ({
    database: { db },
  }) => {
    const w = await buildWorld(db);
    const ctx = inlineContext(db);
    await addTask(db, w, { title: "逾期3天", dueDate: "2023-06-27" });
    await addTask(db, w, { title: "逾期6天", dueDate: "2023-06-24" });
    await addTask(db, w, { title: "逾期20天", dueDate: "2023-06-10" });
    // no setting: the job's 14 days
    const defaults = await runJob(ctx, "overdue-scan", { asOf: "2023-06-30", dryRun: true });
    expect(defaults.summary).toMatchObject({ overdueTasks: 3, escalatedTasks: 1 });
    // the office escalates from 5 days: the job's default no longer applies to it
    await db.supervisionSettings.create({
      data: { jurisdictionId: w.jurisdiction.id, escalationDays: 5 },
    });
    const r = await runJob(ctx, "overdue-scan", { asOf: "2023-06-30", escalationDays: 14 });
    expect(r.summary).toMatchObject({ overdueTasks: 3, escalatedTasks: 2 });
    const escalation = await db.notification.findFirstOrThrow({
      where: { kind: "overdue-escalation" },
    });
    expect(escalation.subject).toBe("【督办升级】2 项任务逾期超过 5 天");
    const payload = escalation.payload as {
      escalationDays: number;
      items: Array<{ title: string }>;
    };
    expect(payload.escalationDays).toBe(5);
    expect(payload.items.map((i) => i.title)).toEqual(["逾期20天", "逾期6天"]);
  });
});
