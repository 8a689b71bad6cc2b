import type { IsoDate } from "../calendar.ts";
import type { MissingReport } from "../monitoring/cycle-reminders.ts";
import type { DueSoonItem } from "../monitoring/due-soon.ts";
import type { OverdueItem } from "../monitoring/overdue.ts";
import type { QuarterlySummary } from "../monitoring/quarterly-summary.ts";
import type { NotificationKind } from "./kinds.ts";

/** Every kind the outbox carries: the ones users tune in their settings, and account mail. */
export type OutboxKind = NotificationKind | "password-reset";

/** A map with exactly one entry per outbox kind: a kind left out, or one too many, does not compile. */
type OnePerKind<
  T extends Record<OutboxKind, object> & Record<Exclude<keyof T, OutboxKind>, never>,
> = T;

/**
 * What each kind of email carries in its outbox row (plain JSON: dates as YYYY-MM-DD text). The
 * one declaration of the shapes: the producers (enqueueNotifications, the monitoring jobs) write
 * them and the templates (packages/mail) and the sender (packages/jobs) read them, so a producer
 * and its template cannot disagree without a compile error.
 */
export type NotificationPayloads = OnePerKind<{
  "due-soon": { day: IsoDate; items: DueSoonItem[] };
  overdue: { day: IsoDate; total: number; items: OverdueItem[] };
  "overdue-escalation": {
    day: IsoDate;
    total: number;
    escalationDays: number;
    items: OverdueItem[];
  };
  "cycle-reminder": {
    planTitle: string;
    period: string;
    periodLabel: string;
    dueDate: IsoDate;
    items: Array<MissingReport & { departmentName: string }>;
  };
  /** the quarter's snapshot: every recipient (and the attached workbook) gets the same figures */
  "quarterly-summary": QuarterlySummary;
  /** written by requestPasswordReset's SQL (jsonb_build_object with these three keys) */
  "password-reset": { name: string; url: string; expiresMinutes: number };
}>;

export type NotificationPayload<K extends OutboxKind> = NotificationPayloads[K];

/** One kind's email with its payload; `Notification<OutboxKind>` is the union, discriminated by `kind`. */
export type KindWithPayload<K extends OutboxKind = OutboxKind> = {
  [P in K]: { kind: P; payload: NotificationPayloads[P] };
}[K];
