import type { ActorlessContext } from "../context.ts";
import {
  createAccount,
  ensureDefaultDepartments,
  ensureJurisdiction,
  type DemoCredential,
} from "./demo-accounts.ts";
import { demoCascadeWorld } from "./demo-cascade.ts";
import { demoEvaluations } from "./demo-evaluations.ts";
import { simulateHistory } from "./demo-history.ts";
import { demoObservations } from "./demo-indicators.ts";
import { importDemoPlan } from "./demo-plan.ts";
import { demoYears } from "./demo-years.ts";

export type DemoSeed = {
  fileName: string;
  bytes: Uint8Array;
  /** the plan's title, for a document without a title line (importPlan refuses one without) */
  title?: string;
  jurisdiction: string;
  kind: "CITY" | "COUNTY";
  parent?: string;
  slug: string;
  /** the parent city's login slug (`office@guiyang.demo`); default `<slug>-city` */
  parentSlug?: string;
  /** five years of history up to now (demo-history.ts and the rest of demo/); default true */
  withHistory?: boolean;
};
export type { DemoCredential };

/**
 * Loads the demo on an empty database: the seed plans, a jurisdiction each with its departments,
 * one login per role, tasks decomposed from the importer's suggestions and the plans' history up to
 * `now` (default: the clock): ledger, sign-offs, indicator values, evaluations, annual plans and
 * scores (see README "The demo's history"); then, unless `layers: false`, the layers of issue #19
 * around them: 遵义市's counties and 贵阳市 with plans of their own, the cascade from both cities,
 * 息烽县's towns as units and 片区 (demo-cascade.ts, README "The demo's layers"). Does nothing (returns null) on a database that holds
 * plans or users, so running it twice gives the same demo.
 * Returns the credentials (passwords are random unless `password` is given) — shown once.
 */
export async function loadDemo(
  { db, now: clock }: ActorlessContext,
  input: {
    seeds: DemoSeed[];
    password?: string;
    /** the cascade's jurisdictions, 片区 and assignments around the seeds (demo-layers.ts); default true */
    layers?: boolean;
  },
): Promise<DemoCredential[] | null> {
  const { seeds } = input;
  const options = { password: input.password, now: clock };
  if ((await db.plan.count()) > 0 || (await db.user.count()) > 0) return null;
  const now = options.now ?? new Date();
  const creds: DemoCredential[] = [];
  for (const seed of seeds) {
    const jurisdiction = await ensureJurisdiction(db, seed.jurisdiction, seed.kind, seed.parent);
    const byShort = await ensureDefaultDepartments(db, jurisdiction.id, seed.slug);
    const keji = byShort.get("科技局") ?? [...byShort.values()][0]!;
    const base = {
      jurisdictionId: jurisdiction.id,
      jurisdiction: seed.jurisdiction,
      password: options.password,
    };
    const officeUser = await createAccount(db, creds, {
      ...base,
      email: `office@${seed.slug}.demo`,
      name: `${seed.jurisdiction}领导小组办公室`,
      role: "OFFICE",
    });
    await createAccount(db, creds, {
      ...base,
      email: `leader@${seed.slug}.demo`,
      name: `${seed.jurisdiction}分管领导`,
      role: "LEADER",
    });
    const users = new Map<string, { id: string; email: string }>();
    for (const d of [
      keji,
      byShort.get("市场监管局"),
      byShort.get("人社局"),
      byShort.get("工信局"),
      byShort.get("农业农村局"),
    ].filter((x): x is NonNullable<typeof x> => !!x)) {
      const local =
        d.shortName === "科技局"
          ? "keji"
          : d.shortName === "市场监管局"
            ? "scjg"
            : d.shortName === "人社局"
              ? "renshe"
              : d.shortName === "工信局"
                ? "gongxin"
                : "nongye";
      const user = await createAccount(db, creds, {
        ...base,
        email: `${local}@${seed.slug}.demo`,
        name: `${seed.jurisdiction}${d.shortName}`,
        role: "DEPARTMENT",
        departmentId: d.id,
        department: d.name,
      });
      users.set(d.id, { id: user.id, email: user.email });
    }
    const plan = await importDemoPlan(db, { ...seed, jurisdictionId: jurisdiction.id }, keji.id);
    if (plan) {
      if (seed.withHistory !== false) {
        const people = {
          jurisdictionId: jurisdiction.id,
          office: { id: officeUser.id, email: officeUser.email },
          users,
        };
        await simulateHistory(db, plan.id, people, now);
        await demoObservations(db, plan.id, people, now);
        await demoEvaluations(db, plan.id, officeUser, jurisdiction.id, now);
        await demoYears(db, plan.id, people, now);
      }
    }
    if (seed.parent) {
      const parent = await db.jurisdiction.findUniqueOrThrow({ where: { name: seed.parent } });
      const slug = seed.parentSlug ?? `${seed.slug}-city`;
      const city = {
        jurisdictionId: parent.id,
        jurisdiction: seed.parent,
        password: options.password,
      };
      await createAccount(db, creds, {
        ...city,
        email: `office@${slug}.demo`,
        name: `${seed.parent}领导小组办公室`,
        role: "OFFICE",
      });
      await createAccount(db, creds, {
        ...city,
        email: `leader@${slug}.demo`,
        name: `${seed.parent}分管领导`,
        role: "LEADER",
      });
    }
  }
  if (input.layers !== false)
    await demoCascadeWorld(db, creds, { now, password: options.password });
  return creds;
}
