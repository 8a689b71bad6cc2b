import type { DbOrTx } from "@duban/db";

import { annualItemOutcome } from "../annual/item-outcome.ts";
import { dateOnly, shanghaiDay, type IsoDate } from "../calendar.ts";
import { expectedValueWithTargets, type AnnualTargetPoint } from "../indicators/annual-targets.ts";
import type { TrajectoryIndicator } from "../indicators/trajectory.ts";
import { percentOf } from "../progress.ts";
import { ZScoreSheet } from "../schemas/assessment.ts";

/** One item of the year's annual plan in the 年度评估. */
export type AnnualItemRow = {
  title: string;
  deliverable: string;
  department: string;
  dueDate: IsoDate;
  done: boolean;
  onTime: boolean;
  doneOn: IsoDate | null;
  /** 结转 from the previous year */
  carriedOver: boolean;
  /** the lead unit's explanation when not done (AnnualPlanItem.explanation, else its last report) */
  explanation: string;
};

/** What the 年度评估 adds to an evaluation (EvaluationData.annual). */
export type AnnualSection = {
  year: number;
  /** the year's annual plan (年度工作要点), null when the office made none */
  annualPlan: { title: string; docNumber: string | null } | null;
  items: AnnualItemRow[];
  /** per lead unit: the year's items and how many are done */
  departments: Array<{ name: string; total: number; done: number; completionRate: number }>;
  /** indicators against the year's targets */
  indicators: Array<{
    number: number;
    name: string;
    unit: string | null;
    /** the 年度目标 set for the year (whole jurisdiction), null when none */
    yearTarget: number | null;
    /** the value expected at the year's end: the target, or the trajectory */
    expected: number | null;
    actual: number | null;
    actualPeriod: string | null;
    /** 达标 / 未达标 / 未报送 / 无目标 */
    verdict: string;
  }>;
  /** the jurisdiction's published final scores for the year, null when none is published */
  scores: null | {
    publishedOn: IsoDate;
    units: Array<{ rank: number; name: string; total: number }>;
  };
};

type IndicatorIn = TrajectoryIndicator & {
  id: string;
  number: number;
  name: string;
  unit: string | null;
  observations: Array<{ period: string; value: number; supersededAt: Date | null }>;
};

/**
 * The 年度评估's own figures for `year` as of `asOf` (YYYY-MM-DD, normally 31 December; issue #18):
 * the year's annual-plan items, done or not by annualItemOutcome, with the lead unit's explanation
 * of an item not done; each indicator's last value of the year against the year's target
 * (expectedValueWithTargets on 31 December: the 年度目标 where set, else the trajectory), judged
 * by the indicator's direction; and the jurisdiction's current published final scores for the
 * year (ScorePublication period "YYYY", ZScoreSheet), or null — the document then says
 * 年度考核结果尚未发布. `indicators` come with their whole-jurisdiction observations up to asOf.
 */
export async function annualSection(
  db: DbOrTx,
  plan: { id: string; jurisdictionId: string },
  year: number,
  asOf: IsoDate,
  indicators: readonly IndicatorIn[],
  targets: Map<string, AnnualTargetPoint[]>,
): Promise<AnnualSection> {
  const asOfEnd = new Date(`${asOf}T23:59:59+08:00`);
  const [annualPlan, publication] = await Promise.all([
    db.annualPlan.findUnique({
      where: { planId_year: { planId: plan.id, year } },
      include: {
        items: {
          orderBy: [{ order: "asc" }, { createdAt: "asc" }, { id: "asc" }],
          include: {
            task: {
              select: {
                title: true,
                status: true,
                completedAt: true,
                leadDepartmentId: true,
                leadDepartment: { select: { name: true } },
                ledgerEntries: {
                  where: { period: { startsWith: String(year) }, submittedAt: { lte: asOfEnd } },
                  orderBy: [{ period: "desc" }, { revision: "desc" }],
                  select: {
                    departmentId: true,
                    problems: true,
                    nextSteps: true,
                    progressText: true,
                  },
                },
              },
            },
          },
        },
      },
    }),
    db.scorePublication.findFirst({
      where: {
        jurisdictionId: plan.jurisdictionId,
        period: String(year),
        supersededAt: null,
        publishedAt: { lte: asOfEnd },
      },
      orderBy: { publishedAt: "desc" },
    }),
  ]);
  const items: AnnualItemRow[] = (annualPlan?.items ?? []).map((item) => {
    const outcome = annualItemOutcome({ ...item, year }, asOf);
    const own = item.task.ledgerEntries.find((e) => e.departmentId === item.task.leadDepartmentId);
    const reported = own
      ? [own.problems, own.nextSteps].filter(Boolean).join("；下步：") || own.progressText
      : "";
    return {
      title: item.task.title,
      deliverable: item.deliverable,
      department: item.task.leadDepartment.name,
      dueDate: dateOnly(item.dueDate),
      done: outcome.done,
      onTime: outcome.onTime,
      doneOn: outcome.doneOn,
      carriedOver: item.carriedOverFromId !== null,
      explanation: outcome.done ? "" : item.explanation || reported || "未说明原因",
    };
  });
  const byDept = new Map<string, AnnualItemRow[]>();
  for (const i of items) byDept.set(i.department, [...(byDept.get(i.department) ?? []), i]);
  const departments = [...byDept.entries()]
    .map(([name, rows]) => {
      const done = rows.filter((r) => r.done).length;
      return { name, total: rows.length, done, completionRate: percentOf(done, rows.length) };
    })
    .sort((a, b) => b.completionRate - a.completionRate || a.name.localeCompare(b.name, "zh-CN"));
  const yearEnd: IsoDate = `${year}-12-31`;
  const indicatorRows = indicators.map((ind) => {
    const t = targets.get(ind.id) ?? [];
    const latest =
      ind.observations
        .filter((o) => o.period.startsWith(String(year)))
        .filter((o) => !o.supersededAt || o.supersededAt > asOfEnd)
        .at(-1) ?? null;
    const expected = expectedValueWithTargets(ind, t, yearEnd);
    const verdict =
      expected === null
        ? "无目标"
        : latest === null
          ? "未报送"
          : (ind.direction === "DECREASE" ? latest.value <= expected : latest.value >= expected)
            ? "达标"
            : "未达标";
    return {
      number: ind.number,
      name: ind.name,
      unit: ind.unit,
      yearTarget: t.find((x) => x.year === year)?.value ?? null,
      expected: expected === null ? null : Math.round(expected * 100) / 100,
      actual: latest?.value ?? null,
      actualPeriod: latest?.period ?? null,
      verdict,
    };
  });
  const sheet = publication ? ZScoreSheet.safeParse(publication.sheet) : null;
  return {
    year,
    annualPlan: annualPlan ? { title: annualPlan.title, docNumber: annualPlan.docNumber } : null,
    items,
    departments,
    indicators: indicatorRows,
    scores:
      publication && sheet?.success
        ? {
            publishedOn: shanghaiDay(publication.publishedAt),
            units: [...sheet.data.units]
              .sort((a, b) => a.rank - b.rank)
              .map((u) => ({ rank: u.rank, name: u.departmentName, total: u.total })),
          }
        : null,
  };
}
