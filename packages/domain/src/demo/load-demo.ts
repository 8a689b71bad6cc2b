import { randomBytes } from "node:crypto";

import type { Db, Role } from "@duban/db";
import { DEFAULT_DEPARTMENTS } from "@duban/plan-parser";

import { hashPassword } from "../accounts/passwords.ts";
import { systemActor, type Actor } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import { addDays, dateOnly, shanghaiDay } from "../calendar.ts";
import type { ActorlessContext } from "../context.ts";
import { closeCycle, openCycle } from "../ledger/cycles.ts";
import { reviewLedgerEntry, submitLedgerEntry } from "../ledger/ledger-commands.ts";
import { activatePlan, createTasks } from "../plans/create-tasks.ts";
import { importPlan } from "../plans/import-plan.ts";
import { draftsFromCandidates } from "../plans/task-drafts.ts";
import { ZTaskDraft, type TaskDraft } from "../schemas/plan.ts";

export type DemoSeed = {
  fileName: string;
  bytes: Uint8Array;
  /** the plan's title, for a document without a title line (importPlan refuses one without) */
  title?: string;
  jurisdiction: string;
  kind: "CITY" | "COUNTY";
  parent?: string;
  slug: string;
  withHistory?: boolean;
};
export type DemoCredential = {
  jurisdiction: string;
  role: Role;
  email: string;
  password: string;
  department?: string;
};

/** A small deterministic generator, so the demo looks the same on every machine. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

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
 * Quarterly history for the demo: a closed quarter with reports (some late, some returned) and
 * the current reporting window open, so every screen has something to show.
 */
async function simulateHistory(
  db: Db,
  planId: string,
  actor: Actor,
  departmentActors: Map<string, Actor>,
  now: Date,
) {
  const random = prng(20210101);
  const tasks = await db.task.findMany({
    where: { planId },
    select: { id: true, leadDepartmentId: true },
    orderBy: { createdAt: "asc" },
  });
  const staff = (departmentId: string) => departmentActors.get(departmentId) ?? null;
  const past = await openCycle({ db, actor }, { planId, period: "2025Q3" });
  for (const task of tasks) {
    const reporter = staff(task.leadDepartmentId);
    if (!reporter || random() < 0.15) continue;
    const done = random() < 0.45;
    // a unit's report never completes a task (issue #17 step 3): a finished task is reported at
    // 95 % and then signed off through a completion application (signOffDemoTask)
    const percent = done ? 95 : Math.round(40 + random() * 50);
    const entry = await submitLedgerEntry(
      {
        db,
        actor: reporter,
        now: new Date(random() < 0.2 ? "2025-10-12T09:00:00+08:00" : "2025-10-08T09:00:00+08:00"),
      },
      {
        taskId: task.id,
        cycleId: past.id,
        progressText: done
          ? "已按计划完成全部建设内容，相关成果已通过验收。"
          : "按计划推进中，已完成阶段性建设内容。",
        percentComplete: percent,
        status: "IN_PROGRESS",
        problems: done ? "" : "项目资金到位较慢。",
        nextSteps: done ? "" : "加快推进剩余建设内容。",
      },
    );
    const approved = random() < 0.9;
    await reviewLedgerEntry(
      { db, actor },
      {
        entryId: entry.id,
        version: entry.version,
        decision: approved ? "APPROVE" : "RETURN",
        comment: "请补充佐证材料。",
      },
    );
    if (done && approved) await signOffDemoTask(db, actor, task, reporter);
  }
  await closeCycle({ db, actor }, { cycleId: past.id });
  const today = shanghaiDay(now);
  const current = await openCycle(
    { db, actor },
    {
      planId,
      period: "2025Q4",
      dueDate: addDays(today, 14),
      closeDate: addDays(today, 21),
    },
  );
  for (const task of tasks.slice(0, 6)) {
    const reporter = staff(task.leadDepartmentId);
    if (!reporter) continue;
    const t = await db.task.findUniqueOrThrow({ where: { id: task.id } });
    if (t.status === "COMPLETED" || t.status === "CANCELLED") continue;
    await submitLedgerEntry(
      { db, actor: reporter, now },
      {
        taskId: task.id,
        cycleId: current.id,
        progressText: "本季度持续推进，已完成年度主要目标。",
        percentComplete: Math.min(99, t.progress + 10),
        status: "IN_PROGRESS",
        problems: "",
        nextSteps: "做好收官总结。",
      },
    );
  }
}

/**
 * A finished demo task: an approved completion application (rated 良好) and the task 已办结, with
 * the audit events of both steps. Written directly, as the demo has no evidence store for the
 * application's files; the real steps are applyForCompletion and decideCompletion.
 */
async function signOffDemoTask(
  db: Db,
  actor: Actor,
  task: { id: string; leadDepartmentId: string },
  reporter: Actor,
) {
  const when = new Date("2025-10-20T09:00:00+08:00");
  await db.$transaction(async (tx) => {
    const application = await tx.completionApplication.create({
      data: {
        taskId: task.id,
        departmentId: task.leadDepartmentId,
        summary: "已按计划完成全部建设内容，相关成果已通过验收。",
        state: "APPROVED",
        appliedById: reporter.kind === "user" ? reporter.userId : null,
        appliedAt: new Date("2025-10-15T09:00:00+08:00"),
        decidedAt: when,
        rating: "GOOD",
        comment: "按期完成，成效较好。",
        version: 1,
      },
    });
    await tx.task.update({
      where: { id: task.id },
      data: {
        status: "COMPLETED",
        progress: 100,
        completedAt: when,
        rating: "GOOD",
        ratingComment: "按期完成，成效较好。",
        ratedAt: when,
        version: { increment: 2 },
      },
    });
    await recordAudit(tx, reporter, {
      action: "completion.apply",
      entityType: "CompletionApplication",
      entityId: application.id,
      after: { taskId: task.id, status: "PENDING_REVIEW", demo: true },
    });
    await recordAudit(tx, actor, {
      action: "completion.approve",
      entityType: "CompletionApplication",
      entityId: application.id,
      after: { taskId: task.id, taskStatus: "COMPLETED", progress: 100, rating: "GOOD" },
    });
  });
}

/**
 * Loads the demo on an empty database: the seed plans, a jurisdiction each with its departments,
 * one login per role, tasks decomposed from the importer's suggestions and a quarter of history.
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
    await createAccount(db, creds, {
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
    const departmentActors = new Map<string, Actor>();
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
      await createAccount(db, creds, {
        ...base,
        email: `${local}@${seed.slug}.demo`,
        name: `${seed.jurisdiction}${d.shortName}`,
        role: "DEPARTMENT",
        departmentId: d.id,
        department: d.name,
      });
      const user = await db.user.findUniqueOrThrow({
        where: { email: `${local}@${seed.slug}.demo` },
      });
      departmentActors.set(d.id, {
        kind: "user",
        userId: user.id,
        email: user.email,
        name: user.name,
        memberships: [{ jurisdictionId: jurisdiction.id, role: "DEPARTMENT", departmentId: d.id }],
      });
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
      if (seed.withHistory) await simulateHistory(db, plan.id, actor, departmentActors, now);
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
