import { afterAll, describe, expect } from "vitest";
import { test } from "@duban/test-utils";
import { connect, loginAs, outcome, startApi, type Api, type Client } from "./harness.ts";
import { buildWorld, PASSWORD, xifengBytes } from "./world.ts";

type Role = "anon" | "officeA" | "leaderA" | "staffLead" | "staffSupport" | "staffOther" | "officeB" | "leaderCity";
const ROLES: Role[] = ["anon", "officeA", "leaderA", "staffLead", "staffSupport", "staffOther", "officeB", "leaderCity"];
type World = Awaited<ReturnType<typeof buildWorld>>;
type Db = Parameters<typeof buildWorld>[0];

/** who may: the roles for which the call must get past authorisation */
type Case = { name: string; allowed: Role[]; call: (c: Client, w: World, db: Db) => Promise<unknown> };

const READERS: Role[] = ["officeA", "leaderA", "staffLead", "staffSupport", "staffOther", "leaderCity"];
const taskVersion = async (db: Db, id: string) => (await db.task.findUniqueOrThrow({ where: { id } })).version;

const cases: Case[] = [
  { name: "plan.document", allowed: READERS, call: (c, w) => c.plan.document.query({ planId: w.planId }) },
  { name: "plan.import", allowed: ["officeA"], call: async (c, w) => c.plan.import.mutate({ jurisdictionId: w.a.id, fileName: "x.txt", contentBase64: Buffer.from(await xifengBytes()).toString("base64") }) },
  { name: "plan.createTasks", allowed: ["officeA"], call: (c, w) => c.plan.createTasks.mutate({ planId: w.planId, tasks: [{ nodeId: null, title: "新任务", leadDepartmentId: w.d3.id, startDate: "2022-01-01", dueDate: "2022-12-31" }] }) },
  { name: "plan.setPhases", allowed: ["officeA"], call: (c, w) => c.plan.setPhases.mutate({ planId: w.planId, phases: [
    { key: "LAUNCH", name: "启动实施", startDate: "2021-01-01", endDate: "2022-12-31" }, { key: "MIDTERM", name: "中期评估", startDate: "2023-01-01", endDate: "2023-12-31" },
    { key: "ADVANCE", name: "全面推进", startDate: "2024-01-01", endDate: "2024-12-31" }, { key: "CLOSE", name: "总结收官", startDate: "2025-01-01", endDate: "2025-12-31" }] }) },
  { name: "task.list", allowed: READERS, call: (c, w) => c.task.list.query({ planId: w.planId }) },
  { name: "task.get (T1)", allowed: ["officeA", "leaderA", "staffLead", "staffSupport", "leaderCity"], call: (c, w) => c.task.get.query({ taskId: w.t1 }) },
  { name: "task.update", allowed: ["officeA"], call: async (c, w, db) => c.task.update.mutate({ taskId: w.t1, version: await taskVersion(db, w.t1), title: "任务一（修订）" }) },
  { name: "task.reassign", allowed: ["officeA"], call: async (c, w, db) => c.task.reassign.mutate({ taskId: w.t1, version: await taskVersion(db, w.t1), leadDepartmentId: w.d1.id, supportingDepartmentIds: [w.d2.id], reason: "调整" }) },
  { name: "task.redate", allowed: ["officeA"], call: async (c, w, db) => {
    const t = await db.task.findUniqueOrThrow({ where: { id: w.t1 } });
    return c.task.redate.mutate({ taskId: w.t1, version: t.version, dueDate: t.dueDate.toISOString().startsWith("2025-12-31") ? "2025-11-30" : "2025-12-31", reason: "规划调整" });
  } },
  { name: "task.setStatus", allowed: ["officeA", "staffLead"], call: async (c, w, db) => {
    const t = await db.task.findUniqueOrThrow({ where: { id: w.t1 } });
    // the lead unit may start the task; the office may move it back from completed
    return c.task.setStatus.mutate({ taskId: w.t1, version: t.version, status: t.status === "NOT_STARTED" ? "IN_PROGRESS" : t.status });
  } },
  { name: "task.addMilestone", allowed: ["officeA"], call: (c, w) => c.task.addMilestone.mutate({ taskId: w.t1, title: "节点", dueDate: "2023-06-30" }) },
  { name: "task.setMilestoneDone", allowed: ["officeA", "staffLead"], call: async (c, w, db) => {
    const m = await db.milestone.findFirstOrThrow({ where: { taskId: w.t1 }, orderBy: { order: "asc" } });
    return c.task.setMilestoneDone.mutate({ milestoneId: m.id, version: m.version, done: !m.doneAt });
  } },
  { name: "ledger.grid", allowed: READERS, call: (c, w) => c.ledger.grid.query({ planId: w.planId }) },
  { name: "ledger.cycles", allowed: READERS, call: (c, w) => c.ledger.cycles.query({ planId: w.planId }) },
  { name: "ledger.reviewQueue", allowed: ["officeA"], call: (c, w) => c.ledger.reviewQueue.query({ planId: w.planId }) },
  { name: "ledger.history (T1)", allowed: ["officeA", "leaderA", "staffLead", "staffSupport", "leaderCity"], call: (c, w) => c.ledger.history.query({ taskId: w.t1 }) },
  { name: "ledger.submit (T1)", allowed: ["staffLead", "staffSupport"], call: async (c, w, db) => {
    // a unit that already reported amends instead; the submit itself must still pass authorisation first
    await db.ledgerEntry.deleteMany({ where: { taskId: w.t1, cycleId: w.cycleId } });
    return c.ledger.submit.mutate({ taskId: w.t1, cycleId: w.cycleId, progressText: "推进中", percentComplete: 30, status: "IN_PROGRESS" });
  } },
  { name: "ledger.openCycle", allowed: ["officeA"], call: async (c, w, db) => {
    await db.reportingCycle.deleteMany({ where: { planId: w.planId, period: "2025Q3" } });
    return c.ledger.openCycle.mutate({ planId: w.planId, period: "2025Q3", dueDate: "2099-01-01", closeDate: "2099-01-02" });
  } },
  { name: "overview.completion", allowed: READERS, call: (c, w) => c.overview.completion.query({ planId: w.planId }) },
  { name: "admin.departments", allowed: READERS, call: (c, w) => c.admin.departments.query({ jurisdictionId: w.a.id }) },
  { name: "admin.createDepartment", allowed: ["officeA"], call: (c, w) => c.admin.createDepartment.mutate({ jurisdictionId: w.a.id, name: `新单位${Math.random()}` }) },
  { name: "admin.updateDepartment", allowed: ["officeA"], call: (c, w) => c.admin.updateDepartment.mutate({ departmentId: w.d3.id, contactEmails: ["d3@a.test"] }) },
  { name: "admin.users", allowed: ["officeA"], call: (c, w) => c.admin.users.query({ jurisdictionId: w.a.id }) },
  { name: "admin.createUser", allowed: ["officeA"], call: (c, w) => c.admin.createUser.mutate({ jurisdictionId: w.a.id, email: `u${Math.random().toString(36).slice(2)}@a.test`, name: "新用户", role: "LEADER", password: "a-long-password" }) },
  { name: "admin.setUserDisabled", allowed: ["officeA"], call: (c, w) => c.admin.setUserDisabled.mutate({ userId: w.users.staffOther.id, disabled: false }) },
];

const DENIED = new Set(["FORBIDDEN", "NOT_FOUND", "UNAUTHORIZED"]);

describe("permission matrix: every role × every procedure × own and foreign objects", () => {
  let api: Api;
  let world: World;
  const clients = new Map<Role, Client>();


  test("setup", async ({ database, redis }) => {
    api = await startApi(database, redis);
    world = await buildWorld(database.db);
    const emails: Record<Exclude<Role, "anon">, string> = {
      officeA: "office@a.test", leaderA: "leader@a.test", staffLead: "lead@a.test", staffSupport: "support@a.test",
      staffOther: "other@a.test", officeB: "office@b.test", leaderCity: "leader@city.test",
    };
    clients.set("anon", connect(api));
    for (const [role, email] of Object.entries(emails)) clients.set(role as Role, await loginAs(api, email, PASSWORD));
  });

  for (const c of cases) {
    test(c.name, async ({ database }) => {
      const db = database.db;
      const results: Record<string, string> = {};
      for (const role of ROLES) {
        const before = await db.auditEvent.count();
        const result = await outcome(() => c.call(clients.get(role)!, world, db));
        results[role] = result;
        if (!c.allowed.includes(role)) {
          // denied, and nothing written: no audit event means no state change went through
          expect(DENIED.has(result), `${c.name} as ${role} gave ${result}`).toBe(true);
          if (role === "anon") expect(result).toBe("UNAUTHORIZED");
          expect(await db.auditEvent.count(), `${c.name} as ${role} wrote an audit event`).toBe(before);
        } else {
          expect(DENIED.has(result), `${c.name} as ${role} was refused with ${result}`).toBe(false);
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
    const victim = await loginAs(api, "other@a.test", PASSWORD);
    expect(await outcome(() => victim.task.list.query({ planId: world.planId }))).toBe("OK");
    await clients.get("officeA")!.admin.setUserDisabled.mutate({ userId: world.users.staffOther.id, disabled: true });
    expect(await outcome(() => victim.task.list.query({ planId: world.planId }))).toBe("UNAUTHORIZED");
    expect(await outcome(() => loginAs(api, "other@a.test", PASSWORD))).toBe("UNAUTHORIZED");
    await clients.get("officeA")!.admin.setUserDisabled.mutate({ userId: world.users.staffOther.id, disabled: false });
    const sessions = await database.db.session.count({ where: { userId: world.users.staffOther.id, revokedAt: null } });
    expect(sessions).toBe(0);
  });

  afterAll(async () => {
    await api?.close();
  });
});
