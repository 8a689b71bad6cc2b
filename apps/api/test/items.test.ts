// 立项 over HTTP (issue #17 step 7): the office registers an ad-hoc supervision item; it is a task
// like any other, 待签收 for its lead unit; anyone else is refused, and bad units or dates are
// refused with a clear message and nothing written.
import { describe, expect } from "vitest";

import { loginAs, outcome, refused } from "./harness.ts";
import { test } from "./served-world.ts";
import { PASSWORD } from "./world.ts";

const item = (planId: string, lead: string, supporting: string[] = []) => ({
  planId,
  title: "落实县委常委会议定事项：科技成果转化平台建设",
  description: "建设县级科技成果转化服务平台",
  source: "MEETING" as const,
  sourceDocNumber: "息委办〔2025〕12号",
  sourceNote: "县委常委会第8次会议纪要",
  leadDepartmentId: lead,
  supportingDepartmentIds: supporting,
  startDate: "2025-03-01",
  dueDate: "2025-12-31",
});

describe("立项: ad-hoc supervision items", () => {
  test("the office registers an item: a task 待签收 in the unit's list, with its source, audit, mail and inbox", async ({
    api,
    world,
    database,
  }) => {
    const db = database.db;
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const other = await loginAs(api, "other@a.test", PASSWORD);
    const { taskId } = await office.item.register.mutate(
      item(world.planId, world.d3.id, [world.d2.id]),
    );
    const task = await db.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(task).toMatchObject({
      planId: world.planId,
      source: "MEETING",
      sourceDocNumber: "息委办〔2025〕12号",
      sourceNote: "县委常委会第8次会议纪要",
      sourceNodeId: null,
      instructionId: null,
      leadDepartmentId: world.d3.id,
      acknowledgedAt: null,
      status: "NOT_STARTED",
    });
    expect(task.originalDueDate.toISOString().slice(0, 10)).toBe("2025-12-31");
    expect(Date.now() - task.assignedAt.getTime()).toBeLessThan(60_000);
    const audit = await db.auditEvent.findMany({
      where: { action: "task.register", entityId: taskId },
    });
    expect(audit).toHaveLength(1);
    // the lead unit's list shows it, tagged with its source; the drawer shows the 文号
    const list = await other.task.list.query({ planId: world.planId, pageSize: 200 });
    const row = list.items.find((t) => t.id === taskId);
    expect(row).toMatchObject({ source: "MEETING", sourceDocNumber: "息委办〔2025〕12号" });
    expect(list.items.find((t) => t.id === world.t2)?.source).toBe("PLAN");
    const got = await other.task.get.query({ taskId });
    expect(got).toMatchObject({ source: "MEETING", sourceNote: "县委常委会第8次会议纪要" });
    expect(got.acknowledgedAt).toBeNull();
    // the supporting unit sees it too; the unit that has nothing to do with it does not
    const lead = await loginAs(api, "lead@a.test", PASSWORD);
    expect(await outcome(() => lead.task.get.query({ taskId }))).toBe("NOT_FOUND");
    const mails = await db.notification.findMany({
      where: { kind: "task-assigned", dedupeKey: { startsWith: `task:${taskId}:` } },
    });
    expect(mails.map((m) => m.recipientEmail).sort()).toEqual([
      "d2@a.test",
      "d3@a.test",
      "other@a.test",
      "support@a.test",
    ]);
    expect(mails[0]!.payload).toMatchObject({
      taskId,
      dueDate: "2025-12-31",
      reassigned: false,
      departmentName: "农业农村局",
    });
    const inbox = await db.inboxMessage.findMany({
      where: { kind: "task-assigned", taskId },
      include: { user: { select: { email: true } } },
    });
    expect(inbox.map((m) => m.user.email).sort()).toEqual(["other@a.test", "support@a.test"]);
    // it lives like any task: the lead unit reports on it in the open cycle
    const entry = await other.ledger.submit.mutate({
      taskId,
      cycleId: world.cycleId,
      progressText: "平台方案已起草",
      percentComplete: 10,
      status: "IN_PROGRESS",
    });
    expect(entry.id).toBeTruthy();
  });

  test("department staff, leaders and another county are refused; nothing is written", async ({
    api,
    world,
    database,
  }) => {
    const db = database.db;
    const who = [
      ["other@a.test", "FORBIDDEN"],
      ["lead@a.test", "FORBIDDEN"],
      ["leader@a.test", "FORBIDDEN"],
      ["leader@city.test", "FORBIDDEN"],
      ["office@b.test", "NOT_FOUND"],
      ["staff@b.test", "NOT_FOUND"],
    ] as const;
    // signed in first: a login writes an audit event of its own
    const clients = await Promise.all(who.map(([email]) => loginAs(api, email, PASSWORD)));
    const before = { tasks: await db.task.count(), audit: await db.auditEvent.count() };
    for (const [i, [email, code]] of who.entries()) {
      const client = clients[i]!;
      const r = await refused(() => client.item.register.mutate(item(world.planId, world.d3.id)));
      expect(r.code, email).toBe(code);
      if (code === "FORBIDDEN") expect(r.message).toContain("只有本级领导小组办公室");
    }
    expect({ tasks: await db.task.count(), audit: await db.auditEvent.count() }).toEqual(before);
  });

  test("bad units and dates: a clear Chinese error and nothing written", async ({
    api,
    world,
    database,
  }) => {
    const db = database.db;
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const inactive = await db.department.create({
      data: { jurisdictionId: world.a.id, name: "已撤并单位", active: false },
    });
    const before = {
      tasks: await db.task.count(),
      audit: await db.auditEvent.count(),
      mails: await db.notification.count(),
    };
    const base = item(world.planId, world.d3.id);
    const cases: Array<[string, Parameters<typeof office.item.register.mutate>[0], string]> = [
      [
        "another county's unit",
        { ...base, leadDepartmentId: world.bDept.id },
        "所选单位不属于本级或已停用",
      ],
      [
        "an inactive unit",
        { ...base, supportingDepartmentIds: [inactive.id] },
        "所选单位不属于本级或已停用",
      ],
      ["outside the plan period", { ...base, dueDate: "2031-06-30" }, "不在规划期"],
      ["start after due", { ...base, startDate: "2025-12-31", dueDate: "2025-06-30" }, ""],
      ["lead also supporting", { ...base, supportingDepartmentIds: [world.d3.id] }, ""],
      ["no title", { ...base, title: "  " }, ""],
    ];
    for (const [what, input, message] of cases) {
      const r = await refused(() => office.item.register.mutate(input));
      expect(r.code, what).toBe("BAD_REQUEST");
      if (message) expect(r.message, what).toContain(message);
    }
    expect({
      tasks: await db.task.count(),
      audit: await db.auditEvent.count(),
      mails: await db.notification.count(),
    }).toEqual(before);
  });

  test("an archived plan takes no items", async ({ api, world, database }) => {
    const db = database.db;
    const office = await loginAs(api, "office@a.test", PASSWORD);
    await db.plan.update({ where: { id: world.planId }, data: { status: "ARCHIVED" } });
    try {
      const r = await refused(() => office.item.register.mutate(item(world.planId, world.d3.id)));
      expect(r.code).toBe("BAD_REQUEST");
      expect(r.message).toContain("规划已归档");
    } finally {
      await db.plan.update({ where: { id: world.planId }, data: { status: "ACTIVE" } });
    }
  });

  test("a year past the plan period takes items once the office keeps a 年度工作要点 for it", async ({
    api,
    world,
    database,
  }) => {
    const db = database.db;
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const { periodEnd } = await db.plan.findUniqueOrThrow({ where: { id: world.planId } });
    const later = {
      ...item(world.planId, world.d3.id),
      startDate: `${periodEnd + 1}-01-15`,
      dueDate: `${periodEnd + 1}-06-30`,
    };
    const r = await refused(() => office.item.register.mutate(later));
    expect(r.code).toBe("BAD_REQUEST");
    expect(r.message).toContain("不在规划期");
    const annual = await office.annualPlan.create.mutate({
      planId: world.planId,
      year: periodEnd + 1,
    });
    try {
      const { taskId } = await office.item.register.mutate(later);
      const task = await db.task.findUniqueOrThrow({ where: { id: taskId } });
      expect(task.dueDate.toISOString().slice(0, 10)).toBe(`${periodEnd + 1}-06-30`);
      // still bounded: the year after the last annual plan is refused
      const r2 = await refused(() =>
        office.item.register.mutate({ ...later, dueDate: `${periodEnd + 2}-06-30` }),
      );
      expect(r2.message).toContain("不在规划期");
      await db.task.delete({ where: { id: taskId } });
    } finally {
      await db.annualPlan.delete({ where: { id: annual.annualPlanId } });
    }
  });
});
