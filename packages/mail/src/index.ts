export { escapeHtml, html, link, SafeHtml } from "./html.ts";
export type { RenderContext, RenderedBody } from "./layout.ts";
export {
  renderEmail,
  renderDigest,
  isMailKind,
  mailPartOf,
  UnknownMailKindError,
} from "./render.ts";
export type { MailKind, MailPart } from "./render.ts";
export type { DueSoonPayload } from "./templates/due-soon.ts";
export type { OverduePayload, OverdueEscalationPayload } from "./templates/overdue.ts";
export type { CycleReminderPayload } from "./templates/cycle-reminder.ts";
export type { QuarterlySummaryPayload } from "./templates/quarterly-summary.ts";
export type { PasswordResetPayload } from "./templates/password-reset.ts";
export { createMailer, MailSendError } from "./transport.ts";
export type { Mailer, MailerOptions, OutgoingEmail, SentEmail } from "./transport.ts";
