import { spawn } from "node:child_process";
import { createCipheriv, randomBytes } from "node:crypto";
import path from "node:path";

import { expect, onTestFinished } from "vitest";

import { secretKeyFromEnv } from "@duban/channels";
import { startFakePlatformServer } from "@duban/channels/test-server";
import type { Db } from "@duban/db";
import {
  createRobot,
  deleteRobot,
  enqueueNotifications,
  issueNotices,
  requestMobileCode,
  setMyChannelPreference,
  setMyMobile,
  shanghaiDay,
  type Actor,
  type OutboxMessage,
} from "@duban/domain";
import { createLogger } from "@duban/logger";
import { createMailer } from "@duban/mail";

import {
  sendPendingChannelDeliveries,
  type ChannelSenderOptions,
} from "../src/channels/channel-sender.ts";
import { runJob } from "../src/run-job.ts";
import { sendPendingNotifications } from "../src/sender/outbox-sender.ts";
import { addTask, buildWorld, type World } from "./builders.ts";
import { wecomRobot as sharedWecomRobot, system, test } from "./channel-fixtures.ts";
import type { FakePlatforms } from "./fake-platforms.ts";
import { capturingLogger, inlineContext } from "./helpers.ts";

const actorOf = (
  u: { id: string; email: string },
  jurisdictionId: string,
  departmentId: string | null,
  role: "OFFICE" | "DEPARTMENT" = "DEPARTMENT",
): Actor => ({
  kind: "user",
  userId: u.id,
  email: u.email,
  name: u.email,
  memberships: [{ jurisdictionId, role, departmentId }],
});

function channelSender(
  db: Db,
  platforms: FakePlatforms,
  extra: Partial<ChannelSenderOptions> = {},
): ChannelSenderOptions {
  return {
    db,
    log: capturingLogger().log,
    baseUrl: "https://duban.example.gov.cn",
    robotBaseUrl: { WECOM: platforms.url, DINGTALK: platforms.url },
    sms: {
      url: `${platforms.url}/sms`,
      appId: "duban",
      appSecret: "s3cret",
      signName: "督办",
      // `id:`: a template registered at the gateway, sent as templateId + params
      templates: { default: "id:SMS_1", "due-soon": "id:SMS_DUE" },
      dailyCap: 10,
    },
    timeoutMs: 2000,
    ...extra,
  };
}

const wecomRobot = (
  db: Db,
  w: World,
  platforms: FakePlatforms,
  kinds: string[],
  departmentId: string | null = w.science.id,
) => sharedWecomRobot(db, w, platforms, { kinds, departmentId });

/** One due-soon message to `user` of the science unit, as the reminder job writes it. */
function dueSoon(
  w: World,
  user: { id: string; email: string },
  tag: string,
  kind: OutboxMessage["kind"] = "due-soon",
): OutboxMessage {
  const base = {
    recipientEmail: user.email,
    recipientUserId: user.id,
    jurisdictionId: w.jurisdiction.id,
    dedupeKey: `${kind}:${w.jurisdiction.id}:${user.email}:${tag}`,
    subject: `【督办】到期提醒 ${tag}`,
  };
  if (kind === "overdue-escalation")
    return {
      ...base,
      kind,
      payload: { day: "2024-01-01", total: 0, escalationDays: 14, items: [] },
    };
  return { ...base, kind: "due-soon", payload: { day: "2024-01-01", items: [] } };
}

async function smsOn(
  db: Db,
  w: World,
  user: World["scienceStaff"],
  kind: "due-soon" | "overdue-escalation" = "due-soon",
  prefs = { email: true, inbox: true, sms: true },
) {
  await db.user.update({ where: { id: user.id }, data: { mobile: "13812345678" } });
  await setMyChannelPreference(
    { db, actor: actorOf(user, w.jurisdiction.id, w.science.id) },
    { kind, mode: "IMMEDIATE", ...prefs },
  );
}

const harness = path.resolve(import.meta.dirname, "channel-sender-process.ts");
function startWorker(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", harness], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let buffer = "";
  let stderr = "";
  child.stdout!.on("data", (c: Buffer) => {
    buffer += c.toString();
    const parts = buffer.split("\n");
    buffer = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.on("data", (c: Buffer) => void (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  onTestFinished(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  return { child, lines, exited, stderr: () => stderr };
}

test("a reminder fans out to email + inbox + 企业微信 robot + SMS with each delivery exactly once across a worker SIGKILL", async ({
  database: { db, url },
  smtp,
  platforms,
}) => {
  const w = await buildWorld(db);
  const robot = await wecomRobot(db, w, platforms, ["due-soon"]);
  await smsOn(db, w, w.scienceStaff);
  await addTask(db, w, { title: "年初任务", dueDate: "2024-01-07" });
  await runJob(inlineContext(db), "due-soon-reminders", { asOf: "2023-12-31", trigger: "test" });

  // the unit's contact address and its staff member got an email each; the robot one post for
  // both (the same event for the same unit), the staff member one SMS and one inbox message
  expect(await db.notification.count({ where: { kind: "due-soon" } })).toBe(2);
  const deliveries = await db.channelDelivery.findMany({ orderBy: { channel: "asc" } });
  expect(deliveries.map((d) => [d.channel, d.robotId, d.phone])).toEqual([
    ["WECOM_ROBOT", robot.id, null],
    ["SMS", null, "13812345678"],
  ]);
  expect(deliveries[0]!.dedupeKey).toBe(
    `due-soon:${w.jurisdiction.id}:unit:${w.science.id}:2023-12-31|robot:${robot.id}`,
  );
  expect(
    await db.inboxMessage.count({ where: { userId: w.scienceStaff.id, kind: "due-soon" } }),
  ).toBe(1);

  // a worker sends the emails, sends the first channel delivery, and is killed holding the second
  const env = {
    DATABASE_URL: url,
    SMTP_URL: smtp.url,
    PLATFORM_URL: platforms.url,
    LEASE_MS: "1000",
  };
  const first = startWorker({ ...env, HOLD_AT: "2" });
  await expect
    .poll(() => first.lines.includes("hold") || first.child.exitCode !== null, {
      timeout: 90_000,
      interval: 100,
    })
    .toBe(true);
  expect(first.lines, first.stderr()).toContain("hold");
  first.child.kill("SIGKILL");
  expect(await first.exited).toBeNull();
  expect(smtp.messages).toHaveLength(2);
  expect(platforms.received).toHaveLength(1);
  expect(await db.channelDelivery.count({ where: { state: "SENDING" } })).toBe(1); // the held claim
  expect(await db.channelDelivery.count({ where: { state: "SENT" } })).toBe(1);

  // a second worker after the lease: takes the held row over, sends nothing twice
  await new Promise((r) => setTimeout(r, 1200));
  const second = startWorker(env);
  expect(await second.exited, second.stderr()).toBe(0);
  expect(smtp.messages).toHaveLength(2);
  expect(platforms.received.map((r) => r.platform).sort()).toEqual(["sms", "wecom"]);
  const sms = platforms.received.find((r) => r.platform === "sms")!;
  expect(sms).toMatchObject({
    to: "13812345678",
    body: { templateId: "SMS_DUE", signName: "督办" },
  });
  const post = platforms.received.find((r) => r.platform === "wecom")!;
  expect(post.to).toBe(robot.key);
  expect(JSON.stringify(post.body)).toContain("https://duban.example.gov.cn/");
  const after = await db.channelDelivery.findMany();
  expect(after.map((d) => d.state)).toEqual(["SENT", "SENT"]);
  expect(after.find((d) => d.channel === "WECOM_ROBOT")!.attempts).toBe(2); // claimed twice, sent once
  expect(await db.notification.count({ where: { state: "SENT" } })).toBe(2);
}, 240_000);

test("a robot answering 429 or timing out is retried with backoff without re-sending the others", async ({
  database: { db },
  smtp,
  platforms,
}) => {
  const w = await buildWorld(db);
  await db.channelDelivery.deleteMany({});
  const limited = await wecomRobot(db, w, platforms, ["due-soon"]);
  const slow = await wecomRobot(db, w, platforms, ["due-soon"], null);
  await smsOn(db, w, w.scienceStaff);
  platforms.failNext(limited.key, "429");
  platforms.failNext(slow.key, "timeout");
  await enqueueNotifications(db, [dueSoon(w, w.scienceStaff, "retry")]);
  expect(await db.channelDelivery.count()).toBe(3);

  let at = new Date();
  const { log, lines } = capturingLogger();
  const opts = channelSender(db, platforms, { now: () => at, log });
  const mailer = createMailer({ url: smtp.url, from: "duban@xf.gov.cn", idleMs: 50 });
  const email = {
    db,
    mailer,
    log: createLogger("t", { level: "fatal" }),
    baseUrl: "https://duban.example.gov.cn",
  };
  await sendPendingNotifications(email);
  const r1 = await sendPendingChannelDeliveries(opts);
  expect(r1).toMatchObject({ claimed: 3, sent: 1, retrying: 2, ambiguous: 1 });
  expect(lines.some((l) => l.obj.event === "channel-ambiguous")).toBe(true);
  const byRobot = async (id: string) =>
    db.channelDelivery.findFirstOrThrow({ where: { robotId: id } });
  const l1 = await byRobot(limited.id);
  // the platform asked for 120 s: more than the first backoff step (60 s)
  expect(l1).toMatchObject({ state: "PENDING", attempts: 1 });
  expect(l1.nextAttemptAt.getTime() - at.getTime()).toBeGreaterThanOrEqual(119_000);
  expect((await byRobot(slow.id)).lastError).toContain("TIMEOUT");
  expect(await db.channelDelivery.count({ where: { channel: "SMS", state: "SENT" } })).toBe(1);

  // nothing is due yet: a second sweep sends nothing, to anyone
  expect(await sendPendingChannelDeliveries(opts)).toMatchObject({ claimed: 0 });
  expect((await sendPendingNotifications(email)).claimed).toBe(0);

  at = new Date(at.getTime() + 121_000);
  expect(await sendPendingChannelDeliveries(opts)).toMatchObject({ claimed: 2, sent: 2 });
  const count = (to: string) => platforms.received.filter((x) => x.to === to).length;
  expect([count(limited.key), count(slow.key), count("13812345678")]).toEqual([1, 1, 1]);
  expect(smtp.messages).toHaveLength(1);
  // the error stays visible on the robot for the office until the next fix or success
  expect((await db.channelRobot.findUniqueOrThrow({ where: { id: slow.id } })).lastError).toContain(
    "TIMEOUT",
  );
});

test("a wrong signature secret is reported to the office: the robot shows it and the office is told once", async ({
  database: { db },
  platforms,
}) => {
  const w = await buildWorld(db);
  await db.channelDelivery.deleteMany({});
  const robot = (secret: string, name: string) =>
    createRobot(
      { db, ...system },
      {
        jurisdictionId: w.jurisdiction.id,
        departmentId: null,
        platform: "DINGTALK",
        name,
        key: `tok-${name}`,
        secret,
        kinds: ["due-soon"],
        enabled: true,
      },
    );
  platforms.dingtalkSecrets.set("tok-right", "SECright");
  platforms.dingtalkSecrets.set("tok-wrong", "SECright");
  const right = await robot("SECright", "right");
  const wrong = await robot("SECwrong", "wrong");
  await enqueueNotifications(db, [dueSoon(w, w.office, "a")]);
  const r = await sendPendingChannelDeliveries(channelSender(db, platforms));
  expect(r).toMatchObject({ sent: 1, failed: 1 });
  // the correctly signed robot got through: the server checked its HMAC-SHA256 signature
  expect(platforms.received.map((x) => x.to)).toEqual(["tok-right"]);
  const bad = await db.channelRobot.findUniqueOrThrow({ where: { id: wrong.id } });
  expect(bad.misconfiguredAt).not.toBeNull();
  expect(bad.lastError).toContain("310000");
  expect(
    (await db.channelRobot.findUniqueOrThrow({ where: { id: right.id } })).misconfiguredAt,
  ).toBeNull();
  const told = () => db.inboxMessage.findMany({ where: { kind: "robot-misconfigured" } });
  expect((await told()).map((m) => [m.userId, m.entityId])).toEqual([[w.office.id, wrong.id]]);
  expect((await told())[0]!.title).toContain("wrong");
  const failed = await db.channelDelivery.findFirstOrThrow({ where: { robotId: wrong.id } });
  expect(failed.state).toBe("FAILED");

  // the next message: the misconfigured robot is not tried again and the office is not told twice
  await enqueueNotifications(db, [dueSoon(w, w.office, "b")]);
  expect(await sendPendingChannelDeliveries(channelSender(db, platforms))).toMatchObject({
    sent: 1,
    failed: 1,
  });
  expect(platforms.received).toHaveLength(2);
  expect(await told()).toHaveLength(1);
});

/** an envelope as the first release wrote it (v1: AES-256-GCM, no additional data) */
function sealV1(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secretKeyFromEnv(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), data].map((p) => p.toString("base64url")).join(":");
}

test("a robot key sealed for another robot fails loudly (worker log, the robot's lastError); a legacy v1 key still sends", async ({
  database: { db },
  platforms,
}) => {
  const w = await buildWorld(db);
  await db.channelDelivery.deleteMany({});
  const legacy = await wecomRobot(db, w, platforms, ["due-soon"]);
  const copied = await wecomRobot(db, w, platforms, ["due-soon"], null);
  const source = await wecomRobot(db, w, platforms, ["overdue"], null);
  // legacy: the key as the first release stored it; copied: another robot's ciphertext
  await db.channelRobot.update({
    where: { id: legacy.id },
    data: { keyCipher: sealV1(legacy.key) },
  });
  const { keyCipher } = await db.channelRobot.findUniqueOrThrow({ where: { id: source.id } });
  await db.channelRobot.update({ where: { id: copied.id }, data: { keyCipher } });
  await enqueueNotifications(db, [dueSoon(w, w.scienceStaff, "sealed")]);

  const { log, lines } = capturingLogger();
  const r = await sendPendingChannelDeliveries(channelSender(db, platforms, { log }));
  expect(r).toMatchObject({ claimed: 2, sent: 1, failed: 1 });
  expect(platforms.received.map((x) => x.to)).toEqual([legacy.key]);
  const failed = await db.channelDelivery.findFirstOrThrow({ where: { robotId: copied.id } });
  expect(failed.state).toBe("FAILED");
  expect(failed.lastError).toMatch(/无法解密机器人密钥.*密文不属于此机器人.*another robot/);
  const shown = await db.channelRobot.findUniqueOrThrow({ where: { id: copied.id } });
  expect(shown.lastError).toBe(failed.lastError);
  const logged = lines.find((l) => l.level === 50 && l.obj.robotId === copied.id);
  expect(logged?.msg).toMatch(/^无法解密机器人密钥/);
});

test("SMS beyond the daily cap per user is SKIPPED with the reason, and counted", async ({
  database: { db },
  platforms,
}) => {
  const w = await buildWorld(db);
  await db.channelDelivery.deleteMany({});
  await smsOn(db, w, w.scienceStaff);
  await enqueueNotifications(
    db,
    ["1", "2", "3"].map((t) => dueSoon(w, w.scienceStaff, `cap-${t}`)),
  );
  const opts = channelSender(db, platforms, {
    sms: { ...channelSender(db, platforms).sms!, dailyCap: 2 },
  });
  expect(await sendPendingChannelDeliveries({ ...opts, batchSize: 1 })).toMatchObject({
    sent: 2,
    skipped: 1,
  });
  expect(platforms.received).toHaveLength(2);
  const skipped = await db.channelDelivery.findFirstOrThrow({ where: { state: "SKIPPED" } });
  expect(skipped.lastError).toContain("每日短信上限 2 条");
});

test("an SMS goes to the person as they are when it is sent: a changed number, not a disabled account", async ({
  database: { db },
  platforms,
}) => {
  const w = await buildWorld(db);
  await db.channelDelivery.deleteMany({});
  await smsOn(db, w, w.scienceStaff);
  await enqueueNotifications(db, [dueSoon(w, w.scienceStaff, "moved")]);
  // the number changes after the message was queued: the new one gets it
  await db.user.update({ where: { id: w.scienceStaff.id }, data: { mobile: "13900001111" } });
  expect(await sendPendingChannelDeliveries(channelSender(db, platforms))).toMatchObject({
    sent: 1,
  });
  expect(platforms.received.map((r) => r.to)).toEqual(["13900001111"]);

  // the account is disabled after the next message was queued: nothing is sent
  await enqueueNotifications(db, [dueSoon(w, w.scienceStaff, "gone")]);
  await db.user.update({ where: { id: w.scienceStaff.id }, data: { disabledAt: new Date() } });
  expect(await sendPendingChannelDeliveries(channelSender(db, platforms))).toMatchObject({
    sent: 0,
    skipped: 1,
  });
  expect(platforms.received).toHaveLength(1);
  const skipped = await db.channelDelivery.findFirstOrThrow({ where: { state: "SKIPPED" } });
  expect(skipped.lastError).toContain("账号已停用");
});

test("preferences: SMS off sends no SMS; email off sends no email but keeps the inbox; a forced escalation ignores both", async ({
  database: { db },
  smtp,
  platforms,
}) => {
  const w = await buildWorld(db);
  await db.channelDelivery.deleteMany({});
  const staff = w.scienceStaff;
  await db.user.update({ where: { id: staff.id }, data: { mobile: "13912345678" } });
  // defaults: email and inbox on, SMS off, even with a mobile
  await enqueueNotifications(db, [dueSoon(w, staff, "default")]);
  expect(await db.channelDelivery.count()).toBe(0);

  const me = actorOf(staff, w.jurisdiction.id, w.science.id);
  await setMyChannelPreference(
    { db, actor: me },
    { kind: "due-soon", mode: "IMMEDIATE", email: false, inbox: true, sms: false },
  );
  await setMyChannelPreference(
    { db, actor: me },
    { kind: "overdue-escalation", mode: "IMMEDIATE", email: false, inbox: false, sms: false },
  );
  await enqueueNotifications(db, [
    dueSoon(w, staff, "email-off"),
    dueSoon(w, staff, "esc-1", "overdue-escalation"),
  ]);
  const off = await db.notification.findFirstOrThrow({
    where: { dedupeKey: { contains: "email-off" } },
  });
  expect(off.state).toBe("CANCELLED");
  expect(await db.inboxMessage.count({ where: { dedupeKey: off.dedupeKey } })).toBe(1);
  const esc = await db.notification.findFirstOrThrow({
    where: { dedupeKey: { contains: "esc-1" } },
  });
  expect(esc.state).toBe("CANCELLED");
  expect(await db.inboxMessage.count({ where: { dedupeKey: esc.dedupeKey } })).toBe(0);

  // the office forces escalations on: email + inbox + SMS (the user has a mobile) despite the opt-out
  await db.jurisdiction.update({
    where: { id: w.jurisdiction.id },
    data: { forceEscalations: true },
  });
  await enqueueNotifications(db, [
    dueSoon(w, staff, "esc-2", "overdue-escalation"),
    dueSoon(w, staff, "email-off-2"),
  ]);
  const forced = await db.notification.findFirstOrThrow({
    where: { dedupeKey: { contains: "esc-2" } },
  });
  expect(forced.state).toBe("PENDING");
  expect(await db.inboxMessage.count({ where: { dedupeKey: forced.dedupeKey } })).toBe(1);
  expect((await db.channelDelivery.findMany()).map((d) => [d.channel, d.notificationId])).toEqual([
    ["SMS", forced.id],
  ]);
  // a kind that is not an escalation stays as the user chose
  expect(
    (await db.notification.findFirstOrThrow({ where: { dedupeKey: { contains: "email-off-2" } } }))
      .state,
  ).toBe("CANCELLED");

  const mailer = createMailer({ url: smtp.url, from: "duban@xf.gov.cn", idleMs: 50 });
  await sendPendingNotifications({
    db,
    mailer,
    log: createLogger("t", { level: "fatal" }),
    baseUrl: "https://x.gov.cn",
  });
  expect(smtp.messages.map((m) => m.subject)).toEqual(
    ["【督办】到期提醒 default", "【督办】到期提醒 esc-2"].sort(),
  );
  await sendPendingChannelDeliveries(channelSender(db, platforms));
  expect(platforms.received.map((r) => r.to)).toEqual(["13912345678"]);
});

test("a forced escalation reaches an office member who muted it, on email, inbox and SMS; the dry run lists it and the robot post", async ({
  database: { db },
  platforms,
}) => {
  const w = await buildWorld(db);
  await db.channelDelivery.deleteMany({});
  await addTask(db, w, { title: "久拖未办的任务", dueDate: "2024-01-02" });
  const robot = await wecomRobot(db, w, platforms, ["overdue-escalation"], null);
  await db.user.update({ where: { id: w.office.id }, data: { mobile: "13712345678" } });
  // the office member muted escalations, SMS included
  await setMyChannelPreference(
    { db, actor: actorOf(w.office, w.jurisdiction.id, null, "OFFICE") },
    { kind: "overdue-escalation", mode: "MUTED", email: true, inbox: true, sms: false },
  );
  const mine = () =>
    db.notification.findMany({
      where: { kind: "overdue-escalation", recipientUserId: w.office.id },
    });

  // not forced: the mute wins, nothing reaches them
  await runJob(inlineContext(db), "overdue-scan", { asOf: "2024-01-31", trigger: "test" });
  expect(await mine()).toHaveLength(0);
  expect(await db.channelDelivery.count({ where: { channel: "SMS" } })).toBe(0);

  // forced: the dry run says who and on what, and writes nothing
  await db.jurisdiction.update({
    where: { id: w.jurisdiction.id },
    data: { forceEscalations: true },
  });
  const before = await db.channelDelivery.count();
  const dry = await runJob(inlineContext(db), "overdue-scan", {
    asOf: "2024-02-01",
    dryRun: true,
    trigger: "test",
  });
  const line = dry.recipients!.find(
    (r) => r.kind === "overdue-escalation" && r.email === w.office.email.toLowerCase(),
  );
  expect(line?.reason).toContain("办公室强制送达");
  expect(
    dry
      .channels!.filter((c) => c.kind === "overdue-escalation")
      .map((c) => [c.channel, c.to, c.forced]),
  ).toEqual(
    expect.arrayContaining([
      ["SMS", "137****5678", true],
      ["WECOM_ROBOT", "科技局工作群", false],
    ]),
  );
  expect(JSON.stringify(dry)).not.toContain("13712345678");
  expect(await db.channelDelivery.count()).toBe(before);
  expect(await mine()).toHaveLength(0);

  // the real run makes exactly what the dry run listed
  await runJob(inlineContext(db), "overdue-scan", { asOf: "2024-02-01", trigger: "test" });
  const [forced] = await mine();
  expect(forced).toMatchObject({ state: "PENDING" });
  expect(
    await db.inboxMessage.count({ where: { userId: w.office.id, dedupeKey: forced!.dedupeKey } }),
  ).toBe(1);
  const made = await db.channelDelivery.findMany({
    where: { kind: "overdue-escalation" },
  });
  expect(made.map((d) => d.dedupeKey).sort()).toEqual(
    expect.arrayContaining(
      dry.channels!.filter((c) => c.kind === "overdue-escalation").map((c) => c.dedupeKey),
    ),
  );
  const sms = made.find((d) => d.channel === "SMS");
  expect(sms).toMatchObject({ notificationId: forced!.id, phone: "13712345678" });
  // the sender's dry run lists what is due on the channels too, mobiles masked
  const due = await runJob(inlineContext(db), "send-notifications", {
    dryRun: true,
    trigger: "test",
  });
  expect(due.channels!.map((c) => [c.channel, c.to, c.why, c.attempt]).sort()).toEqual(
    made
      .map((d) => [d.channel, d.channel === "SMS" ? "137****5678" : "科技局工作群", "due", 1])
      .sort(),
  );
  await sendPendingChannelDeliveries(channelSender(db, platforms));
  expect(platforms.received.filter((r) => r.platform === "sms").map((r) => r.to)).toEqual([
    "13712345678",
  ]);
  expect(robot.id).toBeTruthy();
});

test("the SMS daily cap holds under concurrent senders: check and claim are one step", async ({
  database: { db },
  platforms,
}) => {
  const w = await buildWorld(db);
  await db.channelDelivery.deleteMany({});
  await smsOn(db, w, w.scienceStaff);
  await enqueueNotifications(
    db,
    ["1", "2", "3", "4", "5", "6"].map((t) => dueSoon(w, w.scienceStaff, `race-${t}`)),
  );
  expect(await db.channelDelivery.count({ where: { channel: "SMS" } })).toBe(6);
  const opts = {
    ...channelSender(db, platforms, {
      sms: { ...channelSender(db, platforms).sms!, dailyCap: 2 },
    }),
    batchSize: 2,
    concurrency: 2,
  };
  // three workers at once, each sending two at a time: all six pass their checks together
  const results = await Promise.all([1, 2, 3].map(() => sendPendingChannelDeliveries(opts)));
  const total = (k: "sent" | "skipped") => results.reduce((n, r) => n + r[k], 0);
  expect([total("sent"), total("skipped")]).toEqual([2, 4]);
  expect(platforms.received.filter((r) => r.platform === "sms")).toHaveLength(2);
  const rows = await db.channelDelivery.findMany({ where: { channel: "SMS" } });
  expect(rows.filter((r) => r.state === "SENT")).toHaveLength(2);
  expect(rows.filter((r) => r.smsCountedAt !== null)).toHaveLength(2);
  expect(rows.filter((r) => r.state === "SKIPPED").map((r) => r.lastError)).toEqual(
    Array(4).fill(expect.stringContaining("每日短信上限 2 条")),
  );

  // a failed SMS gives its slot back (the next day, the gateway fails once)
  await enqueueNotifications(db, [dueSoon(w, w.scienceStaff, "next-day-1")]);
  const tomorrow = new Date(Date.now() + 86_400_000);
  platforms.failNext("13812345678", "500");
  const next = { ...opts, now: () => tomorrow };
  expect(await sendPendingChannelDeliveries(next)).toMatchObject({ retrying: 1 });
  const failed = await db.channelDelivery.findFirstOrThrow({
    where: { dedupeKey: { contains: "next-day-1" } },
  });
  expect(failed).toMatchObject({ state: "PENDING", smsCountedAt: null });
});

test("a split robot message whose 2nd part fails resumes from that part: the group never sees a part twice", async ({
  database: { db },
}) => {
  const w = await buildWorld(db);
  await db.channelDelivery.deleteMany({});
  const key = `key-${randomBytes(6).toString("hex")}`;
  const server = await startFakePlatformServer({ wecomKeys: [key] });
  onTestFinished(() => server.close());
  const robot = await createRobot(
    { db, ...system },
    {
      jurisdictionId: w.jurisdiction.id,
      departmentId: null,
      platform: "WECOM",
      name: "办公室群",
      key,
      secret: null,
      kinds: ["due-soon"],
      enabled: true,
    },
  );
  // about 11 KB of text: three parts of at most 4096 bytes each
  const body = Array.from(
    { length: 110 },
    (_, i) => `第${i + 1}项：按期推进科技创新平台建设，完成年度目标任务，报送进展材料。`,
  ).join("\n");
  const splitRow = {
    channel: "WECOM_ROBOT" as const,
    robotId: robot.id,
    jurisdictionId: w.jurisdiction.id,
    kind: "due-soon",
    title: "到期提醒汇总",
    body,
    linkPath: "/inbox",
  };
  const row = await db.channelDelivery.create({
    data: { ...splitRow, dedupeKey: `split:${robot.id}` },
  });
  server.fail({ kind: "http", status: 503 }, { platform: "wecom", after: 1 });
  let at = new Date();
  const opts: ChannelSenderOptions = {
    db,
    log: capturingLogger().log,
    baseUrl: "https://duban.example.gov.cn",
    robotBaseUrl: { WECOM: server.url },
    now: () => at,
    timeoutMs: 2000,
  };
  expect(await sendPendingChannelDeliveries(opts)).toMatchObject({ retrying: 1 });
  expect(await db.channelDelivery.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
    state: "PENDING",
    partsSent: 1,
  });
  const parts = () => server.delivered("wecom").map((r) => r.text!.split("\n")[0]);
  expect(parts()).toEqual(["(1/3)"]);

  at = new Date(at.getTime() + 3_600_000);
  expect(await sendPendingChannelDeliveries(opts)).toMatchObject({ sent: 1 });
  expect(parts()).toEqual(["(1/3)", "(2/3)", "(3/3)"]);
  expect(server.requests.filter((r) => r.platform === "wecom")).toHaveLength(4);
  expect(await db.channelDelivery.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
    state: "SENT",
    partsSent: 3,
    attempts: 2,
  });

  // the progress is kept as each part is accepted, not only when a part fails: while the 2nd part
  // of another message hangs, the row already says one part went out
  const second = await db.channelDelivery.create({
    data: { ...splitRow, dedupeKey: `split-2:${robot.id}` },
  });
  server.fail({ kind: "hang" }, { platform: "wecom", after: 1 });
  at = new Date(at.getTime() + 3_600_000);
  const hanging = sendPendingChannelDeliveries(opts);
  await expect
    .poll(async () => db.channelDelivery.findUniqueOrThrow({ where: { id: second.id } }), {
      timeout: 5000,
      interval: 50,
    })
    .toMatchObject({ state: "SENDING", partsSent: 1 });
  expect(await hanging).toMatchObject({ retrying: 1, ambiguous: 1 });
});

test("a deleted robot keeps its delivery history, posts nothing more and gets no new deliveries", async ({
  database: { db },
  platforms,
}) => {
  const w = await buildWorld(db);
  await db.channelDelivery.deleteMany({});
  const robot = await wecomRobot(db, w, platforms, ["due-soon"], null);
  await enqueueNotifications(db, [dueSoon(w, w.office, "before")]);
  expect(await sendPendingChannelDeliveries(channelSender(db, platforms))).toMatchObject({
    sent: 1,
  });
  await enqueueNotifications(db, [dueSoon(w, w.office, "pending")]);
  const office = actorOf(w.office, w.jurisdiction.id, null, "OFFICE");
  await deleteRobot({ db, actor: office }, { id: robot.id });

  // the history stays: the sent post and the pending one, which is skipped, not sent
  expect(await sendPendingChannelDeliveries(channelSender(db, platforms))).toMatchObject({
    skipped: 1,
  });
  const history = await db.channelDelivery.findMany({
    where: { robotId: robot.id },
    orderBy: { createdAt: "asc" },
  });
  expect(history.map((d) => d.state)).toEqual(["SENT", "SKIPPED"]);
  expect(history[1]!.lastError).toContain("机器人已删除");
  expect(platforms.received).toHaveLength(1);
  await enqueueNotifications(db, [dueSoon(w, w.office, "after")]);
  expect(await db.channelDelivery.count({ where: { robotId: robot.id } })).toBe(2);
  expect(await db.channelRobot.findUniqueOrThrow({ where: { id: robot.id } })).toMatchObject({
    enabled: false,
    deletedAt: expect.any(Date),
  });
  const audit = await db.auditEvent.findFirstOrThrow({
    where: { action: "channel.robot.delete", entityId: robot.id },
  });
  expect(audit.after).toMatchObject({ enabled: false, deletedAt: expect.any(String) });
});

test("a RED notice in a jurisdiction that forces escalations reaches unit staff who muted notices; a YELLOW one does not", async ({
  database: { db },
}) => {
  const w = await buildWorld(db);
  await db.channelDelivery.deleteMany({});
  const task = await addTask(db, w, { title: "红色督办的任务", dueDate: "2024-01-02" });
  const staff = w.scienceStaff;
  await db.user.update({ where: { id: staff.id }, data: { mobile: "13612345678" } });
  await setMyChannelPreference(
    { db, actor: actorOf(staff, w.jurisdiction.id, w.science.id) },
    { kind: "supervision-notice", mode: "MUTED", email: true, inbox: true, sms: true },
  );
  await db.jurisdiction.update({
    where: { id: w.jurisdiction.id },
    data: { forceEscalations: true },
  });
  const issue = (level: "YELLOW" | "RED") =>
    issueNotices(
      { db, ...system },
      {
        planId: w.plan.id,
        level,
        requirement: "请于一周内报送整改方案",
        replyDueDate: shanghaiDay(new Date()),
        taskIds: [task.id],
      },
      async () => new Uint8Array([1]),
    );
  const mails = () =>
    db.notification.findMany({
      where: { kind: "supervision-notice", recipientUserId: staff.id },
    });

  await issue("YELLOW"); // not an escalation: the mute holds
  expect(await mails()).toHaveLength(0);
  await issue("RED");
  const [red] = await mails();
  expect(red).toMatchObject({
    state: "PENDING",
    payload: expect.objectContaining({ level: "RED" }),
  });
  expect(
    (await db.channelDelivery.findMany({ where: { channel: "SMS" } })).map((d) => [
      d.notificationId,
      d.phone,
    ]),
  ).toEqual([[red!.id, "13612345678"]]);
});

test("a new mobile number is set only with the code the gateway delivered to that number, not to the old one, whatever the reminder cap", async ({
  database: { db },
  platforms,
}) => {
  const w = await buildWorld(db);
  await db.channelDelivery.deleteMany({});
  await smsOn(db, w, w.scienceStaff);
  const ctx = { db, actor: actorOf(w.scienceStaff, w.jurisdiction.id, w.science.id) };
  expect(await requestMobileCode(ctx, { mobile: "13900002222" })).toMatchObject({
    mobile: "139****2222",
  });
  // a cap of 0 reminders a day: the code is not a reminder, and goes to the new number
  const opts = channelSender(db, platforms, {
    sms: {
      ...channelSender(db, platforms).sms!,
      dailyCap: 0,
      templates: { default: "id:SMS_1", "mobile-code": "id:SMS_CODE" },
    },
  });
  expect(await sendPendingChannelDeliveries(opts)).toMatchObject({ sent: 1 });
  expect(platforms.received.map((r) => r.to)).toEqual(["13900002222"]);
  const sms = JSON.stringify(platforms.received[0]!.body);
  expect(sms).toContain("SMS_CODE");
  const code = /"body":"(\d{6})"/.exec(sms)?.[1];
  expect(code).toMatch(/^\d{6}$/);
  // no link in a code's SMS; once sent, the delivery no longer holds the code
  expect(sms).not.toContain("https://");
  expect(JSON.stringify(await db.channelDelivery.findMany())).not.toContain(code!);
  expect(JSON.stringify(await db.mobileCode.findMany())).not.toContain(code!);
  expect(
    JSON.stringify(
      await db.auditEvent.findMany({
        where: { entityId: w.scienceStaff.id },
        select: { action: true, before: true, after: true },
      }),
    ),
  ).not.toContain(code!);
  // the old number stays until the code comes back
  expect((await db.user.findUniqueOrThrow({ where: { id: w.scienceStaff.id } })).mobile).toBe(
    "13812345678",
  );
  const wrong = code === "000000" ? "111111" : "000000";
  await expect(setMyMobile(ctx, { mobile: "13900002222", code: wrong })).rejects.toThrow(
    "还可尝试 4 次",
  );
  // a code sent to one number does not set another
  await expect(setMyMobile(ctx, { mobile: "13900003333", code: code! })).rejects.toThrow(
    "验证码已失效或未发送",
  );
  expect(await setMyMobile(ctx, { mobile: "13900002222", code: code! })).toEqual({
    mobile: "13900002222",
  });
  expect((await db.user.findUniqueOrThrow({ where: { id: w.scienceStaff.id } })).mobile).toBe(
    "13900002222",
  );
  // a retried save answers as the first did; the code then serves nothing else
  expect(await setMyMobile(ctx, { mobile: "13900002222", code: code! })).toEqual({
    mobile: "13900002222",
  });

  // a code whose SMS could not go out before it expired is never sent late
  const other = { db, actor: actorOf(w.financeStaff, w.jurisdiction.id, w.finance.id) };
  await requestMobileCode(
    { ...other, now: new Date(Date.now() - 11 * 60_000) },
    {
      mobile: "13900004444",
    },
  );
  expect(await sendPendingChannelDeliveries(opts)).toMatchObject({ sent: 0, skipped: 1 });
  expect(platforms.received.map((r) => r.to)).toEqual(["13900002222"]);
  const dead = await db.channelDelivery.findFirstOrThrow({ where: { phone: "13900004444" } });
  expect(dead).toMatchObject({ state: "SKIPPED", body: "" });
  expect(dead.lastError).toContain("验证码已失效");
});
