import type { Db } from "@duban/db";
import {
  activatePlan,
  addAnnualItems,
  addDays,
  closeCycle,
  createAnnualPlan,
  createTasks,
  importPlan,
  issueAnnualPlan,
  openCycle,
  publishScores,
  saveScheme,
  shanghaiDay,
  systemActor,
} from "@duban/domain";

import { connect, cookieOf, loginAs, type Api, type Client } from "./harness.ts";
import { buildWorld, PASSWORD, XIFENG_TITLE, xifengBytes } from "./world.ts";

export type Role =
  | "anon"
  | "officeA"
  | "leaderA"
  | "staffLead"
  | "staffSupport"
  | "staffOther"
  | "officeB"
  | "staffB"
  | "leaderCity";
export const ROLES: Role[] = [
  "anon",
  "officeA",
  "leaderA",
  "staffLead",
  "staffSupport",
  "staffOther",
  "officeB",
  "staffB",
  "leaderCity",
];
export const EMAILS: Record<Exclude<Role, "anon">, string> = {
  officeA: "office@a.test",
  leaderA: "leader@a.test",
  staffLead: "lead@a.test",
  staffSupport: "support@a.test",
  staffOther: "other@a.test",
  officeB: "office@b.test",
  staffB: "staff@b.test",
  leaderCity: "leader@city.test",
};

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

/** Uploads an evidence file as the client's user; the evidence id. */
export async function uploadEvidence(
  api: Api,
  client: Client,
  entryId: string,
  fileName: string,
): Promise<Response> {
  const form = new FormData();
  form.append("file", new Blob([Buffer.from(PDF)]), fileName);
  return fetch(`${api.url}/api/ledger/${entryId}/evidence`, {
    method: "POST",
    headers: { cookie: cookieOf.get(client)?.() ?? "", "x-duban-csrf": "1" },
    body: form,
  });
}

/**
 * The shared test world (world.ts) plus what the visibility matrix needs: a plan in county B with
 * its own task, one report per unit and task whose texts are markers (a leak check finds them in
 * any answer or file), evidence on three reports, a generated evaluation per plan, and a signed-in
 * client per role. Titles are made unique so that they, too, are markers.
 */
export async function buildVisibilityWorld(api: Api, db: Db) {
  const w = await buildWorld(db);
  const system = systemActor("visibility-setup");
  const today = shanghaiDay(new Date());
  await db.task.update({ where: { id: w.t1 }, data: { title: "VIS任务一科技局牵头" } });
  await db.task.update({ where: { id: w.t2 }, data: { title: "VIS任务二农业局牵头" } });
  const importedB = await importPlan(
    { db, actor: system },
    {
      jurisdictionId: w.b.id,
      fileName: "b.txt",
      bytes: await xifengBytes(),
      title: XIFENG_TITLE,
    },
  );
  const [tb] = await createTasks(
    { db, actor: system },
    {
      planId: importedB.planId,
      tasks: [
        {
          nodeId: null,
          title: "VIS乙县任务",
          description: "",
          leadDepartmentId: w.bDept.id,
          supportingDepartmentIds: [],
          phaseKey: "LAUNCH",
          startDate: "2021-01-01",
          dueDate: "2025-12-31",
          milestones: [],
        },
      ],
    },
  );
  const planB = await db.plan.findUniqueOrThrow({ where: { id: importedB.planId } });
  await activatePlan({ db, actor: system }, { planId: planB.id, version: planB.version });
  const cycleB = await openCycle(
    { db, actor: system },
    {
      planId: planB.id,
      period: "2025Q4",
      dueDate: addDays(today, 7),
      closeDate: addDays(today, 14),
    },
  );

  const clients = new Map<Role, Client>([["anon", connect(api)]]);
  for (const [role, email] of Object.entries(EMAILS))
    clients.set(role as Role, await loginAs(api, email, PASSWORD));
  const as = (role: Role) => clients.get(role)!;
  const report = (role: Role, taskId: string, cycleId: string, marker: string) =>
    as(role).ledger.submit.mutate({
      taskId,
      cycleId,
      progressText: `${marker}进展`,
      percentComplete: 10,
      status: "IN_PROGRESS",
      problems: `${marker}问题`,
      nextSteps: `${marker}下步`,
    });
  const entries = {
    e1Lead: await report("staffLead", w.t1, w.cycleId, "VIS说明一牵头"),
    e1Support: await report("staffSupport", w.t1, w.cycleId, "VIS说明一配合"),
    e2: await report("staffOther", w.t2, w.cycleId, "VIS说明二"),
    eB: await report("staffB", tb!, cycleB.id, "VIS说明乙"),
  };
  const evidence = async (role: Role, entryId: string, name: string) => {
    const res = await uploadEvidence(api, as(role), entryId, name);
    if (res.status !== 201)
      throw new Error(`evidence upload as ${role}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  };
  const files = {
    vLead: await evidence("staffLead", entries.e1Lead.id, "VIS佐证一牵头.pdf"),
    vSupport: await evidence("staffSupport", entries.e1Support.id, "VIS佐证一配合.pdf"),
    vB: await evidence("staffB", entries.eB.id, "VIS佐证乙.pdf"),
  };
  // a closed cycle: its completeness per unit is recorded (the cycle list's figures)
  const closed = await openCycle(
    { db, actor: system },
    {
      planId: w.planId,
      period: "2025Q3",
      dueDate: addDays(today, 7),
      closeDate: addDays(today, 14),
    },
  );
  await closeCycle({ db, actor: system }, { cycleId: closed.id });
  await as("officeA").evaluation.generate.mutate({ planId: w.planId, kind: "FINAL", asOf: today });
  await as("officeB").evaluation.generate.mutate({ planId: planB.id, kind: "FINAL", asOf: today });
  const indicatorA = await db.indicator.findFirstOrThrow({
    where: { planId: w.planId },
    orderBy: { number: "asc" },
  });
  const indicatorB = await db.indicator.findFirstOrThrow({
    where: { planId: planB.id },
    orderBy: { number: "asc" },
  });
  // a 督办通知单 on each task, each answered by its lead unit (notice rows of the matrix)
  const notices: Record<string, string> = {};
  const noticeReplies: Record<string, string> = {};
  for (const [office, unit, planId, taskId] of [
    ["officeA", "staffLead", w.planId, w.t1],
    ["officeA", "staffOther", w.planId, w.t2],
    ["officeB", "staffB", planB.id, tb!],
  ] as const) {
    const issued = await as(office).notice.issue.mutate({
      planId,
      level: "YELLOW",
      requirement: "VIS督办要求",
      replyDueDate: addDays(today, 7),
      taskIds: [taskId],
    });
    notices[taskId] = issued.notices[0]!.id;
    noticeReplies[taskId] = (
      await as(unit).notice.reply.mutate({ noticeId: notices[taskId], text: "VIS督办回复" })
    ).id;
  }
  // a pending change request (调整申请) of each task's lead unit: the evidence route's objects
  const changeRequests: Record<string, string> = {};
  for (const [taskId, jurisdictionId, departmentId] of [
    [w.t1, w.a.id, w.d1.id],
    [w.t2, w.a.id, w.d3.id],
    [tb!, w.b.id, w.bDept.id],
  ] as const)
    changeRequests[taskId] = (
      await db.changeRequest.create({
        data: { taskId, jurisdictionId, departmentId, kind: "SUSPENSION", reason: "VIS申请" },
      })
    ).id;
  // 领导批示 on a task, on the lead unit's report and on an indicator: who may list them is the
  // visibility rule's (the task's and report's markers show in the answers)
  for (const input of [
    { target: "TASK" as const, taskId: w.t1, text: "VIS批示任务一" },
    { target: "LEDGER_ENTRY" as const, ledgerEntryId: entries.e1Lead.id, text: "VIS批示牵头台账" },
    { target: "INDICATOR" as const, indicatorId: indicatorA.id, text: "VIS批示指标" },
  ])
    await as("leaderA").instruction.write.mutate(input);
  // 督查通报: an issued bulletin and a draft in each county and the city, on a hand-made score
  // publication of its units (bulletin rows of the matrix; issued ones are read by the whole
  // jurisdiction, drafts by its office only)
  const bulletins: Record<string, { issued: string; draft: string }> = {};
  for (const j of [w.a, w.b, w.city]) {
    const units = await db.department.findMany({
      where: { jurisdictionId: j.id },
      orderBy: { name: "asc" },
    });
    const scheme = await db.assessmentScheme.create({
      data: {
        jurisdictionId: j.id,
        year: 2026,
        version: 1,
        name: "VIS考核方案",
        components: [{ kind: "REPORTING", weight: 100 }],
      },
    });
    const sheet = {
      jurisdictionId: j.id,
      period: "2026Q3",
      kind: "QUARTER",
      schemeId: scheme.id,
      schemeVersion: 1,
      asOf: "2026-09-30",
      computedAt: new Date().toISOString(),
      units: units.map((u, i) => ({
        departmentId: u.id,
        departmentName: u.name,
        rank: i + 1,
        total: 90 - i,
        bonus: 0,
        deduction: 0,
        components: [
          {
            kind: "REPORTING",
            weight: 100,
            effectiveWeight: 100,
            ratio: (90 - i) / 100,
            points: 90 - i,
            numerator: 90 - i,
            denominator: 100,
          },
        ],
      })),
    };
    const publication = await db.scorePublication.create({
      data: { jurisdictionId: j.id, schemeId: scheme.id, period: "2026Q3", sheet },
    });
    const text = { opening: ["VIS通报开头"], praise: [], criticism: [], requirements: [] };
    const row = (state: "ISSUED" | "DRAFT", number: number | null) =>
      db.bulletin.create({
        data: {
          jurisdictionId: j.id,
          publicationId: publication.id,
          period: "2026Q3",
          year: 2026,
          number,
          docNumber: number ? `VIS科督通〔2026〕${number}号` : null,
          title: "VIS通报",
          text,
          state,
          issuedAt: state === "ISSUED" ? new Date() : null,
        },
      });
    bulletins[j.id] = { issued: (await row("ISSUED", 1)).id, draft: (await row("DRAFT", null)).id };
  }

  // 考核评分 (issue #18): a 2025 scheme and a published 2025Q4 sheet in each county and the city
  const publications: Record<string, string> = {};
  for (const jurisdictionId of [w.a.id, w.b.id, w.city.id]) {
    await saveScheme(
      { db, actor: system },
      {
        jurisdictionId,
        year: 2025,
        name: "2025年度考核方案",
        components: [
          { kind: "ITEM_COMPLETION", weight: 40 },
          { kind: "REVIEW_PASS", weight: 30 },
          { kind: "TRAFFIC_LIGHT", weight: 30 },
        ],
      },
    );
    const published = await publishScores(
      { db, actor: system },
      { jurisdictionId, period: "2025Q4", dryRun: false, confirmBeforeYearEnd: false },
    );
    publications[jurisdictionId] = published.publicationId!;
  }
  // an issued 2025 年度工作要点 per plan, with the plan's tasks as items: units see their own items
  const annualPlans: Record<string, string> = {};
  for (const [planId, taskIds] of [
    [w.planId, [w.t1, w.t2]],
    [planB.id, [tb!]],
  ] as const) {
    const ctx = { db, actor: system };
    const { annualPlanId } = await createAnnualPlan(ctx, { planId, year: 2025 });
    const added = await addAnnualItems(ctx, {
      annualPlanId,
      version: 0,
      items: taskIds.map((taskId) => ({
        taskId,
        deliverable: "VIS年度目标",
        dueDate: "2025-12-31",
      })),
    });
    await issueAnnualPlan(ctx, { annualPlanId, version: added.version });
    annualPlans[planId] = annualPlanId;
  }
  /** the units each staff role reports for: the rule's "own units" (README, Using Duban) */
  const ownUnits: Partial<Record<Role, string[]>> = {
    staffLead: [w.d1.id],
    staffSupport: [w.d2.id],
    staffOther: [w.d3.id],
    staffB: [w.bDept.id],
  };
  return {
    ...w,
    planB: planB.id,
    tb: tb!,
    cycleB: cycleB.id,
    today,
    as,
    entries,
    files,
    indicatorA: indicatorA.id,
    indicatorB: indicatorB.id,
    ownUnits,
    publications,
    notices,
    noticeReplies,
    changeRequests,
    bulletins,
    annualPlans,
  };
}

export type VisibilityWorld = Awaited<ReturnType<typeof buildVisibilityWorld>>;
