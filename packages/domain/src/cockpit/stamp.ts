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
): Promise<CockpitStamp | null> {
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

/** A cockpit page's stamp: `rootId` the jurisdiction shown, `stamp` the digest (opaque text). */
export type CockpitStamp = { rootId: string; stamp: string };

/**
 * The data-change mark (migration 20261204010000_data_change_mark): a number that every statement
 * changing what cockpitStamp reads advances, read without a lock or a snapshot (sequences are not
 * transactional). Opaque text; equal marks mean no such statement ran in between. It names the
 * database (its OID) too: a restore swaps the database under a running api and sets the sequence
 * back, and a mark of the old database must not match one of the restored. A stamp read
 * after mark M, and after writersInFlight answered false, holds as long as the mark is still M: a
 * change numbered after M moved the mark when it was written, and one numbered up to M was
 * committed before the stamp's snapshot (no writer was left in flight) and is in it. One query,
 * no table read.
 */
export async function dataChangeMark(db: Db): Promise<string> {
  const [row] = await db.$queryRaw<Array<{ mark: string }>>`
    SELECT (SELECT oid FROM pg_database WHERE datname = current_database())::text || ':' ||
           last_value::text || (CASE WHEN is_called THEN '' ELSE '-' END) AS mark FROM duban_data_change`;
  if (!row) throw new Error("dataChangeMark: the sequence duban_data_change has no row");
  return row.mark;
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

/**
 * Whether any other transaction that has written (holds a transaction id) is in flight on the
 * server, in any database: every such transaction holds the lock on its own id (pg_locks, which
 * every role may read, unlike other roles' rows of pg_stat_activity). Prepared transactions count.
 * A snapshot cannot tell this: a writer newer than the last completed transaction is beyond its
 * xmax and not listed as in progress. One query.
 */
export async function writersInFlight(db: Db): Promise<boolean> {
  const [row] = await db.$queryRaw<Array<{ busy: boolean }>>`
    SELECT EXISTS (SELECT 1 FROM pg_locks
                    WHERE locktype = 'transactionid' AND mode = 'ExclusiveLock' AND granted
                      AND pid IS DISTINCT FROM pg_backend_pid()) AS busy`;
  return row?.busy ?? true;
}
