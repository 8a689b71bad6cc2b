import type { ActorlessContext } from "./context.ts";

export type AuditChainReport = {
  rows: number;
  broken: Array<{ id: string; reason: "content" | "chain" }>;
};

/**
 * Recomputes every audit row's hash and checks that each row names its predecessor's hash.
 * A row edited behind the trigger's back (or deleted, or inserted out of order) shows up here.
 */
export async function verifyAuditChain(
  { db }: ActorlessContext,
  { limit = 100 }: { limit?: number } = {},
): Promise<AuditChainReport> {
  const [counted] = await db.$queryRaw<
    Array<{ count: bigint }>
  >`SELECT count(*) AS count FROM "AuditEvent"`;
  const broken = await db.$queryRaw<Array<{ id: bigint; content_ok: boolean }>>`
    SELECT id, hash = recomputed AS content_ok FROM (
      SELECT id, hash, "prevHash", duban_audit_row_hash(e) AS recomputed, lag(hash) OVER (ORDER BY id) AS previous
      FROM "AuditEvent" e
    ) x
    WHERE hash IS DISTINCT FROM recomputed OR "prevHash" IS DISTINCT FROM previous
    ORDER BY id LIMIT ${limit}`;
  return {
    rows: Number(counted?.count ?? 0),
    broken: broken.map((b) => ({
      id: b.id.toString(),
      reason: b.content_ok ? "chain" : "content",
    })),
  };
}
