// 督查通报 drafts (issue #18): create from a score publication, edit, list, read.
// Issuing: bulletin-issue.ts; the documents' data: bulletin-document.ts.
import type { z } from "zod";

import { assertOffice, jurisdictionAccess } from "../access.ts";
import { recordAudit } from "../audit.ts";
import type { DomainContext } from "../context.ts";
import { conflict, invalid, notFound, staleVersion } from "../errors.ts";
import {
  ZScoreSheet,
  type ZBulletinIdInput,
  type ZCreateBulletinInput,
  type ZListBulletinsInput,
  type ZUpdateBulletinInput,
} from "../schemas/assessment.ts";
import {
  bulletinSelect,
  componentKinds,
  loadBulletinForActor,
  rankingFor,
  type LoadedBulletin,
} from "./bulletin-access.ts";
import { bulletinTitle, defaultBulletinText } from "./bulletin-text.ts";
import { bulletinFacts } from "./lagging-items.ts";

function view(b: LoadedBulletin, actor: DomainContext["actor"]) {
  return {
    id: b.id,
    jurisdictionId: b.jurisdictionId,
    publicationId: b.publicationId,
    period: b.period,
    year: b.year,
    number: b.number,
    docNumber: b.docNumber,
    title: b.title,
    text: b.text,
    state: b.state,
    createdAt: b.createdAt,
    issuedAt: b.issuedAt,
    version: b.version,
    kind: b.sheet.kind,
    asOf: b.sheet.asOf,
    components: componentKinds(b.sheet),
    ranking: rankingFor(b.sheet, actor, b.access),
    canEdit: b.access === "office" && b.state === "DRAFT",
  };
}
export type BulletinView = ReturnType<typeof view>;

/**
 * Draft a 督查通报 from a score publication (office of its jurisdiction; FORBIDDEN otherwise,
 * NOT_FOUND for a publication the actor cannot see). A superseded publication is refused
 * (INVALID): its scores were replaced. The title is bulletinTitle(period); the paragraphs start
 * from defaultBulletinText over the frozen sheet and bulletinFacts at the sheet's asOf. Audit
 * `bulletin.create`. Returns the bulletin as `get` does.
 */
export async function createBulletin(
  { db, actor, requestId }: DomainContext,
  { publicationId }: z.infer<typeof ZCreateBulletinInput>,
): Promise<BulletinView> {
  const pub = await db.scorePublication.findUnique({ where: { id: publicationId } });
  if (!pub || (await jurisdictionAccess(db, actor, pub.jurisdictionId)) === "none")
    throw notFound("评分发布", "score publication");
  assertOffice(actor, pub.jurisdictionId);
  if (pub.supersededAt)
    throw invalid(
      "该期评分已重新发布，请从最新发布的评分生成通报",
      "these scores were published again; draft the bulletin from the latest publication",
      "publicationId",
    );
  const sheet = ZScoreSheet.parse(pub.sheet);
  const year = Number(pub.period.slice(0, 4));
  const facts = await bulletinFacts(db, {
    jurisdictionId: pub.jurisdictionId,
    year,
    asOf: sheet.asOf,
    kind: sheet.kind,
    departmentIds: sheet.units.map((u) => u.departmentId),
  });
  const text = defaultBulletinText(sheet, facts);
  const id = await db.$transaction(async (tx) => {
    const row = await tx.bulletin.create({
      data: {
        jurisdictionId: pub.jurisdictionId,
        publicationId,
        period: pub.period,
        year,
        title: bulletinTitle(pub.period),
        text,
        createdById: actor.kind === "user" ? actor.userId : null,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "bulletin.create",
      entityType: "Bulletin",
      entityId: row.id,
      jurisdictionId: pub.jurisdictionId,
      after: { publicationId, period: pub.period },
      requestId,
    });
    return row.id;
  });
  return view(await loadBulletinForActor(db, actor, id), actor);
}

/**
 * Edit a draft's title and paragraphs (office; `version` = the version read). An issued bulletin
 * never changes (CONFLICT); a stale version is CONFLICT with the current one. Audit
 * `bulletin.update` with before and after.
 */
export async function updateBulletin(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZUpdateBulletinInput>,
): Promise<BulletinView> {
  const b = await loadBulletinForActor(db, actor, input.bulletinId);
  assertOffice(actor, b.jurisdictionId);
  if (b.state !== "DRAFT") throw issuedNeverChanges();
  await db.$transaction(async (tx) => {
    const { count } = await tx.bulletin.updateMany({
      where: { id: b.id, version: input.version, state: "DRAFT" },
      data: {
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.text !== undefined ? { text: input.text } : {}),
        version: { increment: 1 },
      },
    });
    if (count === 0) {
      const now = await tx.bulletin.findUniqueOrThrow({
        where: { id: b.id },
        select: { version: true, state: true },
      });
      if (now.state !== "DRAFT") throw issuedNeverChanges();
      throw staleVersion("通报", "the bulletin", now.version);
    }
    await recordAudit(tx, actor, {
      action: "bulletin.update",
      entityType: "Bulletin",
      entityId: b.id,
      jurisdictionId: b.jurisdictionId,
      before: { title: b.title, text: b.text },
      after: { title: input.title ?? b.title, text: input.text ?? b.text },
      requestId,
    });
  });
  return view(await loadBulletinForActor(db, actor, b.id), actor);
}

export const issuedNeverChanges = () =>
  conflict("通报已印发，不能再修改", "the bulletin has been issued and can no longer change");

/** One bulletin with its ranking (loadBulletinForActor's rule; rankingFor's drill-down rule). */
export async function getBulletin(
  { db, actor }: DomainContext,
  { bulletinId }: z.infer<typeof ZBulletinIdInput>,
): Promise<BulletinView> {
  return view(await loadBulletinForActor(db, actor, bulletinId), actor);
}

/**
 * The jurisdiction's bulletins, newest first: the office sees drafts and issued ones, everyone
 * else who reads the jurisdiction only issued ones; no reader: NOT_FOUND.
 */
export async function listBulletins(
  { db, actor }: DomainContext,
  { jurisdictionId, year }: z.infer<typeof ZListBulletinsInput>,
) {
  const access = await jurisdictionAccess(db, actor, jurisdictionId);
  if (access === "none") throw notFound("辖区", "jurisdiction");
  const rows = await db.bulletin.findMany({
    where: {
      jurisdictionId,
      ...(year ? { year } : {}),
      ...(access === "office" ? {} : { state: "ISSUED" as const }),
    },
    select: { ...bulletinSelect, text: false, publication: false },
    orderBy: [
      { year: "desc" },
      { number: { sort: "desc", nulls: "first" } },
      { createdAt: "desc" },
      { id: "asc" },
    ],
  });
  return { canCreate: access === "office", bulletins: rows };
}
