import type { Db } from "@duban/db";

import type { Actor } from "../actor.ts";
import { publishScores } from "../assessment/publish.ts";
import { saveScheme } from "../assessment/schemes.ts";
import { addDays, shanghaiDay } from "../calendar.ts";
import { REPORT_CLOSE_DAYS } from "../ledger/cycles.ts";
import { periodEnd } from "../periods.ts";
import type { SchemeComponent } from "../schemas/assessment.ts";
import { at } from "./demo-fates.ts";

/** Days after a period's end its scores are published: five after its reporting window closes. */
const PUBLISH_AFTER_DAYS = REPORT_CLOSE_DAYS + 5;

/** The demo's scheme: the year's items first, then reporting, reviews, ratings and indicators. */
export const DEMO_COMPONENTS: SchemeComponent[] = [
  { kind: "ITEM_COMPLETION", weight: 40 },
  { kind: "REPORTING", weight: 25 },
  { kind: "REVIEW_PASS", weight: 15 },
  { kind: "RATING", weight: 10, values: { EXCELLENT: 1, GOOD: 0.85, FAIR: 0.7, POOR: 0.4 } },
  { kind: "INDICATOR_ATTAINMENT", weight: 10 },
];

/**
 * Each year's assessment scheme (version 1, saved on 10 January) and its published scores, through
 * the real saveScheme and publishScores (one scoring rule: assessment/sheet.ts): the final scores
 * of every year that has ended, published on 20 January of the next year, and the provisional
 * scores of the current year's quarters, published 20 days after each quarter (five days after
 * its reporting window closed), up to `now`.
 * Each publication runs with the clock at its publication day, so the sheet is computed as of the
 * period's end and publishedAt / lockedAt / computedAt are that day; the scheme's createdAt is
 * back-dated with a plain update. The audit events (assessmentScheme.create,
 * scorePublication.publish) are dated by the database at load time, like the import's: the audit
 * log is append-only. Returns the number of publications.
 */
export async function demoPublications(
  db: Db,
  planId: string,
  office: Actor,
  jurisdictionId: string,
  now: Date,
) {
  const plan = await db.plan.findUniqueOrThrow({ where: { id: planId } });
  const thisYear = Number(shanghaiDay(now).slice(0, 4));
  let count = 0;
  for (let year = plan.periodStart; year <= thisYear; year++) {
    const savedAt = at(`${year}-01-10`, 10);
    if (savedAt >= now) break;
    const scheme = await saveScheme(
      { db, actor: office, now: savedAt },
      {
        jurisdictionId,
        year,
        name: `${year}年度科技创新规划实施考核方案`,
        components: DEMO_COMPONENTS,
      },
    );
    await db.assessmentScheme.update({ where: { id: scheme.id }, data: { createdAt: savedAt } });
    // scores follow the close of the reporting window, whose stats they count
    const published = (period: string) => at(addDays(periodEnd(period), PUBLISH_AFTER_DAYS), 10);
    const periods =
      year < thisYear
        ? [{ period: String(year), on: published(`${year}Q4`) }]
        : [1, 2, 3, 4].map((q) => ({ period: `${year}Q${q}`, on: published(`${year}Q${q}`) }));
    for (const p of periods.filter((x) => x.on < now)) {
      await publishScores(
        { db, actor: office, now: p.on },
        { jurisdictionId, period: p.period, dryRun: false, confirmBeforeYearEnd: false },
      );
      count++;
    }
  }
  return count;
}
