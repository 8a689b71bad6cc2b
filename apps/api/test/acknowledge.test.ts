// 签收 and 退回 over HTTP (issue #17 step 1), the office's reassignment restarting 交办, and the
// 签收 reminder of the due-soon job.
import { describe, expect } from "vitest";

import { addDays, shanghaiDay, shanghaiMidnight } from "@duban/domain";
import { runJob, type JobContext } from "@duban/jobs";
import { createLogger } from "@duban/logger";

import { loginAs, refused, type Api, type Client } from "./harness.ts";
import { test } from "./served-world.ts";
import { PASSWORD } from "./world.ts";

const version = async (db: JobContext["db"], id: string) =>
  (await db.task.findUniqueOrThrow({ where: { id } })).version;

/** Signs in each address, in order: one client per user. */
async function logins<const T extends readonly string[]>(
  api: Api,
  emails: T,
): Promise<{ [K in keyof T]: Client }> {
  const out: Client[] = [];
  for (const e of emails) out.push(await loginAs(api, e, PASSWORD));
  return out as { [K in keyof T]: Client };
}

describe("签收 (acknowledge) and 退回 (decline)", () => {
  test("only the lead unit acknowledges, once; everyone else is refused and nothing is written", async ({
    api,
    world,
    database: { db },
  }) => {
    const [lead, support, office, leader, other] = await logins(api, [
      "lead@a.test",
      "support@a.test",
      "office@a.test",
      "leader@a.test",
      "other@a.test",
    ] as const);
    const before = await db.auditEvent.count();
    const v = await version(db, world.t1);
    for (const c of [support, office, leader]) {
      const r = await refused(() => c.task.acknowledge.mutate({ taskId: world.t1, version: v }));
      expect(r.code).toBe("FORBIDDEN");
      expect(r.message).toContain("只有牵头单位的工作人员可以签收任务");
    }
    // another unit does not even see the task
    expect(
      (await refused(() => other.task.acknowledge.mutate({ taskId: world.t1, version: v }))).code,
    ).toBe("NOT_FOUND");
    expect(await db.auditEvent.count()).toBe(before);
    expect(
      (await db.task.findUniqueOrThrow({ where: { id: world.t1 } })).acknowledgedAt,
    ).toBeNull();

    const done = await lead.task.acknowledge.mutate({ taskId: world.t1, version: v });
    expect(done.version).toBe(v + 1);
    const task = await db.task.findUniqueOrThrow({ where: { id: world.t1 } });
    expect(task.acknowledgedAt).not.toBeNull();
    expect(task.acknowledgedById).toBe(world.users.staffLead.id);
    const again = await refused(() =>
      lead.task.acknowledge.mutate({ taskId: world.t1, version: v + 1 }),
    );
    expect(again.code).toBe("BAD_REQUEST");
    expect(again.message).toContain("无需重复签收");
    expect(
      await db.auditEvent.count({ where: { action: "task.acknowledge", entityId: world.t1 } }),
    ).toBe(1);
    // the drawer shows it
    const got = await lead.task.get.query({ taskId: world.t1 });
    expect(got).toMatchObject({ acknowledgedAt: expect.any(Date) });
  });

  test("two acknowledgements at once: one passes, the other is told it is done", async ({
    api,
    world,
    database: { db },
  }) => {
    const other = await loginAs(api, "other@a.test", PASSWORD);
    await db.task.update({ where: { id: world.t2 }, data: { acknowledgedAt: null } });
    const v = await version(db, world.t2);
    const results = await Promise.allSettled([
      other.task.acknowledge.mutate({ taskId: world.t2, version: v }),
      other.task.acknowledge.mutate({ taskId: world.t2, version: v }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(
      await db.auditEvent.count({ where: { action: "task.acknowledge", entityId: world.t2 } }),
    ).toBe(1);
    await db.task.update({ where: { id: world.t2 }, data: { acknowledgedAt: null } });
  });

  test("退回: a reassignment request the office sees and is told about; not once acknowledged; not twice", async ({
    api,
    world,
    database: { db },
  }) => {
    const [other, office, lead] = await logins(api, [
      "other@a.test",
      "office@a.test",
      "lead@a.test",
    ] as const);
    const v = await version(db, world.t2);
    const { requestId } = await other.task.decline.mutate({
      taskId: world.t2,
      version: v,
      reason: "该任务属于市场监管职责",
      proposedDepartmentId: world.d2.id,
    });
    const listed = await office.changeRequest.list.query({
      planId: world.planId,
      taskId: world.t2,
    });
    expect(listed.items).toEqual([
      expect.objectContaining({
        id: requestId,
        kind: "REASSIGNMENT",
        declined: true,
        state: "PENDING",
        reason: "该任务属于市场监管职责",
        proposedDepartmentName: "市场监督管理局",
      }),
    ]);
    const mail = await db.notification.findMany({ where: { kind: "change-request" } });
    expect(mail.map((m) => m.recipientEmail)).toEqual(["office@a.test"]);
    expect(mail[0]!.payload).toMatchObject({ declined: true, awaiting: "office" });
    expect(
      await db.inboxMessage.count({
        where: { userId: world.users.officeA.id, kind: "change-request", entityId: requestId },
      }),
    ).toBe(1);
    expect(
      await db.auditEvent.count({ where: { action: "task.decline", entityId: requestId } }),
    ).toBe(1);
    // a second decline while the first is open
    const twice = await refused(() =>
      other.task.decline.mutate({ taskId: world.t2, version: v + 1, reason: "再次退回" }),
    );
    expect(twice.code).toBe("CONFLICT");
    expect(twice.message).toContain("已有待审批");
    // an acknowledged task is not declined
    const t1v = await version(db, world.t1);
    const late = await refused(() =>
      lead.task.decline.mutate({ taskId: world.t1, version: t1v, reason: "不属于本单位" }),
    );
    expect(late.code).toBe("BAD_REQUEST");
    expect(late.message).toContain("已签收");

    // the office gives the task to the unit suggested: it is 待签收 there and its staff are told
    await office.changeRequest.decide.mutate({
      requestId,
      version: 0,
      approve: true,
      comment: "同意调整",
      leadDepartmentId: world.d2.id,
      supportingDepartmentIds: [],
    });
    const t2 = await db.task.findUniqueOrThrow({ where: { id: world.t2 } });
    expect(t2).toMatchObject({ leadDepartmentId: world.d2.id, acknowledgedAt: null });
    expect(
      await db.inboxMessage.count({
        where: { userId: world.users.staffSupport.id, kind: "task-assigned", taskId: world.t2 },
      }),
    ).toBe(1);
    expect(
      await db.inboxMessage.count({
        where: { userId: world.users.staffOther.id, kind: "change-request-decided" },
      }),
    ).toBe(1);
  });

  test("the office's reassignment restarts 交办: 待签收 for the new unit, which is told", async ({
    api,
    world,
    database: { db },
  }) => {
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const before = await db.task.findUniqueOrThrow({ where: { id: world.t1 } });
    expect(before.acknowledgedAt).not.toBeNull();
    await office.task.reassign.mutate({
      taskId: world.t1,
      version: before.version,
      leadDepartmentId: world.d3.id,
      supportingDepartmentIds: [world.d2.id],
      reason: "职能调整",
    });
    const after = await db.task.findUniqueOrThrow({ where: { id: world.t1 } });
    expect(after.acknowledgedAt).toBeNull();
    expect(after.assignedAt.getTime()).toBeGreaterThan(before.assignedAt.getTime());
    const messages = await db.inboxMessage.findMany({
      where: { kind: "task-assigned", taskId: world.t1 },
    });
    expect(messages.map((m) => m.userId)).toEqual([world.users.staffOther.id]);
    const mail = await db.notification.findMany({
      where: { kind: "task-assigned", payload: { path: ["taskId"], equals: world.t1 } },
    });
    expect(mail.map((m) => m.recipientEmail).sort()).toEqual(["d3@a.test", "other@a.test"]);
    expect(mail[0]!.payload).toMatchObject({ reassigned: true, taskTitle: "任务一" });
  });

  test("the due-soon job reminds lead units of tasks unacknowledged after the working days, once a day", async ({
    world,
    database: { db },
  }) => {
    const today = shanghaiDay(new Date());
    // t1 (now led by 农业农村局) waited two weeks; t2 (市场监管局) was assigned today
    await db.task.update({
      where: { id: world.t1 },
      data: { assignedAt: shanghaiMidnight(addDays(today, -14)), acknowledgedAt: null },
    });
    const ctx: JobContext = {
      db,
      log: createLogger("test", { level: "silent" }),
      config: { baseUrl: "https://duban.example.gov.cn", sender: { concurrency: 1 } },
      dispatch: async () => {},
    };
    const first = await runJob(ctx, "due-soon-reminders", { trigger: "test" });
    expect(first.summary).toMatchObject({ unacknowledged: 1, acknowledgeRecipients: 2 });
    expect(first.byJurisdiction?.[world.a.id]).toMatchObject({ unacknowledged: 1 });
    const rows = await db.notification.findMany({ where: { kind: "acknowledge-reminder" } });
    expect(rows.map((r) => r.recipientEmail).sort()).toEqual(["d3@a.test", "other@a.test"]);
    const payload = rows[0]!.payload as {
      items: Array<{ taskId: string; workingDaysWaiting: number }>;
    };
    expect(payload.items.map((i) => i.taskId)).toEqual([world.t1]);
    expect(payload.items[0]!.workingDaysWaiting).toBe(10);
    expect(
      await db.inboxMessage.count({
        where: { userId: world.users.staffOther.id, kind: "acknowledge-reminder" },
      }),
    ).toBe(1);
    // the same day again: nothing new
    await runJob(ctx, "due-soon-reminders", { trigger: "test" });
    expect(await db.notification.count({ where: { kind: "acknowledge-reminder" } })).toBe(2);
    // with 20 working days allowed, nothing is due yet
    await db.supervisionSettings.create({
      data: { jurisdictionId: world.a.id, acknowledgeWorkingDays: 20 },
    });
    const relaxed = await runJob(ctx, "due-soon-reminders", { trigger: "test", dryRun: true });
    expect(relaxed.summary).toMatchObject({ unacknowledged: 0 });
  });
});
