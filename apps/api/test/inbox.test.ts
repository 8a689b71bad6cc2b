import { afterAll, describe, expect } from "vitest";

import {
  enqueueInbox,
  enqueueNotifications,
  hashPassword,
  listInbox,
  notifyLoop,
  systemActor,
} from "@duban/domain";
import { test } from "@duban/test-utils";

import { connect, loginAs, outcome, refused } from "./harness.ts";
import { tenancyWorldOnce, type TenancyWorld } from "./tenancy-world.ts";
import { PASSWORD } from "./world.ts";

const once = tenancyWorldOnce();
afterAll(() => once.close());

/** A user account in county A: with a role (and unit), or none at all (a unit's mailbox account). */
async function account(
  t: TenancyWorld,
  email: string,
  role?: { role: "OFFICE" | "DEPARTMENT" | "LEADER"; departmentId?: string },
  disabled = false,
) {
  const user = await t.db.user.create({
    data: {
      email,
      name: email.split("@")[0]!,
      passwordHash: await hashPassword(PASSWORD),
      disabledAt: disabled ? new Date() : null,
    },
  });
  if (role)
    await t.db.membership.create({
      data: {
        userId: user.id,
        jurisdictionId: t.world.a.id,
        role: role.role,
        departmentId: role.departmentId ?? null,
      },
    });
  return user;
}

const inboxOf = (t: TenancyWorld, userId: string, dedupePrefix: string) =>
  t.db.inboxMessage.findMany({ where: { userId, dedupeKey: { startsWith: dedupePrefix } } });
const emailsTo = (t: TenancyWorld, email: string, dedupePrefix: string) =>
  t.db.notification.findMany({
    where: { recipientEmail: email, dedupeKey: { startsWith: dedupePrefix } },
  });

describe("站内消息: every email to a user account is in that user's inbox, and only what they may see", () => {
  test("the overdue job: user recipients get the inbox copy under the email's key, bare and mailbox addresses none, a second run nothing new", async ({
    database,
    redis,
  }) => {
    const t = await once.get(database, redis);
    const { world } = t;
    await account(t, "overdue-mailbox@a.test");
    // D1's contact list: its bare mailbox, a role-less account, staff of another unit
    await t.db.department.update({
      where: { id: world.d1.id },
      data: { contactEmails: ["d1@a.test", "overdue-mailbox@a.test", "other@a.test"] },
    });
    await t.runAsCli("overdue-scan", { dryRun: false });
    const emails = await t.db.notification.findMany({
      where: { kind: { in: ["overdue", "overdue-escalation"] } },
    });
    expect(emails.length).toBeGreaterThan(0);
    const inbox = await t.db.inboxMessage.findMany({
      where: { dedupeKey: { in: emails.map((e) => e.dedupeKey) } },
    });
    const byKey = new Map(inbox.map((m) => [m.dedupeKey, m]));
    const mailbox = await t.db.user.findUniqueOrThrow({
      where: { email: "overdue-mailbox@a.test" },
    });
    for (const e of emails) {
      const copy = byKey.get(e.dedupeKey);
      if (!e.recipientUserId || e.recipientUserId === mailbox.id) {
        expect(copy, `${e.recipientEmail} has no inbox`).toBeUndefined();
        continue;
      }
      expect(copy, `${e.kind} to ${e.recipientEmail}`).toMatchObject({
        userId: e.recipientUserId,
        kind: e.kind,
        title: e.subject,
        jurisdictionId: e.jurisdictionId,
      });
    }
    // the lead unit's staff: the digest of A's overdue tasks, naming them, opening the only one
    const lead = inbox.find((m) => m.userId === world.users.staffLead.id && m.kind === "overdue")!;
    expect(lead.body).toContain("任务一");
    expect(lead.taskId).toBe(world.t1);
    // the office's escalation and B's staff's own digest; staff of another unit nothing of D1's task
    expect(inbox.some((m) => m.userId === world.users.officeA.id)).toBe(true);
    expect(
      inbox.find((m) => m.userId === world.users.staffB.id && m.kind === "overdue")?.taskId,
    ).toBe(t.bTask.id);
    const other = inbox.filter((m) => m.userId === world.users.staffOther.id);
    expect(other.every((m) => m.taskId !== world.t1 && !m.body.includes("任务一"))).toBe(true);
    expect(await emailsTo(t, "d1@a.test", "overdue:")).not.toHaveLength(0);
    expect(await emailsTo(t, "overdue-mailbox@a.test", "overdue:")).not.toHaveLength(0);

    const count = await t.db.inboxMessage.count();
    await t.runAsCli("overdue-scan", { dryRun: false });
    expect(await t.db.inboxMessage.count()).toBe(count);
  });

  test("account mail (a password reset) never lands in the inbox", async ({ database, redis }) => {
    const t = await once.get(database, redis);
    const staff = t.world.users.staffLead;
    await enqueueNotifications(t.db, [
      {
        kind: "password-reset",
        recipientEmail: staff.email,
        recipientUserId: staff.id,
        dedupeKey: "inbox-test:reset",
        subject: "重置密码",
        payload: { name: staff.name, url: "https://x.test/reset?token=secret", expiresMinutes: 60 },
      },
    ]);
    await connect(t.api).auth.requestPasswordReset.mutate({ email: staff.email });
    expect(await t.db.inboxMessage.count({ where: { kind: "password-reset" } })).toBe(0);
  });

  test("notifyLoop: muted gets the inbox only, disabled nothing, the actor nothing, other units and counties nothing, a unit's mailbox the email only", async ({
    database,
    redis,
  }) => {
    const t = await once.get(database, redis);
    const { world, db } = t;
    const u = world.users;
    const office2 = await account(t, "office2@a.test", { role: "OFFICE" });
    const disabled = await account(
      t,
      "disabled-lead@a.test",
      { role: "DEPARTMENT", departmentId: world.d1.id },
      true,
    );
    const mailbox = await account(t, "loop-mailbox@a.test");
    await db.department.update({
      where: { id: world.d1.id },
      data: { contactEmails: ["d1@a.test", "loop-mailbox@a.test", "other@a.test"] },
    });
    await db.notificationSetting.create({
      data: { userId: u.staffLead.id, kind: "task-assigned", mode: "MUTED" },
    });
    const key = `test-assigned:${world.t1}`;
    const send = () =>
      db.$transaction((tx) =>
        notifyLoop(tx, {
          kind: "task-assigned",
          jurisdictionId: world.a.id,
          subject: "【督办】任务交办：任务一",
          dedupeKey: key,
          payload: {
            taskId: world.t1,
            taskTitle: "任务一",
            planTitle: "规划",
            departmentName: world.d1.name,
            dueDate: "2026-12-31",
            reassigned: false,
            assignedBy: "甲县督办办公室",
          },
          link: { entityType: "Task", entityId: world.t1, taskId: world.t1 },
          // the unit, the office, and named users: leaders of A and of the city above, staff of
          // another unit, another county's staff and office, a disabled account
          to: {
            departmentIds: [world.d1.id],
            roles: ["OFFICE"],
            userIds: [
              u.leaderA.id,
              u.leaderCity.id,
              u.staffOther.id,
              u.staffB.id,
              u.officeB.id,
              disabled.id,
            ],
          },
          exceptUserId: u.officeA.id,
        }),
      );
    const first = await send();
    const told = async (userId: string, email: string) => ({
      inbox: (await inboxOf(t, userId, key)).length,
      email: (await emailsTo(t, email, key)).length,
    });
    expect(await told(u.staffLead.id, u.staffLead.email), "muted").toEqual({ inbox: 1, email: 0 });
    expect(await told(disabled.id, disabled.email), "disabled").toEqual({ inbox: 0, email: 0 });
    expect(await told(u.officeA.id, u.officeA.email), "the actor").toEqual({ inbox: 0, email: 0 });
    expect(await told(office2.id, office2.email), "the office").toEqual({ inbox: 1, email: 1 });
    expect(await told(u.leaderA.id, u.leaderA.email), "a leader").toEqual({ inbox: 1, email: 1 });
    expect(await told(u.staffOther.id, u.staffOther.email), "another unit").toEqual({
      inbox: 0,
      email: 0,
    });
    expect(await told(u.staffB.id, u.staffB.email), "another county").toEqual({
      inbox: 0,
      email: 0,
    });
    expect(await told(u.officeB.id, u.officeB.email), "another county's office").toEqual({
      inbox: 0,
      email: 0,
    });
    // the city's leader reads the county below: told
    expect(await told(u.leaderCity.id, u.leaderCity.email), "the city above").toEqual({
      inbox: 1,
      email: 1,
    });
    expect(await told(u.staffSupport.id, u.staffSupport.email), "not addressed").toEqual({
      inbox: 0,
      email: 0,
    });
    expect(await told(mailbox.id, mailbox.email), "the unit's mailbox account").toEqual({
      inbox: 0,
      email: 1,
    });
    expect((await emailsTo(t, "d1@a.test", key)).length).toBe(1);
    const copy = (await inboxOf(t, u.leaderA.id, key))[0]!;
    expect(copy).toMatchObject({
      kind: "task-assigned",
      title: "【督办】任务交办：任务一",
      taskId: world.t1,
      entityType: "Task",
      jurisdictionId: world.a.id,
      readAt: null,
    });
    // staffLead (muted), office2, leaderA, leaderCity: four inbox; office2, leaderA, leaderCity,
    // the mailbox account, d1@: five emails
    expect(first).toEqual({ inbox: 4, emails: 5 });
    expect(await send()).toEqual({ inbox: 0, emails: 0 });
  });

  test("each user reads and marks only their own messages; marking read writes no audit event", async ({
    database,
    redis,
  }) => {
    const t = await once.get(database, redis);
    const { world, db } = t;
    const u = world.users;
    const make = (userId: string, n: number, jurisdictionId: string) =>
      enqueueInbox(
        db,
        Array.from({ length: n }, (_v, i) => ({
          userId,
          jurisdictionId,
          kind: "instruction",
          title: `消息 ${userId.slice(0, 4)} ${i}`,
          dedupeKey: `own-test:${userId}:${i}`,
        })),
      );
    await make(u.staffSupport.id, 3, world.a.id);
    await make(u.staffB.id, 2, world.b.id);
    const mine = await loginAs(t.api, u.staffSupport.email, PASSWORD);
    const theirs = await loginAs(t.api, u.staffB.email, PASSWORD);
    const bIds = (await theirs.inbox.list.query({ page: 1, pageSize: 200 })).items.map((m) => m.id);
    expect(bIds.length).toBeGreaterThanOrEqual(2);

    const list = await mine.inbox.list.query({ page: 1, pageSize: 200 });
    const own = await db.inboxMessage.findMany({
      where: { userId: u.staffSupport.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    expect(list.items.map((m) => m.id)).toEqual(own.map((m) => m.id));
    expect(list.items.some((m) => bIds.includes(m.id))).toBe(false);
    expect(list.unread).toBe(own.length);
    expect(list.items[0]!.kindLabel.zh).toBe("领导批示");
    const page = await mine.inbox.list.query({ page: 2, pageSize: 2 });
    expect(page.items.map((m) => m.id)).toEqual(own.slice(2, 4).map((m) => m.id));
    expect(page.total).toBe(own.length);
    expect(await mine.inbox.unreadCount.query()).toEqual({ unread: own.length });

    const audit = await db.auditEvent.count();
    // someone else's id, alone or among one's own: "not found", and nothing marked on either side
    const foreign = await refused(() => mine.inbox.markRead.mutate({ messageIds: [bIds[0]!] }));
    expect(foreign.code).toBe("NOT_FOUND");
    expect(foreign.message).toContain("不存在或无权查看");
    expect(
      await outcome(() => mine.inbox.markRead.mutate({ messageIds: [own[0]!.id, bIds[0]!] })),
    ).toBe("NOT_FOUND");
    expect(
      await db.inboxMessage.count({
        where: { id: { in: [own[0]!.id, ...bIds] }, readAt: { not: null } },
      }),
    ).toBe(0);
    expect(await outcome(() => mine.inbox.markAllRead.mutate())).toBe("OK");
    expect(
      await db.inboxMessage.count({ where: { id: { in: bIds }, readAt: { not: null } } }),
    ).toBe(0);
    expect(await mine.inbox.unreadCount.query()).toEqual({ unread: 0 });
    expect(await theirs.inbox.unreadCount.query()).toEqual({ unread: bIds.length });

    // one by one: the unread filter, and a second mark keeps the first time
    const marked = await theirs.inbox.markRead.mutate({ messageIds: [bIds[0]!] });
    expect(marked).toEqual({ marked: 1, unread: bIds.length - 1 });
    const readAt = (await db.inboxMessage.findUniqueOrThrow({ where: { id: bIds[0]! } })).readAt;
    expect(readAt).not.toBeNull();
    expect(await theirs.inbox.markRead.mutate({ messageIds: [bIds[0]!] })).toEqual({
      marked: 0,
      unread: bIds.length - 1,
    });
    expect((await db.inboxMessage.findUniqueOrThrow({ where: { id: bIds[0]! } })).readAt).toEqual(
      readAt,
    );
    const unread = await theirs.inbox.list.query({ page: 1, pageSize: 200, unreadOnly: true });
    expect(unread.items.map((m) => m.id).sort()).toEqual(bIds.slice(1).sort());
    expect(unread.total).toBe(bIds.length - 1);
    expect(await db.auditEvent.count()).toBe(audit);

    // no session, no inbox; the system has none either
    expect(await outcome(() => connect(t.api).inbox.unreadCount.query())).toBe("UNAUTHORIZED");
    await expect(
      listInbox({ db, actor: systemActor("test") }, { page: 1, pageSize: 10, unreadOnly: false }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
