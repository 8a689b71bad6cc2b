import {
  createDingtalkRobotTransport,
  createSmsGatewayTransport,
  createWecomRobotTransport,
  robotPlainText,
  type ChannelMessage,
  type ChannelTransport,
  type DingtalkRobotTarget,
  type SmsGatewayTarget,
  type WecomRobotTarget,
} from "@duban/channels";
import type { Db } from "@duban/db";
import {
  claimDueChannelDeliveries,
  decryptSecret,
  DEFAULT_CLAIM_LEASE_MS,
  deferChannelDelivery,
  DomainError,
  mapConcurrent,
  markChannelDeliveryFailed,
  markChannelDeliverySent,
  markChannelDeliverySkipped,
  MOBILE_CODE_KIND,
  mobileCodeStillWanted,
  recordChannelPartsSent,
  recordRobotError,
  reportRobotMisconfigured,
  reserveSmsSlot,
  robotPostsLastMinute,
  type ClaimedChannelDelivery,
} from "@duban/domain";
import type { Logger } from "@duban/logger";

/** The transports by channel; tests and the channels package put real ones in. */
export type ChannelTransports = {
  WECOM_ROBOT: ChannelTransport<WecomRobotTarget>;
  DINGTALK_ROBOT: ChannelTransport<DingtalkRobotTarget>;
  SMS: ChannelTransport<SmsGatewayTarget>;
};

/** The deployment's SMS gateway (DUBAN_SMS_*); absent: SMS deliveries are SKIPPED. */
export type SmsConfig = Omit<SmsGatewayTarget, "phone"> & {
  /** SMS per user per Shanghai day; beyond it deliveries are SKIPPED (DUBAN_SMS_DAILY_CAP, default 10) */
  dailyCap: number;
};

export type ChannelSenderOptions = {
  db: Db;
  log: Logger;
  baseUrl: string;
  transports?: Partial<ChannelTransports>;
  sms?: SmsConfig | null;
  /** robots' API host override (tests, 政务微信 / 浙政钉 private deployments) */
  robotBaseUrl?: { WECOM?: string; DINGTALK?: string };
  now?: () => Date;
  batchSize?: number;
  concurrency?: number;
  leaseMs?: number;
  /** a send that takes longer is aborted (and counted ambiguous) */
  timeoutMs?: number;
  maxDurationMs?: number;
  /** posts per robot per minute (the platforms allow 20) */
  robotPerMinute?: number;
  hooks?: {
    beforeSend?: (id: string, delivery: ClaimedChannelDelivery) => void;
    afterMark?: (id: string, outcome: ChannelOutcome) => void;
  };
};

export type ChannelOutcome = "sent" | "retrying" | "failed" | "skipped" | "deferred" | "lost";
export type ChannelSenderResult = Record<ChannelOutcome, number> & {
  claimed: number;
  ambiguous: number;
};

/**
 * The real transports (packages/channels): split or summarise beyond the platforms' limits, sign
 * DingTalk posts, classify every answer. Their per-process limiter is off: the sender already
 * holds each robot to `robotPerMinute` across every worker, counted in the database.
 */
export const DEFAULT_TRANSPORTS: ChannelTransports = {
  WECOM_ROBOT: createWecomRobotTransport({ limiter: null }),
  DINGTALK_ROBOT: createDingtalkRobotTransport({ limiter: null }),
  SMS: createSmsGatewayTransport(),
};

/**
 * Drains the channel deliveries (SMS, group robots) exactly as the email sender drains the
 * outbox: claim due rows with FOR UPDATE SKIP LOCKED and a lease, send each through its
 * transport, mark the outcome fenced on the claim (a late worker cannot overwrite a row another
 * took over). A robot's or the gateway's answer decides: ok → SENT; retryAfterMs (429, WeCom
 * 45009, DingTalk 130101) or a transient error → PENDING after max(retryAfterMs, backoff);
 * permanent → FAILED; misconfigured (wrong key or signing secret) → FAILED, the robot's
 * lastError/misconfiguredAt set and its office told once (reportRobotMisconfigured).
 * SKIPPED: the user's SMS cap for the day was reached (checked and counted atomically:
 * reserveSmsSlot), no gateway is configured, or the robot was disabled or removed. A robot message
 * cut into parts that fails after some were accepted resumes, on retry, from the first part not
 * accepted (partsSent on the row), so the group never sees a part twice. Each delivery is its own
 * row, so one channel failing never touches another.
 *
 * At-least-once, like the email: a timeout after the request went out (`ambiguous`) may have
 * reached the platform and is retried (logged `channel-ambiguous`); a worker killed between the
 * platform's answer and the SENT mark leaves the row SENDING, and another worker sends it again
 * when the lease ends. Outside that window each delivery is sent once.
 */
export async function sendPendingChannelDeliveries(
  options: ChannelSenderOptions,
): Promise<ChannelSenderResult> {
  const now = options.now ?? (() => new Date());
  const deadline = Date.now() + (options.maxDurationMs ?? 50_000);
  const result: ChannelSenderResult = {
    claimed: 0,
    sent: 0,
    retrying: 0,
    failed: 0,
    skipped: 0,
    deferred: 0,
    lost: 0,
    ambiguous: 0,
  };
  while (Date.now() < deadline) {
    const claimed = await claimDueChannelDeliveries(options.db, {
      now: now(),
      limit: options.batchSize ?? 20,
      leaseMs: options.leaseMs ?? DEFAULT_CLAIM_LEASE_MS,
    });
    if (claimed.length === 0) break;
    result.claimed += claimed.length;
    await mapConcurrent(claimed, Math.max(1, options.concurrency ?? 4), async (d) => {
      const outcome = await deliver(options, d, now, result);
      result[outcome]++;
      options.hooks?.afterMark?.(d.id, outcome);
    });
  }
  return result;
}

type Prepared =
  | { skip: string }
  | { defer: Date }
  | { fail: string }
  | { lost: true }
  | {
      send: (
        message: ChannelMessage,
        signal: AbortSignal,
      ) => Promise<{ providerMessageId?: string; parts?: number }>;
    };

async function prepare(
  options: ChannelSenderOptions,
  d: ClaimedChannelDelivery,
  at: Date,
): Promise<Prepared> {
  const transports = { ...DEFAULT_TRANSPORTS, ...options.transports };
  if (d.channel === "SMS") {
    const sms = options.sms;
    if (!sms) return { skip: "未配置短信网关 (no SMS gateway configured: DUBAN_SMS_URL)" };
    // the person as they are now, not as they were when the message was queued: a disabled
    // account gets nothing, and a number changed or removed since then is the one that counts
    let phone = d.phone;
    if (d.kind === MOBILE_CODE_KIND) {
      // a code is worth sending only while it can still be entered
      if (!(await mobileCodeStillWanted(options.db, d.dedupeKey, at)))
        return {
          skip: "验证码已失效、已使用或账号已停用 (the code expired, was used, or the account is disabled)",
        };
    } else if (d.recipientUserId) {
      const person = await options.db.user.findUnique({
        where: { id: d.recipientUserId },
        select: { disabledAt: true, mobile: true },
      });
      if (!person || person.disabledAt)
        return { skip: "收件人账号已停用 (the recipient's account is disabled)" };
      phone = person.mobile;
    }
    if (!phone) return { skip: "收件人没有手机号 (no mobile number)" };
    // check and take the day's slot in one locked step: two workers cannot both pass the cap
    const slot = d.recipientUserId
      ? await reserveSmsSlot(options.db, d, {
          userId: d.recipientUserId,
          cap: sms.dailyCap,
          now: at,
        })
      : "reserved";
    if (slot === "lost") return { lost: true };
    if (slot === "capped")
      return {
        skip: `已达每日短信上限 ${sms.dailyCap} 条 (daily SMS cap of ${sms.dailyCap} reached)`,
      };
    const { dailyCap: _cap, ...gateway } = sms;
    const target = { ...gateway, phone };
    return { send: (m, signal) => transports.SMS.send(target, m, { signal }) };
  }
  const robot = d.robotId
    ? await options.db.channelRobot.findUnique({ where: { id: d.robotId } })
    : null;
  if (!robot || robot.deletedAt) return { skip: "机器人已删除 (the robot was removed)" };
  if (!robot.enabled) return { skip: "机器人已停用 (the robot is disabled)" };
  if (robot.misconfiguredAt)
    return { fail: `机器人配置有误，待办公室更正 (robot misconfigured: ${robot.lastError ?? ""})` };
  const perMinute = options.robotPerMinute ?? 20;
  if ((await robotPostsLastMinute(options.db, robot.id, at)) >= perMinute)
    return { defer: new Date(at.getTime() + 60_000) };
  let key: string;
  let secret: string | undefined;
  try {
    key = decryptSecret(robot.keyCipher, {
      table: "ChannelRobot",
      id: robot.id,
      field: "keyCipher",
    });
    secret = robot.secretCipher
      ? decryptSecret(robot.secretCipher, {
          table: "ChannelRobot",
          id: robot.id,
          field: "secretCipher",
        })
      : undefined;
  } catch (error) {
    // a missing or malformed key says so (INVALID, zh + en); otherwise the key differs or the
    // ciphertext does not belong to this robot
    const reason =
      error instanceof DomainError
        ? `${error.message} (${error.messageEn})`
        : "无法解密机器人密钥：DUBAN_SECRET_KEY 与写入时不同，或密文不属于此机器人 (cannot decrypt: DUBAN_SECRET_KEY changed, or the ciphertext belongs to another robot)";
    // not silent: the operator reads it in the worker's log, the office on the robot (lastError)
    options.log.error({ robotId: robot.id, err: reason }, reason);
    await recordRobotError(options.db, robot.id, reason);
    return { fail: reason };
  }
  // a split message resumes after the parts the group already got, and keeps its progress as
  // each part is accepted (a worker killed mid-message leaves the rest to the next one)
  const parts = {
    fromPart: d.partsSent,
    onPartSent: async (n: number) => {
      await recordChannelPartsSent(options.db, d, n).catch((error: unknown) =>
        options.log.warn({ channelDeliveryId: d.id, err: String(error) }, "parts not recorded"),
      );
    },
  };
  if (d.channel === "WECOM_ROBOT") {
    const target = { key, baseUrl: options.robotBaseUrl?.WECOM };
    return { send: (m, signal) => transports.WECOM_ROBOT.send(target, m, { signal, ...parts }) };
  }
  const target = { accessToken: key, secret, baseUrl: options.robotBaseUrl?.DINGTALK };
  return {
    send: (m, signal) => transports.DINGTALK_ROBOT.send(target, m, { signal, ...parts }),
  };
}

/**
 * The text every channel sends: title, a line or two, and the link back to Duban. The title and
 * body are plain text people typed (a task's title, a unit's reason): for the robots the transport
 * makes the title the heading and adds the link (robotMarkdown), and the body goes through
 * robotPlainText, so no one's text becomes a disguised link, an image or an @-mention in a group.
 */
export function channelMessage(d: ClaimedChannelDelivery, baseUrl: string): ChannelMessage {
  // a verification code carries no link: SMS platforms refuse them, and people rightly distrust them
  const url = d.kind === MOBILE_CODE_KIND ? "" : new URL(d.linkPath, baseUrl).toString();
  return {
    kind: d.kind,
    title: d.title,
    markdown: robotPlainText(d.body),
    text: d.kind === MOBILE_CODE_KIND ? d.title : `${d.title}${d.body ? `：${d.body}` : ""} ${url}`,
    url,
    variables: { title: d.title, body: d.body, url },
  };
}

type SendErrorShape = {
  message: string;
  options?: {
    permanent?: boolean;
    retryAfterMs?: number;
    misconfigured?: boolean;
    ambiguous?: boolean;
    code?: string;
    partsSent?: number;
  };
};

async function deliver(
  options: ChannelSenderOptions,
  d: ClaimedChannelDelivery,
  now: () => Date,
  result: ChannelSenderResult,
): Promise<ChannelOutcome> {
  const log = options.log.child({ channelDeliveryId: d.id, channel: d.channel, kind: d.kind });
  const prepared = await prepare(options, d, now());
  if ("lost" in prepared) return "lost";
  if ("skip" in prepared) {
    const ok = await markChannelDeliverySkipped(options.db, d, prepared.skip, now());
    log.info({ reason: prepared.skip }, "channel delivery skipped");
    return ok ? "skipped" : "lost";
  }
  if ("defer" in prepared) {
    const ok = await deferChannelDelivery(options.db, d, prepared.defer, now());
    return ok ? "deferred" : "lost";
  }
  if ("fail" in prepared) {
    const state = await markChannelDeliveryFailed(options.db, d, {
      error: prepared.fail,
      permanent: true,
      now: now(),
    });
    return state ? "failed" : "lost";
  }
  options.hooks?.beforeSend?.(d.id, d);
  try {
    const sent = await prepared.send(
      channelMessage(d, options.baseUrl),
      AbortSignal.timeout(options.timeoutMs ?? 10_000),
    );
    const ok = await markChannelDeliverySent(options.db, d, {
      providerMessageId: sent.providerMessageId,
      parts: sent.parts,
      now: now(),
    });
    return ok ? "sent" : "lost";
  } catch (raw) {
    const error = raw as SendErrorShape;
    const o = error.options ?? {};
    // the error text never carries the key: transports put codes and messages in it, not URLs
    const message = `${o.code ? `[${o.code}] ` : ""}${error.message}`;
    if (o.ambiguous) {
      result.ambiguous++;
      log.warn(
        { event: "channel-ambiguous", err: message },
        "channel-ambiguous: the request may have reached the platform; retrying (possible duplicate)",
      );
    } else log.warn({ err: message, permanent: !!o.permanent }, "channel delivery failed");
    if (d.robotId) {
      if (o.misconfigured) await reportRobotMisconfigured(options.db, d.robotId, message, now());
      else await recordRobotError(options.db, d.robotId, message);
    } else if (o.misconfigured)
      log.error({ err: message }, "the SMS gateway refused our credentials (DUBAN_SMS_*)");
    const state = await markChannelDeliveryFailed(options.db, d, {
      error: message,
      permanent: !!o.permanent || !!o.misconfigured,
      retryAfterMs: o.retryAfterMs,
      partsSent: o.partsSent,
      now: now(),
    });
    if (state === null) return "lost";
    return state === "FAILED" ? "failed" : "retrying";
  }
}
