import { expect } from "vitest";

import { createDb } from "@duban/db";
import {
  claimDueNotifications,
  markNotificationsSent,
  MAX_SEND_ATTEMPTS,
  retryNotification,
  type Actor,
} from "@duban/domain";
import { createMailer } from "@duban/mail";
import { test } from "@duban/test-utils";

import { sendPendingNotifications, type SenderOptions } from "../src/sender/outbox-sender.ts";
import { addNotifications, buildWorld } from "./builders.ts";
import { capturingLogger } from "./helpers.ts";

const senderFor = (
  db: SenderOptions["db"],
  smtpUrl: string,
  extra: Partial<SenderOptions> = {},
): SenderOptions => ({
  db,
  mailer: createMailer({ url: smtpUrl, from: "duban@xf.gov.cn", timeoutMs: 5000, idleMs: 50 }),
  log: capturingLogger().log,
  baseUrl: "https://duban.example.gov.cn",
  ...extra,
});

const countsByKey = (messages: Array<{ raw: Buffer }>) => {
  const counts = new Map<string, number>();
  for (const m of messages) {
    const id = /X-Duban-Notification: ([^\r\n]+)/.exec(m.raw.toString())?.[1] ?? "?";
    for (const one of id.split(",")) counts.set(one, (counts.get(one) ?? 0) + 1);
  }
  return counts;
};

test("sends each pending notification once and marks it SENT with the Message-ID", async ({
  database: { db },
  smtp,
}) => {
  await db.notification.deleteMany({});
  await addNotifications(db, 5);
  const r = await sendPendingNotifications(senderFor(db, smtp.url));
  expect(r).toMatchObject({ claimed: 5, sent: 5, emails: 5 });
  expect(smtp.messages).toHaveLength(5);
  const rows = await db.notification.findMany();
  expect(
    rows.every(
      (n) =>
        n.state === "SENT" && n.messageId?.endsWith("@duban.notifications>") && n.attempts === 1,
    ),
  ).toBe(true);
  expect(smtp.messages[0]!.html).toContain("重置密码");
  expect(await sendPendingNotifications(senderFor(db, smtp.url))).toMatchObject({ claimed: 0 });
});

test("a claim takes rows whose lease ran out first, then the longest-waiting due rows, never more than asked", async ({
  database: { db },
}) => {
  await db.notification.deleteMany({});
  const now = new Date();
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  await addNotifications(db, 30, { prefix: "due", nextAttemptAt: ago(10) });
  await addNotifications(db, 5, { prefix: "older", nextAttemptAt: ago(60) });
  await addNotifications(db, 5, {
    prefix: "later",
    nextAttemptAt: new Date(now.getTime() + 3600_000),
  });
  // three rows a dead worker held: their lease ran out a minute ago; two still held by a live one
  // (queued after the others: taken first all the same, they have waited longest in truth)
  await addNotifications(db, 5, { prefix: "held", nextAttemptAt: ago(5) });
  const held = await db.notification.findMany({
    where: { dedupeKey: { startsWith: "test:held:" } },
    orderBy: { dedupeKey: "asc" },
  });
  for (const [i, row] of held.entries()) {
    await db.notification.update({
      where: { id: row.id },
      data: {
        state: "SENDING",
        attempts: 1,
        claimedUntil: i < 3 ? ago(1) : new Date(now.getTime() + 60_000),
      },
    });
  }
  const first = await claimDueNotifications(db, { now, limit: 10 });
  // (RETURNING gives rows in no particular order: count them by kind)
  const kinds = (rows: typeof first) =>
    rows.reduce<Record<string, number>>(
      (n, r) => ({ ...n, [r.dedupeKey.split(":")[1]!]: (n[r.dedupeKey.split(":")[1]!] ?? 0) + 1 }),
      {},
    );
  expect(kinds(first)).toEqual({ held: 3, older: 5, due: 2 });
  expect(first.every((r) => r.claimedUntil > now)).toBe(true);
  // the rest of the due rows, in two more claims; nothing not yet due, nothing another worker holds
  const rest = [
    ...(await claimDueNotifications(db, { now, limit: 20 })),
    ...(await claimDueNotifications(db, { now, limit: 20 })),
  ];
  expect(kinds(rest)).toEqual({ due: 28 });
  expect(await claimDueNotifications(db, { now, limit: 20 })).toEqual([]);
  expect(new Set([...first, ...rest].map((r) => r.id)).size).toBe(38);
});

test("a worker whose lease ran out cannot mark rows another worker took over", async ({
  database: { db },
}) => {
  await db.notification.deleteMany({});
  const t0 = new Date();
  await addNotifications(db, 6, { nextAttemptAt: new Date(t0.getTime() - 60_000) });
  const slow = await claimDueNotifications(db, { now: t0, limit: 6, leaseMs: 1000 });
  const later = new Date(t0.getTime() + 5000);
  const taker = await claimDueNotifications(db, { now: later, limit: 4 });
  expect(taker).toHaveLength(4);
  // the slow worker finishes after all: only the two rows nobody took over are its to mark
  expect(await markNotificationsSent(db, slow, { messageId: "<slow@x>", now: later })).toBe(2);
  expect(await markNotificationsSent(db, taker, { messageId: "<taker@x>", now: later })).toBe(4);
  const rows = await db.notification.findMany();
  expect(rows.filter((r) => r.messageId === "<slow@x>")).toHaveLength(2);
  expect(
    rows
      .filter((r) => r.messageId === "<taker@x>")
      .map((r) => r.id)
      .sort(),
  ).toEqual(taker.map((r) => r.id).sort());
  expect(rows.every((r) => r.state === "SENT" && r.claimedUntil === null)).toBe(true);
  expect(await markNotificationsSent(db, [], { messageId: "<none@x>", now: later })).toBe(0);
});

test("two senders at once: every email exactly once", async ({ database: { db, url }, smtp }) => {
  await db.notification.deleteMany({});
  await addNotifications(db, 120);
  const other = createDb({ connectionString: url, max: 5 });
  try {
    const [a, b] = await Promise.all([
      sendPendingNotifications(senderFor(db, smtp.url, { batchSize: 7 })),
      sendPendingNotifications(senderFor(other, smtp.url, { batchSize: 7 })),
    ]);
    expect(a.sent + b.sent).toBe(120);
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);
  } finally {
    await other.$disconnect();
  }
  const counts = countsByKey(smtp.messages);
  expect(counts.size).toBe(120);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
});

test("the server refusing for a while: everything arrives once it recovers", async ({
  database: { db },
  smtp,
}) => {
  await db.notification.deleteMany({});
  await addNotifications(db, 10);
  smtp.refuse(451);
  const t0 = Date.now();
  const first = await sendPendingNotifications(
    senderFor(db, smtp.url, { now: () => new Date(t0) }),
  );
  expect(first).toMatchObject({ sent: 0, retrying: 10 });
  const waiting = await db.notification.findMany();
  expect(
    waiting.every(
      (n) =>
        n.state === "PENDING" &&
        n.attempts === 1 &&
        n.lastError?.includes("451") &&
        n.nextAttemptAt.getTime() === t0 + 60_000,
    ),
  ).toBe(true);
  // before the backoff is over nothing is tried
  expect(
    await sendPendingNotifications(senderFor(db, smtp.url, { now: () => new Date(t0 + 30_000) })),
  ).toMatchObject({ claimed: 0 });
  await sendPendingNotifications(senderFor(db, smtp.url, { now: () => new Date(t0 + 61_000) }));
  smtp.restore();
  const last = await sendPendingNotifications(
    senderFor(db, smtp.url, { now: () => new Date(t0 + 10 * 60_000) }),
  );
  expect(last.sent).toBe(10);
  expect(smtp.messages).toHaveLength(10);
  expect(await db.notification.count({ where: { state: "SENT", attempts: 3 } })).toBe(10);
});

test("after the last attempt a notification is FAILED; the office retries it and it is delivered", async ({
  database: { db },
  smtp,
}) => {
  const w = await buildWorld(db);
  await addNotifications(db, 1, { email: () => w.scienceStaff.email });
  // an overdue digest caused by the office's county (account mail is retried by nobody: it is never listed)
  const payload = {
    day: "2024-01-02",
    total: 1,
    items: [
      {
        taskId: "t1",
        title: "任务",
        dueDate: "2023-12-01",
        daysOverdue: 32,
        planTitle: "规划",
        departmentName: "科技局",
      },
    ],
  };
  await db.notification.updateMany({
    data: {
      recipientUserId: w.scienceStaff.id,
      kind: "overdue",
      jurisdictionId: w.jurisdiction.id,
      payload,
    },
  });
  smtp.refuse(451);
  let t = Date.now();
  for (let i = 0; i < MAX_SEND_ATTEMPTS; i++) {
    await sendPendingNotifications(senderFor(db, smtp.url, { now: () => new Date(t) }));
    t += 7 * 3600_000;
  }
  const failed = await db.notification.findFirstOrThrow();
  expect(failed).toMatchObject({ state: "FAILED", attempts: MAX_SEND_ATTEMPTS });
  expect(
    await sendPendingNotifications(senderFor(db, smtp.url, { now: () => new Date(t) })),
  ).toMatchObject({ claimed: 0 });

  smtp.restore();
  const office: Actor = {
    kind: "user",
    userId: w.office.id,
    email: w.office.email,
    name: "office",
    memberships: [{ jurisdictionId: w.jurisdiction.id, role: "OFFICE", departmentId: null }],
  };
  const outsider: Actor = {
    kind: "user",
    userId: w.leader.id,
    email: w.leader.email,
    name: "leader",
    memberships: [{ jurisdictionId: w.jurisdiction.id, role: "LEADER", departmentId: null }],
  };
  await expect(retryNotification({ db, actor: outsider }, { id: failed.id })).rejects.toMatchObject(
    {
      code: "FORBIDDEN",
    },
  );
  await retryNotification({ db, actor: office }, { id: failed.id });
  await expect(retryNotification({ db, actor: office }, { id: failed.id })).rejects.toMatchObject({
    code: "CONFLICT",
  });
  expect(
    await db.auditEvent.count({ where: { action: "notification.retry", entityId: failed.id } }),
  ).toBe(1);
  await sendPendingNotifications(senderFor(db, smtp.url));
  expect(smtp.messages).toHaveLength(1);
  expect(await db.notification.findFirstOrThrow()).toMatchObject({ state: "SENT" });
});

test("a permanent refusal fails at once; an unrenderable payload fails without trying SMTP", async ({
  database: { db },
  smtp,
}) => {
  await db.notification.deleteMany({});
  await addNotifications(db, 1);
  smtp.refuse(550);
  expect(await sendPendingNotifications(senderFor(db, smtp.url))).toMatchObject({ failed: 1 });
  smtp.restore();
  await db.notification.deleteMany({});
  await db.notification.create({
    data: {
      kind: "no-such-kind",
      recipientEmail: "x@xf.gov.cn",
      dedupeKey: "bad",
      subject: "s",
      payload: {},
    },
  });
  expect(await sendPendingNotifications(senderFor(db, smtp.url))).toMatchObject({ failed: 1 });
  expect(smtp.messages).toHaveLength(0);
  expect((await db.notification.findFirstOrThrow()).lastError).toContain("render failed");
});

test("a connection lost after the data is logged as smtp-ambiguous and retried", async ({
  database: { db },
  smtp,
}) => {
  await db.notification.deleteMany({});
  await addNotifications(db, 1);
  const [row] = await db.notification.findMany();
  smtp.dropAfterData(1);
  const { log, lines } = capturingLogger();
  const t0 = Date.now();
  const r = await sendPendingNotifications(
    senderFor(db, smtp.url, { log, now: () => new Date(t0) }),
  );
  expect(r).toMatchObject({ ambiguous: 1, retrying: 1 });
  const warn = lines.find((l) => l.obj.event === "smtp-ambiguous");
  expect(warn).toMatchObject({ level: 40, obj: { notificationIds: [row!.id] } });
  await sendPendingNotifications(
    senderFor(db, smtp.url, { log, now: () => new Date(t0 + 120_000) }),
  );
  // the server had stored the first copy: the duplicate is the documented price of at-least-once
  expect(smtp.messages).toHaveLength(2);
  expect(smtp.messages[0]!.messageId).toBe(smtp.messages[1]!.messageId);
});

test("DIGEST rows of one recipient go out as one email at the digest hour", async ({
  database: { db },
  smtp,
}) => {
  await db.notification.deleteMany({});
  const slot = new Date(Date.now() + 3600_000);
  await addNotifications(db, 3, {
    email: () => "digest@xf.gov.cn",
    nextAttemptAt: slot,
    payload: {
      _delivery: "DIGEST",
      name: "张三",
      url: "https://duban.example/r",
      expiresMinutes: 60,
    },
  });
  await addNotifications(db, 1, { email: () => "now@xf.gov.cn" });
  await sendPendingNotifications(senderFor(db, smtp.url));
  expect(smtp.messages.map((m) => m.to[0])).toEqual(["now@xf.gov.cn"]);
  // a batch size of 1 still yields a single digest: the rest of the recipient's rows are taken along
  const r = await sendPendingNotifications(
    senderFor(db, smtp.url, { batchSize: 1, now: () => new Date(slot.getTime() + 1000) }),
  );
  expect(r).toMatchObject({ sent: 3, emails: 1 });
  expect(smtp.messages).toHaveLength(2);
  expect(smtp.messages[1]!.subject).toContain("3 条");
  expect(await db.notification.count({ where: { state: "SENT" } })).toBe(4);
});
