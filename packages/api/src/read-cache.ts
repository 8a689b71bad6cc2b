import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";

import type { Db } from "@duban/db";
import { cockpitNextDue, shanghaiDay, visibilityOf, type Actor } from "@duban/domain";

import { CockpitStampMemo } from "./cockpit-stamp-memo.ts";
import { toWire } from "./wire.ts";

/**
 * A procedure's result that the HTTP host puts into the answer itself: the output transformer
 * writes `slot` (a string) where the result goes, and the host replaces it with the stored JSON
 * text. A cached page so costs neither the domain query, nor parsing the stored text back, nor
 * serializing it again.
 */
export class SerializedResult {
  constructor(readonly slot: string) {}
}

/** A page as stored: superjson's wire form as JSON text, and gzipped answers made of it. */
export type CachedPage = {
  readonly key: string;
  readonly json: string;
  expiresAt: number;
  gzipped?: Map<string, Buffer>;
};

/** Until when a page holds (ms since the epoch), or how to find out on a miss. */
export type Expiry = number | (() => Promise<number>);

type PageToCompute = { key: string; compute: () => Promise<unknown>; expiresAt: Expiry };
/** The computation that waits for the running one of its group, and the misses it answers. */
type NextInLane = { pages: PageToCompute[]; promise: Promise<Map<string, CachedPage>> };
type Lane = { running: Promise<unknown> | null; next?: NextInLane };

/** The longest a miss waits for its group's running computation before starting its own. */
export const LANE_WAIT_MS = 5_000;

/** Resolves when `promise` settles (either way) or after `ms`, whichever comes first. */
function settledOrAfter(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    promise.then(done, done);
  });
}

export type ReadCacheStats = { hits: number; misses: number; entries: number; chars: number };

/**
 * The plan pages that many people open and few change (overview, ledger grid, task list,
 * indicators), kept in process as JSON text, least recently used first out when `maxChars` is
 * reached. Correctness does not rest on expiry: every key carries the plan's data version, which
 * database triggers raise in the same transaction as any change to the plan's data, so a committed
 * change makes the old entries unreachable at once.
 */
export class ReadCache {
  private readonly entries = new Map<string, CachedPage>();
  private readonly inflight = new Map<string, Promise<CachedPage>>();
  /** per page group (getOrCompute's `group`): the computation running and the one waiting */
  private readonly lanes = new Map<string, Lane>();
  private chars = 0;
  private hits = 0;
  private misses = 0;
  /** the cockpit pages' stamps, kept while the data-change mark holds (cockpitPageKey) */
  readonly cockpitStamps = new CockpitStampMemo();

  constructor(
    private readonly options: {
      maxChars: number;
      ttlMs: number;
      /** the longest a miss waits for its group's running computation (default LANE_WAIT_MS) */
      laneWaitMs?: number;
    },
  ) {}

  stats(): ReadCacheStats {
    return { hits: this.hits, misses: this.misses, entries: this.entries.size, chars: this.chars };
  }

  /**
   * The cached page for `key`, or `compute`'s (one computation for concurrent misses of a key).
   * `expiresAt` (ms since the epoch) may be a function: then it is asked only on a miss, before
   * the computation starts (so the page ends no later than the data it was computed from).
   *
   * `group` names the page without its data version (procedure, input, visibility): misses of one
   * group under different versions — readers arriving while writers keep committing — run one at
   * a time, and those that arrive while one runs share the single next one instead of each
   * computing in parallel (20 leaders right after 20 writes cost 2 computations, not 20). Sharing
   * is safe because the next computation starts after every sharer read its version, so its
   * statements see at least the data each sharer's key stands for; its page is stored under every
   * sharer's key. A sharer never joins a computation that has started. The next one waits at most
   * `laneWaitMs` (LANE_WAIT_MS) for the running one: a computation stuck on a lock does not hold the page up
   * for everyone.
   */
  async getOrCompute(
    key: string,
    compute: () => Promise<unknown>,
    expiresAt: Expiry,
    group?: string,
  ): Promise<CachedPage> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) {
      this.hits++;
      // re-insert: Map order is the recency order
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    if (hit) this.remove(key);
    const running = this.inflight.get(key);
    if (running) {
      this.hits++;
      return running;
    }
    this.misses++;
    const page = { key, compute, expiresAt };
    if (group === undefined) return this.track(key, this.computePages([page]));
    let lane = this.lanes.get(group);
    if (!lane) this.lanes.set(group, (lane = { running: null }));
    // waiting, not started: it starts after this reader read its version
    if (lane.next) {
      lane.next.pages.push(page);
      return this.track(key, lane.next.promise);
    }
    if (!lane.running) return this.track(key, this.runInLane(group, lane, [page]));
    const next: NextInLane = { pages: [page], promise: Promise.resolve(new Map()) };
    const inLane = lane;
    next.promise = settledOrAfter(lane.running, this.options.laneWaitMs ?? LANE_WAIT_MS).then(
      () => {
        inLane.next = undefined;
        return this.runInLane(group, inLane, next.pages);
      },
    );
    lane.next = next;
    return this.track(key, next.promise);
  }

  /** Runs `pages`' computation as the lane's running one; the lane ends when nothing runs or waits. */
  private runInLane(group: string, lane: Lane, pages: PageToCompute[]) {
    const computing = this.computePages(pages);
    lane.running = computing;
    const done = () => {
      if (lane.running !== computing) return;
      lane.running = null;
      if (!lane.next && this.lanes.get(group) === lane) this.lanes.delete(group);
    };
    computing.then(done, done);
    return computing;
  }

  /** `promise` answers `key`'s concurrent misses until it settles */
  private track(key: string, pages: Promise<Map<string, CachedPage>>): Promise<CachedPage> {
    const promise = pages.then((byKey) => byKey.get(key)!);
    this.inflight.set(key, promise);
    const clear = () => {
      if (this.inflight.get(key) === promise) this.inflight.delete(key);
    };
    promise.then(clear, clear);
    return promise;
  }

  /**
   * One computation for `pages` (sharers of one group; the last one's `compute` runs), its page
   * stored under each sharer's key with that sharer's deadline (a function deadline is asked once:
   * sharers of a group have the same root). The text is one string; the budget counts it per key.
   */
  private async computePages(pages: PageToCompute[]): Promise<Map<string, CachedPage>> {
    const last = pages[pages.length - 1]!;
    const asked = typeof last.expiresAt === "number" ? last.expiresAt : await last.expiresAt();
    const json = JSON.stringify(toWire(await last.compute()));
    const cap = Date.now() + this.options.ttlMs;
    const out = new Map<string, CachedPage>();
    for (const { key, expiresAt } of pages) {
      const page: CachedPage = {
        key,
        json,
        expiresAt: Math.min(typeof expiresAt === "number" ? expiresAt : asked, cap),
      };
      if (json.length <= this.options.maxChars / 4) this.store(key, page);
      out.set(key, page);
    }
    return out;
  }

  /**
   * The gzip of `answer` (one page in tRPC's envelope `template`), made once per page and envelope:
   * compressing 50–80 KB cost more than everything else a cached answer needs. Kept with the page
   * and counted in the budget (a gzipped page is about a tenth of its text).
   */
  gzipped(page: CachedPage, template: string, answer: () => string): Buffer {
    const known = page.gzipped?.get(template);
    if (known) return known;
    const bytes = gzipSync(answer());
    // only a page still held keeps it, and only the two envelopes the web app and plain links use
    if (this.entries.get(page.key) === page && (page.gzipped?.size ?? 0) < 2) {
      (page.gzipped ??= new Map()).set(template, bytes);
      this.chars += bytes.length;
    }
    return bytes;
  }

  private store(key: string, page: CachedPage) {
    this.remove(key);
    this.entries.set(key, page);
    this.chars += page.json.length;
    for (const [oldest] of this.entries) {
      if (this.chars <= this.options.maxChars) break;
      this.remove(oldest);
    }
  }

  private remove(key: string) {
    const page = this.entries.get(key);
    if (!page) return;
    this.chars -= page.json.length;
    for (const bytes of page.gzipped?.values() ?? []) this.chars -= bytes.length;
    this.entries.delete(key);
  }
}

/** Stands for a slot in tRPC's answer text; random per process, so no user's data can imitate it. */
const SLOT_PREFIX = `duban-read-cache:${randomBytes(12).toString("hex")}:`;

/**
 * The pages one HTTP request's procedures read through the cache. Each result goes into tRPC's
 * answer as a slot; the host then fills the slots with the pages' JSON text (`fill`), or sends the
 * gzip kept with the page when the answer is one page in a known envelope (`gzippedAnswer`).
 */
export class CachedAnswers {
  private readonly slots = new Map<string, CachedPage>();

  constructor(private readonly cache: ReadCache) {}

  get size(): number {
    return this.slots.size;
  }

  get cockpitStamps(): CockpitStampMemo {
    return this.cache.cockpitStamps;
  }

  async read(
    key: string,
    compute: () => Promise<unknown>,
    expiresAt: Expiry,
    group?: string,
  ): Promise<SerializedResult> {
    const page = await this.cache.getOrCompute(key, compute, expiresAt, group);
    const slot = `${SLOT_PREFIX}${this.slots.size}`;
    this.slots.set(slot, page);
    return new SerializedResult(slot);
  }

  /** tRPC's answer text with every slot replaced by its page */
  fill(answer: string): string {
    let filled = answer;
    // a function, not a string: `$&` and the like in a page must stay as they are
    for (const [slot, page] of this.slots)
      filled = filled.replace(JSON.stringify(slot), () => page.json);
    return filled;
  }

  /**
   * tRPC's answer as the bytes to send: gzipped when the client takes gzip and the answer has at
   * least `gzipFrom` characters. One page in a short envelope is gzipped once and kept with the page.
   */
  encode(
    answer: string,
    options: { gzip: boolean; gzipFrom: number },
  ): { body: Buffer; gzipped: boolean } {
    let length = answer.length;
    for (const page of this.slots.values()) length += page.json.length;
    if (!options.gzip || length < options.gzipFrom)
      return { body: Buffer.from(this.fill(answer)), gzipped: false };
    const [only, ...more] = this.slots;
    if (!only || more.length > 0 || answer.length > 300)
      return { body: gzipSync(this.fill(answer)), gzipped: true };
    const [slot, page] = only;
    // the envelope without the slot's number: `{"result":{"data":#}}`, `[{"result":{"data":#}}]`
    return {
      body: this.cache.gzipped(page, answer.replace(JSON.stringify(slot), "#"), () =>
        this.fill(answer),
      ),
      gzipped: true,
    };
  }
}

/** A year of milliseconds: the cap when a plan has no deadline ahead. */
const FAR = 365 * 24 * 3600_000;

/** What a procedure declares to be read through the cache (meta `readCache`). */
export type ReadCacheMeta = {
  /**
   * `plan`: a plan page: its input names the plan (`planId`), and it depends on nothing else but
   * the rules below (planPageKey). `cockpit`: the cockpit over a jurisdiction and everything below
   * it (cockpitPageKey).
   */
  by: "plan" | "cockpit";
};

/** What a page's key is read with: the request's database and actor, the process's stamp memo. */
export type PageKeyContext = { db: Db; actor: Actor; cockpitStamps: CockpitStampMemo };

/** Where a page is kept: its key, until when, and its group (the key without the data version). */
export type PagePlace = { key: string; expiresAt: Expiry; group: string };

/** The key of a page, by what the procedure declares (meta `readCache.by`). */
export function pageKey(
  ctx: PageKeyContext,
  meta: ReadCacheMeta,
  procedure: string,
  input: unknown,
): Promise<PagePlace | null> {
  return meta.by === "cockpit"
    ? cockpitPageKey(ctx, procedure, input)
    : planPageKey(ctx, procedure, input);
}

/**
 * Where a cockpit page is kept (issue #19): keyed by cockpitStamp — the data versions of every
 * plan under the chosen jurisdiction, the tree below it, its 片区 and indicator assignments —, by
 * the actor's memberships (all the cockpit's visibility depends on: visibility.ts reads nothing
 * else of the actor), the day in Shanghai and the input as sent; it ends at the next reporting
 * deadline of those plans (cockpitNextDue, read only when the page is computed: a hit costs one
 * read of the data-change mark while the stamp memo holds, the stamp's one query otherwise). Any committed write to any of those plans (their reporting cycles
 * included) changes the stamp, so the old page is unreachable at once. Null (not cached) for an
 * input the domain would refuse to parse.
 */
export async function cockpitPageKey(
  ctx: PageKeyContext,
  procedure: string,
  input: unknown,
): Promise<PagePlace | null> {
  const raw = (input ?? {}) as { jurisdictionId?: unknown };
  if (typeof raw !== "object") return null;
  const chosen = raw.jurisdictionId;
  if (chosen !== undefined && (typeof chosen !== "string" || !UUID.test(chosen))) return null;
  const stamp = await ctx.cockpitStamps.stamp(ctx.db, ctx.actor, chosen);
  if (!stamp) return null;
  const memberships =
    ctx.actor.kind === "user"
      ? ctx.actor.memberships
          .map((m) => `${m.jurisdictionId}:${m.role}:${m.departmentId ?? ""}`)
          .sort()
      : ["system"];
  const now = new Date();
  const key = JSON.stringify([
    procedure,
    stamp.rootId,
    stamp.stamp,
    shanghaiDay(now),
    memberships,
    input,
  ]);
  const expiresAt = async () => {
    const nextDue = await cockpitNextDue(ctx.db, stamp.rootId);
    return nextDue ? nextDue.getTime() : Date.now() + FAR;
  };
  const group = JSON.stringify([procedure, stamp.rootId, memberships, input]);
  return { key, expiresAt, group };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Where a plan page is kept: its key and until when, or null when it is not to be cached (no
 * plan id, an unknown plan, an actor who may not read it: `compute` answers, and refuses them).
 * Only for results that depend on the actor solely through the actor's visibility in the plan's
 * jurisdiction (visibility.ts: access class and, for staff, their units, sorted; the key holds
 * it), on the plan's data (the key holds its version), on today's date in Shanghai, and on which
 * of the plan's reporting deadlines have passed (the entry ends at the next one). The input is
 * keyed as sent: a page is only ever stored by a computation that accepted that very input.
 */
export async function planPageKey(
  ctx: { db: Db; actor: Actor },
  procedure: string,
  input: unknown,
): Promise<(PagePlace & { expiresAt: number }) | null> {
  const planId = (input as { planId?: unknown } | null | undefined)?.planId;
  if (typeof planId !== "string" || !UUID.test(planId)) return null;
  const [plan] = await ctx.db.$queryRaw<
    Array<{ jurisdictionId: string; version: bigint; nextDue: Date | null }>
  >`
    SELECT p."jurisdictionId"::text AS "jurisdictionId", coalesce(v.version, 0) AS version,
           (SELECT min(c."dueAt") FROM "ReportingCycle" c WHERE c."planId" = p.id AND c."dueAt" > now()) AS "nextDue"
      FROM "Plan" p LEFT JOIN "PlanDataVersion" v ON v."planId" = p.id
     WHERE p.id = ${planId}::uuid`;
  if (!plan) return null;
  // the same rule the domain cuts every page by (visibility.ts): same visibility, same page
  const visibility = await visibilityOf(ctx.db, ctx.actor, plan.jurisdictionId);
  if (visibility.kind === "none") return null;
  const now = new Date();
  const key = JSON.stringify([
    procedure,
    String(plan.version),
    plan.nextDue?.getTime() ?? null,
    shanghaiDay(now),
    visibility,
    input,
  ]);
  return {
    key,
    expiresAt: plan.nextDue ? plan.nextDue.getTime() : now.getTime() + FAR,
    group: JSON.stringify([procedure, visibility, input]),
  };
}
