// 考核方案: a jurisdiction's scoring scheme per year, versioned (issue #18). The office edits the
// latest version in place while no scores were published under it; once published it is locked
// and a change is version n+1 with its reason. Everyone who can read the jurisdiction reads it
// (units should know how they are scored).
import type { z } from "zod";

import type { DbOrTx } from "@duban/db";

import { assertOffice } from "../access.ts";
import { actorUserId } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import type { DomainContext } from "../context.ts";
import { asDomainError } from "../db-conflicts.ts";
import { conflict, invalid, notFound, staleVersion } from "../errors.ts";
import {
  ZSchemeComponents,
  type SchemeComponent,
  type ZSaveSchemeInput,
  type ZSchemeForYearInput,
} from "../schemas/assessment.ts";
import { visibilityOf } from "../visibility.ts";

export type SchemeView = {
  id: string;
  jurisdictionId: string;
  year: number;
  version: number;
  name: string;
  components: SchemeComponent[];
  reason: string | null;
  createdAt: Date;
  lockedAt: Date | null;
  rowVersion: number;
};

type SchemeRow = Omit<SchemeView, "components"> & { components: unknown };

export const schemeView = (row: SchemeRow): SchemeView => ({
  ...row,
  components: ZSchemeComponents.parse(row.components),
});

/** Anyone who sees the jurisdiction reads its schemes; others get NOT_FOUND. */
export async function assertReadsAssessment(ctx: DomainContext, jurisdictionId: string) {
  const visibility = await visibilityOf(ctx.db, ctx.actor, jurisdictionId);
  if (visibility.kind === "none") throw notFound("考核方案", "assessment scheme");
  return visibility;
}

/** The latest version of the year's scheme, or null when none exists yet. */
export async function currentScheme(
  db: DbOrTx,
  jurisdictionId: string,
  year: number,
): Promise<SchemeView | null> {
  const row = await db.assessmentScheme.findFirst({
    where: { jurisdictionId, year },
    orderBy: { version: "desc" },
  });
  return row ? schemeView(row) : null;
}

/** The latest version of the year's scheme of each jurisdiction that has one. */
export async function currentSchemes(
  db: DbOrTx,
  jurisdictionIds: string[],
  year: number,
): Promise<Map<string, SchemeView>> {
  const rows = await db.assessmentScheme.findMany({
    where: { jurisdictionId: { in: jurisdictionIds }, year },
    orderBy: { version: "asc" },
  });
  return new Map(rows.map((r) => [r.jurisdictionId, schemeView(r)]));
}

/** The year's current scheme (null when none), for anyone who sees the jurisdiction. */
export async function getScheme(ctx: DomainContext, input: z.infer<typeof ZSchemeForYearInput>) {
  await assertReadsAssessment(ctx, input.jurisdictionId);
  return currentScheme(ctx.db, input.jurisdictionId, input.year);
}

/** Every version of the year's scheme, newest first. */
export async function schemeVersions(
  ctx: DomainContext,
  input: z.infer<typeof ZSchemeForYearInput>,
) {
  await assertReadsAssessment(ctx, input.jurisdictionId);
  const rows = await ctx.db.assessmentScheme.findMany({
    where: { jurisdictionId: input.jurisdictionId, year: input.year },
    orderBy: { version: "desc" },
  });
  return rows.map(schemeView);
}

const LOCKED = () =>
  conflict(
    "该版本考核方案已发布成绩，不能修改；请填写理由另存为新版本",
    "scores were published under this scheme version; save a new version with a reason",
  );

/**
 * Saves the year's scheme (office only). No scheme yet → version 1. Latest unlocked → edited in
 * place; `rowVersion` must be the one read (CONFLICT otherwise). Latest locked → version n+1,
 * `reason` required (INVALID, field reason). Audited as assessmentScheme.create / update / version.
 */
export async function saveScheme(ctx: DomainContext, input: z.infer<typeof ZSaveSchemeInput>) {
  const { db, actor, requestId } = ctx;
  await assertReadsAssessment(ctx, input.jurisdictionId);
  assertOffice(actor, input.jurisdictionId);
  const latest = await currentScheme(db, input.jurisdictionId, input.year);
  const reason = input.reason?.trim() || null;
  const fields = { name: input.name, components: input.components };
  try {
    return await db.$transaction(async (tx) => {
      if (!latest || latest.lockedAt) {
        if (latest && input.rowVersion !== undefined && input.rowVersion !== latest.rowVersion)
          throw staleVersion("考核方案", "the assessment scheme", latest.rowVersion);
        if (latest && !reason)
          throw invalid(
            "方案已发布成绩，新版本须填写调整理由",
            "a new version of a published scheme needs a reason",
            "reason",
          );
        const created = await tx.assessmentScheme.create({
          data: {
            jurisdictionId: input.jurisdictionId,
            year: input.year,
            version: (latest?.version ?? 0) + 1,
            ...fields,
            reason,
            createdById: actorUserId(actor),
          },
        });
        await recordAudit(tx, actor, {
          action: latest ? "assessmentScheme.version" : "assessmentScheme.create",
          entityType: "AssessmentScheme",
          entityId: created.id,
          jurisdictionId: input.jurisdictionId,
          before: latest ? { version: latest.version, components: latest.components } : undefined,
          after: { version: created.version, ...fields, reason },
          requestId,
        });
        return schemeView(created);
      }
      if (input.rowVersion !== latest.rowVersion)
        throw staleVersion("考核方案", "the assessment scheme", latest.rowVersion);
      const moved = await tx.assessmentScheme.updateMany({
        where: { id: latest.id, rowVersion: latest.rowVersion, lockedAt: null },
        data: { ...fields, reason: reason ?? latest.reason, rowVersion: { increment: 1 } },
      });
      if (moved.count === 0) {
        const now = await tx.assessmentScheme.findUniqueOrThrow({ where: { id: latest.id } });
        throw now.lockedAt
          ? LOCKED()
          : staleVersion("考核方案", "the assessment scheme", now.rowVersion);
      }
      await recordAudit(tx, actor, {
        action: "assessmentScheme.update",
        entityType: "AssessmentScheme",
        entityId: latest.id,
        jurisdictionId: input.jurisdictionId,
        before: { name: latest.name, components: latest.components },
        after: fields,
        requestId,
      });
      return schemeView(await tx.assessmentScheme.findUniqueOrThrow({ where: { id: latest.id } }));
    });
  } catch (error) {
    // two offices saving version n+1 at once: the unique (jurisdiction, year, version) refuses one
    const known = asDomainError(error);
    if (known) throw known;
    throw error;
  }
}
