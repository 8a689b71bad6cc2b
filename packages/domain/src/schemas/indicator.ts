import { z } from "zod";
import { zId, zIsoDate, zPeriod, zText, zVersion } from "./common.ts";

export const ZListIndicatorsInput = z.object({ planId: zId, asOf: zIsoDate.optional() });
export const ZRecordObservationInput = z.object({
  indicatorId: zId,
  period: zPeriod,
  districtId: zId.nullable().default(null),
  value: z.number({ error: "请输入数值 (a number is required)" }).finite({ error: "请输入有效数值 (must be finite)" }),
  source: zText(200, "数据来源").optional(),
  note: zText(1000, "备注").optional(),
});
export const ZUpdateIndicatorInput = z.object({
  indicatorId: zId,
  version: zVersion,
  responsibleDepartmentId: zId.nullable().optional(),
  direction: z.enum(["INCREASE", "DECREASE"]).optional(),
  nature: z.enum(["EXPECTED", "BINDING"]).optional(),
  trajectory: z.enum(["LINEAR", "COMPOUND"]).optional(),
  accumulation: z.enum(["LEVEL", "CUMULATIVE"]).optional(),
  atRiskThreshold: z.number().min(0).max(1).nullable().optional(),
  offTrackThreshold: z.number().min(0).max(1).nullable().optional(),
}).refine((i) => i.atRiskThreshold == null || i.offTrackThreshold == null || i.atRiskThreshold <= i.offTrackThreshold, { error: "风险阈值不能大于严重滞后阈值 (at-risk threshold above off-track threshold)", path: ["atRiskThreshold"] });
export const ZIndicatorIdInput = z.object({ indicatorId: zId });
