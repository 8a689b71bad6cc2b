import type { z } from "zod";

import type { Db, Prisma } from "@duban/db";

import { assertOffice } from "../access.ts";
import { recordAudit } from "../audit.ts";
import type { DomainContext } from "../context.ts";
import { enqueueInbox } from "../inbox/inbox-write.ts";
import { assertOutboxReader } from "../notifications/outbox-admin.ts";
import type {
  ZJurisdictionChannelsInput,
  ZListChannelDeliveriesInput,
  ZSetForceEscalationsInput,
} from "../schemas/channels.ts";
import { maskMobile } from "./mobile.ts";

/** Kind of the office's inbox message about a robot the platform refused. */
export const ROBOT_MISCONFIGURED_KIND = "robot-misconfigured";

/**
 * The platform said the robot's key or signing secret is wrong (the channel sender's
 * `misconfigured`): the robot gets lastError and misconfiguredAt (shown in the office's robot
 * list), and the office users of its jurisdiction get one inbox message per configuration (the
 * key carries the robot's updatedAt, which a new key or secret moves on; until then a second
 * failure writes nothing new). Returns whether this call was the first report.
 */
export async function reportRobotMisconfigured(
  db: Db,
  robotId: string,
  error: string,
  now: Date,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const robot = await tx.channelRobot.findUnique({
      where: { id: robotId },
      select: {
        id: true,
        name: true,
        jurisdictionId: true,
        misconfiguredAt: true,
        updatedAt: true,
      },
    });
    if (!robot) return false;
    // updateMany keeps updatedAt (the dedupe key's part) where it was: only the office moves it
    await tx.$executeRaw`
      UPDATE "ChannelRobot" SET "lastError" = ${error.slice(0, 500)}, "misconfiguredAt" = coalesce("misconfiguredAt", ${now.toISOString()}::timestamp(3))
       WHERE id = ${robot.id}::uuid`;
    if (robot.misconfiguredAt) return false;
    const office = await tx.membership.findMany({
      where: { jurisdictionId: robot.jurisdictionId, role: "OFFICE" },
      select: { userId: true },
    });
    await enqueueInbox(
      tx,
      [...new Set(office.map((m) => m.userId))].map((userId) => ({
        userId,
        jurisdictionId: robot.jurisdictionId,
        kind: ROBOT_MISCONFIGURED_KIND,
        title: `群机器人「${robot.name}」配置有误，消息无法发送`,
        body: `平台返回：${error.slice(0, 200)}。请在“通知渠道”中检查 Webhook key 或加签密钥。`,
        entityType: "ChannelRobot",
        entityId: robot.id,
        dedupeKey: `robot-misconfigured:${robot.id}:${robot.updatedAt.getTime()}:${userId}`,
      })),
    );
    return true;
  });
}

/** A non-configuration error (timeout, 5xx): shown on the robot, nobody is messaged. */
export async function recordRobotError(db: Db, robotId: string, error: string): Promise<void> {
  await db.$executeRaw`UPDATE "ChannelRobot" SET "lastError" = ${error.slice(0, 500)} WHERE id = ${robotId}::uuid`;
}

/** The jurisdiction's channel settings: whether escalations are forced on. Office only. */
export async function jurisdictionChannelSettings(
  { db, actor }: DomainContext,
  input: z.infer<typeof ZJurisdictionChannelsInput>,
) {
  assertOffice(actor, input.jurisdictionId);
  const j = await db.jurisdiction.findUniqueOrThrow({
    where: { id: input.jurisdictionId },
    select: { forceEscalations: true },
  });
  return { jurisdictionId: input.jurisdictionId, forceEscalations: j.forceEscalations };
}

/**
 * Forces escalations (overdue-escalation, a RED supervision notice) on for the jurisdiction:
 * forced means delivered on every forced channel whatever the recipient chose, their mute
 * included: email and inbox, and SMS when they have a mobile. A member who muted the kind is still
 * a recipient (recipients.ts `forced`, decided by forcingJurisdictions where the escalation is
 * produced) and gets it at once. Office only; audited in the same transaction.
 */
export async function setForceEscalations(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZSetForceEscalationsInput>,
) {
  assertOffice(actor, input.jurisdictionId);
  return db.$transaction(async (tx) => {
    const before = await tx.jurisdiction.findUniqueOrThrow({
      where: { id: input.jurisdictionId },
      select: { forceEscalations: true },
    });
    await tx.jurisdiction.update({
      where: { id: input.jurisdictionId },
      data: { forceEscalations: input.force },
    });
    await recordAudit(tx, actor, {
      action: "channel.forceEscalations",
      entityType: "Jurisdiction",
      entityId: input.jurisdictionId,
      jurisdictionId: input.jurisdictionId,
      before,
      after: { forceEscalations: input.force },
      requestId,
    });
    return { jurisdictionId: input.jurisdictionId, forceEscalations: input.force };
  });
}

/**
 * The office's view of the channel deliveries caused by a jurisdiction it runs jobs for (as the
 * email outbox view, listNotifications), newest first; phone numbers masked, never a secret.
 */
export async function listChannelDeliveries(
  { db, actor }: DomainContext,
  input: z.infer<typeof ZListChannelDeliveriesInput>,
) {
  await assertOutboxReader(db, actor, input.jurisdictionId);
  const where: Prisma.ChannelDeliveryWhereInput = {
    jurisdictionId: input.jurisdictionId,
    ...(input.state ? { state: input.state } : {}),
    ...(input.channel ? { channel: input.channel } : {}),
  };
  const [total, rows] = await Promise.all([
    db.channelDelivery.count({ where }),
    db.channelDelivery.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: {
        id: true,
        notificationId: true,
        channel: true,
        kind: true,
        title: true,
        robot: { select: { id: true, name: true } },
        phone: true,
        state: true,
        attempts: true,
        nextAttemptAt: true,
        sentAt: true,
        lastError: true,
        createdAt: true,
      },
    }),
  ]);
  const items = rows.map((r) => ({ ...r, phone: maskMobile(r.phone) }));
  return { total, page: input.page, pageSize: input.pageSize, items };
}
