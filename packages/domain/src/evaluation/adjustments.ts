import type { DbOrTx, TaskStatus } from "@duban/db";

import { shanghaiDay } from "../calendar.ts";
import { taskStatusLabels } from "../i18n/labels.ts";

/** The 调整类型 column of the evaluation's 规划调整情况. */
export const ADJUSTMENT_KINDS = {
  redate: "调整完成时限",
  reassign: "调整牵头单位",
  SUSPENDED: "暂缓实施",
  CANCELLED: "取消任务",
  target: "调整指标目标值",
  BASELINE_VALUE: "调整指标基期值",
  BASELINE_YEAR: "调整指标基期年份",
  TARGET_VALUE: "调整指标目标值",
  TARGET_YEAR: "调整指标目标年份",
  ANNUAL_TARGET: "调整年度目标",
} as const;

export type Adjustment = {
  title: string;
  department: string;
  kind: string;
  from: string;
  to: string;
  reason: string;
  at: string;
  sortAt: number;
};

type Json = Record<string, unknown> | null;
const text = (v: unknown) => (v === null || v === undefined ? "" : String(v));

/**
 * The plan adjustments other than re-dates (TaskDateChange rows, read by evaluationData) made by
 * `until` (issue #17: the evaluation lists every approved change): reassignments and suspensions /
 * cancellations of the plan's tasks — whether the office made them directly (task.reassign,
 * task.setStatus) or approved a change request — read from the audit trail, which every path
 * writes in the transaction of the change; and indicator target changes approved on request
 * (ChangeRequest.applied) before issue #18; and every indicator adjustment (IndicatorAdjustment,
 * issue #18 动态调整: baseline / target value or year, a replaced or withdrawn 年度目标, whether
 * the office made it or approved a TARGET_CHANGE request — such a request is then listed once, by
 * its adjustment row). A reason comes from the request or the office's own note, with the
 * adjustment's 依据文件 after it.
 */
export async function planAdjustments(
  db: DbOrTx,
  plan: { id: string; jurisdictionId: string },
  until: Date,
): Promise<Adjustment[]> {
  const tasks = await db.task.findMany({
    where: { planId: plan.id },
    select: { id: true, title: true, leadDepartment: { select: { name: true } } },
  });
  const taskById = new Map(tasks.map((t) => [t.id, t]));
  const [events, targetChanges, units, indicatorChanges, districts] = await Promise.all([
    db.auditEvent.findMany({
      where: {
        jurisdictionId: plan.jurisdictionId,
        entityType: "Task",
        action: { in: ["task.reassign", "task.setStatus"] },
        at: { lte: until },
      },
      orderBy: { id: "asc" },
      select: { entityId: true, action: true, before: true, after: true, at: true },
    }),
    db.changeRequest.findMany({
      where: {
        task: { planId: plan.id },
        kind: "TARGET_CHANGE",
        state: "APPROVED",
        OR: [
          { leaderDecidedAt: { lte: until } },
          { leaderDecidedAt: null, officeDecidedAt: { lte: until } },
        ],
      },
      // listed by decision time with a stable sort: equal times keep this order
      orderBy: [{ requestedAt: "asc" }, { id: "asc" }],
      select: {
        taskId: true,
        id: true,
        reason: true,
        applied: true,
        officeDecidedAt: true,
        leaderDecidedAt: true,
      },
    }),
    db.department.findMany({
      where: { jurisdictionId: plan.jurisdictionId },
      select: { id: true, name: true },
    }),
    db.indicatorAdjustment.findMany({
      where: { indicator: { planId: plan.id }, adjustedAt: { lte: until } },
      orderBy: [{ adjustedAt: "asc" }, { id: "asc" }],
      include: {
        indicator: {
          select: { name: true, unit: true, responsibleDepartment: { select: { name: true } } },
        },
      },
    }),
    db.district.findMany({
      where: { jurisdictionId: plan.jurisdictionId },
      select: { id: true, name: true },
    }),
  ]);
  const viaAdjustment = new Set(indicatorChanges.map((a) => a.changeRequestId).filter(Boolean));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const out: Adjustment[] = [];
  for (const e of events) {
    const task = taskById.get(e.entityId);
    if (!task) continue;
    const before = e.before as Json;
    const after = e.after as Json;
    const base = {
      title: task.title,
      department: task.leadDepartment.name,
      reason: text(after?.reason),
      at: shanghaiDay(e.at),
      sortAt: e.at.getTime(),
    };
    if (e.action === "task.reassign") {
      const from = text(before?.leadDepartmentId);
      const to = text(after?.leadDepartmentId);
      if (from === to) continue;
      out.push({
        ...base,
        kind: ADJUSTMENT_KINDS.reassign,
        from: unitName.get(from) ?? from,
        to: unitName.get(to) ?? to,
      });
    } else {
      const to = text(after?.status) as TaskStatus;
      const from = text(before?.status) as TaskStatus;
      if ((to !== "SUSPENDED" && to !== "CANCELLED") || from === to) continue;
      out.push({
        ...base,
        kind: ADJUSTMENT_KINDS[to],
        from: taskStatusLabels[from]?.zh ?? from,
        to: taskStatusLabels[to].zh,
      });
    }
  }
  for (const r of targetChanges) {
    const task = taskById.get(r.taskId);
    const applied = r.applied as Json;
    if (!task || !applied || viaAdjustment.has(r.id)) continue;
    const at = (r.leaderDecidedAt ?? r.officeDecidedAt)!;
    out.push({
      title: task.title,
      department: task.leadDepartment.name,
      kind: ADJUSTMENT_KINDS.target,
      from: `${text(applied.indicatorName)}：${text(applied.from)}`,
      to: text(applied.to),
      reason: r.reason,
      at: shanghaiDay(at),
      sortAt: at.getTime(),
    });
  }
  out.push(
    ...indicatorAdjustmentRows(
      indicatorChanges,
      unitName,
      new Map(districts.map((d) => [d.id, d.name])),
    ),
  );
  return out;
}

const value = (v: number | null, unit: string | null) =>
  v === null ? "未设定" : `${v}${unit ? ` ${unit}` : ""}`;

/** One 规划调整 row per IndicatorAdjustment: the indicator (and the year's 片区 / unit), from → to. */
function indicatorAdjustmentRows(
  rows: Array<{
    field: keyof typeof ADJUSTMENT_KINDS & string;
    year: number | null;
    districtId: string | null;
    departmentId: string | null;
    fromValue: number | null;
    toValue: number | null;
    reason: string;
    docRef: string | null;
    adjustedAt: Date;
    indicator: {
      name: string;
      unit: string | null;
      responsibleDepartment: { name: string } | null;
    };
  }>,
  unitName: Map<string, string>,
  districtName: Map<string, string>,
): Adjustment[] {
  return rows.map((a) => {
    const years = a.field === "BASELINE_YEAR" || a.field === "TARGET_YEAR";
    const unit = years ? "年" : a.indicator.unit;
    const scope =
      a.field === "ANNUAL_TARGET"
        ? `（${a.year}年${a.districtId ? `·${districtName.get(a.districtId) ?? "片区"}` : ""}${a.departmentId ? `·${unitName.get(a.departmentId) ?? ""}` : ""}）`
        : "";
    return {
      title: `${a.indicator.name}${scope}`,
      department: a.indicator.responsibleDepartment?.name ?? "",
      kind: ADJUSTMENT_KINDS[a.field],
      from: years ? `${a.fromValue ?? ""}年` : value(a.fromValue, unit),
      to: a.toValue === null ? "撤销年度目标" : years ? `${a.toValue}年` : value(a.toValue, unit),
      reason: a.docRef ? `${a.reason}（依据：${a.docRef}）` : a.reason,
      at: shanghaiDay(a.adjustedAt),
      sortAt: a.adjustedAt.getTime(),
    };
  });
}
