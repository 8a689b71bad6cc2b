import { z } from "zod";

import type { Field } from "../i18n/validation.ts";
import { refuse, zId, zIsoDate, zPeriod, zText, zVersion } from "./common.ts";

export const ZListIndicatorsInput = z.object({ planId: zId, asOf: zIsoDate.optional() });
export const ZRecordObservationInput = z.object({
  indicatorId: zId,
  period: zPeriod,
  districtId: zId.nullable().default(null),
  value: z
    .number({ error: refuse({ code: "number.required" }) })
    .finite({ error: refuse({ code: "number.finite" }) }),
  source: zText(200, "source").optional(),
  note: zText(1000, "note").optional(),
});
/** A threshold as a fraction (0.1 = 10 %); the form shows percentages, and so does the message. */
const zThreshold = (field: Field) => {
  const error = refuse({ code: "threshold.range", field });
  return z.number({ error }).min(0, { error }).max(1, { error });
};
export const ZUpdateIndicatorInput = z
  .object({
    indicatorId: zId,
    version: zVersion,
    responsibleDepartmentId: zId.nullable().optional(),
    direction: z.enum(["INCREASE", "DECREASE"]).optional(),
    nature: z.enum(["EXPECTED", "BINDING"]).optional(),
    trajectory: z.enum(["LINEAR", "COMPOUND"]).optional(),
    accumulation: z.enum(["LEVEL", "CUMULATIVE"]).optional(),
    atRiskThreshold: zThreshold("atRiskThreshold").nullable().optional(),
    offTrackThreshold: zThreshold("offTrackThreshold").nullable().optional(),
  })
  .refine(
    (i) =>
      i.atRiskThreshold == null ||
      i.offTrackThreshold == null ||
      i.atRiskThreshold <= i.offTrackThreshold,
    {
      error: refuse({ code: "threshold.order" }),
      path: ["atRiskThreshold"],
    },
  );
export const ZIndicatorIdInput = z.object({ indicatorId: zId });

// ── 年度目标 and 动态调整 (issue #18) ──
const zIndicatorValue = z
  .number({ error: refuse({ code: "number.required", field: "annualTarget" }) })
  .finite({ error: refuse({ code: "number.finite", field: "annualTarget" }) });
/**
 * Set an indicator's target for a year (whole jurisdiction, or one 片区 / responsible unit).
 * Replacing a target already set is an adjustment: `reason` is then required.
 */
export const ZSetAnnualTargetInput = z.object({
  indicatorId: zId,
  year: z.number().int().min(2000).max(2100),
  districtId: zId.nullable().default(null),
  departmentId: zId.nullable().default(null),
  value: zIndicatorValue,
  note: zText(1000, "note").optional(),
  reason: zText(1000, "adjustmentReason").optional(),
  docRef: zText(200, "docRef").optional(),
});
export const ZClearAnnualTargetInput = z.object({
  targetId: zId,
  reason: zText(1000, "adjustmentReason").min(1, {
    error: refuse({ code: "text.required", field: "adjustmentReason" }),
  }),
  docRef: zText(200, "docRef").optional(),
});
/** 动态调整 of the baseline or the target (value or year), with its reason and document. */
export const ZAdjustIndicatorInput = z
  .object({
    indicatorId: zId,
    version: zVersion,
    field: z.enum(["BASELINE_VALUE", "BASELINE_YEAR", "TARGET_VALUE", "TARGET_YEAR"]),
    value: zIndicatorValue,
    reason: zText(1000, "adjustmentReason").min(1, {
      error: refuse({ code: "text.required", field: "adjustmentReason" }),
    }),
    docRef: zText(200, "docRef").optional(),
  })
  .refine(
    (i) =>
      !(i.field === "BASELINE_YEAR" || i.field === "TARGET_YEAR") ||
      (Number.isInteger(i.value) && i.value >= 2000 && i.value <= 2100),
    { error: refuse({ code: "adjustment.yearInteger" }), path: ["value"] },
  );
export const ZIndicatorYearInput = z.object({
  indicatorId: zId,
  year: z.number().int().min(2000).max(2100).optional(),
});
