// Input schemas of the annual layer (issue #18): 年度工作要点 (annual plans and their items) and
// the year filter of the plan's pages. Browser-safe: no database.
import { z } from "zod";

import { YEAR_MAX, YEAR_MIN } from "../year-range.ts";
import { refuse, zFileBase64, zId, zIsoDate, zRequiredText, zText, zVersion } from "./common.ts";

/** A calendar year (Asia/Shanghai), e.g. 2026. */
export const zYear = z
  .number({ error: refuse({ code: "year.range" }) })
  .int({ error: refuse({ code: "year.range" }) })
  .min(YEAR_MIN, { error: refuse({ code: "year.range" }) })
  .max(YEAR_MAX, { error: refuse({ code: "year.range" }) });

/** The optional year filter of the ledger, overview, task list, roadmap and timetable. */
export const zYearFilter = zYear.optional();

export const ZListAnnualPlansInput = z.object({ planId: zId });
export const ZAnnualPlanIdInput = z.object({ annualPlanId: zId });
export const ZAnnualPlanForYearInput = z.object({ planId: zId, year: zYear });

/** Create a year's plan (draft). `carryOver`: also propose the previous year's unfinished items. */
export const ZCreateAnnualPlanInput = z.object({
  planId: zId,
  year: zYear,
  title: zText(200, "annualPlanTitle").optional(),
});

const itemFields = {
  deliverable: zRequiredText(2000, "deliverable"),
  dueDate: zIsoDate,
};
/** Pull plan tasks (or ad-hoc items, themselves tasks of the plan) into the year's plan. */
export const ZAddAnnualItemsInput = z.object({
  annualPlanId: zId,
  version: zVersion,
  items: z
    .array(z.object({ taskId: zId, ...itemFields }))
    .min(1)
    .max(500, { error: refuse({ code: "list.tooMany", field: "input", max: 500 }) }),
});
/** 结转: carry unfinished items of the previous year's plan into this one, each with its reason. */
export const ZCarryOverInput = z.object({
  annualPlanId: zId,
  version: zVersion,
  items: z
    .array(
      z.object({
        fromItemId: zId,
        reason: zRequiredText(1000, "carryOverReason"),
        deliverable: zText(2000, "deliverable").optional(),
        dueDate: zIsoDate,
      }),
    )
    .min(1)
    .max(500, { error: refuse({ code: "list.tooMany", field: "input", max: 500 }) }),
});
export const ZUpdateAnnualItemInput = z.object({
  itemId: zId,
  version: zVersion,
  deliverable: zRequiredText(2000, "deliverable").optional(),
  dueDate: zIsoDate.optional(),
  order: z.number().int().min(0).max(100_000).optional(),
});
export const ZAnnualItemRefInput = z.object({ itemId: zId, version: zVersion });
/** The office confirms (done = true) or withdraws the confirmation of the year's deliverable. */
export const ZMarkAnnualItemInput = z.object({ itemId: zId, version: zVersion, done: z.boolean() });
/** The lead unit explains why the year's deliverable is not done (for the annual evaluation). */
export const ZExplainAnnualItemInput = z.object({
  itemId: zId,
  version: zVersion,
  explanation: zRequiredText(2000, "explanation"),
});
/** 印发: issue the year's plan to the units. */
export const ZIssueAnnualPlanInput = z.object({
  annualPlanId: zId,
  version: zVersion,
  docNumber: zText(100, "docNumber").optional(),
});
/** Import a year's 分工方案 document into the year's plan (matched to plan tasks, else new items). */
export const ZImportAnnualPlanInput = z.object({
  planId: zId,
  year: zYear,
  fileName: zRequiredText(255, "fileName"),
  contentBase64: zFileBase64,
  dryRun: z.boolean().default(true),
});

export type CreateAnnualPlanInput = z.infer<typeof ZCreateAnnualPlanInput>;
export type AddAnnualItemsInput = z.infer<typeof ZAddAnnualItemsInput>;
export type CarryOverInput = z.infer<typeof ZCarryOverInput>;
