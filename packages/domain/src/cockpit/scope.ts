import type { DbOrTx } from "@duban/db";

import type { Actor } from "../actor.ts";
import { forbidden, notFound } from "../errors.ts";
import { ancestorIdsOf, ancestorIdsOfMany } from "../jurisdictions/tree.ts";
import { DEFAULT_BANDS, type LightBands } from "../progress.ts";
import { visibilityFromMemberships, type Visibility } from "../visibility.ts";

/** One jurisdiction of the cockpit's tree, with its traffic-light bands. */
export type CockpitJurisdiction = {
  id: string;
  name: string;
  kind: string;
  /** null for the cockpit's root */
  parentId: string | null;
  /** 0 for the root, 1 for its children… */
  depth: number;
  bands: LightBands;
};

/**
 * What one cockpit covers: the root, the jurisdictions below it that the actor reads whole, and the
 * ACTIVE plans of those. `jurisdictions` are sorted by depth then name (zh).
 */
export type CockpitScope = {
  root: CockpitJurisdiction;
  access: "office" | "read";
  jurisdictions: CockpitJurisdiction[];
};

const zh = new Intl.Collator("zh-CN");
const WHAT: [string, string] = ["辖区", "Jurisdiction"];

/**
 * The jurisdiction the cockpit opens on when none is chosen: the highest one the actor reads whole
 * (the first of cockpitRoots: fewest levels above it, then by name); else, for department staff
 * who read nothing whole, their highest membership, which cockpitScope then refuses (FORBIDDEN).
 * Null for an actor with no membership. The system actor (CLI, jobs) gets the first root.
 */
export async function defaultCockpitRoot(db: DbOrTx, actor: Actor): Promise<string | null> {
  const roots = await cockpitRoots(db, actor);
  if (roots.length) return roots[0]!.id;
  if (actor.kind !== "user" || !actor.memberships.length) return null;
  const candidates = [...new Set(actor.memberships.map((m) => m.jurisdictionId))];
  const ancestors = await ancestorIdsOfMany(db, candidates);
  return candidates.sort(
    (a, b) =>
      (ancestors.get(a)?.length ?? 0) - (ancestors.get(b)?.length ?? 0) || a.localeCompare(b),
  )[0]!;
}

type TreeRow = {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  depth: number;
  yellow: number | null;
  red: number | null;
  dueSoon: number | null;
};

/**
 * The cockpit's scope for `actor` under `rootId` (default: defaultCockpitRoot), by the one
 * visibility rule (visibility.ts): a jurisdiction is in when the actor reads it whole (`all`: its
 * office, its leaders, anyone above it). The cockpit adds up every unit's tasks and reports, which
 * department staff do not see (their lists are cut to their units), so a jurisdiction where the
 * actor is department staff is left out — as assertSeesWholePlan refuses them the evaluations.
 *
 * Errors: NOT_FOUND when the actor reads nothing of the root (or it does not exist); FORBIDDEN when
 * the actor is only department staff there (驾驶舱 is for leaders and offices, README page table).
 */
export async function cockpitScope(
  db: DbOrTx,
  actor: Actor,
  rootId: string | undefined,
): Promise<CockpitScope> {
  const chosen = rootId ?? (await defaultCockpitRoot(db, actor));
  if (!chosen) throw notFound(...WHAT);
  // one recursive query for the subtree, with each jurisdiction's bands
  const [rows, rootAncestors] = await Promise.all([
    db.$queryRaw<TreeRow[]>`
      WITH RECURSIVE down(id, "parentId", depth) AS (
        SELECT j.id, NULL::uuid, 0 FROM "Jurisdiction" j WHERE j.id = ${chosen}::uuid
        UNION ALL
        SELECT j.id, j."parentId", down.depth + 1 FROM down JOIN "Jurisdiction" j ON j."parentId" = down.id
         WHERE down.depth < 64
      )
      SELECT d.id::text AS id, j.name, j.kind::text AS kind, d."parentId"::text AS "parentId", d.depth,
             s."yellowLagPoints" AS yellow, s."redLagPoints" AS red, s."dueSoonDays" AS "dueSoon"
        FROM down d JOIN "Jurisdiction" j ON j.id = d.id
        LEFT JOIN "SupervisionSettings" s ON s."jurisdictionId" = d.id`,
    actor.kind === "user" ? ancestorIdsOf(db, chosen) : Promise.resolve([]),
  ]);
  if (!rows.length) throw notFound(...WHAT);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const visibilityIn = (id: string): Visibility => {
    if (actor.kind === "system") return { kind: "all", access: "office" };
    const up: string[] = [];
    for (let p = byId.get(id)?.parentId; p; p = byId.get(p)?.parentId) up.push(p);
    return visibilityFromMemberships(actor.memberships, {
      id,
      ancestorIds: [...up, ...rootAncestors],
    });
  };
  const rootVisibility = visibilityIn(chosen);
  if (rootVisibility.kind === "none") throw notFound(...WHAT);
  if (rootVisibility.kind === "units")
    throw forbidden(
      "驾驶舱仅供领导和领导小组办公室查看",
      "the cockpit is for leaders and leading group offices only",
    );
  const jurisdictions = rows
    .filter((r) => visibilityIn(r.id).kind === "all")
    .map((r): CockpitJurisdiction => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      parentId: r.parentId,
      depth: r.depth,
      bands: {
        yellowLagPoints: r.yellow ?? DEFAULT_BANDS.yellowLagPoints,
        redLagPoints: r.red ?? DEFAULT_BANDS.redLagPoints,
        dueSoonDays: r.dueSoon ?? DEFAULT_BANDS.dueSoonDays,
      },
    }))
    .sort((a, b) => a.depth - b.depth || zh.compare(a.name, b.name) || a.id.localeCompare(b.id));
  return { root: jurisdictions[0]!, access: rootVisibility.access, jurisdictions };
}

/**
 * The jurisdictions the actor may open the cockpit on (the picker): each one the actor reads whole
 * (visibility `all`), with its parent, in tree order (depth, then name). At most a few hundred rows.
 */
export async function cockpitRoots(db: DbOrTx, actor: Actor) {
  const starts =
    actor.kind === "system" ? null : [...new Set(actor.memberships.map((m) => m.jurisdictionId))];
  if (starts && !starts.length) return [];
  const rows = await db.$queryRaw<
    Array<{ id: string; name: string; kind: string; parentId: string | null }>
  >`
    WITH RECURSIVE down(id) AS (
      SELECT j.id FROM "Jurisdiction" j
       WHERE ${starts === null} OR j.id = ANY(${starts ?? []}::uuid[])
      UNION
      SELECT j.id FROM down JOIN "Jurisdiction" j ON j."parentId" = down.id
    )
    SELECT j.id::text AS id, j.name, j.kind::text AS kind, j."parentId"::text AS "parentId"
      FROM "Jurisdiction" j WHERE j.id IN (SELECT id FROM down)`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const depthOf = (id: string) => {
    let d = 0;
    for (let p = byId.get(id)?.parentId; p && byId.has(p); p = byId.get(p)?.parentId) d++;
    return d;
  };
  const ancestorsOf = new Map<string, string[]>();
  if (actor.kind === "user") {
    // the chain above each start, for memberships that read from above the starts themselves
    const above = await ancestorIdsOfMany(db, starts ?? []);
    for (const r of rows) {
      const up: string[] = [];
      let p = r.parentId;
      for (; p && byId.has(p); p = byId.get(p)!.parentId) up.push(p);
      const top = up.length ? up[up.length - 1]! : r.id;
      ancestorsOf.set(r.id, [...up, ...(above.get(top) ?? [])]);
    }
  }
  return rows
    .filter(
      (r) =>
        actor.kind === "system" ||
        visibilityFromMemberships(actor.memberships, {
          id: r.id,
          ancestorIds: ancestorsOf.get(r.id) ?? [],
        }).kind === "all",
    )
    .map((r) => ({ ...r, depth: depthOf(r.id) }))
    .sort((a, b) => a.depth - b.depth || zh.compare(a.name, b.name) || a.id.localeCompare(b.id));
}
