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
