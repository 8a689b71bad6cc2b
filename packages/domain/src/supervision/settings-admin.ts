import type { z } from "zod";

import { directRoles, isOffice } from "../access.ts";
import { recordAudit } from "../audit.ts";
import type { DomainContext } from "../context.ts";
import { forbidden, notFound } from "../errors.ts";
import type { ZSupervisionSettingsInput } from "../schemas/supervision.ts";
import { DEFAULT_SUPERVISION_RULES, supervisionRules, type SupervisionRules } from "./settings.ts";

const SETTINGS: [string, string] = ["督办设置", "supervision settings"];

/** Whether the actor reads a jurisdiction's settings: its office and its leaders (issue #17 step 8). */
function readsSettings(ctx: DomainContext, jurisdictionId: string): boolean {
  return (
    isOffice(ctx.actor, jurisdictionId) ||
    directRoles(ctx.actor, jurisdictionId).some((m) => m.role === "LEADER")
  );
}

/**
 * A jurisdiction's supervision settings (SupervisionSettings) with the defaults filled in
 * (DEFAULT_SUPERVISION_RULES), whether they are still the defaults, when and by whom they were last
 * changed, and whether the actor may change them. Read by the jurisdiction's office and leaders;
 * anyone else (department staff, other jurisdictions, the city above) gets NOT_FOUND.
 * Issue #17 step 8.
 */
export async function getSupervisionSettings(
  ctx: DomainContext,
  { jurisdictionId }: { jurisdictionId: string },
) {
  if (!readsSettings(ctx, jurisdictionId)) throw notFound(...SETTINGS);
  const [jurisdiction, row] = await Promise.all([
    ctx.db.jurisdiction.findUnique({ where: { id: jurisdictionId }, select: { name: true } }),
    ctx.db.supervisionSettings.findUnique({ where: { jurisdictionId } }),
  ]);
  if (!jurisdiction) throw notFound(...SETTINGS);
  const updatedBy = row?.updatedById
    ? await ctx.db.user.findUnique({ where: { id: row.updatedById }, select: { name: true } })
    : null;
  return {
    jurisdictionId,
    jurisdictionName: jurisdiction.name,
    ...(await supervisionRules(ctx.db, jurisdictionId)),
    isDefault: !row,
    defaults: DEFAULT_SUPERVISION_RULES,
    updatedAt: row?.updatedAt ?? null,
    updatedByName: updatedBy?.name ?? null,
    canEdit: isOffice(ctx.actor, jurisdictionId),
  };
}

/**
 * The office sets its jurisdiction's supervision settings (upsert of SupervisionSettings): the
 * traffic-light bands (黄 from yellowLagPoints, 红 from redLagPoints points behind 序时进度, 临期 within
 * dueSoonDays days), 签收 working days, the 红色督办 escalation days, the leader's second approval
 * and late requests. Input: ZSupervisionSettingsInput (bounds, red > yellow; Chinese messages).
 * Office only: the jurisdiction's leaders and department staff get FORBIDDEN, others NOT_FOUND.
 * Audited (`supervision.settings`, before/after) in the same transaction; a trigger raises the plan
 * data version of every plan of the jurisdiction, so cached lists and overviews are recomputed.
 * Last writer wins (the form sends the whole settings). Issue #17 step 8.
 */
export async function updateSupervisionSettings(
  ctx: DomainContext,
  input: z.infer<typeof ZSupervisionSettingsInput>,
) {
  const { jurisdictionId, ...settings } = input;
  if (!isOffice(ctx.actor, jurisdictionId)) {
    if (directRoles(ctx.actor, jurisdictionId).length)
      throw forbidden(
        "只有本级领导小组办公室可以修改督办设置",
        "only this jurisdiction's leading group office may change the supervision settings",
      );
    throw notFound(...SETTINGS);
  }
  const updatedById = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  await ctx.db.$transaction(async (tx) => {
    const exists = await tx.jurisdiction.findUnique({
      where: { id: jurisdictionId },
      select: { id: true },
    });
    if (!exists) throw notFound(...SETTINGS);
    const before: SupervisionRules = await supervisionRules(tx, jurisdictionId);
    await tx.supervisionSettings.upsert({
      where: { jurisdictionId },
      create: { jurisdictionId, ...settings, updatedById },
      update: { ...settings, updatedById },
    });
    await recordAudit(tx, ctx.actor, {
      action: "supervision.settings",
      entityType: "SupervisionSettings",
      entityId: jurisdictionId,
      jurisdictionId,
      before,
      after: settings,
      requestId: ctx.requestId,
    });
  });
  return getSupervisionSettings(ctx, { jurisdictionId });
}
