import { z } from "zod";

import { zId, zIsoDate, zPeriod, zText, zVersion } from "./common.ts";

export const ZListIndicatorsInput = z.object({ planId: zId, asOf: zIsoDate.optional() });
export const ZRecordObservationInput = z.object({
  indicatorId: zId,
  period: zPeriod,
  districtId: zId.nullable().default(null),
  value: z
    .number({ error: "请输入数值 (a number is required)" })
    .finite({ error: "请输入有效数值 (must be finite)" }),
  source: zText(200, "数据来源").optional(),
  note: zText(1000, "备注").optional(),
});
/** A threshold as a fraction (0.1 = 10 %); the form shows percentages, and so does the message. */
const zThreshold = (zh: string, en: string) => {
  const error = `${zh}应为 0–100 之间的百分数 (${en}: a percentage from 0 to 100)`;
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
    atRiskThreshold: zThreshold("风险阈值", "at-risk threshold").nullable().optional(),
    offTrackThreshold: zThreshold("严重滞后阈值", "off-track threshold").nullable().optional(),
  })
  .refine(
    (i) =>
      i.atRiskThreshold == null ||
      i.offTrackThreshold == null ||
      i.atRiskThreshold <= i.offTrackThreshold,
    {
      error: "风险阈值不能大于严重滞后阈值 (at-risk threshold above off-track threshold)",
      path: ["atRiskThreshold"],
    },
  );
export const ZIndicatorIdInput = z.object({ indicatorId: zId });
