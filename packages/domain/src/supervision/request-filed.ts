import type { ChangeRequestModel as ChangeRequest, DbOrTx } from "@duban/db";

import { actorUserId, type Actor } from "../actor.ts";
import { dateOnly } from "../calendar.ts";
import { changeRequestKindLabels } from "../i18n/labels.ts";
import { notifyLoop } from "./notify.ts";
import { actorName, loopTaskRef } from "./task-ref.ts";

/**
 * Tells the office, in the filing transaction, that a unit filed a change request or declined a
 * task (退回: a REASSIGNMENT request with `declined`): kind "change-request", awaiting the office,
 * email and inbox to the OFFICE role (never to the filer). Issue #17 steps 1–2.
 */
export async function tellOfficeOfRequest(
  tx: DbOrTx,
  actor: Actor,
  request: ChangeRequest,
  now: Date,
): Promise<void> {
  const ref = await loopTaskRef(tx, request.taskId);
  const what = request.declined ? "退回" : changeRequestKindLabels[request.kind].zh;
  await notifyLoop(tx, {
    kind: "change-request",
    jurisdictionId: request.jurisdictionId,
    subject: `【${what}】${ref.departmentName}：${ref.taskTitle}`,
    dedupeKey: `change-request:${request.id}:filed`,
    payload: {
      ...ref,
      requestId: request.id,
      kind: request.kind,
      declined: request.declined,
      reason: request.reason,
      proposedDueDate: request.proposedDueDate ? dateOnly(request.proposedDueDate) : null,
      requestedBy: actorName(actor),
      awaiting: "office",
    },
    link: {
      entityType: "ChangeRequest",
      entityId: request.id,
      taskId: request.taskId,
      body: request.reason,
    },
    to: { roles: ["OFFICE"] },
    exceptUserId: actorUserId(actor),
    now,
  });
}
