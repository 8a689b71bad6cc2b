import { randomUUID } from "node:crypto";

import type { z } from "zod";

import type { DbOrTx } from "@duban/db";

import { assertOffice } from "../access.ts";
import { recordAudit } from "../audit.ts";
import type { DomainContext } from "../context.ts";
import { invalid, notFound } from "../errors.ts";
import type {
  ZCreateRobotInput,
  ZListRobotsInput,
  ZRobotIdInput,
  ZUpdateRobotInput,
} from "../schemas/channels.ts";
import { encryptSecret as encrypt, last4, maskSecret, type SecretPlace } from "./secret-box.ts";

/**
 * encryptSecret for a column of robot `id` (bound to that row and column), refusing in words when
 * the deployment has no DUBAN_SECRET_KEY.
 */
function encryptSecret(plain: string, id: string, field: SecretPlace["field"]): string {
  try {
    return encrypt(plain, { table: "ChannelRobot", id, field });
  } catch {
    throw invalid(
      "服务器未配置 DUBAN_SECRET_KEY，无法保存机器人密钥，请联系系统管理员",
      "the server has no DUBAN_SECRET_KEY, so robot keys cannot be stored; ask the administrator",
    );
  }
}

const robotSelect = {
  id: true,
  jurisdictionId: true,
  departmentId: true,
  department: { select: { name: true } },
  platform: true,
  name: true,
  keyLast4: true,
  secretLast4: true,
  kinds: true,
  enabled: true,
  lastError: true,
  misconfiguredAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

type RobotRow = {
  id: string;
  jurisdictionId: string;
  departmentId: string | null;
  department: { name: string } | null;
  platform: "WECOM" | "DINGTALK";
  name: string;
  keyLast4: string;
  secretLast4: string | null;
  kinds: string[];
  enabled: boolean;
  lastError: string | null;
  misconfiguredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/** What leaves the server of a robot: never a key or a secret, only `••••` and their last four. */
function shown(r: RobotRow) {
  const { keyLast4, secretLast4, department, ...rest } = r;
  return {
    ...rest,
    departmentName: department?.name ?? null,
    keyMasked: maskSecret(keyLast4)!,
    secretMasked: maskSecret(secretLast4),
  };
}
/** The audit's view of a robot: what changed, with secrets masked (never their ciphertext). */
const audited = (r: RobotRow) => {
  const { createdAt: _c, updatedAt: _u, lastError: _l, ...rest } = shown(r);
  return rest;
};

/**
 * A robot the actor's office may manage: only its own jurisdiction's (not a city's over a
 * county's), and not one it removed.
 */
async function robotOfOffice(db: DbOrTx, actor: DomainContext["actor"], id: string) {
  const robot = await db.channelRobot.findFirst({
    where: { id, deletedAt: null },
    select: robotSelect,
  });
  if (!robot) throw notFound("机器人", "robot");
  try {
    assertOffice(actor, robot.jurisdictionId);
  } catch {
    throw notFound("机器人", "robot"); // ids of other jurisdictions' robots leak nothing
  }
  return robot;
}

async function assertUnitOf(db: DbOrTx, jurisdictionId: string, departmentId: string | null) {
  if (!departmentId) return;
  const d = await db.department.findFirst({ where: { id: departmentId, jurisdictionId } });
  if (!d) throw notFound("单位", "unit");
}

function assertSecretFits(platform: "WECOM" | "DINGTALK", secret: string | null | undefined) {
  if (platform === "WECOM" && secret)
    throw invalid(
      "企业微信群机器人没有加签密钥，只需填写 Webhook key",
      "a WeCom group robot has no signing secret: give its webhook key only",
      "secret",
    );
}

/**
 * The robots of one jurisdiction and its units, newest first, secrets masked; removed ones are
 * not listed. Office of that jurisdiction only.
 */
export async function listRobots(
  { db, actor }: DomainContext,
  input: z.infer<typeof ZListRobotsInput>,
) {
  assertOffice(actor, input.jurisdictionId);
  const rows = await db.channelRobot.findMany({
    where: { jurisdictionId: input.jurisdictionId, deletedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: robotSelect,
  });
  return rows.map(shown);
}

/**
 * Adds a 企业微信 or 钉钉 robot to the jurisdiction (or one of its units). The key and secret are
 * stored AES-256-GCM encrypted (DUBAN_SECRET_KEY) and audited masked. Office of the jurisdiction
 * only; a unit of another jurisdiction is NOT_FOUND.
 */
export async function createRobot(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZCreateRobotInput>,
) {
  assertOffice(actor, input.jurisdictionId);
  assertSecretFits(input.platform, input.secret);
  return db.$transaction(async (tx) => {
    await assertUnitOf(tx, input.jurisdictionId, input.departmentId);
    // the id is chosen here: the secrets are bound to it before the row exists
    const id = randomUUID();
    const robot = await tx.channelRobot.create({
      data: {
        id,
        jurisdictionId: input.jurisdictionId,
        departmentId: input.departmentId,
        platform: input.platform,
        name: input.name,
        keyCipher: encryptSecret(input.key, id, "keyCipher"),
        keyLast4: last4(input.key),
        secretCipher: input.secret ? encryptSecret(input.secret, id, "secretCipher") : null,
        secretLast4: input.secret ? last4(input.secret) : null,
        kinds: [...new Set(input.kinds)],
        enabled: input.enabled,
      },
      select: robotSelect,
    });
    await recordAudit(tx, actor, {
      action: "channel.robot.create",
      entityType: "ChannelRobot",
      entityId: robot.id,
      jurisdictionId: robot.jurisdictionId,
      before: null,
      after: audited(robot),
      requestId,
    });
    return shown(robot);
  });
}

/** Changes a robot; a new key or secret clears its error state (the office fixed it). */
export async function updateRobot(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZUpdateRobotInput>,
) {
  return db.$transaction(async (tx) => {
    const before = await robotOfOffice(tx, actor, input.id);
    if (input.departmentId !== undefined)
      await assertUnitOf(tx, before.jurisdictionId, input.departmentId);
    assertSecretFits(before.platform, input.secret);
    const rekeyed = input.key !== undefined || input.secret !== undefined;
    const robot = await tx.channelRobot.update({
      where: { id: input.id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.departmentId !== undefined ? { departmentId: input.departmentId } : {}),
        ...(input.kinds !== undefined ? { kinds: [...new Set(input.kinds)] } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        ...(input.key !== undefined
          ? {
              keyCipher: encryptSecret(input.key, input.id, "keyCipher"),
              keyLast4: last4(input.key),
            }
          : {}),
        ...(input.secret !== undefined
          ? {
              secretCipher: input.secret
                ? encryptSecret(input.secret, input.id, "secretCipher")
                : null,
              secretLast4: input.secret ? last4(input.secret) : null,
            }
          : {}),
        ...(rekeyed ? { lastError: null, misconfiguredAt: null } : {}),
      },
      select: robotSelect,
    });
    await recordAudit(tx, actor, {
      action: "channel.robot.update",
      entityType: "ChannelRobot",
      entityId: robot.id,
      jurisdictionId: robot.jurisdictionId,
      before: audited(before),
      after: { ...audited(robot), ...(rekeyed ? { rekeyed: true } : {}) },
      requestId,
    });
    return shown(robot);
  });
}

/**
 * Removes a robot, softly: it is disabled and marked deleted (deletedAt), so it leaves the office's
 * list, gets no new deliveries and its pending ones are skipped ("the robot was removed"), while
 * its delivery history stays in the deliveries view. Audited in the same transaction; removing it
 * again is NOT_FOUND.
 */
export async function deleteRobot(
  { db, actor, requestId, now }: DomainContext,
  input: z.infer<typeof ZRobotIdInput>,
) {
  const at = now ?? new Date();
  return db.$transaction(async (tx) => {
    const before = await robotOfOffice(tx, actor, input.id);
    const removed = await tx.channelRobot.updateMany({
      where: { id: before.id, deletedAt: null },
      data: { deletedAt: at, enabled: false },
    });
    if (removed.count === 0) throw notFound("机器人", "robot"); // removed meanwhile
    await recordAudit(tx, actor, {
      action: "channel.robot.delete",
      entityType: "ChannelRobot",
      entityId: before.id,
      jurisdictionId: before.jurisdictionId,
      before: audited(before),
      after: { ...audited(before), enabled: false, deletedAt: at.toISOString() },
      requestId,
    });
    return { id: before.id };
  });
}

/**
 * Queues a test post to the robot (kind "robot-test"); the channel sender sends it within a
 * minute like any delivery, and a wrong key or secret shows on the robot (lastError,
 * misconfiguredAt). Returns the delivery's id.
 */
export async function testRobot(
  { db, actor, requestId, now }: DomainContext,
  input: z.infer<typeof ZRobotIdInput>,
) {
  const at = now ?? new Date();
  return db.$transaction(async (tx) => {
    const robot = await robotOfOffice(tx, actor, input.id);
    const delivery = await tx.channelDelivery.create({
      data: {
        channel: robot.platform === "WECOM" ? "WECOM_ROBOT" : "DINGTALK_ROBOT",
        robotId: robot.id,
        jurisdictionId: robot.jurisdictionId,
        kind: ROBOT_TEST_KIND,
        title: "督办系统测试消息",
        body: `这是来自督办系统的测试消息：机器人「${robot.name}」配置正确。`,
        linkPath: "/",
        dedupeKey: `robot-test:${robot.id}:${at.getTime()}`,
        nextAttemptAt: at,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "channel.robot.test",
      entityType: "ChannelRobot",
      entityId: robot.id,
      jurisdictionId: robot.jurisdictionId,
      before: null,
      after: { deliveryId: delivery.id },
      requestId,
    });
    return { deliveryId: delivery.id };
  });
}

/** The kind of an office's test post (never a notification kind: no user setting applies). */
export const ROBOT_TEST_KIND = "robot-test";
