import { describe, expect } from "vitest";

import {
  draft,
  inDays,
  makeTask,
  cascadeTest as test,
  type CascadeWorld,
} from "./cascade-world.ts";
import { outcome, refused, type Client } from "./harness.ts";

type Role =
  | "cityOffice"
  | "cityLeader"
  | "cityStaff"
  | "aOffice"
  | "aLeader"
  | "aStaff"
  | "aTownStaff"
  | "bOffice"
  | "bLeader"
  | "bStaff"
  | "admin";
const ROLES: Role[] = [
  "cityOffice",
  "cityLeader",
  "cityStaff",
  "aOffice",
  "aLeader",
  "aStaff",
  "aTownStaff",
  "bOffice",
  "bLeader",
  "bStaff",
  "admin",
];

/**
 * Every role's outcome of `call`, checked against `expected` (roles not named: NOT_FOUND). The
 * roles named `allowed` are run last, in order, so refusals are checked before the change.
 */
async function matrix(
  clients: Record<Role, Client>,
  call: (c: Client) => Promise<unknown>,
  expected: Partial<Record<Role, string>>,
) {
  const got: Partial<Record<Role, string>> = {};
  const order = [
    ...ROLES.filter((r) => expected[r] !== "OK"),
    ...ROLES.filter((r) => expected[r] === "OK"),
  ];
  for (const role of order) got[role] = await outcome(() => call(clients[role]));
  const want = Object.fromEntries(ROLES.map((r) => [r, expected[r] ?? "NOT_FOUND"]));
  expect(got).toEqual(want);
}

/** T (city) assigned to A and B; A decomposed into a1 (县科技局) and a2 (town) with sub-task s1. */
async function cascadeOf(
  w: CascadeWorld,
  c: Record<Role, Client>,
  db: Parameters<typeof makeTask>[0],
  title: string,
) {
  const t = await makeTask(db, w.cityPlan.id, w.cityDept.id, title);
  const { assignmentIds } = await c.cityOffice.cascade.assignTask.mutate({
    taskId: t.id,
    decomposeBy: inDays(10),
    targets: [{ jurisdictionId: w.a.id }, { jurisdictionId: w.b.id }],
  });
  const [toA, toB] = assignmentIds as [string, string];
  const { taskIds } = await c.aOffice.cascade.decompose.mutate({
    assignmentId: toA,
    version: 0,
    tasks: [draft(`${title}·县`, w.aDept.id), draft(`${title}·镇`, w.aTown.id)],
  });
  const [a1, a2] = taskIds as [string, string];
  const sub = await c.aOffice.cascade.addSubtasks.mutate({
    parentTaskId: a2,
    tasks: [draft(`${title}·镇·一`, w.aTown.id)],
  });
  return { t, toA, toB, a1, a2, s1: sub.taskIds[0]! };
}

/** A task's roll-up fields as stored (the triggers keep them in the writing transaction). */
const stored = async (db: Parameters<typeof makeTask>[0], id: string) =>
  db.task.findUniqueOrThrow({
    where: { id },
    select: { progress: true, status: true, derivedProgress: true, assignmentId: true },
  });

describe("层层分解: 下达, 分解, 细化 and the roll-up (issue #19)", () => {
  test("a three-level cascade rolls up by weight, without withdrawn or cancelled children", async ({
    world: w,
    clients: c,
    database: { db },
  }) => {
    const t = await makeTask(db, w.cityPlan.id, w.cityDept.id, "建设科技创新平台");
    // the city office assigns T to A (weight 2) and B (weight 1)
    const { assignmentIds } = await c.cityOffice.cascade.assignTask.mutate({
      taskId: t.id,
      decomposeBy: inDays(10),
      note: "请细化到乡镇",
      targets: [
        { jurisdictionId: w.a.id, weight: 2 },
        { jurisdictionId: w.b.id, weight: 1 },
      ],
    });
    const [toA, toB] = assignmentIds as [string, string];
    // both counties have one active plan: it is the target plan; T is derived, at 0 (pending = 0)
    expect(await stored(db, t.id)).toMatchObject({ derivedProgress: true, progress: 0 });
    const got = await c.aOffice.cascade.get.query({ assignmentId: toA });
    expect(got).toMatchObject({
      state: "PENDING",
      targetPlan: { id: w.aPlan.id },
      parentTask: { title: "建设科技创新平台", leadDepartment: "市科技局", progress: 0 },
      can: { decompose: true, update: false, withdraw: false },
      lateness: "pending",
    });
    // A decomposes into a1 (its 科技局, weight 1) and a2 (the town 鹿窝镇, weight 3)
    const dA = await c.aOffice.cascade.decompose.mutate({
      assignmentId: toA,
      version: got.version,
      tasks: [draft("县级平台建设", w.aDept.id, 1), draft("鹿窝镇孵化器", w.aTown.id, 3)],
    });
    const [a1, a2] = dA.taskIds as [string, string];
    // the town's task is broken down again (third level): s1 and s2, equal weights
    const { taskIds } = await c.aOffice.cascade.addSubtasks.mutate({
      parentTaskId: a2,
      tasks: [draft("孵化器选址", w.aTown.id), draft("孵化器招商", w.aTown.id)],
    });
    const [s1, s2] = taskIds as [string, string];
    expect(await stored(db, a2)).toMatchObject({ derivedProgress: true, progress: 0 });
    // the leaves' reviewed progress (as an approved report sets it): s1 40, s2 80, a1 30
    await db.task.update({ where: { id: s1 }, data: { progress: 40, status: "IN_PROGRESS" } });
    await db.task.update({ where: { id: s2 }, data: { progress: 80, status: "IN_PROGRESS" } });
    await db.task.update({ where: { id: a1 }, data: { progress: 30, status: "IN_PROGRESS" } });
    // a2 = (40 + 80) / 2 = 60; A = (1·30 + 3·60) / 4 = 52.5 → 53; T = (2·53 + 1·0) / 3 = 35.3 → 35
    expect((await stored(db, a2)).progress).toBe(60);
    expect((await db.assignment.findUniqueOrThrow({ where: { id: toA } })).progress).toBe(53);
    expect(await stored(db, t.id)).toMatchObject({ progress: 35, status: "IN_PROGRESS" });
    // B decomposes into b1 at 90: T = (2·53 + 1·90) / 3 = 65.3 → 65
    const gotB = await c.bOffice.cascade.get.query({ assignmentId: toB });
    const dB = await c.bOffice.cascade.decompose.mutate({
      assignmentId: toB,
      version: gotB.version,
      tasks: [draft("乙县平台建设", w.bDept.id)],
    });
    await db.task.update({ where: { id: dB.taskIds[0]! }, data: { progress: 90 } });
    expect((await stored(db, t.id)).progress).toBe(65);
    // A's office cancels s2: a2 = 40; A = (30 + 3·40) / 4 = 37.5 → 38; T = (2·38 + 90) / 3 = 55.3 → 55
    const s2Row = await db.task.findUniqueOrThrow({ where: { id: s2 } });
    await c.aOffice.task.setStatus.mutate({
      taskId: s2,
      version: s2Row.version,
      status: "CANCELLED",
    });
    expect((await stored(db, a2)).progress).toBe(40);
    expect((await stored(db, t.id)).progress).toBe(55);
    // the city re-weights A to 1: T = (38 + 90) / 2 = 64
    await c.cityOffice.cascade.update.mutate({ assignmentId: toA, version: 1, weight: 1 });
    expect((await stored(db, t.id)).progress).toBe(64);
    // A weights a1 at 3: A = (3·30 + 3·40) / 6 = 35; T = (35 + 90) / 2 = 62.5 → 63
    const a1Row = await db.task.findUniqueOrThrow({ where: { id: a1 } });
    await c.aOffice.cascade.setTaskWeight.mutate({ taskId: a1, version: a1Row.version, weight: 3 });
    expect((await db.assignment.findUniqueOrThrow({ where: { id: toA } })).progress).toBe(35);
    expect((await stored(db, t.id)).progress).toBe(63);
    // the tree as the city office reads it
    const tree = await c.cityOffice.cascade.taskTree.query({ taskId: t.id });
    expect(tree.rollup).toEqual({
      derived: true,
      progress: 63,
      liveChildren: 2,
      completedChildren: 0,
      weightSum: 2,
    });
    // the city withdraws B's: T = A's 35; b1 stays in B's plan, detached, with its 90
    const before = await db.auditEvent.count({ where: { action: "task.detach" } });
    const withdrawn = await c.cityOffice.cascade.withdraw.mutate({
      assignmentId: toB,
      version: 1,
      reason: "任务调整",
    });
    expect(withdrawn.detachedTaskIds).toEqual(dB.taskIds);
    expect(await stored(db, t.id)).toMatchObject({ progress: 35, derivedProgress: true });
    expect(await stored(db, dB.taskIds[0]!)).toMatchObject({ progress: 90, assignmentId: null });
    expect(await db.auditEvent.count({ where: { action: "task.detach" } })).toBe(before + 1);
    // everything live completes: a2 (s1 done, s2 cancelled) → COMPLETED 100, A → 100, T → COMPLETED
    await db.task.update({ where: { id: s1 }, data: { progress: 100, status: "COMPLETED" } });
    expect(await stored(db, a2)).toMatchObject({ progress: 100, status: "COMPLETED" });
    await db.task.update({ where: { id: a1 }, data: { progress: 100, status: "COMPLETED" } });
    expect((await db.assignment.findUniqueOrThrow({ where: { id: toA } })).progress).toBe(100);
    expect(await stored(db, t.id)).toMatchObject({ progress: 100, status: "COMPLETED" });
    // the per-unit counts the overviews read moved in the same transactions: T is the city plan's
    // only task of 市科技局 that this test made, and it counts as completed
    const rollup = await db.planUnitRollup.findUniqueOrThrow({
      where: { planId_departmentId: { planId: w.cityPlan.id, departmentId: w.cityDept.id } },
    });
    const completedTasks = await db.task.count({
      where: { planId: w.cityPlan.id, leadDepartmentId: w.cityDept.id, status: "COMPLETED" },
    });
    expect(rollup.completed).toBe(completedTasks);
    expect(completedTasks).toBeGreaterThanOrEqual(1);
    // a derived task's progress is never set directly: reopening T by hand (100 → 99) is refused
    const tRow = await db.task.findUniqueOrThrow({ where: { id: t.id } });
    const reopen = await refused(() =>
      c.cityOffice.task.setStatus.mutate({
        taskId: t.id,
        version: tRow.version,
        status: "IN_PROGRESS",
      }),
    );
    expect(reopen.code).toBe("BAD_REQUEST");
    expect(reopen.message).toContain("进度由下级汇总得出");
  });

  test("who may do what, for every role at every level (city, county A, county B, town unit)", async ({
    world: w,
    clients: c,
    database: { db },
  }) => {
    const { t, toA, toB, a1, s1 } = await cascadeOf(w, c, db, "权限矩阵");
    const version = async (id: string) =>
      (await db.assignment.findUniqueOrThrow({ where: { id } })).version;
    const taskVersion = async (id: string) =>
      (await db.task.findUniqueOrThrow({ where: { id } })).version;
    // reading an assignment: both offices, their leaders, and the city's users (a city reads its
    // counties); never a county's units, the other county or the system administrator
    const readers = {
      cityOffice: "OK",
      cityLeader: "OK",
      cityStaff: "OK",
      aOffice: "OK",
      aLeader: "OK",
    } as const;
    await matrix(c, (x) => x.cascade.get.query({ assignmentId: toA }), readers);
    await matrix(c, (x) => x.cascade.list.query({ jurisdictionId: w.a.id }), {
      ...readers,
      aStaff: "FORBIDDEN",
      aTownStaff: "FORBIDDEN",
    });
    // what the receiving county learns of the city's item: a summary, never the city's plan
    const seen = await c.aOffice.cascade.get.query({ assignmentId: toA });
    expect(Object.keys(seen.parentTask!).sort()).toEqual(
      [
        "dueDate",
        "id",
        "leadDepartment",
        "planTitle",
        "progress",
        "startDate",
        "status",
        "title",
      ].sort(),
    );
    await matrix(c, (x) => x.task.get.query({ taskId: t.id }), {
      cityOffice: "OK",
      cityLeader: "OK",
      cityStaff: "OK",
    });
    // the tree: a county task to the city and its county; the town's sub-task also to the town
    await matrix(c, (x) => x.cascade.taskTree.query({ taskId: a1 }), {
      ...readers,
      aStaff: "OK",
    });
    await matrix(c, (x) => x.cascade.taskTree.query({ taskId: s1 }), {
      ...readers,
      aTownStaff: "OK",
    });
    // the county office sees the chain up to the city's item, read-only; the town unit only its own
    const aTree = await c.aOffice.cascade.taskTree.query({ taskId: s1 });
    expect(aTree.ancestors.map((n) => [n.kind, n.readOnly])).toEqual([
      ["task", false],
      ["assignment", true],
      ["task", true],
    ]);
    expect(aTree.ancestors[2]).toMatchObject({ id: t.id, jurisdiction: { name: "测试市" } });
    const townTree = await c.aTownStaff.cascade.taskTree.query({ taskId: s1 });
    expect(townTree.ancestors.map((n) => n.kind)).toEqual(["task"]);
    expect(townTree.can).toEqual({ addSubtasks: false, setWeight: false, assign: false });
    // the options of the forms: the office only
    await matrix(
      c,
      (x) => x.cascade.options.query({ jurisdictionId: w.a.id }),
      Object.fromEntries(ROLES.map((r) => [r, r === "aOffice" ? "OK" : "FORBIDDEN"])),
    );
    const options = await c.cityOffice.cascade.options.query({ jurisdictionId: w.city.id });
    expect(options.children.map((j) => j.name)).toEqual(
      ["乙县", "甲县"].sort((p, q) => p.localeCompare(q)),
    );
    // 下达: the city office only
    const t2 = await makeTask(db, w.cityPlan.id, w.cityDept.id, "权限矩阵二");
    await matrix(
      c,
      (x) =>
        x.cascade.assignTask.mutate({
          taskId: t2.id,
          decomposeBy: inDays(5),
          targets: [{ jurisdictionId: w.a.id }],
        }),
      { cityOffice: "OK", cityLeader: "FORBIDDEN", cityStaff: "FORBIDDEN" },
    );
    // changing the assignment: the city office only; the receiving county may not
    const giverOnly = {
      cityOffice: "OK",
      cityLeader: "FORBIDDEN",
      cityStaff: "FORBIDDEN",
      aOffice: "FORBIDDEN",
      aLeader: "FORBIDDEN",
    } as const;
    const vA = await version(toA);
    await matrix(
      c,
      (x) => x.cascade.update.mutate({ assignmentId: toA, version: vA, weight: 2 }),
      giverOnly,
    );
    expect(await version(toA)).toBe(vA + 1);
    // decomposing: the receiving office only (B's here), not the city, not B's leader or units
    await matrix(
      c,
      (x) =>
        x.cascade.decompose.mutate({
          assignmentId: toB,
          version: 0,
          tasks: [draft("乙县承接", w.bDept.id)],
        }),
      {
        bOffice: "OK",
        bLeader: "FORBIDDEN",
        cityOffice: "FORBIDDEN",
        cityLeader: "FORBIDDEN",
        cityStaff: "FORBIDDEN",
      },
    );
    // breaking down and weighting a county task: that county's office only; the city reads it
    const countyOffice = {
      aOffice: "OK",
      aLeader: "FORBIDDEN",
      aStaff: "FORBIDDEN",
      cityOffice: "FORBIDDEN",
      cityLeader: "FORBIDDEN",
      cityStaff: "FORBIDDEN",
    } as const;
    await matrix(
      c,
      (x) => x.cascade.addSubtasks.mutate({ parentTaskId: a1, tasks: [draft("细化", w.aDept.id)] }),
      countyOffice,
    );
    const v1 = await taskVersion(s1);
    await matrix(c, (x) => x.cascade.setTaskWeight.mutate({ taskId: s1, version: v1, weight: 4 }), {
      ...countyOffice,
      aStaff: "NOT_FOUND",
      aTownStaff: "FORBIDDEN",
    });
    // the existing task routes refuse across levels too: a county never changes the city's item,
    // the city never changes a county's task, the other county sees neither
    const tv = await taskVersion(t.id);
    for (const who of ["aOffice", "aLeader", "bOffice", "aTownStaff"] as const) {
      expect(
        await outcome(() => c[who].task.update.mutate({ taskId: t.id, version: tv, title: "改" })),
      ).toBe("NOT_FOUND");
      expect(
        await outcome(() =>
          c[who].task.setStatus.mutate({ taskId: t.id, version: tv, status: "SUSPENDED" }),
        ),
      ).toBe("NOT_FOUND");
    }
    const av = await taskVersion(a1);
    for (const who of ["cityOffice", "cityLeader"] as const)
      expect(
        await outcome(() => c[who].task.update.mutate({ taskId: a1, version: av, title: "改" })),
      ).toBe("FORBIDDEN");
    expect(
      await outcome(() => c.bOffice.task.update.mutate({ taskId: a1, version: av, title: "改" })),
    ).toBe("NOT_FOUND");
    expect((await db.task.findUniqueOrThrow({ where: { id: t.id } })).title).toBe("权限矩阵");
    // withdrawing: the city office only
    const vA2 = await version(toA);
    await matrix(
      c,
      (x) => x.cascade.withdraw.mutate({ assignmentId: toA, version: vA2, reason: "调整" }),
      giverOnly,
    );
    expect((await db.assignment.findUniqueOrThrow({ where: { id: toA } })).state).toBe("WITHDRAWN");
  });

  test("assignIndicator + decompose: the shares roll up by SUM; guards refuse what breaks the tree", async ({
    world: w,
    clients: c,
    database: { db },
  }) => {
    const parent = await db.indicator.create({
      data: {
        planId: w.cityPlan.id,
        number: 1,
        name: "高新技术企业数",
        unit: "家",
        baselineYear: 2025,
        baselineValue: 100,
        targetYear: 2030,
        targetValue: 200,
      },
    });
    const bOwn = await db.indicator.create({
      data: {
        planId: w.bPlan.id,
        number: 1,
        name: "高企数量",
        unit: "家",
        baselineYear: 2025,
        targetYear: 2030,
      },
    });
    // 下达份额: the city office only (every other role is refused; the office's call runs last)
    await matrix(
      c,
      (x) =>
        x.cascade.assignIndicator.mutate({
          indicatorId: parent.id,
          decomposeBy: inDays(20),
          rollupRule: "SUM",
          targets: [
            { jurisdictionId: w.a.id, shareBaseline: 60, shareTarget: 120 },
            { jurisdictionId: w.b.id, shareBaseline: 40, shareTarget: 80 },
          ],
        }),
      { cityOffice: "OK", cityLeader: "FORBIDDEN", cityStaff: "FORBIDDEN" },
    );
    const given = await db.assignment.findMany({ where: { parentIndicatorId: parent.id } });
    expect(given).toHaveLength(2);
    const toA = given.find((a) => a.toJurisdictionId === w.a.id)!.id;
    const toB = given.find((a) => a.toJurisdictionId === w.b.id)!.id;
    // A: a new indicator carrying its share; B links its own
    const dA = await c.aOffice.cascade.decompose.mutate({ assignmentId: toA, version: 0 });
    const dB = await c.bOffice.cascade.decompose.mutate({
      assignmentId: toB,
      version: 0,
      indicatorId: bOwn.id,
    });
    expect(dB.indicatorId).toBe(bOwn.id);
    const aInd = await db.indicator.findUniqueOrThrow({ where: { id: dA.indicatorId! } });
    expect(aInd).toMatchObject({
      planId: w.aPlan.id,
      name: "高新技术企业数",
      baselineValue: 60,
      targetValue: 120,
    });
    // each county reports its own value for 2026Q3: 75 and 50; the city's roll-up is their sum
    await db.indicatorObservation.create({
      data: { indicatorId: aInd.id, period: "2026Q3", value: 75 },
    });
    await db.indicatorObservation.create({
      data: { indicatorId: bOwn.id, period: "2026Q3", value: 50 },
    });
    const shares = await c.cityOffice.district.indicatorShares.query({
      indicatorId: parent.id,
      asOf: "2026-12-31",
    });
    expect(shares.children.map((x) => [x.jurisdiction.name, x.shareTarget, x.indicatorId])).toEqual(
      expect.arrayContaining([
        ["甲县", 120, aInd.id],
        ["乙县", 80, bOwn.id],
      ]),
    );
    // 75 + 50 = 125
    expect(shares.total.find((r) => r.period === "2026Q3")?.value).toBe(125);
    // a county reading the city's shares is refused (it does not read the city's plan)
    expect(
      await outcome(() => c.aOffice.district.indicatorShares.query({ indicatorId: parent.id })),
    ).toBe("NOT_FOUND");
    // guards: not a direct child, the same child twice, another county's plan, a past deadline
    const t = await makeTask(db, w.cityPlan.id, w.cityDept.id, "守卫");
    const assign = (
      targets: Array<{ jurisdictionId: string; targetPlanId?: string }>,
      decomposeBy = inDays(3),
    ) =>
      refused(() => c.cityOffice.cascade.assignTask.mutate({ taskId: t.id, decomposeBy, targets }));
    expect((await assign([{ jurisdictionId: w.x.id }])).message).toContain("直接下级");
    expect((await assign([{ jurisdictionId: w.a.id, targetPlanId: w.bPlan.id }])).code).toBe(
      "BAD_REQUEST",
    );
    expect((await assign([{ jurisdictionId: w.a.id }], "2026-01-05")).message).toContain(
      "分解时限",
    );
    const {
      assignmentIds: [toA2],
    } = await c.cityOffice.cascade.assignTask.mutate({
      taskId: t.id,
      decomposeBy: inDays(3),
      targets: [{ jurisdictionId: w.a.id }],
    });
    expect((await assign([{ jurisdictionId: w.a.id }])).code).toBe("CONFLICT");
    // decomposing with units that are not the county's (the city's, the other county's): refused
    for (const unit of [w.cityDept.id, w.bDept.id])
      expect(
        (
          await refused(() =>
            c.aOffice.cascade.decompose.mutate({
              assignmentId: toA2!,
              version: 0,
              tasks: [draft("x", unit)],
            }),
          )
        ).code,
      ).toBe("BAD_REQUEST");
    expect(
      (
        await refused(() =>
          c.aOffice.cascade.decompose.mutate({ assignmentId: toA2!, version: 0, tasks: [] }),
        )
      ).code,
    ).toBe("BAD_REQUEST");
    // the database itself: a sub-task in another plan, a cycle, a derived progress written by hand
    const { taskIds } = await c.aOffice.cascade.decompose.mutate({
      assignmentId: toA2!,
      version: 0,
      tasks: [draft("县任务", w.aDept.id)],
    });
    const { taskIds: subs } = await c.aOffice.cascade.addSubtasks.mutate({
      parentTaskId: taskIds[0]!,
      tasks: [draft("镇任务", w.aTown.id)],
    });
    await expect(
      db.task.update({
        where: { id: subs[0]! },
        data: {
          parentTaskId: null,
          assignmentId: null,
          planId: w.bPlan.id,
          leadDepartmentId: w.bDept.id,
        },
      }),
    ).resolves.toBeTruthy();
    await expect(
      db.task.update({ where: { id: subs[0]! }, data: { parentTaskId: taskIds[0]! } }),
    ).rejects.toThrow(/subtask-plan/);
    await expect(db.task.update({ where: { id: t.id }, data: { progress: 50 } })).rejects.toThrow(
      /derived-progress/,
    );
  });

  test("the 待分解 inbox, the late flag and the messages between the offices", async ({
    world: w,
    clients: c,
    database: { db },
  }) => {
    const t = await makeTask(db, w.cityPlan.id, w.cityDept.id, "逾期未分解事项");
    const { assignmentIds } = await c.cityOffice.cascade.assignTask.mutate({
      taskId: t.id,
      decomposeBy: inDays(2),
      note: "请按期分解",
      targets: [{ jurisdictionId: w.a.id }],
    });
    const id = assignmentIds[0]!;
    // A's office is told, in its inbox and by mail, with a link to the assignment
    const inbox = await c.aOffice.inbox.list.query({ page: 1, pageSize: 50 });
    const message = inbox.items.find((m) => m.kind === "cascade-assigned" && m.entityId === id);
    expect(message).toMatchObject({ entityType: "Assignment", title: "【下达】逾期未分解事项" });
    expect(inbox.pendingAssignments.find((p) => p.id === id)).toMatchObject({
      lateness: "pending",
      href: `/assignments?assignment=${id}`,
    });
    expect(
      await db.notification.count({
        where: { kind: "cascade-assigned", recipientEmail: "office@a.test" },
      }),
    ).toBeGreaterThanOrEqual(1);
    // nobody else in A (leaders, units) and nobody in B gets it in the inbox
    for (const who of ["aLeader", "aStaff", "bOffice"] as const) {
      const other = await c[who].inbox.list.query({ page: 1, pageSize: 50 });
      expect(other.items.some((m) => m.entityId === id)).toBe(false);
      expect(other.pendingAssignments).toEqual([]);
    }
    // the deadline passes (set back in the database): late for A and for the city
    await db.assignment.update({
      where: { id },
      data: { decomposeBy: new Date("2026-02-01T00:00:00Z") },
    });
    const received = await c.aOffice.cascade.list.query({
      jurisdictionId: w.a.id,
      state: "PENDING",
    });
    expect(received.items.find((i) => i.id === id)?.lateness).toBe("late");
    const given = await c.cityOffice.cascade.list.query({
      jurisdictionId: w.city.id,
      direction: "given",
    });
    expect(given.items.find((i) => i.id === id)?.lateness).toBe("late");
    expect(
      (await c.aOffice.inbox.list.query({ page: 1, pageSize: 5 })).pendingAssignments.find(
        (p) => p.id === id,
      )?.lateness,
    ).toBe("late");
    // decomposed after the deadline: decomposed-late; the city office is told; the inbox item goes
    await c.aOffice.cascade.decompose.mutate({
      assignmentId: id,
      version: 0,
      tasks: [draft("补分解", w.aTown.id)],
    });
    expect((await c.cityOffice.cascade.get.query({ assignmentId: id })).lateness).toBe(
      "decomposed-late",
    );
    const cityInbox = await c.cityOffice.inbox.list.query({ page: 1, pageSize: 50 });
    expect(cityInbox.items.find((m) => m.entityId === id)?.title).toBe("【已分解】逾期未分解事项");
    expect(
      (await c.aOffice.inbox.list.query({ page: 1, pageSize: 5 })).pendingAssignments.some(
        (p) => p.id === id,
      ),
    ).toBe(false);
    expect(
      await db.auditEvent.count({ where: { entityId: id, action: { startsWith: "assignment." } } }),
    ).toBe(2);
  });
});
