import type { Db } from "@duban/db";

import { messageFor } from "../notifications/digest.ts";
import type { DistributiveOmit, OutboxMessage } from "../notifications/outbox.ts";
import type { Recipient } from "../notifications/recipients.ts";

/** An email a job wants to send, with the reason a dry run shows and the jurisdiction that causes it. */
export type PlannedEmail = OutboxMessage & { reason: string; jurisdictionId: string };

/**
 * What the monitoring steps work with: the database, and the clock that says which day is today
 * (future-dated runs, catch-up windows); default real time. Tests move it.
 */
export type MonitoringContext = { db: Db; now?: () => Date };

/** Figures of one run per jurisdiction id (e.g. `{ "<id>": { emails: 3, opened: 1 } }`): what an office may see of a shared run. */
export type JurisdictionFigures = Record<string, Record<string, number>>;

/**
 * What a monitoring job decided: emails to enqueue, figures for JobRun.summary, and the same
 * figures per jurisdiction where a job has more than its emails to count.
 */
export type MonitoringOutcome = {
  summary: Record<string, unknown>;
  emails: PlannedEmail[];
  byJurisdiction?: JurisdictionFigures;
};

/**
 * Merges per-group item lists into one list per recipient and causing jurisdiction, so one person
 * gets one email a day from each jurisdiction whose tasks concern them. Never one email for two
 * jurisdictions: each outbox row has exactly one cause, which decides whose office sees it, and a
 * run over one jurisdiction can never use up the key of another's email.
 */
export function byRecipient<T>(
  groups: Array<{ jurisdictionId: string; recipients: Recipient[]; items: T[] }>,
): Map<string, { jurisdictionId: string; recipient: Recipient; items: T[] }> {
  const out = new Map<string, { jurisdictionId: string; recipient: Recipient; items: T[] }>();
  for (const g of groups) {
    for (const r of g.recipients) {
      const key = `${g.jurisdictionId}\u0000${r.email}`;
      const entry = out.get(key) ?? { jurisdictionId: g.jurisdictionId, recipient: r, items: [] };
      entry.items.push(...g.items);
      out.set(key, entry);
    }
  }
  return out;
}

/** One email of a job, caused by `jurisdictionId` (stored on the outbox row). */
export function planned(
  recipient: Recipient,
  message: DistributiveOmit<
    OutboxMessage,
    "recipientEmail" | "recipientUserId" | "jurisdictionId"
  > & {
    jurisdictionId: string;
  },
  reason: string,
  now?: Date,
): PlannedEmail {
  return { ...messageFor(recipient, message, now), jurisdictionId: message.jurisdictionId, reason };
}

/** Adds `n` to one figure of one jurisdiction. */
export function countFor(
  figures: JurisdictionFigures,
  jurisdictionId: string,
  figure: string,
  n = 1,
): void {
  const row = (figures[jurisdictionId] ??= {});
  row[figure] = (row[figure] ?? 0) + n;
}
