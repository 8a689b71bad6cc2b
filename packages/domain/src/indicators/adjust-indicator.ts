import type { z } from "zod";

import type { Tx } from "@duban/db";

import { recordAudit } from "../audit.ts";
import type { DomainContext } from "../context.ts";
import { invalid, staleVersion } from "../errors.ts";
import type { ZAdjustIndicatorInput } from "../schemas/indicator.ts";
import { officeIndicator } from "./indicator-access.ts";

/** The indicator fields an adjustment (动态调整) may change, and their columns. */
export type AdjustableField = "BASELINE_VALUE" | "BASELINE_YEAR" | "TARGET_VALUE" | "TARGET_YEAR";
const COLUMN = {
  BASELINE_VALUE: "baselineValue",
  BASELINE_YEAR: "baselineYear",
  TARGET_VALUE: "targetValue",
  TARGET_YEAR: "targetYear",
} as const;

type AdjustedIndicator = {
  id: string;
  version: number;
  baselineValue: number | null;
  baselineYear: number;
  targetValue: number | null;
  targetYear: number;
};

/**
 * Whether `value` may become the indicator's `field`: a different value, and the baseline year
 * still before the target year. INVALID (field `value`) otherwise.
 */
export function assertAdjustmentValid(
  ind: AdjustedIndicator,
  field: AdjustableField,
  value: number,
) {
  if (ind[COLUMN[field]] === value)
    throw invalid("新值与现行值相同", "the new value equals the current one", "value");
  const baselineYear = field === "BASELINE_YEAR" ? value : ind.baselineYear;
  const targetYear = field === "TARGET_YEAR" ? value : ind.targetYear;
  if (baselineYear >= targetYear)
    throw invalid(
      "基期年份应早于目标年份",
      "the baseline year must come before the target year",
      "value",
    );
}

/**
 * Applies one adjustment inside the caller's transaction — the one path for the office's own
 * adjustment and for an approved TARGET_CHANGE request (issue #18): the indicator's field changes
 * if nobody saved since `version` (CONFLICT otherwise), an IndicatorAdjustment keeps the old value
 * (`fromValue`; the first adjustment of a field therefore holds the plan's original), the new one,
 * the reason, the 依据文件 and the request it applies, and the audit event `indicator.adjust` is
 * written in the same transaction. Returns the old and new values and the new version.
 */
export async function applyIndicatorAdjustment(
  tx: Tx,
  { actor, requestId }: Pick<DomainContext, "actor" | "requestId">,
  indicator: AdjustedIndicator & { jurisdictionId: string },
  input: {
    version: number;
    field: AdjustableField;
    value: number;
    reason: string;
    docRef?: string | null;
    changeRequestId?: string | null;
  },
) {
  assertAdjustmentValid(indicator, input.field, input.value);
  const column = COLUMN[input.field];
  const updated = await tx.indicator.updateMany({
    where: { id: indicator.id, version: input.version },
    data: { [column]: input.value, version: { increment: 1 } },
  });
  if (updated.count === 0) throw staleVersion("指标", "indicator", indicator.version);
  const from = indicator[column];
  const adjustment = await tx.indicatorAdjustment.create({
    data: {
      indicatorId: indicator.id,
      field: input.field,
      fromValue: from,
      toValue: input.value,
      reason: input.reason.trim(),
      docRef: input.docRef ?? null,
      changeRequestId: input.changeRequestId ?? null,
      adjustedById: actor.kind === "user" ? actor.userId : null,
    },
  });
  await recordAudit(tx, actor, {
    action: "indicator.adjust",
    entityType: "Indicator",
    entityId: indicator.id,
    jurisdictionId: indicator.jurisdictionId,
    before: { [column]: from },
    after: {
      [column]: input.value,
      reason: input.reason,
      docRef: input.docRef ?? null,
      changeRequestId: input.changeRequestId ?? null,
      adjustmentId: adjustment.id,
    },
    requestId,
  });
  return { from, to: input.value, version: input.version + 1, adjustmentId: adjustment.id };
}

/**
 * 动态调整 by the office (issue #18: "the office can change an indicator's baseline, target value
 * or year … with a reason and a document reference; the old value is kept"). Only the office of
 * the plan's jurisdiction (FORBIDDEN for units and leaders, NOT_FOUND for another jurisdiction);
 * INVALID for an archived plan, the same value, or a baseline year not before the target year;
 * CONFLICT when the indicator changed since `version`.
 */
export async function adjustIndicator(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZAdjustIndicatorInput>,
) {
  const indicator = await officeIndicator(db, actor, input.indicatorId);
  if (indicator.version !== input.version)
    throw staleVersion("指标", "indicator", indicator.version);
  return db.$transaction((tx) =>
    applyIndicatorAdjustment(
      tx,
      { actor, requestId },
      { ...indicator, jurisdictionId: indicator.plan.jurisdictionId },
      input,
    ),
  );
}
