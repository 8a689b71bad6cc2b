import type { Db } from "@duban/db";

import type { Actor } from "../actor.ts";
import { defaultCockpitRoot } from "./scope.ts";

/**
 * What a cached cockpit page depends on, for the api's read cache (read-cache.ts): a digest of the
 * data versions of every plan under the root (PlanDataVersion, raised by triggers in the writing
 * transaction: tasks, reports, indicators, values, targets, units, bands; plan status too), of the
 * jurisdiction tree below the root, and of the root's 片区 and indicator assignments (which carry
 * their own `version`), plus the next reporting deadline of those plans (a report turns late
 * then). The caller keys by it together with the actor's memberships (what the actor may read)
 * and the day. Null when there is no root to show (the domain then answers and refuses).
 * One query; no row reaches Node.
 */
export async function cockpitStamp(
  db: Db,
  actor: Actor,
  jurisdictionId: string | undefined,
): Promise<{ rootId: string; stamp: string; nextDue: Date | null } | null> {
  const rootId = jurisdictionId ?? (await defaultCockpitRoot(db, actor));
  if (!rootId) return null;
  const [row] = await db.$queryRaw<
    Array<{ plans: string | null; tree: string | null; local: string | null; nextDue: Date | null }>
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
                      JOIN "District" d ON d.id = c."districtId" WHERE d."jurisdictionId" = ${rootId}::uuid) parts) AS local,
           (SELECT min(c."dueAt") FROM "ReportingCycle" c WHERE c."planId" IN (SELECT id FROM plans) AND c."dueAt" > now()) AS "nextDue"
      FROM plans p`;
  if (!row?.tree) return null;
  return { rootId, stamp: `${row.plans}|${row.tree}|${row.local}`, nextDue: row.nextDue };
}
