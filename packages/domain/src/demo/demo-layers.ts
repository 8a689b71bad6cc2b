// Layer by layer (issue #19) in the demo: the jurisdictions below and beside the seed plans, with
// their plans, units, towns and logins; then 息烽县's 片区 (demo-districts.ts) and the cascade
// (demo-cascade.ts) on top of them.
import type { Db } from "@duban/db";

import { shanghaiDay } from "../calendar.ts";
import {
  createAccount,
  demoActor,
  ensureDefaultDepartments,
  ensureJurisdiction,
  type DemoCredential,
} from "./demo-accounts.ts";
import { importDemoPlan } from "./demo-plan.ts";
import { currentCycle, reportAndApprove } from "./demo-reports.ts";
import {
  demoPlanText,
  demoPlanTitle,
  GUIYANG,
  XIFENG,
  ZUNYI,
  ZUNYI_COUNTIES,
  type DemoJurisdiction,
} from "./demo-units.ts";

/** What the cascade and the districts build on: each layer's jurisdiction and its plan. */
export type DemoLayer = {
  jurisdictionId: string;
  name: string;
  slug: string;
  /** the plan of the current year (the year's document) */
  planId: string;
  /** units by short name (科技局) or, for towns, by name (永兴镇) */
  units: Map<string, { id: string; name: string }>;
  office: string;
  keji: string;
};

/**
 * 乡镇/街道 as TOWN units of a jurisdiction (contact `town<N>@<slug>.demo.duban.cn`), each with a
 * login `<town slug>@<slug>.demo` when it has a slug. Returns the towns by name.
 */
async function ensureTowns(
  db: Db,
  creds: DemoCredential[],
  j: { id: string; name: string; slug: string; password?: string },
  towns: Array<{ name: string; slug?: string }>,
) {
  if (!towns.length) return new Map<string, { id: string; name: string }>();
  await db.department.createMany({
    data: towns.map((t, i) => ({
      jurisdictionId: j.id,
      name: t.name,
      kind: "TOWN" as const,
      contactEmails: [`town${String(i + 1).padStart(2, "0")}@${j.slug}.demo.duban.cn`],
    })),
    skipDuplicates: true,
  });
  const rows = await db.department.findMany({
    where: { jurisdictionId: j.id, kind: "TOWN" },
  });
  const byName = new Map(rows.map((d) => [d.name, d]));
  for (const t of towns.filter((t) => t.slug)) {
    const unit = byName.get(t.name)!;
    await createAccount(db, creds, {
      jurisdictionId: j.id,
      jurisdiction: j.name,
      email: `${t.slug}@${j.slug}.demo`,
      name: `${j.name}${t.name}`,
      role: "DEPARTMENT",
      departmentId: unit.id,
      department: unit.name,
      password: j.password,
    });
  }
  return byName;
}

/**
 * A jurisdiction of the cascade: created under its parent, with the default units, its towns,
 * logins (office@ and keji@, a town's own) and its plan for `year` imported and activated; the
 * 科技局's own tasks (not those handed down) reported in the current quarter (so the plan is not
 * all red) — each step
 * through the same domain functions an office and its units use.
 */
async function demoJurisdiction(
  db: Db,
  creds: DemoCredential[],
  j: DemoJurisdiction,
  ctx: { now: Date; year: number; password?: string },
): Promise<DemoLayer> {
  const row = await ensureJurisdiction(db, j.name, j.kind, j.parent || undefined);
  const units = await ensureDefaultDepartments(db, row.id, j.slug);
  const keji = units.get("科技局")!;
  const base = { jurisdictionId: row.id, jurisdiction: j.name, password: ctx.password };
  const office = `office@${j.slug}.demo`;
  const kejiLogin = `keji@${j.slug}.demo`;
  // a seed's jurisdiction (and 贵阳市, the Xifeng seed's parent) has its logins already
  if (!(await db.user.count({ where: { email: office } })))
    await createAccount(db, creds, {
      ...base,
      email: office,
      name: `${j.name}领导小组办公室`,
      role: "OFFICE",
    });
  if (!(await db.user.count({ where: { email: kejiLogin } })))
    await createAccount(db, creds, {
      ...base,
      email: kejiLogin,
      name: `${j.name}科技局`,
      role: "DEPARTMENT",
      departmentId: keji.id,
      department: keji.name,
    });
  const towns = await ensureTowns(
    db,
    creds,
    { id: row.id, name: j.name, slug: j.slug, password: ctx.password },
    j.towns,
  );
  const plan = await importDemoPlan(
    db,
    {
      jurisdictionId: row.id,
      fileName: `${j.slug}-${ctx.year}.txt`,
      bytes: new TextEncoder().encode(demoPlanText(j, ctx.year)),
      title: demoPlanTitle(j, ctx.year),
    },
    keji.id,
  );
  if (!plan) throw new Error(`demo: ${j.name}'s plan has no task`);
  const officeActor = await demoActor(db, office);
  const cycleId = await currentCycle(db, officeActor, plan.id, ctx.now);
  const handedDown = j.sections.flatMap((s) => s.items.filter((i) => i.handedDown));
  const own = await db.task.findMany({
    where: {
      planId: plan.id,
      leadDepartmentId: keji.id,
      title: { notIn: handedDown.map((i) => i.title) },
    },
    orderBy: { title: "asc" },
  });
  const kejiActor = await demoActor(db, kejiLogin);
  for (const [i, task] of own.entries())
    await reportAndApprove(db, ctx.now, {
      unit: kejiActor,
      office: officeActor,
      taskId: task.id,
      cycleId,
      percent: [85, 70, 90][i % 3]!,
      text: "已完成年度主要工作，正在组织验收材料",
    });
  return {
    jurisdictionId: row.id,
    name: j.name,
    slug: j.slug,
    planId: plan.id,
    units: new Map([...units, ...towns]),
    office,
    keji: kejiLogin,
  };
}

/**
 * The layers of the demo around the seed plans, for the seeds that were loaded: 遵义市's year
 * document and its counties (湄潭县, 凤冈县, 正安县) when 遵义市 is; 息烽县's year document and
 * towns, and 贵阳市 with its plan, when 息烽县 is. Returns the layers by jurisdiction name for the
 * districts and the cascade.
 */
export async function demoLayers(
  db: Db,
  creds: DemoCredential[],
  ctx: { now: Date; password?: string },
) {
  const year = Number(shanghaiDay(ctx.now).slice(0, 4));
  const layers = new Map<string, DemoLayer>();
  const add = async (j: DemoJurisdiction) =>
    layers.set(j.name, await demoJurisdiction(db, creds, j, { ...ctx, year }));
  if (await db.jurisdiction.count({ where: { name: ZUNYI.name } })) {
    await add(ZUNYI);
    for (const county of ZUNYI_COUNTIES) await add(county);
  }
  if (await db.jurisdiction.count({ where: { name: XIFENG.name } })) {
    await add(XIFENG);
    await add(GUIYANG);
  }
  return layers;
}
