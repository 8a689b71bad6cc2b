import { randomBytes } from "node:crypto";

import type { Db, Role } from "@duban/db";
import { DEFAULT_DEPARTMENTS } from "@duban/plan-parser";

import { hashPassword } from "../accounts/passwords.ts";
import { systemActor } from "../actor.ts";
import { dateOnly } from "../calendar.ts";
import type { ActorlessContext } from "../context.ts";
import { activatePlan, createTasks } from "../plans/create-tasks.ts";
import { importPlan } from "../plans/import-plan.ts";
import { draftsFromCandidates } from "../plans/task-drafts.ts";
import { ZTaskDraft, type TaskDraft } from "../schemas/plan.ts";
import { demoEvaluations } from "./demo-evaluations.ts";
import { simulateHistory } from "./demo-history.ts";
import { demoObservations } from "./demo-indicators.ts";
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
  /** five years of history up to now (demo-history.ts and the rest of demo/); default true */
  withHistory?: boolean;
};
export type DemoCredential = {
  jurisdiction: string;
  role: Role;
  email: string;
  password: string;
  department?: string;
};

async function ensureJurisdiction(
  db: Db,
  name: string,
  kind: "CITY" | "COUNTY",
  parentName?: string,
): Promise<{ id: string }> {
  const parent = parentName ? await ensureJurisdiction(db, parentName, "CITY") : null;
  return db.jurisdiction.upsert({
    where: { name },
    create: { name, kind, parentId: parent?.id ?? null },
    update: {},
  });
}

async function createAccount(
  db: Db,
  creds: DemoCredential[],
  input: {
    jurisdictionId: string;
    jurisdiction: string;
    email: string;
    name: string;
    role: Role;
    departmentId?: string;
    department?: string;
    password?: string;
  },
) {
  const password = input.password ?? randomBytes(9).toString("base64url");
  const user = await db.user.create({
    data: { email: input.email, name: input.name, passwordHash: await hashPassword(password) },
  });
  await db.membership.create({
    data: {
      userId: user.id,
      jurisdictionId: input.jurisdictionId,
      role: input.role,
      departmentId: input.departmentId ?? null,
    },
  });
  creds.push({
    jurisdiction: input.jurisdiction,
    role: input.role,
    email: input.email,
    password,
    department: input.department,
  });
  return user;
}

/**
 * Accepts the importer's suggestions for every candidate node: the office's one-click
 * decomposition, by the same rule as the import wizard (draftsFromCandidates). A task whose text
 * names no lead unit goes to `defaultLeadId` (the demo's 科技局, the S&T plan's own unit).
 */
async function demoDrafts(db: Db, planId: string, defaultLeadId: string): Promise<TaskDraft[]> {
  const plan = await db.plan.findUniqueOrThrow({ where: { id: planId } });
  const [nodes, phases, departments] = await Promise.all([
    db.planNode.findMany({
      where: { planId, candidate: { not: { equals: null } } },
      orderBy: { order: "asc" },
    }),
    db.phase.findMany({ where: { planId }, orderBy: { order: "asc" } }),
    db.department.findMany({ where: { jurisdictionId: plan.jurisdictionId } }),
  ]);
  const drafts = draftsFromCandidates(
    nodes,
    {
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      phases: phases.map((p) => ({
        key: p.key,
        startDate: dateOnly(p.startDate),
        endDate: dateOnly(p.endDate),
      })),
    },
    departments,
    { defaultLeadId },
  );
  return drafts.map(({ code: _code, unmatched: _unmatched, ...draft }) => ZTaskDraft.parse(draft));
}

/**
 * Loads the demo on an empty database: the seed plans, a jurisdiction each with its departments,
 * one login per role, tasks decomposed from the importer's suggestions and the plans' history up to
 * `now` (default: the clock): ledger, sign-offs, indicator values, evaluations, annual plans and
 * scores (see README "The demo's history"). Does nothing (returns null) on a database that holds
 * plans or users, so running it twice gives the same demo.
 * Returns the credentials (passwords are random unless `password` is given) — shown once.
 */
export async function loadDemo(
  { db, now: clock }: ActorlessContext,
  input: { seeds: DemoSeed[]; password?: string },
): Promise<DemoCredential[] | null> {
  const { seeds } = input;
  const options = { password: input.password, now: clock };
  if ((await db.plan.count()) > 0 || (await db.user.count()) > 0) return null;
  const now = options.now ?? new Date();
  const actor = systemActor("demo");
  const creds: DemoCredential[] = [];
  for (const seed of seeds) {
    const jurisdiction = await ensureJurisdiction(db, seed.jurisdiction, seed.kind, seed.parent);
    await db.department.createMany({
      data: DEFAULT_DEPARTMENTS.map((d, i) => ({
        jurisdictionId: jurisdiction.id,
        name: d.name,
        shortName: d.shortName ?? null,
        keywords: d.keywords ?? [],
        contactEmails: [`dept${String(i + 1).padStart(2, "0")}@${seed.slug}.demo.duban.cn`],
      })),
      skipDuplicates: true,
    });
    const departments = await db.department.findMany({
      where: { jurisdictionId: jurisdiction.id },
    });
    const byShort = new Map(departments.map((d) => [d.shortName ?? d.name, d]));
    const keji = byShort.get("科技局") ?? departments[0]!;
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
    const imported = await importPlan(
      { db, actor },
      {
        jurisdictionId: jurisdiction.id,
        fileName: seed.fileName,
        bytes: seed.bytes,
        title: seed.title,
      },
    );
    const drafts = await demoDrafts(db, imported.planId, keji.id);
    if (drafts.length) {
      await createTasks({ db, actor }, { planId: imported.planId, tasks: drafts });
      const plan = await db.plan.findUniqueOrThrow({ where: { id: imported.planId } });
      await activatePlan({ db, actor }, { planId: plan.id, version: plan.version });
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
      const slug = `${seed.slug}-city`;
      await createAccount(db, creds, {
        jurisdictionId: parent.id,
        jurisdiction: seed.parent,
        email: `leader@${slug}.demo`,
        name: `${seed.parent}分管领导`,
        role: "LEADER",
        password: options.password,
      });
    }
  }
  return creds;
}
