import type { KindWithPayload, NotificationPayloads, OutboxKind } from "@duban/domain";

import { html } from "./html.ts";
import {
  FOOTER_TEXT,
  layout,
  type RenderContext,
  type RenderedBody,
  type Section,
} from "./layout.ts";
import { accountLinked } from "./templates/account-linked.ts";
import { acknowledgeReminder } from "./templates/acknowledge-reminder.ts";
import { annualPlanIssued } from "./templates/annual-plan-issued.ts";
import { bulletin } from "./templates/bulletin.ts";
import { cascadeAssigned } from "./templates/cascade-assigned.ts";
import { cascadeDecomposeSoon, cascadeLate } from "./templates/cascade.ts";
import { changeRequest, changeRequestDecided } from "./templates/change-request.ts";
import { completionApplied, completionDecided } from "./templates/completion.ts";
import { cycleReminder } from "./templates/cycle-reminder.ts";
import { dueSoon } from "./templates/due-soon.ts";
import { instruction } from "./templates/instruction.ts";
import { overdue, overdueEscalation } from "./templates/overdue.ts";
import { passwordReset } from "./templates/password-reset.ts";
import { quarterlySummary } from "./templates/quarterly-summary.ts";
import { noticeReply, supervisionNotice } from "./templates/supervision-notice.ts";
import { taskAssigned } from "./templates/task-assigned.ts";

/** The kinds there is a template for: every outbox kind (the map below must have them all). */
export type MailKind = OutboxKind;

/** One email to render: its kind, its subject and the payload that kind carries (NotificationPayloads). */
export type MailPart = KindWithPayload & { subject: string };

/** A template per outbox kind, each taking that kind's payload: a missing or mismatched one does not compile. */
const sections: {
  [K in OutboxKind]: (payload: NotificationPayloads[K], ctx: RenderContext) => Section;
} = {
  "due-soon": dueSoon,
  overdue,
  "overdue-escalation": overdueEscalation,
  "cycle-reminder": cycleReminder,
  "quarterly-summary": quarterlySummary,
  "password-reset": passwordReset,
  "account-linked": accountLinked,
  "task-assigned": taskAssigned,
  "acknowledge-reminder": acknowledgeReminder,
  "change-request": changeRequest,
  "change-request-decided": changeRequestDecided,
  "completion-applied": completionApplied,
  "completion-decided": completionDecided,
  "supervision-notice": supervisionNotice,
  "notice-reply": noticeReply,
  instruction,
  bulletin,
  "annual-plan-issued": annualPlanIssued,
  "cascade-assigned": cascadeAssigned,
  "cascade-decompose-soon": cascadeDecomposeSoon,
  "cascade-late": cascadeLate,
};

export function isMailKind(kind: string): kind is MailKind {
  return Object.hasOwn(sections, kind);
}

/** An unknown kind is a programming error: the sender marks the row FAILED with this message. */
export class UnknownMailKindError extends Error {
  override name = "UnknownMailKindError";
}

/**
 * An outbox row as stored (kind text, payload JSON) read as the email it stands for. The payload
 * was written for its kind by the producers (OutboxMessage, typed per kind), so only the kind is
 * checked here: a kind with no template (a programming error) throws UnknownMailKindError, and
 * the sender marks the row FAILED with its message.
 */
export function mailPartOf(row: { kind: string; subject: string; payload: unknown }): MailPart {
  if (!isMailKind(row.kind))
    throw new UnknownMailKindError(`no template for notification kind "${row.kind}"`);
  return row as MailPart;
}

function section<K extends OutboxKind>(part: KindWithPayload<K>, ctx: RenderContext): Section {
  return sections[part.kind](part.payload, ctx);
}

/** The HTML and text bodies of one notification. */
export function renderEmail(part: MailPart, ctx: RenderContext): RenderedBody {
  const s = section(part, ctx);
  return {
    html: layout(part.subject, s.html),
    text: `${part.subject}\n\n${s.text}\n\n--\n${FOOTER_TEXT}`,
  };
}

/** One daily digest out of several held notifications of one recipient. */
export function renderDigest(
  parts: MailPart[],
  ctx: RenderContext & { day: string },
): RenderedBody & { subject: string } {
  const subject = `【督办】${ctx.day} 通知汇总（${parts.length} 条）`;
  const rendered = parts.map((p) => ({ subject: p.subject, ...section(p, ctx) }));
  return {
    subject,
    html: layout(
      subject,
      html`${rendered.map(
        (r) =>
          html`<hr style="border:none;border-top:1px solid #e4e4e7" />
            <h3>${r.subject}</h3>
            ${r.html}`,
      )}`,
    ),
    text: `${subject}\n\n${rendered.map((r) => `== ${r.subject} ==\n${r.text}`).join("\n\n")}\n\n--\n${FOOTER_TEXT}`,
  };
}
