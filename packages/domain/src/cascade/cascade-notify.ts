// The cascade's messages (issue #19): one kind, "cascade-assigned", one event per step.
import type { DbOrTx } from "@duban/db";

import { actorUserId, type Actor } from "../actor.ts";
import { dateOnly } from "../calendar.ts";
import { issuingOfficeName } from "../i18n/notice-text.ts";
import type { NotificationPayloads } from "../notifications/payloads.ts";
import { notifyLoop } from "../supervision/notify.ts";

type Event = NotificationPayloads["cascade-assigned"]["event"];

const subjects: Record<Event, string> = {
  assigned: "【下达】",
  updated: "【下达调整】",
  withdrawn: "【下达撤回】",
  decomposed: "【已分解】",
};

/**
 * Tells the office on the other side of an assignment about one step, in the caller's
 * transaction (notifyLoop: email through the outbox and an inbox message, linked to
 * `/assignments?assignment=<id>`): `assigned`, `updated`, `withdrawn` go to the receiving
 * jurisdiction's office, `decomposed` to the giving one. The acting user is never told.
 * `dedupeKey` is per assignment, event and `step` (its version), so a retried request tells once.
 */
export async function notifyCascade(
  tx: DbOrTx,
  actor: Actor,
  event: Event,
  a: {
    id: string;
    kind: "TASK" | "INDICATOR";
    fromJurisdiction: { id: string; name: string };
    toJurisdiction: { id: string; name: string };
    decomposeBy: Date;
    weight: number;
    shareTarget: number | null;
    note: string;
  },
  item: { title: string; unit: string | null },
  extra: { step: number; reason?: string; taskCount?: number; now?: Date },
) {
  const toChild = event !== "decomposed";
  const jurisdiction = toChild ? a.toJurisdiction : a.fromJurisdiction;
  const acting = toChild ? a.fromJurisdiction : a.toJurisdiction;
  return notifyLoop(tx, {
    kind: "cascade-assigned",
    jurisdictionId: jurisdiction.id,
    subject: `${subjects[event]}${item.title}`,
    dedupeKey: `cascade:${a.id}:${event}:${extra.step}`,
    link: { entityType: "Assignment", entityId: a.id, body: item.title },
    to: { roles: ["OFFICE"] },
    exceptUserId: actorUserId(actor),
    now: extra.now,
    payload: {
      event,
      assignmentId: a.id,
      assignmentKind: a.kind,
      itemTitle: item.title,
      fromJurisdiction: a.fromJurisdiction.name,
      toJurisdiction: a.toJurisdiction.name,
      actingOffice: issuingOfficeName(acting.name),
      decomposeBy: dateOnly(a.decomposeBy),
      weight: a.weight,
      shareTarget: a.shareTarget,
      unit: item.unit,
      note: a.note,
      reason: extra.reason ?? null,
      taskCount: extra.taskCount ?? null,
    },
  });
}
