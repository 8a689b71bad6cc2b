import { randomUUID } from "node:crypto";

import { afterAll, describe, expect } from "vitest";

import { appRouter } from "@duban/api";
import {
  addAnnualItems,
  addDays,
  createAnnualPlan,
  createTasks,
  encryptSecret,
  enqueueNotifications,
  issueAnnualPlan,
  issueNotices,
  ledgerSheets,
  openCycle,
  shanghaiDay,
  systemActor,
} from "@duban/domain";
import { buildLedgerWorkbook, buildNoticeDocx } from "@duban/reports";
import { test } from "@duban/test-utils";

import { connect, loginAs, outcome, startApi, type Api, type Client } from "./harness.ts";
import { procedurePaths } from "./registered-routes.ts";
import { buildWorld, PASSWORD, XIFENG_TITLE, xifengBytes } from "./world.ts";

// robot keys are encrypted at rest (issue #20): any key will do for the test run
process.env.DUBAN_SECRET_KEY ??= "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

type Role =
  | "anon"
  | "officeA"
  | "leaderA"
  | "staffLead"
  | "staffSupport"
  | "staffOther"
  | "officeB"
  | "staffB"
  | "leaderCity";
const ROLES: Role[] = [
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
const EMAILS: Record<Exclude<Role, "anon">, string> = {
  officeA: "office@a.test",
  leaderA: "leader@a.test",
  staffLead: "lead@a.test",
  staffSupport: "support@a.test",
  staffOther: "other@a.test",
  officeB: "office@b.test",
  staffB: "staff@b.test",
  leaderCity: "leader@city.test",
};
type World = Awaited<ReturnType<typeof buildWorld>> & {
  closableCycleId: string;
  notificationId: string;
  workbookBase64: string;
  noticeId: string;
  annual: Awaited<ReturnType<typeof annualFixtures>>;
};
type Db = Parameters<typeof buildWorld>[0];

/**
 * who may: the roles for which the call must get past authorisation, and what they then get:
 * success ("OK") unless the call is built to meet a named domain refusal (a stale version, a bad
 * token), so neither a 500 nor an unexpected refusal passes for "allowed"
 */
type Case = {
  name: string;
  allowed: Role[];
  allowedOutcome?: "OK" | "BAD_REQUEST" | "CONFLICT";
  call: (c: Client, w: World, db: Db, role: Role, api: Api) => Promise<unknown>;
};

const READERS: Role[] = [
  "officeA",
  "leaderA",
  "staffLead",
  "staffSupport",
  "staffOther",
  "leaderCity",
];
const SIGNED_IN = ROLES.filter((r) => r !== "anon");
const taskVersion = async (db: Db, id: string) =>
  (await db.task.findUniqueOrThrow({ where: { id } })).version;
const currentEntry = (db: Db, taskId: string) =>
  db.ledgerEntry.findFirstOrThrow({
    where: { taskId, isCurrent: true },
    orderBy: { submittedAt: "desc" },
  });

/**
 * A completion application awaiting the office's sign-off, on a task of its own (led by 科技局):
 * written directly, the application itself is the multipart route's (completion.test.ts).
 */
async function pendingApplication(db: Db, w: Pick<World, "planId" | "d1">) {
  const [taskId] = await createTasks(
    { db, actor: systemActor("permissions-setup") },
    {
      planId: w.planId,
      tasks: [
        {
          nodeId: null,
          title: "办结审核权限",
          description: "",
          leadDepartmentId: w.d1.id,
          supportingDepartmentIds: [],
          phaseKey: "LAUNCH",
          startDate: "2021-01-01",
          dueDate: "2025-12-31",
          milestones: [],
        },
      ],
    },
  );
  await db.task.update({ where: { id: taskId! }, data: { status: "PENDING_REVIEW" } });
  return db.completionApplication.create({
    data: { taskId: taskId!, departmentId: w.d1.id, summary: "申请办结" },
  });
}
/** a PENDING request of t2's lead unit (农业农村局), made when none is open */
const pendingRequest = async (db: Db, w: World) =>
  (await db.changeRequest.findFirst({ where: { taskId: w.t2, state: "PENDING" } })) ??
  db.changeRequest.create({
    data: {
      taskId: w.t2,
      jurisdictionId: w.a.id,
      departmentId: w.d3.id,
      kind: "SUSPENSION",
      reason: "暂缓",
    },
  });

/**
 * 年度工作要点 for the annual cases: 2022 issued (items on T1 and T2), 2023 a draft with an item
 * (to issue), 2027 issued with T1 unfinished and 2028 a draft (to carry it into), 2029 an empty
 * draft (to add to). Years 2021–2030 are the plan's (2021–2025) and the five after it.
 */
async function annualFixtures(db: Db, w: Awaited<ReturnType<typeof buildWorld>>) {
  const ctx = { db, actor: systemActor("permissions-setup") };
  const make = async (year: number, taskIds: string[], issue: boolean) => {
    const { annualPlanId } = await createAnnualPlan(ctx, { planId: w.planId, year });
    if (taskIds.length === 0) return { annualPlanId, itemIds: [] as string[] };
    const added = await addAnnualItems(ctx, {
      annualPlanId,
      version: 0,
      items: taskIds.map((taskId) => ({
        taskId,
        deliverable: "年度目标",
        dueDate: `${year}-12-31`,
      })),
    });
    if (issue) await issueAnnualPlan(ctx, { annualPlanId, version: added.version });
    return { annualPlanId, itemIds: added.itemIds };
  };
  const issued = await make(2022, [w.t1, w.t2], true);
  const toIssue = await make(2023, [w.t2], false);
  const carryFrom = await make(2027, [w.t1], true);
  const carryInto = await make(2028, [], false);
  const addTo = await make(2029, [], false);
  return {
    t1Item: issued.itemIds[0]!,
    t2Item: issued.itemIds[1]!,
    toIssue: toIssue.annualPlanId,
    carryFromItem: carryFrom.itemIds[0]!,
    carryInto: carryInto.annualPlanId,
    addTo: addTo.annualPlanId,
  };
}
const annualVersion = async (db: Db, id: string) =>
  (await db.annualPlan.findUniqueOrThrow({ where: { id } })).version;
/** an item's version; 0 once removed (the removeItem case: later roles then meet NOT_FOUND) */
const itemVersion = async (db: Db, id: string) =>
  (await db.annualPlanItem.findUnique({ where: { id } }))?.version ?? 0;

const cases: Case[] = [
  {
    name: "annualPlan.create",
    allowed: ["officeA"],
    call: (c, w) => c.annualPlan.create.mutate({ planId: w.planId, year: 2030 }),
  },
  {
    name: "annualPlan.addItems",
    allowed: ["officeA"],
    call: async (c, w, db) =>
      c.annualPlan.addItems.mutate({
        annualPlanId: w.annual.addTo,
        version: await annualVersion(db, w.annual.addTo),
        items: [{ taskId: w.t1, deliverable: "年度目标", dueDate: "2029-06-30" }],
      }),
  },
  {
    name: "annualPlan.carryOver",
    allowed: ["officeA"],
    call: async (c, w, db) =>
      c.annualPlan.carryOver.mutate({
        annualPlanId: w.annual.carryInto,
        version: await annualVersion(db, w.annual.carryInto),
        items: [{ fromItemId: w.annual.carryFromItem, reason: "未完成", dueDate: "2028-06-30" }],
      }),
  },
  {
    name: "annualPlan.updateItem",
    allowed: ["officeA"],
    call: async (c, w, db) =>
      c.annualPlan.updateItem.mutate({
        itemId: w.annual.t1Item,
        version: await itemVersion(db, w.annual.t1Item),
        deliverable: "修订后的年度目标",
      }),
  },
  {
    name: "annualPlan.markItem",
    allowed: ["officeA"],
    call: async (c, w, db) =>
      c.annualPlan.markItem.mutate({
        itemId: w.annual.t1Item,
        version: await itemVersion(db, w.annual.t1Item),
        done: true,
      }),
  },
  {
    name: "annualPlan.explainItem (T1)",
    allowed: ["officeA", "staffLead"],
    call: async (c, w, db) =>
      c.annualPlan.explainItem.mutate({
        itemId: w.annual.t1Item,
        version: await itemVersion(db, w.annual.t1Item),
        explanation: "说明",
      }),
  },
  {
    name: "annualPlan.removeItem",
    allowed: ["officeA"],
    call: async (c, w, db) =>
      c.annualPlan.removeItem.mutate({
        itemId: w.annual.t2Item,
        version: await itemVersion(db, w.annual.t2Item),
      }),
  },
  {
    name: "annualPlan.issue",
    allowed: ["officeA"],
    call: async (c, w, db) =>
      c.annualPlan.issue.mutate({
        annualPlanId: w.annual.toIssue,
        version: await annualVersion(db, w.annual.toIssue),
        docNumber: "甲科领办发〔2023〕1号",
      }),
  },
  {
    name: "annualPlan.importDocument",
    allowed: ["officeA"],
    call: (c, w) =>
      c.annualPlan.importDocument.mutate({
        planId: w.planId,
        year: 2024,
        fileName: "工作要点.txt",
        contentBase64: Buffer.from(
          "甲县2024年工作要点\n一、重点任务\n1.任务一（牵头单位：县科技局）\n",
        ).toString("base64"),
      }),
  },
  {
    name: "plan.document",
    allowed: READERS,
    call: (c, w) => c.plan.document.query({ planId: w.planId }),
  },
  {
    name: "plan.import",
    allowed: ["officeA"],
    call: async (c, w) =>
      c.plan.import.mutate({
        jurisdictionId: w.a.id,
        fileName: "x.txt",
        contentBase64: Buffer.from(await xifengBytes()).toString("base64"),
        title: XIFENG_TITLE,
      }),
  },
  {
    name: "plan.createTasks",
    allowed: ["officeA"],
    call: (c, w) =>
      c.plan.createTasks.mutate({
        planId: w.planId,
        tasks: [
          {
            nodeId: null,
            title: "新任务",
            leadDepartmentId: w.d3.id,
            startDate: "2022-01-01",
            dueDate: "2022-12-31",
          },
        ],
      }),
  },
  {
    name: "plan.setPhases",
    allowed: ["officeA"],
    call: (c, w) =>
      c.plan.setPhases.mutate({
        planId: w.planId,
        phases: [
          { key: "LAUNCH", name: "启动实施", startDate: "2021-01-01", endDate: "2022-12-31" },
          { key: "MIDTERM", name: "中期评估", startDate: "2023-01-01", endDate: "2023-12-31" },
          { key: "ADVANCE", name: "全面推进", startDate: "2024-01-01", endDate: "2024-12-31" },
          { key: "CLOSE", name: "总结收官", startDate: "2025-01-01", endDate: "2025-12-31" },
        ],
      }),
  },
  { name: "task.list", allowed: READERS, call: (c, w) => c.task.list.query({ planId: w.planId }) },
  {
    name: "task.get (T1)",
    allowed: ["officeA", "leaderA", "staffLead", "staffSupport", "leaderCity"],
    call: (c, w) => c.task.get.query({ taskId: w.t1 }),
  },
  {
    name: "task.update",
    allowed: ["officeA"],
    call: async (c, w, db) =>
      c.task.update.mutate({
        taskId: w.t1,
        version: await taskVersion(db, w.t1),
        title: "任务一（修订）",
      }),
  },
  {
    name: "task.reassign",
    allowed: ["officeA"],
    call: async (c, w, db) =>
      c.task.reassign.mutate({
        taskId: w.t1,
        version: await taskVersion(db, w.t1),
        leadDepartmentId: w.d1.id,
        supportingDepartmentIds: [w.d2.id],
        reason: "调整",
      }),
  },
  {
    name: "task.redate",
    allowed: ["officeA"],
    call: async (c, w, db) => {
      const t = await db.task.findUniqueOrThrow({ where: { id: w.t1 } });
      return c.task.redate.mutate({
        taskId: w.t1,
        version: t.version,
        dueDate: t.dueDate.toISOString().startsWith("2025-12-31") ? "2025-11-30" : "2025-12-31",
        reason: "规划调整",
      });
    },
  },
  {
    name: "task.setStatus",
    allowed: ["officeA", "staffLead"],
    call: async (c, w, db) => {
      const t = await db.task.findUniqueOrThrow({ where: { id: w.t1 } });
      // the lead unit may start the task; the office may move it back from completed
      return c.task.setStatus.mutate({
        taskId: w.t1,
        version: t.version,
        status: t.status === "NOT_STARTED" ? "IN_PROGRESS" : t.status,
      });
    },
  },
  {
    name: "task.addMilestone",
    allowed: ["officeA"],
    call: (c, w) =>
      c.task.addMilestone.mutate({ taskId: w.t1, title: "节点", dueDate: "2023-06-30" }),
  },
  {
    name: "task.setMilestoneDone",
    allowed: ["officeA", "staffLead"],
    call: async (c, w, db) => {
      const m = await db.milestone.findFirstOrThrow({
        where: { taskId: w.t1 },
        orderBy: { order: "asc" },
      });
      return c.task.setMilestoneDone.mutate({
        milestoneId: m.id,
        version: m.version,
        done: !m.doneAt,
      });
    },
  },
  // 签收 / 退回 and 调整申请 (issue #17 steps 1–2); each call first puts the task back where the step applies
  {
    name: "task.acknowledge",
    allowed: ["staffLead"],
    call: async (c, w, db) => {
      await db.task.update({ where: { id: w.t1 }, data: { acknowledgedAt: null } });
      return c.task.acknowledge.mutate({ taskId: w.t1, version: await taskVersion(db, w.t1) });
    },
  },
  {
    name: "task.decline",
    allowed: ["staffOther"],
    call: async (c, w, db) => {
      await db.task.update({ where: { id: w.t2 }, data: { acknowledgedAt: null } });
      await db.changeRequest.updateMany({
        where: { taskId: w.t2, state: "PENDING" },
        data: { state: "WITHDRAWN" },
      });
      return c.task.decline.mutate({
        taskId: w.t2,
        version: await taskVersion(db, w.t2),
        reason: "不属于本单位职责",
      });
    },
  },
  {
    // the world's tasks are past due and late requests are not allowed: the lead unit gets past
    // authorisation to the lateness rule; everyone else is refused before it
    name: "changeRequest.file",
    allowed: ["staffLead"],
    allowedOutcome: "BAD_REQUEST",
    call: (c, w) =>
      c.changeRequest.file.mutate({ kind: "SUSPENSION", taskId: w.t1, reason: "暂缓" }),
  },
  {
    name: "changeRequest.decide",
    allowed: ["officeA"],
    call: async (c, w, db) => {
      const r = await pendingRequest(db, w);
      return c.changeRequest.decide.mutate({
        requestId: r.id,
        version: r.version,
        approve: false,
        comment: "不同意",
      });
    },
  },
  {
    name: "changeRequest.withdraw",
    allowed: ["staffOther"],
    call: async (c, w, db) => {
      const r = await pendingRequest(db, w);
      return c.changeRequest.withdraw.mutate({ requestId: r.id, version: r.version });
    },
  },
  {
    name: "ledger.grid",
    allowed: READERS,
    call: (c, w) => c.ledger.grid.query({ planId: w.planId }),
  },
  {
    name: "completion.list",
    allowed: ["officeA", "leaderA", "staffLead", "staffSupport", "leaderCity"],
    call: (c, w) => c.completion.list.query({ taskId: w.t1 }),
  },
  {
    name: "completion.decide",
    allowed: ["officeA"],
    call: async (c, w, db) => {
      // made in beforeAll: the office decides it, everyone after meets a decided one
      const application = await db.completionApplication.findFirstOrThrow({
        where: { task: { title: "办结审核权限" } },
      });
      return c.completion.decide.mutate({
        applicationId: application.id,
        version: application.version,
        approve: true,
        rating: "GOOD",
        comment: "按期完成",
      });
    },
  },
  {
    name: "ledger.cycles",
    allowed: READERS,
    call: (c, w) => c.ledger.cycles.query({ planId: w.planId }),
  },
  {
    name: "ledger.reviewQueue",
    allowed: ["officeA"],
    call: (c, w) => c.ledger.reviewQueue.query({ planId: w.planId }),
  },
  {
    name: "ledger.history (T1)",
    allowed: ["officeA", "leaderA", "staffLead", "staffSupport", "leaderCity"],
    call: (c, w) => c.ledger.history.query({ taskId: w.t1 }),
  },
  {
    name: "ledger.submit (T1)",
    allowed: ["staffLead", "staffSupport"],
    call: async (c, w, db) => {
      // a unit that already reported amends instead; the submit itself must still pass authorisation first
      await db.ledgerEntry.deleteMany({ where: { taskId: w.t1, cycleId: w.cycleId } });
      return c.ledger.submit.mutate({
        taskId: w.t1,
        cycleId: w.cycleId,
        progressText: "推进中",
        percentComplete: 30,
        status: "IN_PROGRESS",
      });
    },
  },
  {
    name: "ledger.openCycle",
    allowed: ["officeA"],
    call: async (c, w, db) => {
      await db.reportingCycle.deleteMany({ where: { planId: w.planId, period: "2025Q3" } });
      return c.ledger.openCycle.mutate({
        planId: w.planId,
        period: "2025Q3",
        dueDate: "2099-01-01",
        closeDate: "2099-01-02",
      });
    },
  },
  {
    name: "overview.completion",
    allowed: READERS,
    call: (c, w) => c.overview.completion.query({ planId: w.planId }),
  },
  {
    name: "admin.departments",
    allowed: READERS,
    call: (c, w) => c.admin.departments.query({ jurisdictionId: w.a.id }),
  },
  {
    name: "admin.createDepartment",
    allowed: ["officeA"],
    call: (c, w) =>
      c.admin.createDepartment.mutate({ jurisdictionId: w.a.id, name: `新单位${Math.random()}` }),
  },
  {
    name: "admin.updateDepartment",
    allowed: ["officeA"],
    call: (c, w) =>
      c.admin.updateDepartment.mutate({ departmentId: w.d3.id, contactEmails: ["d3@a.test"] }),
  },
  {
    name: "admin.addDepartmentAlias",
    allowed: ["officeA"],
    call: (c, w) =>
      c.admin.addDepartmentAlias.mutate({ departmentId: w.d3.id, alias: `别名${Math.random()}` }),
  },
  {
    name: "admin.removeDepartmentAlias",
    allowed: ["officeA"],
    call: async (c, w, db) => {
      const alias = await db.departmentAlias.create({
        data: { jurisdictionId: w.a.id, departmentId: w.d3.id, alias: `旧名${Math.random()}` },
      });
      return c.admin.removeDepartmentAlias.mutate({ aliasId: alias.id });
    },
  },
  {
    name: "admin.confirmUnitMatches",
    allowed: ["officeA"],
    call: (c, w) =>
      c.admin.confirmUnitMatches.mutate({
        jurisdictionId: w.a.id,
        matches: [{ action: "map", written: `写法${Math.random()}`, departmentId: w.d3.id }],
      }),
  },
  {
    name: "admin.users",
    allowed: ["officeA"],
    call: (c, w) => c.admin.users.query({ jurisdictionId: w.a.id }),
  },
  {
    name: "admin.createUser",
    allowed: ["officeA"],
    call: (c, w) =>
      c.admin.createUser.mutate({
        jurisdictionId: w.a.id,
        email: `u${Math.random().toString(36).slice(2)}@a.test`,
        name: "新用户",
        role: "LEADER",
        password: "a-long-password",
      }),
  },
  {
    name: "admin.setUserDisabled",
    allowed: ["officeA"],
    call: (c, w) =>
      c.admin.setUserDisabled.mutate({ userId: w.users.staffOther.id, disabled: false }),
  },
  {
    name: "admin.setUserExternalId",
    allowed: ["officeA"],
    call: (c, w) =>
      c.admin.setUserExternalId.mutate({ userId: w.users.staffOther.id, externalId: null }),
  },
  {
    name: "admin.setRequireOidc",
    allowed: ["officeA"],
    // false: the other cases still sign in with passwords (no provider is configured here anyway)
    call: (c, w) => c.admin.setRequireOidc.mutate({ jurisdictionId: w.a.id, requireOidc: false }),
  },
  // public: a fresh browser, whatever the role (logging in the role's own browser would change who it is)
  {
    name: "auth.login",
    allowed: ROLES,
    call: (_c, _w, _db, _role, api) =>
      connect(api).auth.login.mutate({ email: "leader@city.test", password: PASSWORD }),
  },
  {
    name: "auth.requestPasswordReset",
    allowed: ROLES,
    call: (c) =>
      c.auth.requestPasswordReset.mutate({
        email: `nobody-${Math.random().toString(36).slice(2)}@nowhere.test`,
      }),
  },
  {
    name: "auth.resetPassword",
    allowed: ROLES,
    allowedOutcome: "BAD_REQUEST", // no such token
    call: (c) =>
      c.auth.resetPassword.mutate({ token: "x".repeat(43), password: "a-long-new-password" }),
  },
  {
    name: "auth.logout",
    allowed: SIGNED_IN,
    call: async (c, _w, _db, role) => {
      await c.auth.logout.mutate();
      // signed in again in the same browser, for the cases after this one
      await c.auth.login.mutate({
        email: EMAILS[role as Exclude<Role, "anon">],
        password: PASSWORD,
      });
    },
  },
  {
    name: "auth.changePassword",
    allowed: SIGNED_IN,
    allowedOutcome: "BAD_REQUEST", // the current password is wrong
    call: (c) =>
      c.auth.changePassword.mutate({
        currentPassword: "not-the-password",
        newPassword: "a-long-new-password",
      }),
  },
  {
    name: "plan.preview",
    allowed: ["officeA"],
    call: async (c, w) =>
      c.plan.preview.mutate({
        jurisdictionId: w.a.id,
        fileName: "x.txt",
        contentBase64: Buffer.from(await xifengBytes()).toString("base64"),
        title: XIFENG_TITLE,
      }),
  },
  // the office gets past authorisation and is stopped by a rule, nothing changes
  {
    name: "plan.activate",
    allowed: ["officeA"],
    allowedOutcome: "BAD_REQUEST", // only a draft plan can be activated
    call: (c, w) => c.plan.activate.mutate({ planId: w.planId, version: 0 }),
  },
  {
    name: "plan.archive",
    allowed: ["officeA"],
    allowedOutcome: "CONFLICT", // a stale version
    call: (c, w) => c.plan.archive.mutate({ planId: w.planId, version: 0 }),
  },
  {
    name: "ledger.closeCycle",
    allowed: ["officeA"],
    call: (c, w) => c.ledger.closeCycle.mutate({ cycleId: w.closableCycleId }),
  },
  {
    name: "ledger.amend (T2)",
    allowed: ["staffOther"],
    call: async (c, w, db) => {
      const e = await currentEntry(db, w.t2);
      return c.ledger.amend.mutate({
        entryId: e.id,
        version: e.version,
        progressText: "修订",
        percentComplete: 40,
        status: "IN_PROGRESS",
      });
    },
  },
  {
    name: "ledger.review (T2)",
    allowed: ["officeA"],
    call: async (c, w, db) => {
      const e = await currentEntry(db, w.t2);
      return c.ledger.review.mutate({
        entryId: e.id,
        version: e.version,
        decision: "RETURN",
        comment: "请补充",
      });
    },
  },
  // the plan's whole workbook: staff get past authorisation (and are stopped by other units' rows), nobody else does
  {
    name: "ledger.importWorkbook",
    allowed: ["staffLead", "staffSupport", "staffOther"],
    allowedOutcome: "BAD_REQUEST",
    call: (c, w) =>
      c.ledger.importWorkbook.mutate({ planId: w.planId, contentBase64: w.workbookBase64 }),
  },
  {
    name: "evaluation.generate",
    allowed: ["officeA"],
    call: (c, w) => c.evaluation.generate.mutate({ planId: w.planId, kind: "MIDTERM" }),
  },
  {
    name: "indicator.record",
    allowed: ["officeA", "staffLead"],
    call: async (c, w, db) => {
      const indicator = await db.indicator.findFirstOrThrow({
        where: { planId: w.planId, responsibleDepartmentId: w.d1.id },
      });
      return c.indicator.record.mutate({
        indicatorId: indicator.id,
        period: `${indicator.baselineYear + 1}Q4`,
        districtId: null,
        value: 1,
      });
    },
  },
  {
    name: "indicator.update",
    allowed: ["officeA"],
    call: async (c, w, db) => {
      const indicator = await db.indicator.findFirstOrThrow({
        where: { planId: w.planId, responsibleDepartmentId: w.d1.id },
      });
      return c.indicator.update.mutate({
        indicatorId: indicator.id,
        version: indicator.version,
        atRiskThreshold: 0.05,
      });
    },
  },
  // 年度目标 and 动态调整 (issue #18): the office of the plan's jurisdiction only
  {
    name: "indicator.setAnnualTarget",
    allowed: ["officeA"],
    call: async (c, w, db) => {
      const indicator = await db.indicator.findFirstOrThrow({ where: { planId: w.planId } });
      return c.indicator.setAnnualTarget.mutate({
        indicatorId: indicator.id,
        year: indicator.baselineYear + 1,
        value: 1,
      });
    },
  },
  {
    name: "indicator.clearAnnualTarget",
    allowed: ["officeA"],
    call: async (c, w, db) => {
      const indicator = await db.indicator.findFirstOrThrow({ where: { planId: w.planId } });
      const target =
        (await db.indicatorAnnualTarget.findFirst({
          where: { indicatorId: indicator.id, supersededAt: null },
        })) ??
        (await db.indicatorAnnualTarget.create({
          data: { indicatorId: indicator.id, year: indicator.baselineYear + 2, value: 2 },
        }));
      return c.indicator.clearAnnualTarget.mutate({ targetId: target.id, reason: "撤销" });
    },
  },
  {
    name: "indicator.adjust",
    allowed: ["officeA"],
    call: async (c, w, db) => {
      const indicator = await db.indicator.findFirstOrThrow({ where: { planId: w.planId } });
      return c.indicator.adjust.mutate({
        indicatorId: indicator.id,
        version: indicator.version,
        field: "TARGET_VALUE",
        value: (indicator.targetValue ?? 0) + 1,
        reason: "上级下达新目标",
      });
    },
  },
  // 片区 and 分片区监测 (issue #19): the office of the county only
  {
    name: "district.create",
    allowed: ["officeA"],
    call: (c, w, _db, role) =>
      c.district.create.mutate({ jurisdictionId: w.a.id, name: `权限片区-${role}` }),
  },
  {
    name: "district.update",
    allowed: ["officeA"],
    call: async (c, w, db) => {
      const d =
        (await db.district.findFirst({ where: { jurisdictionId: w.a.id, name: "权限改名" } })) ??
        (await db.district.create({ data: { jurisdictionId: w.a.id, name: "权限改名" } }));
      return c.district.update.mutate({ districtId: d.id, version: d.version, order: d.order + 1 });
    },
  },
  {
    name: "district.setIndicatorDistricts",
    allowed: ["officeA"],
    call: async (c, w, db) => {
      const indicator = await db.indicator.findFirstOrThrow({
        where: { planId: w.planId },
        orderBy: { number: "desc" },
      });
      const d =
        (await db.district.findFirst({ where: { jurisdictionId: w.a.id, name: "权限监测" } })) ??
        (await db.district.create({ data: { jurisdictionId: w.a.id, name: "权限监测" } }));
      return c.district.setIndicatorDistricts.mutate({
        indicatorId: indicator.id,
        version: indicator.version,
        byDistrict: true,
        totalRule: "SUM",
        districts: [{ districtId: d.id, baselineValue: 1, targetValue: 2 }],
      });
    },
  },
  // 领导批示: the one write a leader makes (of its own county); 立项 and 批示转办: the office's
  {
    name: "instruction.write (T1)",
    allowed: ["leaderA"],
    call: (c, w) =>
      c.instruction.write.mutate({ target: "TASK", taskId: w.t1, text: "请加快推进" }),
  },
  {
    name: "instruction.followUp",
    allowed: ["officeA"],
    call: async (c, w, db) => {
      // a fresh instruction each time (one follow-up per instruction); the plan runs to 2030, as
      // a follow-up starts today
      await db.plan.update({ where: { id: w.planId }, data: { periodEnd: 2030 } });
      const instruction = await db.instruction.create({
        data: {
          jurisdictionId: w.a.id,
          target: "TASK",
          taskId: w.t1,
          text: "批示",
          authorId: w.users.leaderA.id,
        },
      });
      return c.instruction.followUp.mutate({
        instructionId: instruction.id,
        planId: w.planId,
        title: "落实批示",
        leadDepartmentId: w.d1.id,
        dueDate: addDays(shanghaiDay(new Date()), 30),
      });
    },
  },
  {
    name: "item.register",
    allowed: ["officeA"],
    call: (c, w) =>
      c.item.register.mutate({
        planId: w.planId,
        title: "会议议定事项",
        source: "MEETING",
        sourceDocNumber: "会议纪要〔2025〕1号",
        leadDepartmentId: w.d3.id,
        startDate: "2025-01-01",
        dueDate: "2025-12-31",
      }),
  },
  {
    name: "notification.setMySetting",
    allowed: SIGNED_IN,
    call: (c) => c.notification.setMySetting.mutate({ kind: "overdue", mode: "DIGEST" }),
  },
  {
    name: "supervisionSettings.update",
    allowed: ["officeA"],
    call: (c, w) =>
      c.supervisionSettings.update.mutate({
        jurisdictionId: w.a.id,
        acknowledgeWorkingDays: 3,
        yellowLagPoints: 10,
        redLagPoints: 30,
        dueSoonDays: 15,
        escalationDays: 30,
        leaderApprovalRequired: false,
        allowLateRequests: false,
      }),
  },
  // 考核评分 (issue #18): the office of the county writes; leaders and staff read only
  {
    name: "assessment.scheme.save",
    allowed: ["officeA"],
    call: (c, w) =>
      c.assessment.scheme.save.mutate({
        jurisdictionId: w.a.id,
        year: 2031,
        name: "考核方案",
        components: [{ kind: "NOTICES", weight: 100 }],
      }),
  },
  {
    name: "assessment.adjustments.add",
    allowed: ["officeA"],
    call: async (c, w, db) => {
      // 加减分 need the year's scheme
      if (!(await db.assessmentScheme.count({ where: { jurisdictionId: w.a.id, year: 2025 } })))
        await db.assessmentScheme.create({
          data: {
            jurisdictionId: w.a.id,
            year: 2025,
            version: 1,
            name: "2025",
            components: [{ kind: "REPORTING", weight: 100 }],
          },
        });
      return c.assessment.adjustments.add.mutate({
        jurisdictionId: w.a.id,
        departmentId: w.d1.id,
        period: "2025Q1",
        points: 1,
        reason: "表彰",
      });
    },
  },
  {
    name: "assessment.adjustments.revoke",
    allowed: ["officeA"],
    call: async (c, w, db) => {
      const row = await db.scoreAdjustment.create({
        data: {
          jurisdictionId: w.a.id,
          departmentId: w.d1.id,
          period: "2025Q1",
          points: -1,
          reason: "扣分",
        },
      });
      return c.assessment.adjustments.revoke.mutate({ adjustmentId: row.id, reason: "撤销" });
    },
  },
  {
    name: "assessment.publish",
    allowed: ["officeA"],
    call: async (c, w, db) => {
      const exists = await db.assessmentScheme.count({
        where: { jurisdictionId: w.a.id, year: 2024 },
      });
      if (!exists)
        await db.assessmentScheme.create({
          data: {
            jurisdictionId: w.a.id,
            year: 2024,
            version: 1,
            name: "2024",
            components: [
              { kind: "NOTICES", weight: 100, perNotice: { BLUE: 1, YELLOW: 1, RED: 1 } },
            ],
          },
        });
      return c.assessment.publish.mutate({ jurisdictionId: w.a.id, period: "2024Q2" });
    },
  },
  {
    name: "notification.retry",
    allowed: ["officeA"],
    call: (c, w) => c.notification.retry.mutate({ id: w.notificationId }),
  },
  // issue #20: channels. Robots: the office of the robot's own jurisdiction only (not the city
  // above); masking and audit in channels.test.ts
  {
    name: "channels.setMyPreference",
    allowed: SIGNED_IN,
    call: (c) =>
      c.channels.setMyPreference.mutate({
        kind: "overdue",
        mode: "IMMEDIATE",
        email: true,
        inbox: true,
        sms: false,
      }),
  },
  {
    name: "channels.setMyMobile",
    allowed: SIGNED_IN,
    call: (c) => c.channels.setMyMobile.mutate({ mobile: null }),
  },
  {
    name: "channels.requestMobileCode",
    allowed: SIGNED_IN,
    call: (c) => c.channels.requestMobileCode.mutate({ mobile: "13812345678" }),
  },
  {
    name: "channels.setMemberMobile",
    allowed: ["officeA"],
    call: (c, w) =>
      c.channels.setMemberMobile.mutate({
        jurisdictionId: w.a.id,
        userId: w.users.staffLead.id,
        mobile: "13912345678",
      }),
  },
  {
    name: "channels.setForceEscalations",
    allowed: ["officeA"],
    call: (c, w) => c.channels.setForceEscalations.mutate({ jurisdictionId: w.a.id, force: true }),
  },
  {
    name: "channels.createRobot",
    allowed: ["officeA"],
    call: (c, w) =>
      c.channels.createRobot.mutate({
        jurisdictionId: w.a.id,
        platform: "WECOM",
        name: "工作群",
        key: "wecom-webhook-key-0001",
        kinds: ["overdue"],
      }),
  },
  ...(["updateRobot", "deleteRobot", "testRobot"] as const).map((op): Case => ({
    name: `channels.${op}`,
    allowed: ["officeA"],
    call: async (c, w, db) => {
      const id = randomUUID();
      const robot = await db.channelRobot.create({
        data: {
          id,
          jurisdictionId: w.a.id,
          platform: "WECOM",
          name: "工作群",
          keyCipher: encryptSecret("wecom-key-0002", {
            table: "ChannelRobot",
            id,
            field: "keyCipher",
          }),
          keyLast4: "0002",
          kinds: ["overdue"],
        },
      });
      if (op === "updateRobot")
        return c.channels.updateRobot.mutate({ id: robot.id, name: "新名" });
      if (op === "deleteRobot") return c.channels.deleteRobot.mutate({ id: robot.id });
      return c.channels.testRobot.mutate({ id: robot.id });
    },
  })),
  // 站内消息: everyone signed in marks their own messages (someone else's id is "not found": inbox.test.ts)
  {
    name: "inbox.markRead",
    allowed: SIGNED_IN,
    call: async (c, w, db, role) => {
      const own = await db.inboxMessage.findFirstOrThrow({
        where: { userId: w.users[role === "anon" ? "officeA" : role].id },
      });
      return c.inbox.markRead.mutate({ messageIds: [own.id] });
    },
  },
  {
    name: "inbox.markAllRead",
    allowed: SIGNED_IN,
    call: (c) => c.inbox.markAllRead.mutate(),
  },
  {
    name: "notice.issue",
    allowed: ["officeA"],
    call: (c, w) =>
      c.notice.issue.mutate({
        planId: w.planId,
        level: "YELLOW",
        requirement: "请报送进展",
        replyDueDate: addDays(shanghaiDay(new Date()), 7),
        taskIds: [w.t1],
      }),
  },
  {
    name: "notice.reply",
    allowed: ["staffLead"],
    call: (c, w) => c.notice.reply.mutate({ noticeId: w.noticeId, text: "已落实" }),
  },
  {
    name: "bulletin.create",
    allowed: ["officeA"],
    call: async (c, w, db) =>
      c.bulletin.create.mutate({ publicationId: (await bulletinDraft(db, w)).publicationId }),
  },
  {
    name: "bulletin.update",
    allowed: ["officeA"],
    call: async (c, w, db) =>
      c.bulletin.update.mutate({
        bulletinId: (await bulletinDraft(db, w)).bulletinId,
        version: 0,
        title: "改过的通报",
      }),
  },
  {
    name: "bulletin.issue",
    allowed: ["officeA"],
    call: async (c, w, db) =>
      c.bulletin.issue.mutate({ bulletinId: (await bulletinDraft(db, w)).bulletinId, version: 0 }),
  },
  {
    name: "jobs.runNow",
    allowed: ["officeA"],
    call: (c, w) => c.jobs.runNow.mutate({ name: "overdue-scan", dryRun: true, planId: w.planId }),
  },
];

/** A fresh score publication of county A (and, with `draft`, a bulletin draft on it), written directly. */
async function bulletinDraft(db: Db, w: World) {
  const scheme =
    (await db.assessmentScheme.findFirst({ where: { jurisdictionId: w.a.id, year: 2026 } })) ??
    (await db.assessmentScheme.create({
      data: {
        jurisdictionId: w.a.id,
        year: 2026,
        version: 1,
        name: "考核方案",
        components: [{ kind: "REPORTING", weight: 100 }],
      },
    }));
  const publication = await db.scorePublication.create({
    data: {
      jurisdictionId: w.a.id,
      schemeId: scheme.id,
      period: "2026Q3",
      sheet: {
        jurisdictionId: w.a.id,
        period: "2026Q3",
        kind: "QUARTER",
        schemeId: scheme.id,
        schemeVersion: 1,
        asOf: "2026-09-30",
        computedAt: new Date().toISOString(),
        units: [],
      },
    },
  });
  const draft = await db.bulletin.create({
    data: {
      jurisdictionId: w.a.id,
      publicationId: publication.id,
      period: "2026Q3",
      year: 2026,
      title: "通报",
      text: { opening: [], praise: [], criticism: [], requirements: [] },
    },
  });
  return { publicationId: publication.id, bulletinId: draft.id };
}

const DENIED = new Set(["FORBIDDEN", "NOT_FOUND", "UNAUTHORIZED"]);

describe("permission matrix: every role × every procedure × own and foreign objects", () => {
  let api: Api;
  let world: World;
  const clients = new Map<Role, Client>();

  test.beforeAll(async ({ database, redis }) => {
    const db = database.db;
    // with the job runner, as apps/api/src/main.ts wires it: "run now" answers instead of NOT_IMPLEMENTED
    api = await startApi(database, redis, { jobs: true });
    const built = await buildWorld(db);
    const system = systemActor("permissions-setup");
    const today = shanghaiDay(new Date());
    // objects some cases need: a cycle to close, a report on T2 to amend and review, an indicator D1 reports, a failed email
    const closable = await openCycle(
      { db, actor: system },
      {
        planId: built.planId,
        period: "2025Q1",
        dueDate: addDays(today, 7),
        closeDate: addDays(today, 14),
      },
    );
    const indicator = await db.indicator.findFirstOrThrow({
      where: { planId: built.planId },
      orderBy: { number: "asc" },
    });
    await db.indicator.update({
      where: { id: indicator.id },
      data: { responsibleDepartmentId: built.d1.id },
    });
    await enqueueNotifications(db, [
      {
        kind: "overdue",
        recipientEmail: "lead@a.test",
        recipientUserId: built.users.staffLead.id,
        dedupeKey: "permissions:failed",
        subject: "逾期",
        payload: { day: "2025-01-01", total: 0, items: [] },
        jurisdictionId: built.a.id,
      },
    ]);
    // one inbox message for each user (inbox.markRead marks the caller's own)
    await db.inboxMessage.createMany({
      data: Object.values(built.users).map((u) => ({
        userId: u.id,
        kind: "instruction",
        title: "消息",
        dedupeKey: `permissions:inbox:${u.id}`,
      })),
    });
    const failed = await db.notification.update({
      where: { dedupeKey: "permissions:failed" },
      data: { state: "FAILED" },
    });
    const workbook = await buildLedgerWorkbook(
      await ledgerSheets({ db, actor: system }, { planId: built.planId, period: "2025Q4" }),
    );
    // a 督办通知单 on T1 (led by D1) to reply to
    const notice = await issueNotices(
      { db, actor: system },
      {
        planId: built.planId,
        level: "BLUE",
        requirement: "请报送进展",
        replyDueDate: addDays(today, 7),
        taskIds: [built.t1],
      },
      buildNoticeDocx,
    );
    await pendingApplication(db, built);
    world = {
      ...built,
      annual: await annualFixtures(db, built),
      noticeId: notice.notices[0]!.id,
      closableCycleId: closable.id,
      notificationId: failed.id,
      workbookBase64: workbook.toString("base64"),
    };
    clients.set("anon", connect(api));
    for (const [role, email] of Object.entries(EMAILS))
      clients.set(role as Role, await loginAs(api, email, PASSWORD));
    await clients.get("staffOther")!.ledger.submit.mutate({
      taskId: world.t2,
      cycleId: world.cycleId,
      progressText: "推进中",
      percentComplete: 20,
      status: "IN_PROGRESS",
    });
  });

  test("every mutation has a case (a new one fails here until it gets one)", () => {
    const mutations = procedurePaths(appRouter, "mutation");
    expect(mutations.length).toBeGreaterThan(30);
    // the cascade's mutations need a city office above two counties: their every-role matrix
    // (city, county A, county B, A's town unit) is in cascade.test.ts ("permission matrix")
    const covered = [
      "cascade.assignTask",
      "cascade.assignIndicator",
      "cascade.update",
      "cascade.withdraw",
      "cascade.decompose",
      "cascade.addSubtasks",
      "cascade.setTaskWeight",
    ];
    const named = new Set([...cases.map((c) => c.name.split(" ")[0]!), ...covered]);
    expect(
      mutations.filter((m) => !named.has(m)),
      "mutations without a case in permissions.test.ts",
    ).toEqual([]);
  });

  for (const c of cases) {
    test(c.name, async ({ database }) => {
      const db = database.db;
      for (const role of ROLES) {
        const before = await db.auditEvent.count();
        const result = await outcome(() => c.call(clients.get(role)!, world, db, role, api));
        if (!c.allowed.includes(role)) {
          // denied, and nothing written: no audit event means no state change went through
          expect(DENIED.has(result), `${c.name} as ${role} gave ${result}`).toBe(true);
          if (role === "anon") expect(result).toBe("UNAUTHORIZED");
          expect(await db.auditEvent.count(), `${c.name} as ${role} wrote an audit event`).toBe(
            before,
          );
        } else {
          expect(result, `${c.name} as ${role}`).toBe(c.allowedOutcome ?? "OK");
        }
      }
    });
  }

  test("a department sees only its own tasks; another county sees nothing of this one", async () => {
    const other = await clients.get("staffOther")!.task.list.query({ planId: world.planId });
    expect(other.items.map((t) => t.id)).toContain(world.t2);
    expect(other.items.map((t) => t.id)).not.toContain(world.t1);
    const support = await clients.get("staffSupport")!.task.list.query({ planId: world.planId });
    expect(support.items.map((t) => t.id)).toContain(world.t1);
    expect(support.items.map((t) => t.id)).not.toContain(world.t2);
    const plansB = await clients.get("officeB")!.plan.list.query({});
    expect(plansB).toHaveLength(0);
    const plansCity = await clients.get("leaderCity")!.plan.list.query({});
    expect(plansCity.map((p) => p.id)).toContain(world.planId);
  });

  test("a disabled user's session ends at once", async ({ database }) => {
    // an account of its own: disabling one of the world's users would sign out the clients above
    const office = clients.get("officeA")!;
    const email = "disabled-reader@a.test";
    const { id } = await office.admin.createUser.mutate({
      jurisdictionId: world.a.id,
      email,
      name: "停用测试",
      role: "LEADER",
      password: PASSWORD,
    });
    const victim = await loginAs(api, email, PASSWORD);
    expect(await outcome(() => victim.task.list.query({ planId: world.planId }))).toBe("OK");
    await office.admin.setUserDisabled.mutate({ userId: id, disabled: true });
    expect(await outcome(() => victim.task.list.query({ planId: world.planId }))).toBe(
      "UNAUTHORIZED",
    );
    expect(await outcome(() => loginAs(api, email, PASSWORD))).toBe("UNAUTHORIZED");
    await office.admin.setUserDisabled.mutate({ userId: id, disabled: false });
    const sessions = await database.db.session.count({ where: { userId: id, revokedAt: null } });
    expect(sessions).toBe(0);
  });

  afterAll(async () => {
    await api?.close();
  });
});
