import superjson from "superjson";
import { actorDepartmentIds, jurisdictionAccess, shanghaiDay, type Actor } from "@duban/domain";
import type { Db } from "@duban/db";

/**
 * A procedure's result already in superjson's wire form. The api's output transformer sends it as
 * it is, so a cached page costs neither the domain query nor superjson's walk over the result.
 */
export class SerializedResult {
  constructor(readonly payload: ReturnType<typeof superjson.serialize>) {}
}

type Entry = { json: string; expiresAt: number };

export type ReadCacheStats = { hits: number; misses: number; entries: number; chars: number };

/**
 * The plan pages that many people open and few change (overview, ledger grid, task list,
 * indicators), kept in process as JSON text, least recently used first out when `maxChars` is
 * reached. Correctness does not rest on expiry: every key carries the plan's data version, which
 * database triggers raise in the same transaction as any change to the plan's data, so a committed
 * change makes the old entries unreachable at once.
 */
export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<SerializedResult>>();
  private chars = 0;
  private hits = 0;
  private misses = 0;

  constructor(private readonly options: { maxChars: number; ttlMs: number }) {}

  stats(): ReadCacheStats {
    return { hits: this.hits, misses: this.misses, entries: this.entries.size, chars: this.chars };
  }

  /** The cached result for `key`, or `compute`'s (one computation for concurrent misses of a key). */
  async getOrCompute(key: string, compute: () => Promise<unknown>, expiresAt: number): Promise<SerializedResult> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) {
      this.hits++;
      // re-insert: Map order is the recency order
      this.entries.delete(key);
      this.entries.set(key, hit);
      return new SerializedResult(JSON.parse(hit.json));
    }
    if (hit) this.remove(key);
    const running = this.inflight.get(key);
    if (running) {
      this.hits++;
      return running;
    }
    this.misses++;
    const computing = (async () => {
      const payload = superjson.serialize(await compute());
      const json = JSON.stringify(payload);
      if (json.length <= this.options.maxChars / 4) this.store(key, { json, expiresAt: Math.min(expiresAt, Date.now() + this.options.ttlMs) });
      return new SerializedResult(payload);
    })();
    this.inflight.set(key, computing);
    try {
      return await computing;
    } finally {
      this.inflight.delete(key);
    }
  }

  private store(key: string, entry: Entry) {
    this.remove(key);
    this.entries.set(key, entry);
    this.chars += entry.json.length;
    for (const [oldest] of this.entries) {
      if (this.chars <= this.options.maxChars) break;
      this.remove(oldest);
    }
  }

  private remove(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.chars -= entry.json.length;
    this.entries.delete(key);
  }
}

/** A year of milliseconds: the cap when a plan has no deadline ahead. */
const FAR = 365 * 24 * 3600_000;

/**
 * A plan page through the cache. Only for results that depend on the actor solely through the
 * actor's access to the plan's jurisdiction and the units the actor staffs there (the key holds
 * both), on the plan's data (the key holds its version), on today's date in Shanghai, and on which
 * of the plan's reporting deadlines have passed (the entry ends at the next one).
 * Whoever may not read the plan never gets here: they are sent to `compute`, which refuses them.
 */
export async function cachedPlanRead<T>(
  ctx: { db: Db; actor: Actor; readCache?: ReadCache },
  procedure: string,
  input: { planId: string },
  compute: () => Promise<T>,
): Promise<T> {
  if (!ctx.readCache) return compute();
  const [plan] = await ctx.db.$queryRaw<Array<{ jurisdictionId: string; version: bigint; nextDue: Date | null }>>`
    SELECT p."jurisdictionId"::text AS "jurisdictionId", coalesce(v.version, 0) AS version,
           (SELECT min(c."dueAt") FROM "ReportingCycle" c WHERE c."planId" = p.id AND c."dueAt" > now()) AS "nextDue"
      FROM "Plan" p LEFT JOIN "PlanDataVersion" v ON v."planId" = p.id
     WHERE p.id = ${input.planId}::uuid`;
  if (!plan) return compute();
  const access = await jurisdictionAccess(ctx.db, ctx.actor, plan.jurisdictionId);
  if (access === "none") return compute();
  const units = access === "department" ? actorDepartmentIds(ctx.actor, plan.jurisdictionId).sort() : [];
  const now = new Date();
  const key = JSON.stringify([procedure, String(plan.version), plan.nextDue?.getTime() ?? null, shanghaiDay(now), access, units, input]);
  const expiresAt = plan.nextDue ? plan.nextDue.getTime() : now.getTime() + FAR;
  // the caller's declared type: the output transformer turns the serialized form back into it on the wire
  return (await ctx.readCache.getOrCompute(key, compute, expiresAt)) as unknown as T;
}
