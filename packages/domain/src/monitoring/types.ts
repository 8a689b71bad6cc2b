import type { OutboxMessage } from "../notifications/outbox.ts";
import type { Recipient } from "../notifications/recipients.ts";
import { messageFor } from "../notifications/digest.ts";

/** An email a job wants to send, with the reason a dry run shows. */
export type PlannedEmail = OutboxMessage & { reason: string };

/** What a monitoring job decided: emails to enqueue, plus figures for JobRun.summary. */
export type MonitoringOutcome = { summary: Record<string, unknown>; emails: PlannedEmail[] };

/** Merges per-group item lists into one list per recipient email, so one person gets one email. */
export function byRecipient<T>(groups: Array<{ recipients: Recipient[]; items: T[] }>): Map<string, { recipient: Recipient; items: T[] }> {
  const out = new Map<string, { recipient: Recipient; items: T[] }>();
  for (const g of groups) {
    for (const r of g.recipients) {
      const entry = out.get(r.email) ?? { recipient: r, items: [] };
      entry.items.push(...g.items);
      out.set(r.email, entry);
    }
  }
  return out;
}

export function planned(recipient: Recipient, message: Omit<OutboxMessage, "recipientEmail" | "recipientUserId">, reason: string, now?: Date): PlannedEmail {
  return { ...messageFor(recipient, message, now), reason };
}
