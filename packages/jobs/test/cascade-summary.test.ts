import { expect } from "vitest";

import type { Db } from "@duban/db";
import {
  buildCascadeSummary,
  cascadeSummaryFor,
  DomainError,
  type Actor,
} from "@duban/domain";
import { readWorkbook } from "@duban/reports";
import { test } from "@duban/test-utils";

import { runJob } from "../src/run-job.ts";
import {
  addAssignment,
  addTask,
  buildCascadeWorld,
  type CascadeWorld,
} from "./cascade-builders.ts";
import { inlineContext, testClock } from "./helpers.ts";

/** A closed 2024Q1 cycle for a plan (the summary goes out after the close). */
async function closedCycle(db: Db, planId: string) {
  return db.reportingCycle.create({
    data: {
      planId,
      period: "2024Q1",
      opensAt: new Date("2024-03-31T16:00:00Z"),
      dueAt: new Date("2024-04-10T15:59:59Z"),
      closesAt: new Date("2024-04-15T15:59:59Z"),
      state: "CLOSED",
      closedAt: new Date("2024-04-15T16:00:00Z"),
    },
  });
}

async function report(db: Db, cycleId: string, taskId: string, departmentId: string) {
  await db.ledgerEntry.create({
    data: {
      taskId,
      cycleId,
      period: "2024Q1",
      departmentId,
      progressText: "按计划推进",
      percentComplete: 30,
      status: "IN_PROGRESS",
    },
  });
}

async function actorOf(db: Db, userId: string): Promise<Actor> {
  const u = await db.user.findUniqueOrThrow({
    where: { id: userId },
    include: { memberships: true },
  });
  return {
    kind: "user",
    userId: u.id,
    email: u.email,
    name: u.name,
    memberships: u.memberships.map((m) => ({
      jurisdictionId: m.jurisdictionId,
      role: m.role,
      departmentId: m.departmentId,
    })),
  };
}

/**
 * The cascade of the 2024Q1 summary, seen on 31 March 2024 (the quarter's end):
 * city plan: T1, T2 (tasks), I1 (indicator).
 * - a1 T1→汇川区 DECOMPOSED on 1 Feb (deadline 15 Feb: on time), progress 40, weight 1
 * - a2 I1→汇川区 PENDING, deadline 1 Mar → late on 31 Mar; progress 0, weight 1; no plan yet
 * - a3 T1→播州区 DECOMPOSED on 20 Feb (deadline 15 Feb: late), progress 70, weight 2
 * - a4 T2→播州区 WITHDRAWN (left out, and so is the task made from it)
 * - a5 T2→播州区 PENDING, deadline 30 Apr → pending, not late; progress 0, weight 1
 * 汇川区's subtree: tA1 (a1; 1 Jan–31 Dec, 5%: 序时 90×100/365 = 24.66 → 25, 20 behind > 10 →
 * 滞后), tA2 (under tA1, due 15 Mar, 50% → 逾期), tA3 (under tA1, 30% → 正常), and, one level
 * further, 汇川区's own a6 tA1→高坪街道 with tT1 (due 28 Feb, 10% → 逾期).
 * 播州区's subtree: tB1 (a3; 1 Jan–30 Jun, 60%: 序时 90×100/181 = 49.7 → 50 → 正常), tB2 (a3,
 * cancelled), tB3 (a4, withdrawn: not counted).
 */
async function buildCascade(db: Db, w: CascadeWorld) {
  const t1 = await addTask(db, w.city, { title: "建设科技成果转化中心", dueDate: "2024-12-31" });
  const t2 = await addTask(db, w.city, { title: "设立科技专项资金", dueDate: "2024-12-31" });
  const i1 = await db.indicator.create({
    data: {
      planId: w.city.plan.id,
      number: 1,
      name: "高新技术企业数",
      unit: "家",
      baselineYear: 2020,
      baselineValue: 100,
      targetYear: 2025,
      targetValue: 200,
    },
  });
  const a1 = await addAssignment(db, w.city, w.a, {
    parentTaskId: t1.id,
    decomposeBy: "2024-02-15",
    state: "DECOMPOSED",
    decomposedAt: "2024-02-01",
    progress: 40,
  });
  const a2 = await addAssignment(db, w.city, w.a, {
    parentIndicatorId: i1.id,
    decomposeBy: "2024-03-01",
    targetPlanId: null,
  });
  const a3 = await addAssignment(db, w.city, w.b, {
    parentTaskId: t1.id,
    decomposeBy: "2024-02-15",
    state: "DECOMPOSED",
    decomposedAt: "2024-02-20",
    progress: 70,
    weight: 2,
  });
  const a4 = await addAssignment(db, w.city, w.b, {
    parentTaskId: t2.id,
    decomposeBy: "2024-02-15",
    state: "WITHDRAWN",
    progress: 90,
  });
  const a5 = await addAssignment(db, w.city, w.b, { parentTaskId: t2.id, decomposeBy: "2024-04-30" });
  const tA1 = await addTask(db, w.a, {
    title: "汇川区成果转化中心选址建设",
    dueDate: "2024-12-31",
    progress: 5,
    assignmentId: a1.id,
  });
  const tA2 = await addTask(db, w.a, {
    title: "汇川区转化中心规划编制",
    dueDate: "2024-03-15",
    progress: 50,
    parentTaskId: tA1.id,
  });
  const tA3 = await addTask(db, w.a, {
    title: "汇川区转化中心运营招标",
    dueDate: "2024-12-31",
    progress: 30,
    parentTaskId: tA1.id,
  });
  const a6 = await addAssignment(db, w.a, w.town, {
    parentTaskId: tA1.id,
    decomposeBy: "2024-01-31",
    state: "DECOMPOSED",
    decomposedAt: "2024-01-30",
    progress: 10,
  });
  const tT1 = await addTask(db, w.town, {
    title: "高坪街道孵化器场地腾退",
    dueDate: "2024-02-28",
    progress: 10,
    assignmentId: a6.id,
  });
  const tB1 = await addTask(db, w.b, {
    title: "播州区成果转化分中心",
    dueDate: "2024-06-30",
    progress: 60,
    assignmentId: a3.id,
  });
  await addTask(db, w.b, {
    title: "播州区已取消事项",
    dueDate: "2024-06-30",
    status: "CANCELLED",
    assignmentId: a3.id,
  });
  await addTask(db, w.b, {
    title: "播州区撤回事项的任务",
    dueDate: "2024-03-01",
    progress: 0,
    assignmentId: a4.id,
  });
  // 2024Q1 reports: 汇川区 tA1 and tA2 by their lead unit; tA3 only by a unit that is not its lead
  // (does not count); tT1 none. 播州区 tB1.
  const cycleA = await closedCycle(db, w.a.plan.id);
  const cycleB = await closedCycle(db, w.b.plan.id);
  const cycleTown = await closedCycle(db, w.town.plan.id);
  await report(db, cycleA.id, tA1.id, w.a.unit.id);
  await report(db, cycleA.id, tA2.id, w.a.unit.id);
  await report(db, cycleTown.id, tA3.id, w.town.unit.id);
  await report(db, cycleB.id, tB1.id, w.b.unit.id);
  void tT1;
  return { t1, t2, i1, a1, a2, a3, a4, a5, a6, tA1, tA2, tA3 };
}

test("the city's summary has the per-county table; a county's shows what it owes upward", async ({
  database: { db },
  smtp,
}) => {
  const w = await buildCascadeWorld(db);
  const c = await buildCascade(db, w);

  const city = await buildCascadeSummary(db, {
    planId: w.city.plan.id,
    period: "2024Q1",
    asOf: "2024-03-31",
  });
  expect(city.children).toEqual([
    {
      jurisdictionId: w.b.j.id,
      jurisdictionName: `播州区-${w.s}`,
      // a3, a5 (a4 withdrawn)
      received: 2,
      decomposed: 1,
      pending: 1,
      late: 0,
      // (70×2 + 0×1) / 3 = 46.67
      progress: 46.7,
      // tB1 and the cancelled tB2; tB3 hangs from the withdrawn a4
      tasks: 2,
      lagging: 0,
      overdue: 0,
      // tB1 expected and reported; tB2 cancelled
      reportsExpected: 1,
      reportsSubmitted: 1,
      completeness: 100,
    },
    {
      jurisdictionId: w.a.j.id,
      jurisdictionName: `汇川区-${w.s}`,
      // a1, a2
      received: 2,
      decomposed: 1,
      pending: 1,
      // a2: pending, deadline 1 Mar < 31 Mar
      late: 1,
      // (40×1 + 0×1) / 2
      progress: 20,
      // tA1, tA2, tA3 and the town's tT1
      tasks: 4,
      lagging: 1,
      overdue: 2,
      // 4 expected, tA1 and tA2 reported by their lead unit
      reportsExpected: 4,
      reportsSubmitted: 2,
      completeness: 50,
    },
  ]);
  expect(city.problems.map((p) => [p.title, p.schedule, p.expectedProgress])).toEqual([
    ["高坪街道孵化器场地腾退", "逾期", 100],
    ["汇川区转化中心规划编制", "逾期", 100],
    ["汇川区成果转化中心选址建设", "滞后", 25],
  ]);
  // the city owes nobody above it
  expect(city.owed).toEqual([]);

  const huichuan = await buildCascadeSummary(db, {
    planId: w.a.plan.id,
    period: "2024Q1",
    asOf: "2024-03-31",
  });
  expect(
    huichuan.owed.map((r) => [
      r.assignmentId,
      r.kind,
      r.parentTitle,
      r.decomposeBy,
      r.state,
      r.lateness,
      r.progress,
    ]),
  ).toEqual([
    [c.a1.id, "TASK", "建设科技成果转化中心", "2024-02-15", "已分解", "按时分解", 40],
    [c.a2.id, "INDICATOR", "高新技术企业数", "2024-03-01", "待分解", "逾期未分解", 0],
  ]);
  // and its own table one level down: the town
  expect(huichuan.children.map((r) => [r.jurisdictionName, r.received, r.tasks, r.overdue])).toEqual(
    [[`高坪街道-${w.s}`, 1, 1, 1]],
  );

  // 播州区's summary shows its own items only: nothing of 汇川区's
  const bozhou = await buildCascadeSummary(db, {
    planId: w.b.plan.id,
    period: "2024Q1",
    asOf: "2024-03-31",
  });
  expect(bozhou.owed.map((r) => [r.assignmentId, r.lateness])).toEqual([
    [c.a3.id, "逾期分解"],
    [c.a5.id, "未到分解时限"],
  ]);
  expect(JSON.stringify(bozhou)).not.toContain("汇川区");

  // the job: the city's summary email and workbook carry the table
  const clock = testClock("2024-04-16T09:00:00+08:00");
  const ctx = inlineContext(db, { smtpUrl: smtp.url, now: clock.now });
  await closedCycle(db, w.city.plan.id);
  await runJob(ctx, "quarterly-summary", { period: "2024Q1", asOf: "2024-04-16" });
  const mailTo = (email: string) =>
    smtp.messages.find((m) => m.subject.includes("督办通报") && m.to.includes(email))!;
  const cityMail = mailTo(`city-office-${w.s}@gov.cn`);
  expect(cityMail.html).toContain("各县（市、区）分解落实情况");
  expect(cityMail.text).toContain(`汇川区-${w.s} | 2 | 1 | 1 | 1 | 20% | 1 | 2 | 50%（2/4）`);
  const sheets = await readWorkbook(cityMail.attachments[0]!.content);
  const table = sheets.find((s) => s.name === "各县（市、区）分解落实")!;
  expect(table.rows[0]).toEqual([
    "地区",
    "下达事项",
    "已分解",
    "待分解",
    "逾期未分解",
    "汇总进度",
    "分解任务数",
    "滞后",
    "逾期",
    "应报",
    "已报",
    "填报完整率",
  ]);
  expect(table.rows[2]).toEqual([`汇川区-${w.s}`, 2, 1, 1, 1, 20, 4, 1, 2, 4, 2, 50]);
  expect(sheets.map((s) => s.name)).not.toContain("上级下达事项");

  // 汇川区's summary: 上级下达事项, to its office and leader; nothing about 播州区
  const aMail = mailTo(`a-office-${w.s}@gov.cn`);
  expect(aMail.html).toContain("上级下达事项");
  expect(aMail.html).toContain("逾期未分解");
  expect(aMail.html).not.toContain("播州区");
  const aSheets = await readWorkbook(aMail.attachments[0]!.content);
  const owed = aSheets.find((s) => s.name === "上级下达事项")!;
  expect(owed.rows.slice(1).map((r) => [r[0], r[4], r[5]])).toEqual([
    ["建设科技成果转化中心", "已分解", "按时分解"],
    ["高新技术企业数", "待分解", "逾期未分解"],
  ]);
  // 播州区's summary names nothing of 汇川区's
  const bMail = mailTo(`b-office-${w.s}@gov.cn`);
  expect(bMail.html).not.toContain("汇川区");
  for (const a of await readWorkbook(bMail.attachments[0]!.content))
    expect(JSON.stringify(a.rows)).not.toContain("汇川区");
  // unit staff get no summary at all (office and leaders only)
  expect(smtp.messages.some((m) => m.to.includes(`a-staff-${w.s}@gov.cn`))).toBe(false);
});

test("the API's summary is cut to what the caller reads", async ({ database: { db } }) => {
  const w = await buildCascadeWorld(db);
  const c = await buildCascade(db, w);
  const now = new Date("2024-04-16T09:00:00+08:00");
  const as = async (userId: string) => ({ db, actor: await actorOf(db, userId), now });

  // the city office reads every county
  const asCity = await cascadeSummaryFor(await as(w.city.office.id), {
    planId: w.city.plan.id,
    period: "2024Q1",
  });
  expect(asCity.children.map((r) => r.jurisdictionName).sort()).toEqual(
    [`汇川区-${w.s}`, `播州区-${w.s}`].sort(),
  );
  // a county office cannot read the city's plan summary: NOT_FOUND, as for any unreadable plan
  await expect(
    cascadeSummaryFor(await as(w.b.office.id), { planId: w.city.plan.id, period: "2024Q1" }),
  ).rejects.toSatisfy((e) => e instanceof DomainError && e.code === "NOT_FOUND");
  // unit staff of 汇川区 see the plan's tasks of their unit, not the office's 上级下达事项
  const asStaff = await cascadeSummaryFor(await as(w.a.staff.id), {
    planId: w.a.plan.id,
    period: "2024Q1",
  });
  expect(asStaff.owed).toEqual([]);
  // the town's office reads the county's plan? no: NOT_FOUND
  await expect(
    cascadeSummaryFor(await as(w.town.office.id), { planId: w.a.plan.id, period: "2024Q1" }),
  ).rejects.toSatisfy((e) => e instanceof DomainError && e.code === "NOT_FOUND");
  // 汇川区's office: its owed items, exactly as the job builds them for it
  const asA = await cascadeSummaryFor(await as(w.a.office.id), {
    planId: w.a.plan.id,
    period: "2024Q1",
  });
  expect(asA).toEqual(
    await buildCascadeSummary(db, { planId: w.a.plan.id, period: "2024Q1", asOf: "2024-03-31" }),
  );
  expect(asA.owed.map((r) => r.assignmentId)).toEqual([c.a1.id, c.a2.id]);
});
