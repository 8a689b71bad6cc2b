// Publication (issue #18): a period's scores frozen as a ZScoreSheet in ScorePublication, the
// scheme locked, an audit event; republishing a period supersedes the earlier publication.
import type { z } from "zod";

import { assertOffice } from "../access.ts";
import { actorUserId } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import type { DomainContext } from "../context.ts";
import { conflict, notFound } from "../errors.ts";
import {
  ZScoreSheet,
  type ZListPublicationsInput,
  type ZPublicationIdInput,
  type ZPublishScoresInput,
} from "../schemas/assessment.ts";
import { visibilityOf } from "../visibility.ts";
import { scoringPeriod } from "./period.ts";
import { assertReadsAssessment } from "./schemes.ts";
import { computeScores } from "./scores.ts";
import { visibleSheet } from "./visible-sheet.ts";

/**
 * Publishes a period's scores (office only). `dryRun` returns the sheet and writes nothing.
 * A quarter may be published at any time (provisional; `asOf` says how far its data reach); a
 * year only once it is over, or before with `confirmBeforeYearEnd` (CONFLICT otherwise).
 * Supersedes the period's earlier publication, locks the scheme version, audits
 * scorePublication.publish. Publishers of one jurisdiction and period queue on a
 * transaction-scoped advisory lock, so two publications at once leave exactly one current (the
 * later supersedes the earlier) instead of two that neither superseded. Returns { publicationId, sheet } (publicationId null on a dry run).
 */
export async function publishScores(
  ctx: DomainContext,
  input: z.infer<typeof ZPublishScoresInput>,
) {
  const { db, actor, requestId } = ctx;
  await assertReadsAssessment(ctx, input.jurisdictionId);
  assertOffice(actor, input.jurisdictionId);
  const now = ctx.now ?? new Date();
  const p = scoringPeriod(input.period, now);
  if (p.kind === "YEAR" && !p.over && !input.confirmBeforeYearEnd)
    throw conflict(
      `${p.year}年尚未结束，发布年度最终成绩须确认`,
      `${p.year} is not over yet; publishing the year's final scores needs confirmation`,
      { needsConfirmation: true },
    );
  const { sheet } = await computeScores(db, input.jurisdictionId, input.period, now);
  if (input.dryRun) return { publicationId: null, sheet };
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`scorePublication:${input.jurisdictionId}:${input.period}`}))`;
    const superseded = await tx.scorePublication.updateMany({
      where: { jurisdictionId: input.jurisdictionId, period: input.period, supersededAt: null },
      data: { supersededAt: now },
    });
    const row = await tx.scorePublication.create({
      data: {
        jurisdictionId: input.jurisdictionId,
        schemeId: sheet.schemeId,
        period: input.period,
        sheet,
        publishedById: actorUserId(actor),
        publishedAt: now,
      },
    });
    await tx.assessmentScheme.updateMany({
      where: { id: sheet.schemeId, lockedAt: null },
      data: { lockedAt: now },
    });
    await recordAudit(tx, actor, {
      action: "scorePublication.publish",
      entityType: "ScorePublication",
      entityId: row.id,
      jurisdictionId: input.jurisdictionId,
      after: {
        period: input.period,
        schemeVersion: sheet.schemeVersion,
        asOf: sheet.asOf,
        superseded: superseded.count,
        totals: sheet.units.map((u) => [u.departmentName, u.rank, u.total]),
      },
      requestId,
    });
    return { publicationId: row.id, sheet };
  });
}

type PublicationRow = {
  id: string;
  jurisdictionId: string;
  period: string;
  sheet: unknown;
  publishedAt: Date;
  supersededAt: Date | null;
};

/** The publications of a jurisdiction (a year's, or all), newest first, sheets cut by visibility. */
export async function listPublications(
  ctx: DomainContext,
  input: z.infer<typeof ZListPublicationsInput>,
) {
  const visibility = await assertReadsAssessment(ctx, input.jurisdictionId);
  const rows: PublicationRow[] = await ctx.db.scorePublication.findMany({
    where: {
      jurisdictionId: input.jurisdictionId,
      ...(input.year ? { period: { startsWith: String(input.year) } } : {}),
    },
    orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
  });
  return rows.map((r) => ({
    ...r,
    sheet: visibleSheet(visibility, ZScoreSheet.parse(r.sheet), true),
  }));
}

/** One publication with its sheet as the actor may see it, and the jurisdiction's name (the .xlsx). */
export async function publicationSheet(
  ctx: DomainContext,
  input: z.infer<typeof ZPublicationIdInput>,
) {
  const row = await ctx.db.scorePublication.findUnique({
    where: { id: input.publicationId },
    include: { scheme: { include: { jurisdiction: { select: { name: true } } } } },
  });
  const visibility = row ? await visibilityOf(ctx.db, ctx.actor, row.jurisdictionId) : null;
  if (!row || !visibility || visibility.kind === "none")
    throw notFound("成绩发布", "score publication");
  return {
    id: row.id,
    jurisdictionName: row.scheme.jurisdiction.name,
    schemeName: row.scheme.name,
    publishedAt: row.publishedAt,
    supersededAt: row.supersededAt,
    sheet: visibleSheet(visibility, ZScoreSheet.parse(row.sheet), true),
  };
}
