import { expect } from "vitest";

import { toDbDate } from "@duban/domain";
import { readWorkbook } from "@duban/reports";
import { test } from "@duban/test-utils";

import { runJob } from "../src/run-job.ts";
import { addTask, buildWorld } from "./builders.ts";
import { inlineContext } from "./helpers.ts";

test("a quarter: open, remind only units that have not reported, close, summarise", async ({
  database: { db },
  smtp,
}) => {
  const w = await buildWorld(db);
  const ctx = inlineContext(db, { smtpUrl: smtp.url });
  const t1 = await addTask(db, w, {
    title: "建设科创中心",
    dueDate: "2024-12-31",
    supportingDepartmentIds: [w.finance.id],
  });
  await addTask(db, w, {
    title: "设立科技专项资金",
    dueDate: "2023-05-31",
    departmentId: w.finance.id,
    progress: 20,
  });
  await db.indicator.create({
    data: {
      planId: w.plan.id,
      number: 1,
      name: "R&D经费投入强度",
      unit: "%",
      baselineYear: 2020,
      baselineValue: 2,
      targetYear: 2025,
      targetValue: 3,
      observations: { create: { period: "2023Q2", value: 2.1 } },
    },
  });

  // the quarter starts: the window opens (a dry run the day before changes nothing)
  await runJob(ctx, "quarterly-cycle", { asOf: "2023-04-01", dryRun: true });
  expect(await db.reportingCycle.count({ where: { planId: w.plan.id } })).toBe(0);
  const opened = await runJob(ctx, "quarterly-cycle", { asOf: "2023-04-01" });
  expect(opened.summary).toMatchObject({
    period: "2023Q2",
    opened: [{ planId: w.plan.id, period: "2023Q2" }],
  });
  const cycle = await db.reportingCycle.findUniqueOrThrow({
    where: { planId_period: { planId: w.plan.id, period: "2023Q2" } },
  });
  expect(cycle.state).toBe("OPEN");
  expect(
    await db.auditEvent.count({
      where: { action: "cycle.open", entityId: cycle.id, actorLabel: "system:quarterly-cycle" },
    }),
  ).toBe(1);

  // science reports its task; finance reports nothing
  await db.ledgerEntry.create({
    data: {
      taskId: t1.id,
      cycleId: cycle.id,
      period: "2023Q2",
      departmentId: w.science.id,
      progressText: "已完成选址",
      percentComplete: 30,
      status: "IN_PROGRESS",
    },
  });

  // 4 days before the due date (10 July): too early
  await runJob(ctx, "quarterly-cycle", { asOf: "2023-07-06" });
  expect(await db.notification.count({ where: { kind: "cycle-reminder" } })).toBe(0);
  // 3 days before: only the unit that has not reported is reminded, of exactly what it owes
  const dry = await runJob(ctx, "quarterly-cycle", { asOf: "2023-07-07", dryRun: true });
  expect(dry.recipients!.map((r) => r.email).sort()).toEqual([
    `cz-staff-${w.s}@xf.gov.cn`,
    `czj-${w.s}@xf.gov.cn`,
  ]);
  await runJob(ctx, "quarterly-cycle", { asOf: "2023-07-07" });
  await runJob(ctx, "quarterly-cycle", { asOf: "2023-07-08" });
  const reminders = await db.notification.findMany({ where: { kind: "cycle-reminder" } });
  expect(reminders.map((r) => r.recipientEmail).sort()).toEqual([
    `cz-staff-${w.s}@xf.gov.cn`,
    `czj-${w.s}@xf.gov.cn`,
  ]);
  expect(
    (reminders[0]!.payload as { items: Array<{ title: string; role: string }> }).items
      .map((i) => [i.title, i.role])
      .sort(),
  ).toEqual([
    ["建设科创中心", "support"],
    ["设立科技专项资金", "lead"],
  ]);
  const reminderMails = smtp.messages.filter((m) => m.subject.includes("台账催报"));
  expect(reminderMails.flatMap((m) => m.to).sort()).toEqual([
    `cz-staff-${w.s}@xf.gov.cn`,
    `czj-${w.s}@xf.gov.cn`,
  ]);
  expect(smtp.messages.some((m) => m.to.includes(`kjj-${w.s}@xf.gov.cn`))).toBe(false);

  // after closesAt (15 July 23:59:59) the window closes, stats are recorded, the summary goes out
  const closed = await runJob(ctx, "quarterly-cycle", { asOf: "2023-07-16T00:10:00+08:00" });
  expect(closed.summary).toMatchObject({ closed: [{ planId: w.plan.id, period: "2023Q2" }] });
  expect(await db.reportingCycle.findUniqueOrThrow({ where: { id: cycle.id } })).toMatchObject({
    state: "CLOSED",
  });
  const stats = await db.cycleDepartmentStat.findMany({ where: { cycleId: cycle.id } });
  expect(stats.map((s) => [s.departmentId, s.expected, s.submitted]).sort()).toEqual(
    [
      [w.science.id, 1, 1],
      [w.finance.id, 2, 0],
    ].sort(),
  );
  expect(ctx.dispatched).toContain("quarterly-summary");
  const summaries = smtp.messages.filter((m) => m.subject.includes("督办通报"));
  expect(summaries.flatMap((m) => m.to).sort()).toEqual([
    `leader-${w.s}@xf.gov.cn`,
    `office-${w.s}@xf.gov.cn`,
  ]);
  const mail = summaries[0]!;
  expect(mail.html).toContain("2023年第二季度");
  expect(mail.html).toContain("R&amp;D经费投入强度");
  expect(mail.attachments).toHaveLength(1);
  const sheets = await readWorkbook(mail.attachments[0]!.content);
  expect(sheets.map((s) => s.name)).toEqual([
    "各单位完成情况",
    "滞后和逾期任务",
    "台账填报",
    "指标监测",
  ]);
  expect(sheets[1]!.rows[1]![0]).toBe("设立科技专项资金");
  expect(sheets[3]!.rows[1]).toEqual([
    1,
    "R&D经费投入强度",
    "%",
    2,
    3,
    2025,
    2.499,
    2.1,
    "严重滞后",
  ]);

  // 2023Q2 holds the plan's mid-term date (2023-06-30): the summary produced the mid-term evaluation
  const evaluations = async () =>
    (await db.evaluation.findMany({ where: { planId: w.plan.id } })).map((e) => [
      e.kind,
      e.asOf.toISOString().slice(0, 10),
      e.generatedBy,
    ]);
  expect(await evaluations()).toEqual([["MIDTERM", "2023-06-30", "quarterly-summary"]]);

  // running the summary again by hand ("--period 2023Q2") sends nothing twice
  const before = smtp.messages.length;
  const again = await runJob(ctx, "quarterly-summary", {
    planId: w.plan.id,
    period: "2023Q2",
    trigger: "cli",
  });
  expect(again.summary).toMatchObject({ enqueued: 0 });
  await runJob(ctx, "quarterly-summary", { period: "2023Q2" });
  expect(smtp.messages.length).toBe(before);
  expect(await evaluations()).toHaveLength(1);
  // the next day nothing happens to the closed cycle
  const next = await runJob(ctx, "quarterly-cycle", { asOf: "2023-07-17" });
  expect(next.summary).toMatchObject({ closed: [], reminders: 0 });
  expect(
    await db.task.count({ where: { planId: w.plan.id, dueDate: toDbDate("2023-05-31") } }),
  ).toBe(1);
});
