import { z } from "zod";

import type { IsoDate } from "../calendar.ts";
import { phaseLabels, type PhaseKeyDefault } from "../i18n/labels.ts";

export type PhaseDraft = { key: string; name: string; startDate: IsoDate; endDate: IsoDate };

/**
 * The default roadmap (路线图) of a five-year plan: 启动实施 the first two years, 中期评估 the
 * third, 全面推进 the fourth, 总结收官 the last. Shorter or longer plans keep the shape:
 * the evaluation year sits in the middle, the closing year at the end.
 */
export function defaultPhases(periodStart: number, periodEnd: number): PhaseDraft[] {
  const years = periodEnd - periodStart + 1;
  if (years < 4) {
    return [
      {
        key: "LAUNCH",
        name: phaseLabels.LAUNCH.zh,
        startDate: `${periodStart}-01-01`,
        endDate: `${periodEnd}-12-31`,
      },
    ];
  }
  const mid = periodStart + Math.floor((years - 1) / 2);
  const spans: Array<[PhaseKeyDefault, number, number]> = [
    ["LAUNCH", periodStart, mid - 1],
    ["MIDTERM", mid, mid],
    ["ADVANCE", mid + 1, periodEnd - 1],
    ["CLOSE", periodEnd, periodEnd],
  ];
  return spans.map(([key, from, to]) => ({
    key,
    name: phaseLabels[key].zh,
    startDate: `${from}-01-01`,
    endDate: `${to}-12-31`,
  }));
}

/** 完成时限 as the parser reads it (the parser's `Deadline`), checked when a stored suggestion is read. */
export const zDeadline = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("date"), date: z.string(), text: z.string() }),
  z.object({ kind: z.literal("ongoing"), text: z.string() }),
  z.object({
    kind: z.literal("recurring"),
    every: z.enum(["month", "quarter", "halfYear", "year"]),
    text: z.string(),
  }),
]);

/**
 * The importer's suggestion for one plan node, stored on PlanNode.candidate. The written unit
 * texts (leadText, supportText, as the document writes them) and the 完成时限 are kept as read:
 * matching them to units happens when the drafts are made (task-drafts.ts), against the directory
 * and its aliases of that moment, so an alias the office adds later still counts.
 */
export const zCandidateSuggestion = z.object({
  kind: z.string(),
  suggestedPhase: z.string(),
  suggestedLead: z.object({ name: z.string(), departmentId: z.string().nullable() }).nullable(),
  suggestedSupporting: z.array(z.object({ name: z.string(), departmentId: z.string().nullable() })),
  reasons: z.array(z.string()),
  leadText: z.string().nullish(),
  supportText: z.string().nullish(),
  leadUnits: z.array(z.string()).optional(),
  supportUnits: z.array(z.string()).optional(),
  deadline: zDeadline.nullish(),
});
export type CandidateSuggestion = z.infer<typeof zCandidateSuggestion>;
