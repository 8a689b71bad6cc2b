import { TRPCClientError } from "@trpc/client";
import { afterAll, describe, expect } from "vitest";

import {
  archivePlan,
  collectOverdueAlerts,
  createTasks,
  importPlan,
  OPEN_TASKS_NAMED,
  systemActor,
} from "@duban/domain";
import { test } from "@duban/test-utils";

import { loginAs, outcome, startApi, type Api, type Client } from "./harness.ts";
import { buildWorld, PASSWORD, XIFENG_TITLE, xifengBytes } from "./world.ts";

type World = Awaited<ReturnType<typeof buildWorld>>;
type Db = Parameters<typeof buildWorld>[0];
type Refusal = {
  code: string;
  message: string;
  details: { total: number; openTasks: Array<{ title: string; role: "lead" | "support" }> } | null;
};

/** The refusal of a call (code, message, details), or null when it went through. */
async function refusal(call: () => Promise<unknown>): Promise<Refusal | null> {
  try {
    await call();
    return null;
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const data = error.data as { code: string; details: Refusal["details"] };
    return { code: data.code, message: error.message, details: data.details };
  }
}

describe("deactivating a unit that still has open tasks is refused, naming them", () => {
  let api: Api;
  let world: World;
  let db: Db;
  let office: Client;
  const system = systemActor("deactivation-test");
  let n = 0;

  test.beforeAll(async ({ database, redis }) => {
    db = database.db;
    api = await startApi(database, redis);
    world = await buildWorld(db);
    office = await loginAs(api, "office@a.test", PASSWORD);
  });
  afterAll(async () => api?.close());

  /** a fresh unit of county A with `count` tasks it leads (or supports), in the world's active plan */
  async function unitWithTasks(
    count: number,
    role: "lead" | "support" = "lead",
    planId = world.planId,
  ) {
    const unit = await office.admin.createDepartment.mutate({
      jurisdictionId: world.a.id,
      name: `测试单位${++n}`,
      contactEmails: [`unit${n}@a.test`],
    });
    const drafts = Array.from({ length: count }, (_, i) => ({
      nodeId: null,
      title: `单位${n}任务${i + 1}`,
      description: "",
      phaseKey: null,
      startDate: "2021-01-01",
      dueDate: "2025-12-31",
      milestones: [],
      leadDepartmentId: role === "lead" ? unit.id : world.d1.id,
      supportingDepartmentIds: role === "support" ? [unit.id] : [],
    }));
    const taskIds = await createTasks({ db, actor: system }, { planId, tasks: drafts });
    return { unit, taskIds };
  }
  const deactivate = (departmentId: string) =>
    refusal(() => office.admin.updateDepartment.mutate({ departmentId, active: false }));
  const version = async (id: string) =>
    (await db.task.findUniqueOrThrow({ where: { id } })).version;

  test("a lead unit: CONFLICT naming its open tasks, nothing changed, its mailbox still gets the digest; after reassignment it is deactivated", async () => {
    const { unit, taskIds } = await unitWithTasks(1);
    const before = await db.auditEvent.count({ where: { action: "department.update" } });
    const refused = await deactivate(unit.id);
    expect(refused?.code).toBe("CONFLICT");
    expect(refused?.message).toContain(`单位${n}任务1`);
    expect(refused?.details).toEqual({
      total: 1,
      openTasks: [
        expect.objectContaining({ id: taskIds[0], title: `单位${n}任务1`, role: "lead" }),
      ],
    });
    expect((await db.department.findUniqueOrThrow({ where: { id: unit.id } })).active).toBe(true);
    expect(await db.auditEvent.count({ where: { action: "department.update" } })).toBe(before);
    // the reason for the rule: the unit's contact mailbox hears about its overdue task only while it is active
    const digest = (await collectOverdueAlerts({ db }, { asOf: new Date() })).emails.find(
      (m) => m.recipientEmail === `unit${n}@a.test`,
    );
    expect(JSON.stringify(digest?.payload)).toContain(taskIds[0]);

    await office.task.reassign.mutate({
      taskId: taskIds[0]!,
      version: await version(taskIds[0]!),
      leadDepartmentId: world.d1.id,
      supportingDepartmentIds: [],
      reason: "单位撤并",
    });
    expect(await deactivate(unit.id)).toBeNull();
    expect((await db.department.findUniqueOrThrow({ where: { id: unit.id } })).active).toBe(false);
    expect(
      await db.auditEvent.count({ where: { action: "department.update", entityId: unit.id } }),
    ).toBe(1);
    // and no task can be given to it any more
    expect(
      await outcome(async () =>
        office.task.reassign.mutate({
          taskId: taskIds[0]!,
          version: await version(taskIds[0]!),
          leadDepartmentId: unit.id,
          supportingDepartmentIds: [],
          reason: "回退",
        }),
      ),
    ).toBe("BAD_REQUEST");
  });

  test("a supporting unit is refused too: its missing reports would count against every cycle", async () => {
    const { unit } = await unitWithTasks(1, "support");
    const refused = await deactivate(unit.id);
    expect(refused?.code).toBe("CONFLICT");
    expect(refused?.details?.openTasks.map((t) => t.role)).toEqual(["support"]);
  });

  test(`more than ${OPEN_TASKS_NAMED} open tasks: ${OPEN_TASKS_NAMED} named, and the count`, async () => {
    const { unit } = await unitWithTasks(OPEN_TASKS_NAMED + 2);
    const refused = await deactivate(unit.id);
    expect(refused?.details?.total).toBe(OPEN_TASKS_NAMED + 2);
    expect(refused?.details?.openTasks).toHaveLength(OPEN_TASKS_NAMED);
    expect(refused?.message).toContain(`等 ${OPEN_TASKS_NAMED + 2} 项`);
  });

  test("completed and cancelled tasks, and archived plans, do not hold a unit; a draft plan's tasks do", async () => {
    const { unit, taskIds } = await unitWithTasks(2);
    await db.task.update({
      where: { id: taskIds[0] },
      data: { status: "COMPLETED", progress: 100, completedAt: new Date() },
    });
    await db.task.update({ where: { id: taskIds[1] }, data: { status: "CANCELLED" } });
    expect(await deactivate(unit.id)).toBeNull();

    // another document (the same bytes would be the same plan)
    const bytes = new Uint8Array([
      ...(await xifengBytes()),
      ...new TextEncoder().encode("\n（第二份）\n"),
    ]);
    const other = await importPlan(
      { db, actor: system },
      {
        jurisdictionId: world.a.id,
        fileName: "second.txt",
        bytes,
        title: XIFENG_TITLE,
      },
    );
    expect(other.planId).not.toBe(world.planId);
    const drafted = await unitWithTasks(1, "lead", other.planId);
    expect((await deactivate(drafted.unit.id))?.code).toBe("CONFLICT");
    const plan = await db.plan.findUniqueOrThrow({ where: { id: other.planId } });
    await archivePlan({ db, actor: system }, { planId: plan.id, version: plan.version });
    expect(await deactivate(drafted.unit.id)).toBeNull();
  });

  test("a completed task of an inactive unit cannot be reopened (that would give it open work again)", async () => {
    const { unit, taskIds } = await unitWithTasks(1);
    const id = taskIds[0]!;
    // completed through a sign-off (the completion flow is completion.test.ts's): the row as it leaves it
    await db.task.update({
      where: { id },
      data: {
        status: "COMPLETED",
        progress: 100,
        completedAt: new Date(),
        version: { increment: 1 },
      },
    });
    expect(await deactivate(unit.id)).toBeNull();
    const reopened = await refusal(async () =>
      office.task.setStatus.mutate({
        taskId: id,
        version: await version(id),
        status: "IN_PROGRESS",
      }),
    );
    expect(reopened?.code).toBe("BAD_REQUEST");
    expect(reopened?.message).toContain("已停用");
    expect((await db.task.findUniqueOrThrow({ where: { id } })).status).toBe("COMPLETED");
  });

  test("disabling a unit's only reachable person is never refused; the answer names the unit so a contact address gets added", async () => {
    const unit = await office.admin.createDepartment.mutate({
      jurisdictionId: world.a.id,
      name: `无联系邮箱单位${++n}`,
    });
    const staff = await office.admin.createUser.mutate({
      jurisdictionId: world.a.id,
      email: `only${n}@a.test`,
      name: "唯一联系人",
      role: "DEPARTMENT",
      departmentId: unit.id,
      password: "a-long-password",
    });
    const answer = await office.admin.setUserDisabled.mutate({ userId: staff.id, disabled: true });
    expect(answer.unitsWithoutRecipients).toEqual([{ id: unit.id, name: unit.name }]);
    expect(
      (await db.user.findUniqueOrThrow({ where: { id: staff.id } })).disabledAt,
    ).not.toBeNull();
    // with a contact mailbox the unit is still reached: nothing to say
    await office.admin.setUserDisabled.mutate({ userId: staff.id, disabled: false });
    await office.admin.updateDepartment.mutate({
      departmentId: unit.id,
      contactEmails: [`unit-box${n}@a.test`],
    });
    expect(
      (await office.admin.setUserDisabled.mutate({ userId: staff.id, disabled: true }))
        .unitsWithoutRecipients,
    ).toEqual([]);
  });

  test("a deactivation racing an assignment never leaves an open task with an inactive unit", async () => {
    for (let round = 0; round < 6; round++) {
      const { unit } = await unitWithTasks(0);
      const { taskIds } = await unitWithTasks(1);
      const id = taskIds[0]!;
      await Promise.all([
        outcome(async () =>
          office.task.reassign.mutate({
            taskId: id,
            version: await version(id),
            leadDepartmentId: unit.id,
            supportingDepartmentIds: [],
            reason: "并发",
          }),
        ),
        deactivate(unit.id),
      ]);
      const [dept, open] = await Promise.all([
        db.department.findUniqueOrThrow({ where: { id: unit.id } }),
        db.task.count({
          where: { leadDepartmentId: unit.id, status: { notIn: ["COMPLETED", "CANCELLED"] } },
        }),
      ]);
      expect(
        dept.active || open === 0,
        `round ${round}: inactive unit with ${open} open tasks`,
      ).toBe(true);
    }
  });
});
