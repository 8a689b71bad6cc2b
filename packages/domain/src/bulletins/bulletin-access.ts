// Who reads which 督查通报 (issue #18), and how a bulletin is read for them.
import type { DbOrTx } from "@duban/db";

import { jurisdictionAccess, type JurisdictionAccess } from "../access.ts";
import type { Actor } from "../actor.ts";
import { notFound } from "../errors.ts";
import {
  ZBulletinText,
  ZScoreSheet,
  type BulletinText,
  type ScoreSheet,
} from "../schemas/assessment.ts";

export const bulletinSelect = {
  id: true,
  jurisdictionId: true,
  publicationId: true,
  period: true,
  year: true,
  number: true,
  docNumber: true,
  title: true,
  text: true,
  state: true,
  createdAt: true,
  issuedAt: true,
  version: true,
  publication: { select: { sheet: true, publishedAt: true, supersededAt: true } },
} as const;

export type LoadedBulletin = {
  id: string;
  jurisdictionId: string;
  publicationId: string;
  period: string;
  year: number;
  number: number | null;
  docNumber: string | null;
  title: string;
  text: BulletinText;
  state: "DRAFT" | "ISSUED";
  createdAt: Date;
  issuedAt: Date | null;
  version: number;
  sheet: ScoreSheet;
  access: JurisdictionAccess;
};

/**
 * A bulletin as `actor` may read it. A draft is the office's alone; an issued bulletin is read by
 * everyone with a role in (or above) its jurisdiction — a 通报 is circulated to all units. Anyone
 * else, and a draft for a non-office reader, gets NOT_FOUND (ids leak nothing).
 */
export async function loadBulletinForActor(
  db: DbOrTx,
  actor: Actor,
  bulletinId: string,
): Promise<LoadedBulletin> {
  const row = await db.bulletin.findUnique({ where: { id: bulletinId }, select: bulletinSelect });
  if (!row) throw notFound("通报", "bulletin");
  const access = await jurisdictionAccess(db, actor, row.jurisdictionId);
  if (access === "none" || (row.state === "DRAFT" && access !== "office"))
    throw notFound("通报", "bulletin");
  const { publication, ...rest } = row;
  return {
    ...rest,
    text: ZBulletinText.parse(row.text),
    sheet: ZScoreSheet.parse(publication.sheet),
    access,
  };
}

/**
 * The ranking as a reader may see it: every unit's rank, name, total, each component's points,
 * bonus and deduction (what the bulletin prints). The drill-down figures behind a component
 * (numerator / denominator) only for readers who see every unit (office, leaders, the city);
 * department staff get them for their own units only (the one visibility rule).
 */
export function rankingFor(sheet: ScoreSheet, actor: Actor, access: JurisdictionAccess) {
  const own = new Set(
    actor.kind === "user"
      ? actor.memberships.filter((m) => m.role === "DEPARTMENT").map((m) => m.departmentId)
      : [],
  );
  return [...sheet.units]
    .sort((a, b) => a.rank - b.rank)
    .map((u) => {
      const detail = access === "office" || access === "read" || own.has(u.departmentId);
      return {
        departmentId: u.departmentId,
        departmentName: u.departmentName,
        rank: u.rank,
        total: u.total,
        bonus: u.bonus,
        deduction: u.deduction,
        components: u.components.map((c) => ({
          kind: c.kind,
          weight: c.weight,
          points: c.points,
          ratio: detail ? c.ratio : null,
          numerator: detail ? c.numerator : null,
          denominator: detail ? c.denominator : null,
        })),
      };
    });
}
export type RankingRow = ReturnType<typeof rankingFor>[number];

/** The component kinds in the sheet, in scheme order (the ranking's columns). */
export function componentKinds(sheet: ScoreSheet) {
  const kinds: ScoreSheet["units"][number]["components"][number]["kind"][] = [];
  for (const u of sheet.units)
    for (const c of u.components) if (!kinds.includes(c.kind)) kinds.push(c.kind);
  return kinds;
}
