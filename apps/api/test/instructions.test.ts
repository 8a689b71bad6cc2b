// 领导批示 over HTTP (issue #17 step 5): a leader writes on a task, a ledger entry or an indicator;
// the office and the unit concerned hear of it (outbox + inbox); everyone else is refused and
// nothing is written; the office turns an instruction into one tracked follow-up item.
import { describe, expect } from "vitest";

import type { Db } from "@duban/db";
import { addDays, shanghaiDay } from "@duban/domain";

import { loginAs, outcome, refused, type Client } from "./harness.ts";
import { test, type World } from "./served-world.ts";
import { PASSWORD } from "./world.ts";

type Who =
  | "officeA"
  | "leaderA"
  | "staffLead"
  | "staffSupport"
  | "staffOther"
  | "leaderCity"
  | "leaderB"
  | "officeB";
const EMAIL: Record<Who, string> = {
  officeA: "office@a.test",
  leaderA: "leader@a.test",
  staffLead: "lead@a.test",
  staffSupport: "support@a.test",
  staffOther: "other@a.test",
  leaderCity: "leader@city.test",
  leaderB: "leader@b.test",
  officeB: "office@b.test",
};

/** Signed-in clients, an entry of D2 on T1, an indicator D3 is responsible for; plan A runs to 2030 (follow-ups start today). */
async function setUp(api: Parameters<typeof loginAs>[0], world: World, db: Db) {
  const leaderB = await db.user.create({
    data: {
      email: EMAIL.leaderB,
      name: "乙县领导",
      passwordHash: (await db.user.findUniqueOrThrow({ where: { email: EMAIL.leaderA } }))
        .passwordHash,
    },
  });
  await db.membership.create({
    data: { userId: leaderB.id, jurisdictionId: world.b.id, role: "LEADER" },
  });
  await db.user.update({ where: { email: EMAIL.leaderA }, data: { name: "张县长" } });
  await db.plan.update({ where: { id: world.planId }, data: { periodEnd: 2030 } });
  const c = {} as Record<Who, Client>;
  for (const who of Object.keys(EMAIL) as Who[]) c[who] = await loginAs(api, EMAIL[who], PASSWORD);
  const entry = await c.staffSupport.ledger.submit.mutate({
    taskId: world.t1,
    cycleId: world.cycleId,
    progressText: "配合推进",
    percentComplete: 20,
    status: "IN_PROGRESS",
  });
  const indicator = await db.indicator.findFirstOrThrow({
    where: { planId: world.planId },
    orderBy: { number: "asc" },
  });
  await db.indicator.update({
    where: { id: indicator.id },
    data: { responsibleDepartmentId: world.d3.id },
  });
  return { c, entryId: entry.id, indicatorId: indicator.id };
}

let setup: Promise<Awaited<ReturnType<typeof setUp>>> | undefined;
const ready = (api: Parameters<typeof loginAs>[0], world: World, db: Db) =>
  (setup ??= setUp(api, world, db));

const userId = (db: Db, who: Who) =>
  db.user.findUniqueOrThrow({ where: { email: EMAIL[who] } }).then((u) => u.id);

/** who got mail and inbox messages for one instruction */
async function told(db: Db, instructionId: string) {
  const mails = await db.notification.findMany({
    where: { kind: "instruction", dedupeKey: { startsWith: `instruction:${instructionId}:` } },
  });
  const inbox = await db.inboxMessage.findMany({
    where: { kind: "instruction", dedupeKey: { startsWith: `instruction:${instructionId}:` } },
    include: { user: { select: { email: true } } },
  });
  return {
    mails: mails.map((m) => m.recipientEmail).sort(),
    inbox: inbox.map((m) => m.user.email).sort(),
    payloads: mails.map((m) => m.payload as Record<string, unknown>),
    inboxRows: inbox,
  };
}

describe("领导批示: leaders' instructions", () => {
  test("a leader instructs on a task: the instruction, its audit event, mail and inbox for the office and the lead unit", async ({
    api,
    world,
    database,
  }) => {
    const db = database.db;
    const { c } = await ready(api, world, db);
    const { instructionId } = await c.leaderA.instruction.write.mutate({
      target: "TASK",
      taskId: world.t1,
      text: "  请加快推进，月底前报进展  ",
    });
    const row = await db.instruction.findUniqueOrThrow({ where: { id: instructionId } });
    expect(row).toMatchObject({
      target: "TASK",
      taskId: world.t1,
      ledgerEntryId: null,
      indicatorId: null,
      jurisdictionId: world.a.id,
      text: "请加快推进，月底前报进展",
      authorId: await userId(db, "leaderA"),
    });
    const audit = await db.auditEvent.findMany({
      where: { action: "instruction.write", entityId: instructionId },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorUserId).toBe(await userId(db, "leaderA"));
    const t = await told(db, instructionId);
    // the office, the lead unit's staff and its contact mailbox; not the supporting unit, not the leader
    expect(t.mails).toEqual(["d1@a.test", "lead@a.test", "office@a.test"]);
    expect(t.inbox).toEqual(["lead@a.test", "office@a.test"]);
    expect(t.payloads[0]).toMatchObject({
      target: "TASK",
      taskId: world.t1,
      taskTitle: "任务一",
      leaderName: "张县长",
      text: "请加快推进，月底前报进展",
    });
    expect(t.inboxRows[0]!.taskId).toBe(world.t1);
    // everyone who sees the task sees it
    for (const who of ["officeA", "leaderA", "staffLead", "staffSupport", "leaderCity"] as const) {
      const list = await c[who].instruction.list.query({ taskId: world.t1 });
      expect(
        list.map((i) => i.id),
        who,
      ).toContain(instructionId);
      expect(list.find((i) => i.id === instructionId)!.author.name).toBe("张县长");
    }
    expect(await outcome(() => c.staffOther.instruction.list.query({ taskId: world.t1 }))).toBe(
      "NOT_FOUND",
    );
    expect(await outcome(() => c.officeB.instruction.list.query({ taskId: world.t1 }))).toBe(
      "NOT_FOUND",
    );
  });

  test("on a ledger entry: the reporting unit and the office are told; a supporting unit's entry is its own to read", async ({
    api,
    world,
    database,
  }) => {
    const db = database.db;
    const { c, entryId } = await ready(api, world, db);
    const { instructionId } = await c.leaderA.instruction.write.mutate({
      target: "LEDGER_ENTRY",
      ledgerEntryId: entryId,
      text: "配合单位要主动对接",
    });
    const row = await db.instruction.findUniqueOrThrow({ where: { id: instructionId } });
    expect(row).toMatchObject({ target: "LEDGER_ENTRY", taskId: world.t1, ledgerEntryId: entryId });
    const t = await told(db, instructionId);
    expect(t.mails).toEqual(["d2@a.test", "office@a.test", "support@a.test"]);
    expect(t.inbox).toEqual(["office@a.test", "support@a.test"]);
    expect(t.payloads[0]).toMatchObject({ target: "LEDGER_ENTRY", period: "2025Q4" });
    // on the task's list for those who see the entry (the lead unit sees every report on its task)
    for (const who of ["staffSupport", "staffLead", "officeA"] as const) {
      const list = await c[who].instruction.list.query({ taskId: world.t1 });
      const found = list.find((i) => i.id === instructionId);
      expect(found?.ledgerEntry?.period, who).toBe("2025Q4");
    }
  });

  test("on an indicator: the responsible unit and the office are told; staff of other units do not see it", async ({
    api,
    world,
    database,
  }) => {
    const db = database.db;
    const { c, indicatorId } = await ready(api, world, db);
    const { instructionId } = await c.leaderA.instruction.write.mutate({
      target: "INDICATOR",
      indicatorId,
      text: "该指标要确保完成",
    });
    const row = await db.instruction.findUniqueOrThrow({ where: { id: instructionId } });
    expect(row).toMatchObject({ target: "INDICATOR", taskId: null, indicatorId });
    const t = await told(db, instructionId);
    expect(t.mails).toEqual(["d3@a.test", "office@a.test", "other@a.test"]);
    expect(t.inbox).toEqual(["office@a.test", "other@a.test"]);
    // the inbox message opens the indicator (/indicators?indicator=<id>)
    expect(t.inboxRows.map((r) => [r.entityType, r.entityId, r.taskId])).toEqual([
      ["Indicator", indicatorId, null],
      ["Indicator", indicatorId, null],
    ]);
    const ids = async (who: Who) =>
      (await c[who].instruction.list.query({ indicatorId })).map((i) => i.id);
    expect(await ids("staffOther")).toEqual([instructionId]);
    expect(await ids("officeA")).toEqual([instructionId]);
    expect(await ids("leaderCity")).toEqual([instructionId]);
    expect(await ids("staffLead")).toEqual([]);
    // the plan's list: staff of D3 see the indicator's instruction, not those on T1 (not their task)
    const planList = await c.staffOther.instruction.list.query({ planId: world.planId });
    expect(planList.map((i) => i.id)).toContain(instructionId);
    expect(planList.every((i) => i.task?.id !== world.t1)).toBe(true);
    expect(await outcome(() => c.leaderB.instruction.list.query({ indicatorId }))).toBe(
      "NOT_FOUND",
    );
  });

  test("the office, staff and the city's readers are refused in Chinese; another county's leader finds nothing; nothing is written", async ({
    api,
    world,
    database,
  }) => {
    const db = database.db;
    const { c, entryId, indicatorId } = await ready(api, world, db);
    const targets = [
      { target: "TASK" as const, taskId: world.t1, text: "批示" },
      { target: "LEDGER_ENTRY" as const, ledgerEntryId: entryId, text: "批示" },
      { target: "INDICATOR" as const, indicatorId, text: "批示" },
    ];
    const before = {
      instructions: await db.instruction.count(),
      audit: await db.auditEvent.count(),
      mails: await db.notification.count(),
      inbox: await db.inboxMessage.count(),
    };
    for (const input of targets) {
      for (const who of ["officeA", "staffLead", "staffSupport", "leaderCity"] as const) {
        const r = await refused(() => c[who].instruction.write.mutate(input));
        expect(r.code, `${who} on ${input.target}`).toBe("FORBIDDEN");
        expect(r.message).toContain("只有本级领导可以作出批示");
      }
      const foreign = await refused(() => c.leaderB.instruction.write.mutate(input));
      expect(foreign.code, `leaderB on ${input.target}`).toBe("NOT_FOUND");
    }
    // staff of another unit cannot see T1 at all
    expect((await refused(() => c.staffOther.instruction.write.mutate(targets[0]!))).code).toBe(
      "NOT_FOUND",
    );
    expect(
      (
        await refused(() =>
          c.leaderA.instruction.write.mutate({ target: "TASK", taskId: world.t1, text: "   " }),
        )
      ).code,
    ).toBe("BAD_REQUEST");
    expect({
      instructions: await db.instruction.count(),
      audit: await db.auditEvent.count(),
      mails: await db.notification.count(),
      inbox: await db.inboxMessage.count(),
    }).toEqual(before);
  });

  test("a leader still changes nothing else", async ({ api, world, database }) => {
    const db = database.db;
    const { c } = await ready(api, world, db);
    const t1 = await db.task.findUniqueOrThrow({ where: { id: world.t1 } });
    const attempts = [
      () => c.leaderA.task.update.mutate({ taskId: world.t1, version: t1.version, title: "改" }),
      () =>
        c.leaderA.task.setStatus.mutate({
          taskId: world.t1,
          version: t1.version,
          status: "SUSPENDED",
        }),
      () =>
        c.leaderA.item.register.mutate({
          planId: world.planId,
          title: "领导自行立项",
          source: "OTHER",
          leadDepartmentId: world.d1.id,
          startDate: "2025-01-01",
          dueDate: "2025-12-31",
        }),
    ];
    for (const call of attempts) expect(await outcome(call)).toBe("FORBIDDEN");
    const mine = await c.leaderA.instruction.write.mutate({
      target: "TASK",
      taskId: world.t1,
      text: "只批示，不改动",
    });
    expect(
      await outcome(() =>
        c.leaderA.instruction.followUp.mutate({
          instructionId: mine.instructionId,
          planId: world.planId,
          title: "跟进",
          leadDepartmentId: world.d1.id,
          dueDate: "2027-06-30",
        }),
      ),
    ).toBe("FORBIDDEN");
  });

  test("the office turns an instruction into one tracked follow-up; a second is refused, two at once make one", async ({
    api,
    world,
    database,
  }) => {
    const db = database.db;
    const { c } = await ready(api, world, db);
    const { instructionId } = await c.leaderA.instruction.write.mutate({
      target: "TASK",
      taskId: world.t2,
      text: "农业项目要专人跟踪督办",
    });
    const today = shanghaiDay(new Date());
    const due = addDays(today, 60);
    const input = {
      instructionId,
      planId: world.planId,
      title: "落实领导批示：农业项目专人跟踪",
      leadDepartmentId: world.d3.id,
      supportingDepartmentIds: [world.d1.id],
      dueDate: due,
    };
    // staff and leaders may not; a due date in the past is refused
    expect(await outcome(() => c.staffOther.instruction.followUp.mutate(input))).toBe("FORBIDDEN");
    expect(
      (
        await refused(() =>
          c.officeA.instruction.followUp.mutate({ ...input, dueDate: addDays(today, -1) }),
        )
      ).message,
    ).toContain("完成时限不能早于今天");
    const { taskId } = await c.officeA.instruction.followUp.mutate(input);
    const task = await db.task.findUniqueOrThrow({
      where: { id: taskId },
      include: { supportingDepartments: true },
    });
    expect(task).toMatchObject({
      source: "LEADER_INSTRUCTION",
      instructionId,
      sourceNote: "农业项目要专人跟踪督办",
      sourceNodeId: null,
      leadDepartmentId: world.d3.id,
      acknowledgedAt: null,
      status: "NOT_STARTED",
    });
    expect(task.dueDate.toISOString().slice(0, 10)).toBe(due);
    expect(task.originalDueDate.toISOString().slice(0, 10)).toBe(due);
    expect(task.startDate.toISOString().slice(0, 10)).toBe(today);
    expect(task.supportingDepartments.map((s) => s.departmentId)).toEqual([world.d1.id]);
    expect(
      await db.auditEvent.count({
        where: { action: "instruction.followUp", entityId: instructionId },
      }),
    ).toBe(1);
    expect(
      await db.auditEvent.count({ where: { action: "task.register", entityId: taskId } }),
    ).toBe(1);
    // the units are told it was assigned; it is in the lead unit's list, 待签收
    const assigned = await db.notification.findMany({
      where: { kind: "task-assigned", dedupeKey: { startsWith: `task:${taskId}:` } },
    });
    expect(assigned.map((m) => m.recipientEmail).sort()).toEqual(
      ["d1@a.test", "d3@a.test", "lead@a.test", "other@a.test"].sort(),
    );
    const mine = await c.staffOther.task.list.query({ planId: world.planId, pageSize: 200 });
    expect(mine.items.find((t) => t.id === taskId)?.source).toBe("LEADER_INSTRUCTION");
    const got = await c.staffOther.task.get.query({ taskId });
    expect(got.acknowledgedAt).toBeNull();
    // the instruction shows its follow-up
    const [listed] = await c.leaderA.instruction.list.query({ taskId: world.t2 });
    expect(listed!.followUp).toMatchObject({ id: taskId, dueDate: due });
    // a second follow-up: refused, nothing written
    const tasks = await db.task.count();
    const second = await refused(() => c.officeA.instruction.followUp.mutate(input));
    expect(second.code).toBe("CONFLICT");
    expect(second.message).toContain("已转为督办事项");
    expect(await db.task.count()).toBe(tasks);

    // two offices at once on a fresh instruction: exactly one follow-up
    const fresh = await c.leaderA.instruction.write.mutate({
      target: "TASK",
      taskId: world.t2,
      text: "再次批示",
    });
    const office2 = await loginAs(api, EMAIL.officeA, PASSWORD);
    const results = await Promise.all(
      [c.officeA, office2].map((client) =>
        outcome(() =>
          client.instruction.followUp.mutate({
            ...input,
            instructionId: fresh.instructionId,
          }),
        ),
      ),
    );
    expect(results.sort()).toEqual(["CONFLICT", "OK"]);
    expect(await db.task.count({ where: { instructionId: fresh.instructionId } })).toBe(1);
    expect(
      await db.auditEvent.count({
        where: { action: "instruction.followUp", entityId: fresh.instructionId },
      }),
    ).toBe(1);
  });

  test("a follow-up in a plan of another county, or to a unit of another county, is refused", async ({
    api,
    world,
    database,
  }) => {
    const db = database.db;
    const { c } = await ready(api, world, db);
    const { instructionId } = await c.leaderA.instruction.write.mutate({
      target: "TASK",
      taskId: world.t1,
      text: "第三条批示",
    });
    const input = {
      instructionId,
      planId: world.planId,
      title: "跟进",
      leadDepartmentId: world.bDept.id,
      dueDate: addDays(shanghaiDay(new Date()), 30),
    };
    const tasks = await db.task.count();
    const r = await refused(() => c.officeA.instruction.followUp.mutate(input));
    expect(r.code).toBe("BAD_REQUEST");
    expect(r.message).toContain("所选单位不属于本级或已停用");
    // another county's office does not even find the instruction
    expect(
      await outcome(() =>
        c.officeB.instruction.followUp.mutate({ ...input, leadDepartmentId: world.d1.id }),
      ),
    ).toBe("NOT_FOUND");
    expect(await db.task.count()).toBe(tasks);
  });
});
