// 加减分: the office's manual bonuses (points > 0) and deductions (points < 0) per unit and quarter,
// each with its reason; revoked with a reason, never deleted; every change an audit event (issue #18).
import type { z } from "zod";

import { assertOffice } from "../access.ts";
import { actorUserId } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import type { DomainContext } from "../context.ts";
import { conflict, invalid, notFound } from "../errors.ts";
import type {
  ZAddScoreAdjustmentInput,
  ZListScoreAdjustmentsInput,
  ZRevokeScoreAdjustmentInput,
} from "../schemas/assessment.ts";
import { visibilityOf, visibleUnits } from "../visibility.ts";

/**
 * Adds a bonus or deduction for an active unit of the jurisdiction in a quarter (office only;
 * INVALID when the unit is not the jurisdiction's active unit, or when the quarter's year has no
 * scoring scheme: points outside any assessment would count nowhere). Audited as scoreAdjustment.add.
 */
export async function addScoreAdjustment(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZAddScoreAdjustmentInput>,
) {
  if ((await visibilityOf(db, actor, input.jurisdictionId)).kind === "none")
    throw notFound("考核", "assessment");
  assertOffice(actor, input.jurisdictionId);
  const unit = await db.department.findFirst({
    where: { id: input.departmentId, jurisdictionId: input.jurisdictionId, active: true },
  });
  if (!unit)
    throw invalid(
      "加减分的单位须是本级在用的责任单位",
      "a bonus or deduction must name an active unit of this jurisdiction",
      "departmentId",
    );
  const year = Number(input.period.slice(0, 4));
  const scheme = await db.assessmentScheme.findFirst({
    where: { jurisdictionId: input.jurisdictionId, year },
    select: { id: true },
  });
  if (!scheme)
    throw invalid(
      `${year}年度尚无考核方案，请先制定考核方案再录入加减分`,
      `${year} has no scoring scheme; save one before entering bonuses or deductions`,
      "period",
    );
  return db.$transaction(async (tx) => {
    const row = await tx.scoreAdjustment.create({
      data: {
        jurisdictionId: input.jurisdictionId,
        departmentId: input.departmentId,
        period: input.period,
        points: input.points,
        reason: input.reason,
        createdById: actorUserId(actor),
      },
    });
    await recordAudit(tx, actor, {
      action: "scoreAdjustment.add",
      entityType: "ScoreAdjustment",
      entityId: row.id,
      jurisdictionId: input.jurisdictionId,
      after: {
        departmentId: unit.id,
        unit: unit.name,
        period: row.period,
        points: row.points,
        reason: row.reason,
      },
      requestId,
    });
    return row;
  });
}

/** Revokes a bonus or deduction (office only; CONFLICT when already revoked). Audited. */
export async function revokeScoreAdjustment(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZRevokeScoreAdjustmentInput>,
) {
  const row = await db.scoreAdjustment.findUnique({ where: { id: input.adjustmentId } });
  if (!row || (await visibilityOf(db, actor, row.jurisdictionId)).kind === "none")
    throw notFound("加减分记录", "score adjustment");
  assertOffice(actor, row.jurisdictionId);
  return db.$transaction(async (tx) => {
    const moved = await tx.scoreAdjustment.updateMany({
      where: { id: row.id, revokedAt: null },
      data: { revokedAt: new Date(), revokedById: actorUserId(actor), revokeReason: input.reason },
    });
    if (moved.count === 0)
      throw conflict("该加减分已撤销", "this bonus or deduction was already revoked");
    await recordAudit(tx, actor, {
      action: "scoreAdjustment.revoke",
      entityType: "ScoreAdjustment",
      entityId: row.id,
      jurisdictionId: row.jurisdictionId,
      before: { points: row.points, period: row.period, reason: row.reason },
      after: { revokeReason: input.reason },
      requestId,
    });
    return tx.scoreAdjustment.findUniqueOrThrow({ where: { id: row.id } });
  });
}

/**
 * The year's bonuses and deductions, revoked ones included (marked), newest first. The office and
 * readers see every unit's; department staff their own units' only (the visibility rule).
 */
export async function listScoreAdjustments(
  { db, actor }: DomainContext,
  input: z.infer<typeof ZListScoreAdjustmentsInput>,
) {
  const visibility = await visibilityOf(db, actor, input.jurisdictionId);
  if (visibility.kind === "none") throw notFound("考核", "assessment");
  const units = visibleUnits(visibility);
  const rows = await db.scoreAdjustment.findMany({
    where: {
      jurisdictionId: input.jurisdictionId,
      period: { in: [1, 2, 3, 4].map((q) => `${input.year}Q${q}`) },
      ...(units ? { departmentId: { in: units } } : {}),
    },
    include: { department: { select: { name: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  return rows.map(({ department, ...r }) => ({ ...r, departmentName: department.name }));
}
