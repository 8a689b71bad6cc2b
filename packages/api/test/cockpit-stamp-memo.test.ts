import { setTimeout as sleep } from "node:timers/promises";

import { expect } from "vitest";

import type { Db } from "@duban/db";
import { cockpitStamp, dataChangeMark, writersInFlight, type Actor } from "@duban/domain";
import { test } from "@duban/test-utils";

import { CockpitStampMemo } from "../src/cockpit-stamp-memo.ts";
import { countyWithPlan } from "./context.ts";

/**
 * The memo keeps a stamp only when it was read with no writing transaction in flight anywhere on
 * the server; other test files write in parallel, so wait (bounded) for a quiet moment.
 */
async function keptStamp(memo: CockpitStampMemo, db: Db, actor: Actor, rootId: string) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const before = memo.stats().kept;
    const stamp = await memo.stamp(db, actor, rootId);
    if (memo.stats().kept > before) return stamp!;
    await sleep(20);
  }
  throw new Error("no quiet moment in 100 tries: the server never had no writer in flight");
}

test("a kept stamp answers until anything the cockpit reads changes, by any path", async ({
  database: { db },
}) => {
  const { jurisdiction, plan, office } = await countyWithPlan(db);
  const memo = new CockpitStampMemo();
  const fresh = async () => (await cockpitStamp(db, office, jurisdiction.id))!.stamp;

  const first = await keptStamp(memo, db, office, jurisdiction.id);
  expect(first.stamp).toBe(await fresh());
  const hits = memo.stats().hits;
  // nothing changed: answered from the memo, no digest read
  expect((await memo.stamp(db, office, jurisdiction.id))?.stamp).toBe(first.stamp);
  expect(memo.stats().hits).toBe(hits + 1);

  // each kind of change the stamp covers: the plan's data, the tree below, the 片区
  const changes: Array<[string, () => Promise<unknown>]> = [
    [
      "plan data",
      () => db.$executeRaw`UPDATE "Plan" SET title = title || '·' WHERE id = ${plan.id}::uuid`,
    ],
    [
      "tree",
      () =>
        db.jurisdiction.create({
          data: { name: `乡镇-${Date.now()}`, kind: "COUNTY", parentId: jurisdiction.id },
        }),
    ],
    [
      "district",
      () =>
        db.district.create({
          data: { jurisdictionId: jurisdiction.id, name: `片区-${Date.now()}` },
        }),
    ],
  ];
  let previous = first.stamp;
  for (const [what, change] of changes) {
    await change();
    const now = await memo.stamp(db, office, jurisdiction.id);
    expect(now?.stamp, what).not.toBe(previous);
    expect(now?.stamp, what).toBe(await fresh());
    previous = now!.stamp;
  }
});

test("a stamp read while a change is in flight is not kept: the change shows once it commits", async ({
  database: { db },
}) => {
  const { jurisdiction, plan, office } = await countyWithPlan(db);
  const memo = new CockpitStampMemo();
  const before = await keptStamp(memo, db, office, jurisdiction.id);

  let written!: () => void;
  // (the writer is committed whatever the assertions do: a dangling one would hold the server busy)
  let commit!: () => void;
  const wrote = new Promise<void>((r) => (written = r));
  const released = new Promise<void>((r) => (commit = r));
  const writer = db.$transaction(
    async (tx) => {
      await tx.$executeRaw`UPDATE "Plan" SET title = title || '·' WHERE id = ${plan.id}::uuid`;
      written();
      await released;
    },
    { timeout: 30_000 },
  );
  await wrote;
  try {
    // the change has advanced the mark but is not visible yet: the stamp is the old one, not kept
    expect(await writersInFlight(db)).toBe(true);
    const kept = memo.stats().kept;
    const during = await memo.stamp(db, office, jurisdiction.id);
    expect(during?.stamp).toBe(before.stamp);
    expect(memo.stats().kept).toBe(kept);
  } finally {
    commit();
    await writer;
  }
  // the mark has not moved since `during`; had that stamp been kept, this would be stale
  const after = await memo.stamp(db, office, jurisdiction.id);
  expect(after?.stamp).not.toBe(before.stamp);
  expect(after?.stamp).toBe((await cockpitStamp(db, office, jurisdiction.id))!.stamp);
});

test("the mark names the database: a restore (a new database, the sequence set back) never matches an old mark", async ({
  database: { db },
}) => {
  const [{ oid } = { oid: "" }] = await db.$queryRaw<Array<{ oid: string }>>`
    SELECT oid::text AS oid FROM pg_database WHERE datname = current_database()`;
  const mark = await dataChangeMark(db);
  expect(mark.startsWith(`${oid}:`)).toBe(true);
  // the same number in another database is another mark
  const [{ value } = { value: "" }] = await db.$queryRaw<Array<{ value: string }>>`
    SELECT last_value::text AS value FROM duban_data_change`;
  expect(mark.slice(oid.length + 1).replace(/-$/, "")).toBe(value);
});

test("stamps of different roots are kept apart, and the default root is never memoised", async ({
  database: { db },
}) => {
  const a = await countyWithPlan(db);
  const b = await countyWithPlan(db);
  const memo = new CockpitStampMemo();
  const sa = await keptStamp(memo, db, a.office, a.jurisdiction.id);
  const sb = await keptStamp(memo, db, b.office, b.jurisdiction.id);
  expect(sa.rootId).toBe(a.jurisdiction.id);
  expect(sb.rootId).toBe(b.jurisdiction.id);
  expect(sa.stamp).not.toBe(sb.stamp);
  const counts = memo.stats();
  const byDefault = await memo.stamp(db, a.office, undefined);
  expect(byDefault?.rootId).toBe(a.jurisdiction.id);
  expect(memo.stats()).toEqual(counts);
  // a root that does not exist has no stamp, and nothing is kept for it
  expect(await memo.stamp(db, a.office, crypto.randomUUID())).toBeNull();
  expect(memo.stats().entries).toBe(counts.entries);
});
