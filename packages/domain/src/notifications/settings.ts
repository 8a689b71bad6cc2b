import type { z } from "zod";

import type { DeliveryMode } from "@duban/db";

import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import type { DomainContext } from "../context.ts";
import { forbidden } from "../errors.ts";
import { notificationKindLabels } from "../i18n/labels.ts";
import type { ZSetMyNotificationSettingInput } from "../schemas/jobs.ts";
import { NOTIFICATION_KINDS } from "./kinds.ts";

function userOf(actor: Actor) {
  if (actor.kind !== "user")
    throw forbidden("系统账户没有个人通知设置", "the system has no notification settings");
  return actor;
}

/** Every tunable kind with the user's mode (IMMEDIATE unless they chose otherwise). */
export async function myNotificationSettings({ db, actor }: DomainContext) {
  const user = userOf(actor);
  const rows = await db.notificationSetting.findMany({ where: { userId: user.userId } });
  const mode = new Map(rows.map((r) => [r.kind, r.mode]));
  return NOTIFICATION_KINDS.map((kind) => ({
    kind,
    label: notificationKindLabels[kind].zh,
    mode: mode.get(kind) ?? ("IMMEDIATE" as DeliveryMode),
  }));
}

export async function setMyNotificationSetting(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZSetMyNotificationSettingInput>,
) {
  const user = userOf(actor);
  return db.$transaction(async (tx) => {
    const before = await tx.notificationSetting.findUnique({
      where: { userId_kind: { userId: user.userId, kind: input.kind } },
    });
    const row = await tx.notificationSetting.upsert({
      where: { userId_kind: { userId: user.userId, kind: input.kind } },
      create: { userId: user.userId, kind: input.kind, mode: input.mode },
      update: { mode: input.mode },
    });
    await recordAudit(tx, actor, {
      action: "notification.setting",
      entityType: "NotificationSetting",
      entityId: `${user.userId}:${input.kind}`,
      before: { mode: before?.mode ?? "IMMEDIATE" },
      after: { mode: input.mode },
      requestId,
    });
    return { kind: row.kind, mode: row.mode };
  });
}
