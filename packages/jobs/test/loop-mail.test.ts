import { expect } from "vitest";

import { enqueueNotifications, type NotificationPayloads, type OutboxMessage } from "@duban/domain";
import { createMailer } from "@duban/mail";
import { test } from "@duban/test-utils";

import { sendPendingNotifications, type SenderOptions } from "../src/sender/outbox-sender.ts";
import { capturingLogger } from "./helpers.ts";

const senderFor = (db: SenderOptions["db"], smtpUrl: string, now?: () => Date): SenderOptions => ({
  db,
  mailer: createMailer({ url: smtpUrl, from: "duban@xf.gov.cn", timeoutMs: 5000, idleMs: 50 }),
  log: capturingLogger().log,
  baseUrl: "https://duban.example.gov.cn",
  ...(now ? { now } : {}),
});

const TASK = "7d0f6d0e-3f7c-4f5e-9a51-0a8d1f7c2b11";
const task = {
  taskId: TASK,
  taskTitle: "建设科技成果转化中心",
  planTitle: "科技规划",
  departmentName: "县科技局",
};
type LoopKind = Exclude<
  keyof NotificationPayloads,
  | "due-soon"
  | "overdue"
  | "overdue-escalation"
  | "cycle-reminder"
  | "quarterly-summary"
  | "password-reset"
  // account mail about the identity provider link: read back in apps/api/test/oidc.test.ts
  | "account-linked"
  // not about a task (no /tasks/ link): its mail is read back in apps/api/test/bulletins.test.ts
  | "bulletin"
  // one message per unit listing its items of the year (/annual): read back in apps/api/test/annual-plans.test.ts
  | "annual-plan-issued"
  // about an assignment between offices (/assignments): read back in apps/api/test/cascade.test.ts
  | "cascade-assigned"
  // about a 下达 assignment, not a task: read back in test/cascade-jobs.test.ts
  | "cascade-decompose-soon"
  | "cascade-late"
>;
/** One payload of each supervision-loop kind, as the loop's steps write them. */
const payloads: { [K in LoopKind]: NotificationPayloads[K] } = {
  "task-assigned": { ...task, dueDate: "2026-12-31", reassigned: false, assignedBy: "县督办办" },
  "acknowledge-reminder": {
    day: "2026-12-01",
    items: [{ ...task, assignedOn: "2026-11-20", workingDaysWaiting: 7 }],
  },
  "change-request": {
    ...task,
    requestId: "r1",
    kind: "EXTENSION",
    declined: false,
    reason: "资金未到位",
    proposedDueDate: "2027-03-31",
    requestedBy: "张三",
    awaiting: "office",
  },
  "change-request-decided": {
    ...task,
    requestId: "r1",
    kind: "EXTENSION",
    approved: true,
    comment: "同意",
    decidedBy: "李四",
    newDueDate: "2027-03-31",
  },
  "completion-applied": {
    ...task,
    applicationId: "c1",
    summary: "已建成",
    evidenceCount: 1,
    appliedBy: "张三",
  },
  "completion-decided": {
    ...task,
    applicationId: "c1",
    approved: true,
    comment: "好",
    rating: "GOOD",
    decidedBy: "李四",
  },
  "supervision-notice": {
    ...task,
    noticeId: "n1",
    noticeNumber: "督办通知单〔2026〕第1号",
    level: "RED",
    requirement: "立即整改",
    replyDueDate: "2026-12-08",
    issuingOffice: "县督办办",
    copiedToLeaders: true,
  },
  "notice-reply": {
    ...task,
    noticeId: "n1",
    noticeNumber: "督办通知单〔2026〕第1号",
    text: "已整改",
    repliedBy: "张三",
  },
  instruction: {
    instructionId: "i1",
    target: "TASK",
    planTitle: "科技规划",
    taskId: TASK,
    taskTitle: task.taskTitle,
    indicatorId: null,
    indicatorName: null,
    period: null,
    text: "抓紧推进",
    leaderName: "王县长",
  },
};
const kinds = Object.keys(payloads) as LoopKind[];

const messages = (email: string, digestAt?: Date): OutboxMessage[] =>
  kinds.map(
    (kind) =>
      ({
        kind,
        payload: payloads[kind],
        recipientEmail: email,
        dedupeKey: `loop-mail:${email}:${kind}`,
        subject: `【督办】${kind}`,
        ...(digestAt ? { delivery: "DIGEST", nextAttemptAt: digestAt } : {}),
      }) as OutboxMessage,
  );

test("the sender renders every supervision-loop kind, one by one and merged into a digest", async ({
  database: { db },
  smtp,
}) => {
  await db.notification.deleteMany({});
  const slot = new Date(Date.now() + 3600_000);
  await enqueueNotifications(db, [
    ...messages("now@xf.gov.cn"),
    ...messages("digest@xf.gov.cn", slot),
  ]);
  const first = await sendPendingNotifications(senderFor(db, smtp.url));
  expect(first).toMatchObject({ sent: kinds.length, emails: kinds.length });
  expect(smtp.messages.map((m) => m.subject).sort()).toEqual(
    kinds.map((k) => `【督办】${k}`).sort(),
  );
  for (const m of smtp.messages) {
    expect(m.to).toEqual(["now@xf.gov.cn"]);
    expect(m.html, m.subject).toContain(`https://duban.example.gov.cn/tasks/${TASK}`);
    expect(m.text, m.subject).toContain(task.taskTitle);
  }
  const digest = await sendPendingNotifications(
    senderFor(db, smtp.url, () => new Date(slot.getTime() + 1000)),
  );
  expect(digest).toMatchObject({ sent: kinds.length, emails: 1 });
  const merged = smtp.messages.at(-1)!;
  expect(merged.to).toEqual(["digest@xf.gov.cn"]);
  expect(merged.subject).toContain(`${kinds.length} 条`);
  for (const kind of kinds) expect(merged.text).toContain(`== 【督办】${kind} ==`);
  expect(await db.notification.count({ where: { state: "SENT" } })).toBe(2 * kinds.length);
});
