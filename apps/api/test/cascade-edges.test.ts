// Adversarial probes of the cascade (issue #19). Each `it` states the behaviour the README's rules
// call for; the ones that fail are findings (see the report of the wt-breaker branch).
import { describe, expect } from "vitest";

import {
  draft,
  inDays,
  makeTask,
  cascadeTest as test,
  type CascadeWorld,
} from "./cascade-world.ts";
import { cookieOf, outcome, refused } from "./harness.ts";

type Db = Parameters<typeof makeTask>[0];

/** A second active plan of `jurisdictionId` (so a test may archive it without touching the world's). */
function extraPlan(db: Db, jurisdictionId: string, title: string) {
  return db.plan.create({
    data: {
      jurisdictionId,
      title,
      periodStart: 2026,
      periodEnd: 2030,
      status: "ACTIVE",
      activatedAt: new Date(),
      sourceFileName: `${title}.txt`,
      sourceFormat: "txt",
      sourceHash: `hash-${title}`,
      sourceText: title,
      parserVersion: 1,
      parseResult: {},
    },
  });
}

const taskOf = (db: Db, id: string) => db.task.findUniqueOrThrow({ where: { id } });

describe("cascade: edge rules (archived plans, due dates, limits, cancelled and resumed parents)", () => {
  // FINDING 1: a derived task suspended while its last child completes is resumed at 99 % and
  // IN_PROGRESS with every child completed, and nothing brings it to COMPLETED (the roll-up runs
  // only when a child changes; the lead unit may not apply for completion of a derived task).
  test("a suspended derived task resumed after all its children completed completes", async ({
    database: { db },
    world: w,
    clients: c,
  }) => {
    const t = await makeTask(db, w.cityPlan.id, w.cityDept.id, "暂缓后恢复");
    const { taskIds } = await c.cityOffice.cascade.addSubtasks.mutate({
      parentTaskId: t.id,
      tasks: [draft("暂缓后恢复·子", w.cityDept.id)],
    });
    let parent = await taskOf(db, t.id);
    await c.cityOffice.task.setStatus.mutate({
      taskId: t.id,
      version: parent.version,
      status: "SUSPENDED",
      reason: "暂缓",
    });
    // the only child completes (as its sign-off would write it)
    await db.task.update({
      where: { id: taskIds[0]! },
      data: { status: "COMPLETED", progress: 100, completedAt: new Date() },
    });
    parent = await taskOf(db, t.id);
    await c.cityOffice.task.setStatus.mutate({
      taskId: t.id,
      version: parent.version,
      status: "IN_PROGRESS",
    });
    parent = await taskOf(db, t.id);
    // README: "100 and COMPLETED only when every child is completed" — it is
    expect({ status: parent.status, progress: parent.progress }).toEqual({
      status: "COMPLETED",
      progress: 100,
    });
  });

  // FINDING 2: the giving office changes (weight) and withdraws assignments of an ARCHIVED plan,
  // which rewrites the archived task's progress; every other write to an archived plan is refused.
  test("an archived plan's assignment cannot be re-weighted or withdrawn", async ({
    database: { db },
    world: w,
    clients: c,
  }) => {
    const plan = await extraPlan(db, w.city.id, "归档规划");
    const t = await makeTask(db, plan.id, w.cityDept.id, "归档后调整");
    const { assignmentIds } = await c.cityOffice.cascade.assignTask.mutate({
      taskId: t.id,
      decomposeBy: inDays(10),
      targets: [
        { jurisdictionId: w.a.id, weight: 1 },
        { jurisdictionId: w.b.id, weight: 1 },
      ],
    });
    const [toA, toB] = assignmentIds as [string, string];
    const { taskIds } = await c.aOffice.cascade.decompose.mutate({
      assignmentId: toA,
      version: 0,
      tasks: [draft("归档后调整·县", w.aDept.id)],
    });
    await db.task.update({
      where: { id: taskIds[0]! },
      data: { progress: 60, status: "IN_PROGRESS" },
    });
    await c.bOffice.cascade.decompose.mutate({
      assignmentId: toB,
      version: 0,
      tasks: [draft("归档后调整·乙县", w.bDept.id)],
    });
    await db.plan.update({ where: { id: plan.id }, data: { status: "ARCHIVED" } });
    const before = (await taskOf(db, t.id)).progress; // (60 + 0) / 2 = 30
    expect(before).toBe(30);
    const update = await outcome(() =>
      c.cityOffice.cascade.update.mutate({ assignmentId: toA, version: 1, weight: 100 }),
    );
    const withdraw = await outcome(() =>
      c.cityOffice.cascade.withdraw.mutate({ assignmentId: toB, version: 1, reason: "归档后撤回" }),
    );
    expect({ update, withdraw, progress: (await taskOf(db, t.id)).progress }).toEqual({
      update: "BAD_REQUEST",
      withdraw: "BAD_REQUEST",
      progress: before,
    });
  });

  // FINDING 3: cancelling the city's task leaves its PENDING assignments live: the county still
  // has it in 待分解 (and the late job nags it) and may decompose it into new work.
  test("a cancelled task's pending assignment is no longer to be decomposed", async ({
    database: { db },
    world: w,
    clients: c,
  }) => {
    const t = await makeTask(db, w.cityPlan.id, w.cityDept.id, "取消后分解");
    const {
      assignmentIds: [toA],
    } = await c.cityOffice.cascade.assignTask.mutate({
      taskId: t.id,
      decomposeBy: inDays(10),
      targets: [{ jurisdictionId: w.a.id }],
    });
    await c.cityOffice.task.setStatus.mutate({
      taskId: t.id,
      version: (await taskOf(db, t.id)).version,
      status: "CANCELLED",
      reason: "规划调整",
    });
    const inbox = await c.aOffice.inbox.list.query({});
    const pending = inbox.pendingAssignments.map((p) => p.id);
    const decompose = await outcome(() =>
      c.aOffice.cascade.decompose.mutate({
        assignmentId: toA!,
        version: 0,
        tasks: [draft("取消后分解·县", w.aDept.id)],
      }),
    );
    expect({ inInbox: pending.includes(toA!), decompose }).toEqual({
      inInbox: false,
      decompose: "BAD_REQUEST",
    });
  });

  test("cancelling a task withdraws what it handed down: pending and decomposed, told and audited", async ({
    database: { db },
    world: w,
    clients: c,
  }) => {
    const t = await makeTask(db, w.cityPlan.id, w.cityDept.id, "取消后撤回");
    const {
      assignmentIds: [toA, toB],
    } = await c.cityOffice.cascade.assignTask.mutate({
      taskId: t.id,
      decomposeBy: inDays(10),
      targets: [{ jurisdictionId: w.a.id }, { jurisdictionId: w.b.id }],
    });
    const {
      taskIds: [countyTask],
    } = await c.aOffice.cascade.decompose.mutate({
      assignmentId: toA!,
      version: 0,
      tasks: [draft("取消后撤回·县", w.aDept.id)],
    });
    await c.cityOffice.task.setStatus.mutate({
      taskId: t.id,
      version: (await taskOf(db, t.id)).version,
      status: "CANCELLED",
      reason: "规划调整",
    });
    const rows = await db.assignment.findMany({
      where: { id: { in: [toA!, toB!] } },
      orderBy: { toJurisdictionId: "asc" },
    });
    const county = await taskOf(db, countyTask!);
    const audits = await db.auditEvent.findMany({
      where: { action: "assignment.withdraw", entityId: { in: [toA!, toB!] } },
    });
    const told = await db.notification.count({
      where: {
        kind: "cascade-assigned",
        dedupeKey: { contains: toA! },
        subject: { contains: "撤回" },
      },
    });
    expect({
      states: rows.map((r) => r.state),
      reasons: rows.map((r) => r.withdrawnReason),
      countyTask: { assignmentId: county.assignmentId, status: county.status },
      audits: audits.length,
      toldA: told > 0,
    }).toEqual({
      states: ["WITHDRAWN", "WITHDRAWN"],
      reasons: ["上级任务已取消：规划调整", "上级任务已取消：规划调整"],
      countyTask: { assignmentId: null, status: "NOT_STARTED" },
      audits: 2,
      toldA: true,
    });
  });

  // FINDING 4 (low): child tasks (分解 and 细化) may be due after the item they break down, so the
  // derived parent goes overdue while each child is on schedule; only decomposeBy is checked.
  test("a child task is not due after its parent", async ({
    database: { db },
    world: w,
    clients: c,
  }) => {
    const t = await db.task.create({
      data: {
        planId: w.cityPlan.id,
        title: "早到期的上级任务",
        leadDepartmentId: w.cityDept.id,
        startDate: new Date("2026-01-01T00:00:00Z"),
        dueDate: new Date("2027-12-31T00:00:00Z"),
        originalDueDate: new Date("2027-12-31T00:00:00Z"),
      },
    });
    const late = { ...draft("晚于上级到期", w.cityDept.id), dueDate: "2030-06-30" };
    expect(
      await outcome(() =>
        c.cityOffice.cascade.addSubtasks.mutate({ parentTaskId: t.id, tasks: [late] }),
      ),
    ).toBe("BAD_REQUEST");
  });

  // FINDING 5 (low): the cascade takes task titles of up to 500 characters (and 50 supporting
  // units) where every other task route allows 300 (and 30): such a task cannot then be saved by
  // task.update with its own title.
  test("a cascade task title is held to the task title limit", async ({
    database: { db },
    world: w,
    clients: c,
  }) => {
    const t = await makeTask(db, w.aPlan.id, w.aDept.id, "长标题上级");
    const title = "长".repeat(400);
    const made = await outcome(() =>
      c.aOffice.cascade.addSubtasks.mutate({
        parentTaskId: t.id,
        tasks: [{ ...draft("x", w.aDept.id), title }],
      }),
    );
    expect(made).toBe("BAD_REQUEST");
  });
});

describe("cascade: jurisdiction boundaries and cockpit scope", () => {
  test("cross-jurisdiction writes are refused", async ({
    database: { db },
    world: w,
    clients: c,
  }) => {
    const t = await makeTask(db, w.cityPlan.id, w.cityDept.id, "越权探测");
    const aTask = await makeTask(db, w.aPlan.id, w.aDept.id, "甲县自有任务");
    // a county assigning the city's task, or the other county's
    expect(
      await outcome(() =>
        c.aOffice.cascade.assignTask.mutate({
          taskId: t.id,
          decomposeBy: inDays(5),
          targets: [{ jurisdictionId: w.b.id }],
        }),
      ),
    ).toBe("NOT_FOUND");
    // the city assigning to a sibling-less county (not its child) or to a grandchild-level target
    const notChild = await refused(() =>
      c.cityOffice.cascade.assignTask.mutate({
        taskId: t.id,
        decomposeBy: inDays(5),
        targets: [{ jurisdictionId: w.x.id }],
      }),
    );
    expect(notChild.code).toBe("BAD_REQUEST");
    // a county's plan named as B's target plan
    expect(
      (
        await refused(() =>
          c.cityOffice.cascade.assignTask.mutate({
            taskId: t.id,
            decomposeBy: inDays(5),
            targets: [{ jurisdictionId: w.b.id, targetPlanId: w.aPlan.id }],
          }),
        )
      ).code,
    ).toBe("BAD_REQUEST");
    const {
      assignmentIds: [toA],
    } = await c.cityOffice.cascade.assignTask.mutate({
      taskId: t.id,
      decomposeBy: inDays(5),
      targets: [{ jurisdictionId: w.a.id }],
    });
    // the other county: every verb NOT_FOUND
    expect(await outcome(() => c.bOffice.cascade.get.query({ assignmentId: toA! }))).toBe(
      "NOT_FOUND",
    );
    expect(
      await outcome(() =>
        c.bOffice.cascade.withdraw.mutate({ assignmentId: toA!, version: 0, reason: "x" }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await outcome(() =>
        c.bOffice.cascade.decompose.mutate({
          assignmentId: toA!,
          version: 0,
          tasks: [draft("乙县冒领", w.bDept.id)],
        }),
      ),
    ).toBe("NOT_FOUND");
    // the receiver changing or withdrawing: FORBIDDEN
    expect(
      await outcome(() =>
        c.aOffice.cascade.update.mutate({ assignmentId: toA!, version: 0, weight: 50 }),
      ),
    ).toBe("FORBIDDEN");
    // decomposing into B's unit, or into B's plan
    expect(
      await outcome(() =>
        c.aOffice.cascade.decompose.mutate({
          assignmentId: toA!,
          version: 0,
          tasks: [draft("他县单位", w.bDept.id)],
        }),
      ),
    ).toBe("BAD_REQUEST");
    expect(
      await outcome(() =>
        c.aOffice.cascade.decompose.mutate({
          assignmentId: toA!,
          version: 0,
          planId: w.bPlan.id,
          tasks: [draft("他县规划", w.aDept.id)],
        }),
      ),
    ).toBe("BAD_REQUEST");
    // sub-tasks of another jurisdiction's task
    expect(
      await outcome(() =>
        c.bOffice.cascade.addSubtasks.mutate({
          parentTaskId: aTask.id,
          tasks: [draft("乙县细化甲县", w.bDept.id)],
        }),
      ),
    ).toBe("NOT_FOUND");
    // weights out of range, dates out of order
    for (const weight of [0, -1, 101, 1e308])
      expect(
        await outcome(() =>
          c.aOffice.cascade.addSubtasks.mutate({
            parentTaskId: aTask.id,
            tasks: [draft("权重", w.aDept.id, weight)],
          }),
        ),
      ).toBe("BAD_REQUEST");
    expect(
      await outcome(() =>
        c.aOffice.cascade.addSubtasks.mutate({
          parentTaskId: aTask.id,
          tasks: [{ ...draft("倒序", w.aDept.id), startDate: "2029-01-01", dueDate: "2028-01-01" }],
        }),
      ),
    ).toBe("BAD_REQUEST");
    // a double decompose on one version: one wins
    const both = await Promise.all(
      [1, 2].map((n) =>
        outcome(() =>
          c.aOffice.cascade.decompose.mutate({
            assignmentId: toA!,
            version: 0,
            tasks: [draft(`并发${n}`, w.aDept.id)],
          }),
        ),
      ),
    );
    expect(both.sort()).toEqual(["CONFLICT", "OK"]);
    // withdrawn, then decomposed: refused
    await c.cityOffice.cascade.withdraw.mutate({ assignmentId: toA!, version: 1, reason: "撤回" });
    expect(
      await outcome(() =>
        c.aOffice.cascade.decompose.mutate({
          assignmentId: toA!,
          version: 2,
          tasks: [draft("撤回后", w.aDept.id)],
        }),
      ),
    ).toBe("BAD_REQUEST");
  });

  test("cockpit and its export stay inside what the user reads", async ({
    api,
    world: w,
    clients: c,
  }) => {
    expect(
      await outcome(() => c.aOffice.cockpit.summary.query({ jurisdictionId: w.city.id })),
    ).toBe("NOT_FOUND");
    expect(await outcome(() => c.aOffice.cockpit.summary.query({ jurisdictionId: w.b.id }))).toBe(
      "NOT_FOUND",
    );
    expect(await outcome(() => c.aStaff.cockpit.summary.query({ jurisdictionId: w.a.id }))).toBe(
      "FORBIDDEN",
    );
    const get = (q: string) =>
      fetch(`${api.url}/api/cockpit/export.xlsx${q}`, {
        headers: { cookie: cookieOf.get(c.aOffice)!() ?? "" },
      });
    expect((await get(`?jurisdictionId=${w.b.id}`)).status).toBe(404);
    expect((await get(`?jurisdictionId=${w.city.id}`)).status).toBe(404);
    expect((await get(`?jurisdictionId=not-a-uuid`)).status).toBe(400);
    expect(
      (await fetch(`${api.url}/api/cockpit/export.xlsx?jurisdictionId=${w.a.id}`)).status,
    ).toBe(401);
    // A's cockpit names nothing of B
    const a = await c.aOffice.cockpit.summary.query({ jurisdictionId: w.a.id });
    expect(JSON.stringify(a)).not.toContain("乙县");
  });
});

export type { CascadeWorld };
