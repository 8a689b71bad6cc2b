import type { Db } from "@duban/db";

import type { Actor } from "../actor.ts";
import { defaultCockpitRoot } from "./scope.ts";

/**
 * What a cached cockpit page depends on, for the api's read cache (read-cache.ts): a digest of the
 * data versions of every plan under the root (PlanDataVersion, raised by triggers in the writing
 * transaction: tasks, reports, indicators, values, targets, units, bands; plan status too), of the
 * jurisdiction tree below the root, and of the root's 片区 and indicator assignments (which carry
 * their own `version`). The caller keys by it together with the actor's memberships (what the
 * actor may read) and the day. Null when there is no root to show (the domain then answers and
 * refuses). One query; no row reaches Node. It runs on every cached read, so it reads only what
 * decides the key: the next reporting deadline, which ends a page's life (a report turns late
 * then), is cockpitNextDue's, asked only when a page is computed (any change to a cycle raises
 * its plan's version, so a page's deadline cannot move under its key).
 */
export async function cockpitStamp(
  db: Db,
  actor: Actor,
  jurisdictionId: string | undefined,
): Promise<{ rootId: string; stamp: string } | null> {
  const rootId = jurisdictionId ?? (await defaultCockpitRoot(db, actor));
  if (!rootId) return null;
  const [row] = await db.$queryRaw<
    Array<{ plans: string | null; tree: string | null; local: string | null }>
  >`
    WITH RECURSIVE down(id, depth) AS (
      SELECT j.id, 0 FROM "Jurisdiction" j WHERE j.id = ${rootId}::uuid
      UNION ALL
      SELECT j.id, down.depth + 1 FROM down JOIN "Jurisdiction" j ON j."parentId" = down.id WHERE down.depth < 64
    ), plans AS (
      SELECT p.id, coalesce(v.version, 0) AS version FROM "Plan" p
        LEFT JOIN "PlanDataVersion" v ON v."planId" = p.id
       WHERE p."jurisdictionId" IN (SELECT id FROM down)
    )
    SELECT md5(string_agg(p.id::text || ':' || p.version, ',' ORDER BY p.id)) AS plans,
           (SELECT md5(string_agg(id::text, ',' ORDER BY id)) FROM down) AS tree,
           (SELECT md5(coalesce(string_agg(x, ',' ORDER BY x), ''))
              FROM (SELECT 'd' || d.id || ':' || d.version || ':' || d.active AS x FROM "District" d WHERE d."jurisdictionId" = ${rootId}::uuid
                    UNION ALL
                    SELECT 'a' || a.id || ':' || a.version || ':' || a.state FROM "Assignment" a
                     WHERE a."fromJurisdictionId" = ${rootId}::uuid AND a.kind = 'INDICATOR'
                    UNION ALL
                    SELECT 'i' || c.id || ':' || c.version FROM "IndicatorDistrict" c
                      JOIN "District" d ON d.id = c."districtId" WHERE d."jurisdictionId" = ${rootId}::uuid) parts) AS local
      FROM plans p`;
  if (!row?.tree) return null;
  return { rootId, stamp: `${row.plans}|${row.tree}|${row.local}` };
}

/**
 * The next reporting deadline (`dueAt` after now) of any plan under `rootId` and below, null when
 * none: until when a cockpit page computed now holds. One query.
 */
export async function cockpitNextDue(db: Db, rootId: string): Promise<Date | null> {
  const [row] = await db.$queryRaw<Array<{ nextDue: Date | null }>>`
    WITH RECURSIVE down(id, depth) AS (
      SELECT j.id, 0 FROM "Jurisdiction" j WHERE j.id = ${rootId}::uuid
      UNION ALL
      SELECT j.id, down.depth + 1 FROM down JOIN "Jurisdiction" j ON j."parentId" = down.id WHERE down.depth < 64
    )
    SELECT min(c."dueAt") AS "nextDue" FROM "ReportingCycle" c
      JOIN "Plan" p ON p.id = c."planId"
     WHERE p."jurisdictionId" IN (SELECT id FROM down) AND c."dueAt" > now()`;
  return row?.nextDue ?? null;
}
