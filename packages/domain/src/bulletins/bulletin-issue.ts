// 印发 a 督查通报 (issue #18): number it, freeze it, send it to the units and the leaders.
import type { z } from "zod";

import { assertOffice } from "../access.ts";
import { recordAudit } from "../audit.ts";
import { shanghaiDay } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { staleVersion } from "../errors.ts";
import { issuingOfficeName } from "../i18n/notice-text.ts";
import type { ZIssueBulletinInput } from "../schemas/assessment.ts";
import { notifyLoop } from "../supervision/notify.ts";
import { loadBulletinForActor } from "./bulletin-access.ts";
import { bulletinDocNumber, scorePeriodLabel } from "./bulletin-text.ts";
import { getBulletin, issuedNeverChanges } from "./bulletins.ts";

/**
 * 印发: the office of the bulletin's jurisdiction issues a draft (FORBIDDEN otherwise; an issued
 * one: CONFLICT; a stale `version`: CONFLICT). In one transaction:
 * - the number: the next of the jurisdiction and the bulletin's year (1, 2, …). Issuers of one
 *   jurisdiction and year queue on a transaction-scoped advisory lock before reading the highest
 *   number, so two issues at once get distinct, consecutive numbers; the unique index
 *   (jurisdictionId, year, number) backs it up;
 * - 文号 bulletinDocNumber (e.g. 息烽科督通〔2026〕3号), state ISSUED, issuedAt, audit `bulletin.issue`;
 * - the outbox (notifyLoop, kind `bulletin`): an email with the link to the bulletin and its .docx to
 *   every active unit of the jurisdiction (its staff and its contact mailboxes) and to its leaders,
 *   and an inbox message for each of their user accounts; never to the issuing user.
 * Returns the issued bulletin.
 */
export async function issueBulletin(
  ctx: DomainContext,
  input: z.infer<typeof ZIssueBulletinInput>,
) {
  const { db, actor, requestId } = ctx;
  const now = ctx.now ?? new Date();
  const b = await loadBulletinForActor(db, actor, input.bulletinId);
  assertOffice(actor, b.jurisdictionId);
  if (b.state !== "DRAFT") throw issuedNeverChanges();
  const [jurisdiction, units] = await Promise.all([
    db.jurisdiction.findUniqueOrThrow({
      where: { id: b.jurisdictionId },
      select: { name: true },
    }),
    db.department.findMany({
      where: { jurisdictionId: b.jurisdictionId, active: true },
      select: { id: true },
    }),
  ]);
  const issuingOffice = issuingOfficeName(jurisdiction.name);
  await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`bulletin:${b.jurisdictionId}:${b.year}`}))`;
      const current = await tx.bulletin.findUniqueOrThrow({
        where: { id: b.id },
        select: { state: true, version: true },
      });
      if (current.state !== "DRAFT") throw issuedNeverChanges();
      if (current.version !== input.version)
        throw staleVersion("通报", "the bulletin", current.version);
      const last = await tx.bulletin.aggregate({
        where: { jurisdictionId: b.jurisdictionId, year: b.year },
        _max: { number: true },
      });
      const number = (last._max.number ?? 0) + 1;
      const docNumber = bulletinDocNumber(jurisdiction.name, b.year, number);
      const { count } = await tx.bulletin.updateMany({
        where: { id: b.id, version: input.version, state: "DRAFT" },
        data: {
          number,
          docNumber,
          state: "ISSUED",
          issuedAt: now,
          issuedById: actor.kind === "user" ? actor.userId : null,
          version: { increment: 1 },
        },
      });
      if (count === 0) throw staleVersion("通报", "the bulletin", current.version);
      await recordAudit(tx, actor, {
        action: "bulletin.issue",
        entityType: "Bulletin",
        entityId: b.id,
        jurisdictionId: b.jurisdictionId,
        after: { number, docNumber, period: b.period, publicationId: b.publicationId },
        requestId,
      });
      await notifyLoop(tx, {
        kind: "bulletin",
        jurisdictionId: b.jurisdictionId,
        subject: `【督查通报】${docNumber} ${b.title}`,
        dedupeKey: `bulletin:${b.id}:issued`,
        link: { entityType: "Bulletin", entityId: b.id, body: `${issuingOffice}印发${docNumber}` },
        to: { departmentIds: units.map((u) => u.id), roles: ["LEADER"] },
        exceptUserId: actor.kind === "user" ? actor.userId : null,
        now,
        payload: {
          bulletinId: b.id,
          docNumber,
          title: b.title,
          period: b.period,
          periodLabel: scorePeriodLabel(b.period),
          issuingOffice,
          issuedOn: shanghaiDay(now),
          unitCount: b.sheet.units.length,
        },
      });
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  return getBulletin(ctx, { bulletinId: b.id });
}
