import { addDays, shanghaiDay, shanghaiMidnight } from "../calendar.ts";
import type { DistributiveOmit, OutboxMessage } from "./outbox.ts";
import type { Recipient } from "./recipients.ts";

/** DIGEST recipients get one email a day, at this hour in Shanghai (end of the working day). */
export const DIGEST_HOUR = 17;

/** The next digest slot strictly after `now`. */
export function nextDigestAt(now: Date): Date {
  const today = shanghaiDay(now);
  const slot = new Date(shanghaiMidnight(today).getTime() + DIGEST_HOUR * 3_600_000);
  return slot > now
    ? slot
    : new Date(shanghaiMidnight(addDays(today, 1)).getTime() + DIGEST_HOUR * 3_600_000);
}

/** Marker in the payload: the sender merges rows carrying it into one digest email per recipient. */
export const DIGEST_MARKER = "_delivery";

export function isDigestPayload(payload: unknown): boolean {
  return (
    typeof payload === "object" &&
    payload !== null &&
    (payload as Record<string, unknown>)[DIGEST_MARKER] === "DIGEST"
  );
}

/** One outbox message for `recipient`, held until the digest slot when they asked for a digest. */
export function messageFor(
  recipient: Recipient,
  message: DistributiveOmit<OutboxMessage, "recipientEmail" | "recipientUserId">,
  now: Date = new Date(),
): OutboxMessage {
  if (recipient.mode !== "DIGEST")
    return { ...message, recipientEmail: recipient.email, recipientUserId: recipient.userId };
  return {
    ...message,
    recipientEmail: recipient.email,
    recipientUserId: recipient.userId,
    delivery: "DIGEST",
    nextAttemptAt: nextDigestAt(now),
  };
}
