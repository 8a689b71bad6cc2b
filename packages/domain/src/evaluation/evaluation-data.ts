import type { z } from "zod";

import type { Prisma } from "@duban/db";

import { assertOffice } from "../access.ts";
import { recordAudit } from "../audit.ts";
import { dateOnly, shanghaiDay, toDbDate, type IsoDate } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { indicatorDistrictsWorkbook } from "../districts/district-export.ts";
import {
  evaluationKindLabels,
  indicatorNatureLabels,
  indicatorStatusLabels,
  scheduleLabels,
} from "../i18n/labels.ts";
import { issuingOfficeName } from "../i18n/notice-text.ts";
import { indicatorStatusOn } from "../indicators/indicator-status.ts";
import { loadAnnualTargets, targetsFor } from "../indicators/target-sets.ts";
import { periodEnd, periodOfDay } from "../periods.ts";
import { topAncestor } from "../plans/chapter.ts";
import { loadPlanForActor } from "../plans/plan-queries.ts";
import { expectedProgress, percentOf, scheduleState, type ScheduleState } from "../progress.ts";
import type { ZEvaluationInput, ZPlanIdInput } from "../schemas/plan.ts";
import { supervisionRules } from "../supervision/settings.ts";
import { assertSeesWholePlan } from "../visibility.ts";
import { ADJUSTMENT_KINDS, planAdjustments } from "./adjustments.ts";
import { annualSection } from "./annual-evaluation.ts";
import { annualTargetsAt, indicatorSeries } from "./indicator-series.ts";

export type EvaluationKind = "MIDTERM" | "FINAL" | "ANNUAL";

/** Default evaluation dates: the middle of the period (mid-year of its third year) and its last day. */
export function defaultEvaluationDate(
  kind: EvaluationKind,
  plan: { periodStart: number; periodEnd: number },
  /** ANNUAL: the year evaluated (its 31 December) */
  year?: number,
): IsoDate {
  if (kind === "ANNUAL") return `${year ?? plan.periodEnd}-12-31`;
  return kind === "FINAL"
    ? `${plan.periodEnd}-12-31`
    : `${plan.periodStart + Math.floor((plan.periodEnd - plan.periodStart) / 2)}-06-30`;
}

type Completion = {
  name: string;
  total: number;
  completed: number;
  onSchedule: number;
  lagging: number;
  overdue: number;
  completionRate: number;
  averageProgress: number;
  expectedProgress: number;
};

function tally(
  rows: Array<{ state: ScheduleState; progress: number; expected: number }>,
  name: string,
): Completion {
  const active = rows.filter((r) => r.state !== "CANCELLED");
  const count = (s: ScheduleState) => rows.filter((r) => r.state === s).length;
  return {
    name,
    total: active.length,
    completed: count("COMPLETED"),
    onSchedule: count("ON_SCHEDULE"),
    lagging: count("LAGGING"),
    overdue: count("OVERDUE"),
    completionRate: percentOf(count("COMPLETED"), active.length),
    averageProgress: active.length
      ? Math.round(active.reduce((s, r) => s + r.progress, 0) / active.length)
      : 0,
    expectedProgress: active.length
      ? Math.round(active.reduce((s, r) => s + r.expected, 0) / active.length)
      : 0,
  };
}

const EVALUATIONS: [string, string] = ["评估报告", "evaluations"];

/**
 * The evaluations generated for a plan, newest first: like the figures themselves, for the office
 * and readers only (department staff FORBIDDEN, another jurisdiction NOT_FOUND).
 */
export async function listEvaluations(
  { db, actor }: DomainContext,
  { planId }: z.infer<typeof ZPlanIdInput>,
) {
  const { visibility } = await loadPlanForActor(db, actor, planId);
  assertSeesWholePlan(visibility, EVALUATIONS);
  const rows = await db.evaluation.findMany({
    where: { planId },
    orderBy: [{ generatedAt: "desc" }, { id: "asc" }],
    select: { id: true, kind: true, year: true, asOf: true, generatedAt: true, generatedBy: true },
  });
  return rows.map((r) => ({ ...r, asOf: dateOnly(r.asOf) }));
}

/**
 * What an evaluation says, from the data as it stood on `asOf`: indicator attainment against the
 * trajectory, task completion per department and per chapter (progress as last approved by then),
 * lagging items (the jurisdiction's yellow band, supervisionRules) with the units' own explanations, and every adjustment (规划调整: re-dates,
 * reassignments, suspensions, cancellations, target changes; adjustments.ts). Each indicator
 * carries its `trajectory` for the charts (indicator-series.ts). The 年度评估 (kind ANNUAL, its
 * `year`; issue #18) is dated 31 December of the year by default, lists only the adjustments made
 * in the year and adds `annual` (annual-evaluation.ts: the year's items, indicators against the
 * year's targets, published scores); `annual` is null for MIDTERM and FINAL.
 * The whole plan's picture: department staff are refused (FORBIDDEN), as for generating one.
 */
export async function evaluationData(
  { db, actor }: DomainContext,
  input: z.infer<typeof ZEvaluationInput>,
) {
  const { plan, visibility } = await loadPlanForActor(db, actor, input.planId);
  assertSeesWholePlan(visibility, EVALUATIONS);
  const asOf = input.asOf ?? defaultEvaluationDate(input.kind, plan, input.year);
  const asOfEnd = new Date(`${asOf}T23:59:59+08:00`);
  const lastPeriod = periodOfDay(asOf);
  const [meta, indicators, tasks, nodes, entries, changes, rules] = await Promise.all([
    db.plan.findUniqueOrThrow({
      where: { id: plan.id },
      select: {
        title: true,
        periodStart: true,
        periodEnd: true,
        jurisdiction: { select: { name: true } },
      },
    }),
    db.indicator.findMany({
      where: { planId: plan.id },
      orderBy: { number: "asc" },
      include: {
        observations: {
          where: { districtId: null, period: { lte: lastPeriod }, reportedAt: { lte: asOfEnd } },
          orderBy: [{ period: "asc" }, { reportedAt: "asc" }, { id: "asc" }],
        },
      },
    }),
    db.task.findMany({
      where: { planId: plan.id },
      // the lagging list and the groups follow this order
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      include: { leadDepartment: { select: { id: true, name: true } } },
    }),
    db.planNode.findMany({
      where: { planId: plan.id },
      select: { id: true, parentId: true, code: true, title: true, order: true },
    }),
    db.ledgerEntry.findMany({
      where: {
        task: { planId: plan.id },
        period: { lte: lastPeriod },
        submittedAt: { lte: asOfEnd },
      },
      orderBy: [{ period: "asc" }, { revision: "asc" }],
      include: { department: { select: { name: true } } },
    }),
    db.taskDateChange.findMany({
      where: { task: { planId: plan.id }, changedAt: { lte: asOfEnd } },
      orderBy: [{ changedAt: "asc" }, { id: "asc" }],
      include: { task: { select: { title: true, leadDepartment: { select: { name: true } } } } },
    }),
    supervisionRules(db, plan.jurisdictionId),
  ]);
  const [otherChanges, targetRows] = await Promise.all([
    planAdjustments(db, plan, asOfEnd),
    // the 年度目标 in force on the evaluation's date replace the trajectory for their years
    loadAnnualTargets(
      db,
      indicators.map((i) => i.id),
      asOfEnd,
    ),
  ]);
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const chapterOf = (nodeId: string | null) => {
    const node = topAncestor(nodeById, nodeId);
    return node
      ? { key: node.id, name: `${node.code}、${node.title}`, order: node.order }
      : { key: "-", name: "其他任务", order: 1e9 };
  };
  // the lead unit's last approved report by the date is the progress that counts then
  const approved = new Map<string, (typeof entries)[number]>();
  const latestOwn = new Map<string, (typeof entries)[number]>();
  for (const e of entries) {
    if (e.departmentId === tasks.find((t) => t.id === e.taskId)?.leadDepartmentId) {
      latestOwn.set(e.taskId, e);
      if (e.reviewState === "APPROVED" && (e.reviewedAt ?? e.submittedAt) <= asOfEnd)
        approved.set(e.taskId, e);
    }
  }
  const taskRows = tasks.map((t) => {
    const status =
      t.completedAt && t.completedAt <= asOfEnd
        ? "COMPLETED"
        : t.status === "CANCELLED"
          ? "CANCELLED"
          : approved.get(t.id)?.status === "COMPLETED"
            ? "COMPLETED"
            : "IN_PROGRESS";
    const progress = status === "COMPLETED" ? 100 : (approved.get(t.id)?.percentComplete ?? 0);
    const dueAsOf = changes.filter((c) => c.taskId === t.id).at(-1)?.toDueDate ?? t.originalDueDate;
    const start = dateOnly(t.startDate);
    const due = dateOnly(dueAsOf);
    // lagging by the jurisdiction's yellow band (issue #17 step 8), as every list judges it
    const state = scheduleState({ status, progress, startDate: start, dueDate: due }, asOf, rules);
    return {
      task: t,
      state,
      progress,
      expected: expectedProgress(start, due, asOf),
      chapter: chapterOf(t.sourceNodeId),
      due,
    };
  });
  const byDept = new Map<string, typeof taskRows>();
  const byChapter = new Map<string, typeof taskRows>();
  for (const r of taskRows) {
    byDept.set(r.task.leadDepartment.name, [...(byDept.get(r.task.leadDepartment.name) ?? []), r]);
    byChapter.set(r.chapter.key, [...(byChapter.get(r.chapter.key) ?? []), r]);
  }
  const indicatorRows = indicators.map((ind) => {
    const latest =
      ind.observations.filter((o) => !o.supersededAt || o.supersededAt > asOfEnd).at(-1) ?? null;
    const targets = targetsFor(targetRows.get(ind.id));
    const a = latest
      ? indicatorStatusOn(ind, targets, periodEnd(latest.period), latest.value)
      : indicatorStatusOn(ind, targets, asOf, null);
    const attainment =
      latest &&
      ind.targetValue !== null &&
      ind.baselineValue !== null &&
      ind.targetValue !== ind.baselineValue
        ? Math.round(
            ((latest.value - ind.baselineValue) / (ind.targetValue - ind.baselineValue)) * 1000,
          ) / 10
        : null;
    return {
      number: ind.number,
      name: ind.name,
      unit: ind.unit,
      nature: indicatorNatureLabels[ind.nature].zh,
      baseline: ind.baselineValue,
      target: ind.targetValue,
      latestPeriod: latest?.period ?? null,
      latestValue: latest?.value ?? null,
      expected: a.expected,
      status: indicatorStatusLabels[a.status].zh,
      attainment,
    };
  });
  // issue #18: each indicator's trajectory for the charts, and the 年度评估's own section
  const targetsByIndicator = await annualTargetsAt(
    db,
    indicators.map((i) => i.id),
    asOfEnd,
  );
  const currentObservations = (ind: (typeof indicators)[number]) =>
    ind.observations.filter((o) => !o.supersededAt || o.supersededAt > asOfEnd);
  const year = input.kind === "ANNUAL" ? (input.year ?? Number(asOf.slice(0, 4))) : null;
  const annual =
    year === null
      ? null
      : await annualSection(db, plan, year, asOf, indicators, targetsByIndicator);
  // 分片区监测 (issue #19): each indicator monitored by district, its 片区 side by side as of the day
  const districts = await Promise.all(
    indicators
      .filter((i) => i.byDistrict)
      .map(async (i) => ({
        number: i.number,
        ...(
          await indicatorDistrictsWorkbook(
            { db, actor },
            { indicatorId: i.id, asOf },
            { reportedBy: asOfEnd },
          )
        ).data,
      })),
  );
  return {
    kind: input.kind,
    title:
      year === null
        ? `${meta.title}${evaluationKindLabels[input.kind].zh}报告`
        : `${meta.title}${year}年度评估报告`,
    /** 发文机关署名 of the Word document */
    issuer: issuingOfficeName(meta.jurisdiction.name),
    annual,
    plan: {
      id: plan.id,
      title: meta.title,
      jurisdiction: meta.jurisdiction.name,
      periodStart: meta.periodStart,
      periodEnd: meta.periodEnd,
    },
    asOf,
    totals: tally(taskRows, "合计"),
    indicators: indicatorRows.map((row, i) => ({
      ...row,
      trajectory: indicatorSeries(
        indicators[i]!,
        targetsByIndicator.get(indicators[i]!.id) ?? [],
        currentObservations(indicators[i]!),
      ),
    })),
    districts,
    departments: [...byDept.entries()]
      .map(([name, rows]) => tally(rows, name))
      .sort((a, b) => b.completionRate - a.completionRate || a.name.localeCompare(b.name, "zh-CN")),
    chapters: [...byChapter.values()]
      .sort((a, b) => a[0]!.chapter.order - b[0]!.chapter.order)
      .map((rows) => tally(rows, rows[0]!.chapter.name)),
    lagging: taskRows
      .filter((r) => r.state === "LAGGING" || r.state === "OVERDUE")
      .map((r) => {
        const e = latestOwn.get(r.task.id);
        return {
          title: r.task.title,
          department: r.task.leadDepartment.name,
          state: scheduleLabels[r.state].zh,
          progress: r.progress,
          expected: r.expected,
          dueDate: r.due,
          explanation: e
            ? [e.problems, e.nextSteps].filter(Boolean).join("；下步：") || e.progressText
            : "未报送台账",
        };
      }),
    adjustments: [
      ...changes.map((c) => ({
        title: c.task.title,
        department: c.task.leadDepartment.name,
        kind: ADJUSTMENT_KINDS.redate,
        from: dateOnly(c.fromDueDate),
        to: dateOnly(c.toDueDate),
        reason: c.reason,
        at: shanghaiDay(c.changedAt),
        sortAt: c.changedAt.getTime(),
      })),
      ...otherChanges,
    ]
      // the 年度评估 lists the adjustments made in its year
      .filter((a) => year === null || a.at.startsWith(`${year}-`))
      .sort((x, y) => x.sortAt - y.sortAt)
      .map(({ sortAt: _sortAt, ...a }) => a),
  };
}
export type EvaluationData = Awaited<ReturnType<typeof evaluationData>>;

/** The office generates (keeps) an evaluation: the permission is checked before the figures are computed. */
export async function generateEvaluation(
  ctx: DomainContext,
  input: z.infer<typeof ZEvaluationInput>,
) {
  const { plan } = await loadPlanForActor(ctx.db, ctx.actor, input.planId);
  assertOffice(ctx.actor, plan.jurisdictionId);
  const data = await evaluationData(ctx, input);
  const row = await recordEvaluation(ctx, data);
  return { id: row.id, asOf: data.asOf, kind: data.kind };
}

/** Keeps the figures of a generated evaluation (the documents are rebuilt from them on download). */
export async function recordEvaluation(
  { db, actor, requestId }: DomainContext,
  data: EvaluationData,
) {
  const plan = await db.plan.findUniqueOrThrow({
    where: { id: data.plan.id },
    select: { jurisdictionId: true },
  });
  assertOffice(actor, plan.jurisdictionId);
  return db.$transaction(async (tx) => {
    const row = await tx.evaluation.upsert({
      where: {
        planId_kind_asOf: { planId: data.plan.id, kind: data.kind, asOf: toDbDate(data.asOf) },
      },
      create: {
        planId: data.plan.id,
        kind: data.kind,
        year: data.annual?.year ?? null,
        asOf: toDbDate(data.asOf),
        summary: data as unknown as Prisma.InputJsonValue,
        generatedBy: actor.kind === "user" ? actor.email : actor.label,
      },
      update: {
        summary: data as unknown as Prisma.InputJsonValue,
        generatedAt: new Date(),
        generatedBy: actor.kind === "user" ? actor.email : actor.label,
      },
    });
    await recordAudit(tx, actor, {
      action: "evaluation.generate",
      entityType: "Evaluation",
      entityId: row.id,
      jurisdictionId: plan.jurisdictionId,
      after: { kind: data.kind, asOf: data.asOf, totals: data.totals },
      requestId,
    });
    return row;
  });
}
