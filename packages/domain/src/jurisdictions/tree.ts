import { Prisma, type DbOrTx } from "@duban/db";

/**
 * The jurisdictions above `jurisdictionId`, nearest first (county → city → province); [] for a
 * root or an unknown id. One recursive query over the parent index. The cascade (层层分解, issue
 * #19) has no depth limit, so reading rights from above go up the whole chain, not one level.
 */
export async function ancestorIdsOf(db: DbOrTx, jurisdictionId: string): Promise<string[]> {
  const map = await ancestorIdsOfMany(db, [jurisdictionId]);
  return map.get(jurisdictionId) ?? [];
}

/** ancestorIdsOf for several jurisdictions in one query: id → ancestors, nearest first. */
export async function ancestorIdsOfMany(
  db: DbOrTx,
  jurisdictionIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const ids = [...new Set(jurisdictionIds)];
  if (ids.length === 0) return out;
  const rows = await db.$queryRaw<{ start: string; ancestor: string; depth: number }[]>`
    WITH RECURSIVE up(start, ancestor, depth) AS (
      SELECT j.id, j."parentId", 1 FROM "Jurisdiction" j
       WHERE j.id = ANY(${ids}::uuid[]) AND j."parentId" IS NOT NULL
      UNION ALL
      SELECT up.start, j."parentId", up.depth + 1 FROM up JOIN "Jurisdiction" j ON j.id = up.ancestor
       WHERE j."parentId" IS NOT NULL AND up.depth < 64
    )
    SELECT start::text, ancestor::text, depth FROM up ORDER BY start, depth`;
  for (const id of ids) out.set(id, []);
  for (const r of rows) out.get(r.start)?.push(r.ancestor);
  return out;
}

/**
 * `roots` and every jurisdiction below them, at any depth (a province's cities and their
 * counties). Unknown ids are dropped. Sorted, without duplicates.
 */
export async function subtreeJurisdictionIds(
  db: DbOrTx,
  roots: readonly string[],
): Promise<string[]> {
  const ids = [...new Set(roots)];
  if (ids.length === 0) return [];
  const rows = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    WITH RECURSIVE down(id, depth) AS (
      SELECT j.id, 0 FROM "Jurisdiction" j WHERE j.id = ANY(${ids}::uuid[])
      UNION
      SELECT j.id, down.depth + 1 FROM down JOIN "Jurisdiction" j ON j."parentId" = down.id
       WHERE down.depth < 64
    )
    SELECT DISTINCT id::text AS id FROM down ORDER BY id`);
  return rows.map((r) => r.id);
}
