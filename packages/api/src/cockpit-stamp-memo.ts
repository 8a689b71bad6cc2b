import type { Db } from "@duban/db";
import {
  cockpitStamp,
  dataChangeMark,
  writersInFlight,
  type Actor,
  type CockpitStamp,
} from "@duban/domain";

export type CockpitStampMemoStats = { hits: number; misses: number; kept: number; entries: number };

/**
 * Cockpit stamps (cockpitStamp) kept per root jurisdiction for as long as the data-change mark
 * they were read under holds (dataChangeMark, issue #19). A cached cockpit read then costs one
 * read of the mark instead of digesting the data version of every plan below the root (at
 * province scale, 1,000 plans: about 3.5 ms of the database's time per read, most of a cached
 * answer's cost at 20 users on two cores).
 *
 * Why a kept stamp is never stale: on a miss the mark is read first, then whether any writer is in
 * flight (writersInFlight), then the stamp; the stamp is kept only when no writer was. A change
 * numbered up to that mark was written before the mark was read, so with no writer left in flight
 * it was committed before the stamp's snapshot and is in it; a change numbered after it moved the
 * mark, so the next read computes the stamp again. The stamp itself only
 * depends on the database, never on the actor (the actor's memberships and the default root are
 * keyed and resolved by the caller), so one memo serves every user of the process.
 */
export class CockpitStampMemo {
  private readonly kept = new Map<string, { mark: string; stamp: CockpitStamp }>();
  private counts = { hits: 0, misses: 0, kept: 0 };

  constructor(private readonly maxEntries = 2_000) {}

  stats(): CockpitStampMemoStats {
    return { ...this.counts, entries: this.kept.size };
  }

  /**
   * The stamp of the cockpit over `jurisdictionId` (or the actor's default root when undefined),
   * null when there is no root to show; as cockpitStamp, from the memo when the mark still holds.
   */
  async stamp(
    db: Db,
    actor: Actor,
    jurisdictionId: string | undefined,
  ): Promise<CockpitStamp | null> {
    // the default root depends on the actor, not only on the data: not memoised here
    if (jurisdictionId === undefined) return cockpitStamp(db, actor, undefined);
    const mark = await dataChangeMark(db);
    const known = this.kept.get(jurisdictionId);
    if (known?.mark === mark) {
      this.counts.hits++;
      return known.stamp;
    }
    this.counts.misses++;
    // in this order: see the class's comment
    const quiet = !(await writersInFlight(db));
    const stamp = await cockpitStamp(db, actor, jurisdictionId);
    if (quiet && stamp?.rootId === jurisdictionId) {
      this.kept.delete(jurisdictionId);
      this.kept.set(jurisdictionId, { mark, stamp });
      this.counts.kept++;
      for (const [oldest] of this.kept) {
        if (this.kept.size <= this.maxEntries) break;
        this.kept.delete(oldest);
      }
    } else if (known) {
      this.kept.delete(jurisdictionId);
    }
    return stamp;
  }
}
