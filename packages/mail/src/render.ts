import { html } from "./html.ts";
import {
  FOOTER_TEXT,
  layout,
  type RenderContext,
  type RenderedBody,
  type Section,
} from "./layout.ts";
import { cycleReminder, type CycleReminderPayload } from "./templates/cycle-reminder.ts";
import { dueSoon, type DueSoonPayload } from "./templates/due-soon.ts";
import { overdue, overdueEscalation, type OverduePayload } from "./templates/overdue.ts";
import { passwordReset, type PasswordResetPayload } from "./templates/password-reset.ts";
import { quarterlySummary, type QuarterlySummaryPayload } from "./templates/quarterly-summary.ts";

export type PayloadByKind = {
  "due-soon": DueSoonPayload;
  overdue: OverduePayload;
  "overdue-escalation": OverduePayload;
  "cycle-reminder": CycleReminderPayload;
  "quarterly-summary": QuarterlySummaryPayload;
  "password-reset": PasswordResetPayload;
};
export type MailKind = keyof PayloadByKind;

const sections: { [K in MailKind]: (payload: PayloadByKind[K], ctx: RenderContext) => Section } = {
  "due-soon": dueSoon,
  overdue,
  "overdue-escalation": overdueEscalation,
  "cycle-reminder": cycleReminder,
  "quarterly-summary": quarterlySummary,
  "password-reset": passwordReset,
};

export function isMailKind(kind: string): kind is MailKind {
  return Object.hasOwn(sections, kind);
}

/** An unknown kind is a programming error: the sender marks the row FAILED with this message. */
export class UnknownMailKindError extends Error {
  override name = "UnknownMailKindError";
}

function section(kind: string, payload: unknown, ctx: RenderContext): Section {
  if (!isMailKind(kind))
    throw new UnknownMailKindError(`no template for notification kind "${kind}"`);
  return (sections[kind] as (p: unknown, c: RenderContext) => Section)(payload, ctx);
}

/** The HTML and text bodies of one notification. */
export function renderEmail(
  kind: string,
  subject: string,
  payload: unknown,
  ctx: RenderContext,
): RenderedBody {
  const s = section(kind, payload, ctx);
  return { html: layout(subject, s.html), text: `${subject}\n\n${s.text}\n\n--\n${FOOTER_TEXT}` };
}

/** One daily digest out of several held notifications of one recipient. */
export function renderDigest(
  parts: Array<{ kind: string; subject: string; payload: unknown }>,
  ctx: RenderContext & { day: string },
): RenderedBody & { subject: string } {
  const subject = `【督办】${ctx.day} 通知汇总（${parts.length} 条）`;
  const rendered = parts.map((p) => ({ subject: p.subject, ...section(p.kind, p.payload, ctx) }));
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
