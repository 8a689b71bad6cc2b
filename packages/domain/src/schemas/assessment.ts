// Input schemas and the frozen score sheet of the assessment (考核评分, issue #18): versioned
// scoring schemes, manual 加减分, scores per unit per quarter / year, publication and 督查通报.
// Browser-safe: no database.
import { z } from "zod";

import { zYear } from "./annual.ts";
import {
  refuse,
  storable,
  zId,
  zIsoDate,
  zPeriod,
  zRequiredText,
  zText,
  zVersion,
} from "./common.ts";

/** A scoring period: a quarter (2026Q3, provisional, year to date) or a year (2026, final). */
export const zScorePeriod = storable(
  z.string().max(6, { error: refuse({ code: "scorePeriod.format" }) }),
  "period",
).regex(/^\d{4}(Q[1-4])?$/, { error: refuse({ code: "scorePeriod.format" }) });

const zWeight = z
  .number({ error: refuse({ code: "number.required", field: "weight" }) })
  .min(0, { error: refuse({ code: "range.int", field: "weight", min: 0, max: 100 }) })
  .max(100, { error: refuse({ code: "range.int", field: "weight", min: 0, max: 100 }) });
const zShare = z.number().min(0).max(1);

/**
 * The components a scheme weighs. Each yields a ratio in 0–1 per unit (null = not applicable to
 * that unit: its weight is then shared out over the unit's applicable components, so every unit
 * is scored out of 100; a unit to which no component applies and that has no 加减分 is not
 * assessed: it is left out of the sheet). Data are the unit's own as lead unit, year to date up to
 * the period's end.
 * - ITEM_COMPLETION: the year's annual-plan items due by the period end, done on time.
 * - REPORTING: ledger reports expected in the year's cycles: ½ submitted, ½ on time.
 * - REVIEW_PASS: reviewed ledger entries approved without ever being returned.
 * - INDICATOR_ATTAINMENT: indicators the unit is responsible for that are on track (against the
 *   year's annual target where set, else the trajectory).
 * - TRAFFIC_LIGHT: open tasks of the unit that are green (绿灯) at the period end.
 * - RATING: mean of the sign-off ratings given in the year, valued by `values`.
 * - NOTICES: 1 − Σ(notices received in the year × `perNotice[level]`) / weight, floored at 0.
 */
export const ZSchemeComponent = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("ITEM_COMPLETION"), weight: zWeight }),
  z.object({ kind: z.literal("REPORTING"), weight: zWeight }),
  z.object({ kind: z.literal("REVIEW_PASS"), weight: zWeight }),
  z.object({ kind: z.literal("INDICATOR_ATTAINMENT"), weight: zWeight }),
  z.object({ kind: z.literal("TRAFFIC_LIGHT"), weight: zWeight }),
  z.object({
    kind: z.literal("RATING"),
    weight: zWeight,
    values: z
      .object({ EXCELLENT: zShare, GOOD: zShare, FAIR: zShare, POOR: zShare })
      .default({ EXCELLENT: 1, GOOD: 0.85, FAIR: 0.7, POOR: 0.4 }),
  }),
  z.object({
    kind: z.literal("NOTICES"),
    weight: zWeight,
    perNotice: z
      .object({
        BLUE: z.number().min(0).max(100),
        YELLOW: z.number().min(0).max(100),
        RED: z.number().min(0).max(100),
      })
      .default({ BLUE: 0.5, YELLOW: 1, RED: 2 }),
  }),
]);
export type SchemeComponent = z.infer<typeof ZSchemeComponent>;
export type SchemeComponentKind = SchemeComponent["kind"];

export const ZSchemeComponents = z
  .array(ZSchemeComponent)
  .min(1)
  .max(7)
  .refine((cs) => new Set(cs.map((c) => c.kind)).size === cs.length, {
    error: refuse({ code: "scheme.duplicateKind" }),
  })
  .refine((cs) => Math.abs(cs.reduce((s, c) => s + c.weight, 0) - 100) < 1e-6, {
    error: refuse({ code: "scheme.weightsSum" }),
  });

export const ZSchemeForYearInput = z.object({ jurisdictionId: zId, year: zYear });
/**
 * Save the year's scheme. While the latest version has no published scores it is edited in
 * place (`rowVersion` = the version read); once locked, saving makes version n+1 and needs `reason`.
 */
export const ZSaveSchemeInput = z.object({
  jurisdictionId: zId,
  year: zYear,
  name: zRequiredText(200, "schemeName"),
  components: ZSchemeComponents,
  reason: zText(1000, "reason").optional(),
  /** the rowVersion read, when editing an unlocked version; omitted for the year's first scheme */
  rowVersion: zVersion.optional(),
});

export const ZScoresInput = z.object({ jurisdictionId: zId, period: zScorePeriod });
export const ZScoreDrillInput = z.object({
  jurisdictionId: zId,
  period: zScorePeriod,
  departmentId: zId,
});

const zPoints = z
  .number({ error: refuse({ code: "number.required", field: "points" }) })
  .finite({ error: refuse({ code: "number.finite", field: "points" }) })
  .min(-100, { error: refuse({ code: "range.int", field: "points", min: -100, max: 100 }) })
  .max(100, { error: refuse({ code: "range.int", field: "points", min: -100, max: 100 }) })
  .refine((n) => n !== 0, { error: refuse({ code: "points.nonZero" }) });
/** 加减分: a bonus (points > 0) or deduction (points < 0) for a unit in a quarter, with its reason. */
export const ZAddScoreAdjustmentInput = z.object({
  jurisdictionId: zId,
  departmentId: zId,
  period: zPeriod,
  points: zPoints,
  reason: zRequiredText(1000, "scoreReason"),
});
export const ZRevokeScoreAdjustmentInput = z.object({
  adjustmentId: zId,
  reason: zRequiredText(1000, "reason"),
});
export const ZListScoreAdjustmentsInput = z.object({ jurisdictionId: zId, year: zYear });
/**
 * Publish (freeze) a period's scores; `dryRun` returns the sheet without writing. A year's final
 * scores before 31 December need `confirmBeforeYearEnd` (the office settles the year in December).
 */
export const ZPublishScoresInput = z.object({
  jurisdictionId: zId,
  period: zScorePeriod,
  dryRun: z.boolean().default(false),
  confirmBeforeYearEnd: z.boolean().default(false),
});
export const ZPublicationIdInput = z.object({ publicationId: zId });
export const ZListPublicationsInput = z.object({ jurisdictionId: zId, year: zYear.optional() });

/** One component's result for one unit. */
export const ZComponentScore = z.object({
  kind: z.enum([
    "ITEM_COMPLETION",
    "REPORTING",
    "REVIEW_PASS",
    "INDICATOR_ATTAINMENT",
    "TRAFFIC_LIGHT",
    "RATING",
    "NOTICES",
  ]),
  /** the scheme's weight */
  weight: z.number(),
  /** the weight after sharing out not-applicable components (sums to 100 per unit) */
  effectiveWeight: z.number(),
  /** 0–1; null = not applicable */
  ratio: z.number().nullable(),
  /** effectiveWeight × ratio, rounded to 2 decimals */
  points: z.number(),
  numerator: z.number(),
  denominator: z.number(),
});
/** One unit's line of a score sheet. */
export const ZUnitScore = z.object({
  departmentId: zId,
  departmentName: z.string(),
  /** 1 = best; ties share a rank (1, 2, 2, 4) */
  rank: z.number().int(),
  /** Σ component points + bonus + deduction (deduction ≤ 0), rounded to 2 decimals */
  total: z.number(),
  components: z.array(ZComponentScore),
  bonus: z.number(),
  deduction: z.number(),
});
/** A period's scores, as computed and as frozen in ScorePublication.sheet. */
export const ZScoreSheet = z.object({
  jurisdictionId: zId,
  period: zScorePeriod,
  /** QUARTER = provisional (year to date), YEAR = final */
  kind: z.enum(["QUARTER", "YEAR"]),
  schemeId: zId,
  schemeVersion: z.number().int(),
  /** the last day the data count up to (the period's end, or today while it runs) */
  asOf: zIsoDate,
  computedAt: z.string(),
  units: z.array(ZUnitScore),
});
export type ComponentScore = z.infer<typeof ZComponentScore>;
export type UnitScore = z.infer<typeof ZUnitScore>;
export type ScoreSheet = z.infer<typeof ZScoreSheet>;

// ── 督查通报 ──
const zParagraphs = (field: "bulletinText") =>
  z.array(zText(4000, field)).max(20, { error: refuse({ code: "list.tooMany", field, max: 20 }) });
/** The office's own paragraphs of a bulletin, edited in the web app before issuing. */
export const ZBulletinText = z.object({
  /** 开头: the period's overall situation */
  opening: zParagraphs("bulletinText"),
  /** 表扬: praise of the best units */
  praise: zParagraphs("bulletinText"),
  /** 批评: the lagging units and their named items */
  criticism: zParagraphs("bulletinText"),
  /** 工作要求: what the office asks for next */
  requirements: zParagraphs("bulletinText"),
});
export type BulletinText = z.infer<typeof ZBulletinText>;
/** Draft a bulletin from a publication: the paragraphs start from generated text. */
export const ZCreateBulletinInput = z.object({ publicationId: zId });
export const ZUpdateBulletinInput = z.object({
  bulletinId: zId,
  version: zVersion,
  title: zRequiredText(200, "bulletinTitle").optional(),
  text: ZBulletinText.optional(),
});
export const ZBulletinIdInput = z.object({ bulletinId: zId });
/** 印发: number the bulletin and send it (outbox + inbox) to the units and leaders. */
export const ZIssueBulletinInput = z.object({ bulletinId: zId, version: zVersion });
export const ZListBulletinsInput = z.object({ jurisdictionId: zId, year: zYear.optional() });
