import type { z } from "zod";

import type { DbOrTx } from "@duban/db";

import { recordAudit } from "../audit.ts";
import type { DomainContext } from "../context.ts";
import { conflict, invalid, notFound } from "../errors.ts";
import { lastReportingYear } from "../ledger/cycles.ts";
import type {
  ZClearAnnualTargetInput,
  ZIndicatorYearInput,
  ZSetAnnualTargetInput,
} from "../schemas/indicator.ts";
import { officeIndicator, readableIndicator } from "./indicator-access.ts";

type SetInput = z.infer<typeof ZSetAnnualTargetInput>;

/** The 片区 or unit a target is for must be of the plan's own jurisdiction; not both at once. */
async function assertScope(db: DbOrTx, jurisdictionId: string, input: SetInput) {
  if (input.districtId && input.departmentId)
    throw invalid(
      "年度目标只能按全域、片区或责任单位之一设定",
      "a target is for the whole jurisdiction, one district or one unit, not a district and a unit",
      "departmentId",
    );
  if (
    input.districtId &&
    !(await db.district.count({ where: { id: input.districtId, jurisdictionId } }))
  )
    throw invalid("片区不属于本级", "the district is not in this jurisdiction", "districtId");
  if (
    input.departmentId &&
    !(await db.department.count({ where: { id: input.departmentId, jurisdictionId } }))
  )
    throw invalid(
      "所选单位不属于本级",
      "the department is not in this jurisdiction",
      "departmentId",
    );
}

/**
 * Sets an indicator's 年度目标 for a year — for the whole jurisdiction, one 片区 or one unit
 * (issue #18). The first target of a year/片区/unit is a plan decision, not an adjustment; a
 * replacement is an adjustment (动态调整): `reason` is required, the old row is kept with
 * `supersededAt`, and an IndicatorAdjustment (field ANNUAL_TARGET, from → to, reason, docRef)
 * is written, all with the audit event (`indicator.setAnnualTarget` / `indicator.replaceAnnualTarget`)
 * in one transaction. Years run from the year after the baseline to the later of the target year
 * and the plan's last reporting year (lastReportingYear: its period, extended to the latest year with
 * a 年度工作要点 or an unfinished carried task).
 *
 * `setAt` (and an adjustment's `adjustedAt`) is the context's clock, like publishScores' publishedAt.
 *
 * Errors: NOT_FOUND (indicator not readable), FORBIDDEN (not the office of the plan's
 * jurisdiction), INVALID (year outside the period, 片区/unit of another jurisdiction, a replacement
 * without reason or with the same value, archived plan), CONFLICT (replaced by someone else meanwhile).
 */
export async function setAnnualTarget(
  { db, actor, requestId, now: clock }: DomainContext,
  input: SetInput,
) {
  const indicator = await officeIndicator(db, actor, input.indicatorId);
  const jurisdictionId = indicator.plan.jurisdictionId;
  // a plan past its period keeps targets for the years it still runs in: those with a 年度工作要点
  // or an unfinished carried task (lastReportingYear, the same rule as 立项 and reporting)
  const lastYear = Math.max(
    indicator.targetYear,
    await lastReportingYear(db, { id: indicator.planId, periodEnd: indicator.plan.periodEnd }),
  );
  if (input.year <= indicator.baselineYear || input.year > lastYear)
    throw invalid(
      `年度目标的年份应在 ${indicator.baselineYear + 1}—${lastYear} 年之间`,
      `the year must be between ${indicator.baselineYear + 1} and ${lastYear}`,
      "year",
    );
  await assertScope(db, jurisdictionId, input);
  const scope = {
    indicatorId: indicator.id,
    year: input.year,
    districtId: input.districtId,
    departmentId: input.departmentId,
  };
  return db.$transaction(async (tx) => {
    const previous = await tx.indicatorAnnualTarget.findFirst({
      where: { ...scope, supersededAt: null },
    });
    if (previous && !input.reason?.trim())
      throw invalid(
        "已设定的年度目标只能经调整修改，请填写调整理由",
        "replacing a target already set is an adjustment: give the reason",
        "adjustmentReason",
      );
    if (previous && previous.value === input.value)
      throw invalid("新目标值与现行目标值相同", "the new target equals the current one", "value");
    const now = clock ?? new Date();
    if (previous) {
      // of two replacements at once the second finds the row already superseded
      const done = await tx.indicatorAnnualTarget.updateMany({
        where: { id: previous.id, supersededAt: null },
        data: { supersededAt: now },
      });
      if (done.count === 0)
        throw conflict(
          "年度目标已被他人修改，请刷新后重试",
          "the target was changed meanwhile; reload and try again",
        );
    }
    const row = await tx.indicatorAnnualTarget.create({
      data: {
        ...scope,
        value: input.value,
        note: input.note ?? null,
        setById: actor.kind === "user" ? actor.userId : null,
        setAt: now,
      },
    });
    const adjustment = previous
      ? await tx.indicatorAdjustment.create({
          data: {
            indicatorId: indicator.id,
            field: "ANNUAL_TARGET",
            year: input.year,
            districtId: input.districtId,
            departmentId: input.departmentId,
            fromValue: previous.value,
            toValue: input.value,
            reason: input.reason!.trim(),
            docRef: input.docRef ?? null,
            adjustedById: actor.kind === "user" ? actor.userId : null,
            adjustedAt: now,
          },
        })
      : null;
    await recordAudit(tx, actor, {
      action: previous ? "indicator.replaceAnnualTarget" : "indicator.setAnnualTarget",
      entityType: "IndicatorAnnualTarget",
      entityId: row.id,
      jurisdictionId,
      before: previous ? { id: previous.id, value: previous.value } : undefined,
      after: { ...input, adjustmentId: adjustment?.id },
      requestId,
    });
    return { ...row, replaced: previous?.id ?? null, adjustmentId: adjustment?.id ?? null };
  });
}

/**
 * Withdraws a 年度目标 (the year goes back to the trajectory): an adjustment, so `reason` is
 * required (zod); the row is kept, superseded, and an IndicatorAdjustment ANNUAL_TARGET from the
 * value to null is written with the audit event `indicator.clearAnnualTarget`.
 * Errors as setAnnualTarget; CONFLICT when the target is no longer the current one.
 */
export async function clearAnnualTarget(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZClearAnnualTargetInput>,
) {
  const target = await db.indicatorAnnualTarget.findUnique({ where: { id: input.targetId } });
  if (!target) throw notFound("年度目标", "annual target");
  const indicator = await officeIndicator(db, actor, target.indicatorId);
  return db.$transaction(async (tx) => {
    const now = new Date();
    const done = await tx.indicatorAnnualTarget.updateMany({
      where: { id: target.id, supersededAt: null },
      data: { supersededAt: now },
    });
    if (done.count === 0)
      throw conflict(
        "该年度目标已被修改或撤销，请刷新后重试",
        "the target was already replaced or withdrawn; reload and try again",
      );
    const adjustment = await tx.indicatorAdjustment.create({
      data: {
        indicatorId: target.indicatorId,
        field: "ANNUAL_TARGET",
        year: target.year,
        districtId: target.districtId,
        departmentId: target.departmentId,
        fromValue: target.value,
        toValue: null,
        reason: input.reason.trim(),
        docRef: input.docRef ?? null,
        adjustedById: actor.kind === "user" ? actor.userId : null,
        adjustedAt: now,
      },
    });
    await recordAudit(tx, actor, {
      action: "indicator.clearAnnualTarget",
      entityType: "IndicatorAnnualTarget",
      entityId: target.id,
      jurisdictionId: indicator.plan.jurisdictionId,
      before: { value: target.value, year: target.year },
      after: { reason: input.reason, docRef: input.docRef, adjustmentId: adjustment.id },
      requestId,
    });
    return { id: target.id, adjustmentId: adjustment.id };
  });
}

/**
 * An indicator's annual targets (`rows`), current and replaced (history), optionally of one year,
 * with the 片区's / unit's name, ordered by year, then whole jurisdiction first, then by when set;
 * and the plan jurisdiction's 片区 (`districts`, what a target may be set for). For anyone who
 * may read the plan (NOT_FOUND otherwise).
 */
export async function listAnnualTargets(
  { db, actor }: DomainContext,
  input: z.infer<typeof ZIndicatorYearInput>,
) {
  const indicator = await readableIndicator(db, actor, input.indicatorId);
  const districts = await db.district.findMany({
    where: { jurisdictionId: indicator.plan.jurisdictionId },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
  const rows = await db.indicatorAnnualTarget.findMany({
    where: { indicatorId: input.indicatorId, ...(input.year ? { year: input.year } : {}) },
    orderBy: [{ year: "asc" }, { setAt: "asc" }, { id: "asc" }],
    include: {
      district: { select: { id: true, name: true } },
      department: { select: { id: true, name: true } },
    },
  });
  const scopeRank = (r: (typeof rows)[number]) => (r.districtId ? 1 : r.departmentId ? 2 : 0);
  return {
    rows: rows
      .map((r) => ({ ...r, current: r.supersededAt === null }))
      .sort((a, b) => a.year - b.year || scopeRank(a) - scopeRank(b)),
    districts,
  };
}
