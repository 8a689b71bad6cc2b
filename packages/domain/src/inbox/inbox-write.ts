import type { DbOrTx } from "@duban/db";

import { standingsOf } from "./inbox-visibility.ts";

/** What an inbox message opens: the object it is about and, when there is one, its task. */
export type InboxLink = {
  /** Task | ChangeRequest | CompletionApplication | SupervisionNotice | Instruction | Indicator | Plan */
  entityType?: string;
  entityId?: string;
  taskId?: string;
  /** a line or two under the title (plain text) */
  body?: string;
};

/** One 站内消息 for one user. `dedupeKey` makes a second write of the same message a no-op. */
export type InboxRow = InboxLink & {
  userId: string;
  jurisdictionId: string | null;
  kind: string;
  title: string;
  dedupeKey: string;
};

const BATCH = 2000;

/**
 * Writes inbox messages (站内消息) in the caller's transaction, so a message exists exactly when
 * the change that causes it does. Rows whose dedupeKey exists are skipped. Returns how many were new.
 * Only rows for an active account that may see what the message is about are written
 * (standingsOf: the task's visibility, else the jurisdiction's): a disabled account, staff of
 * another unit, someone of another county, or a role-less mailbox account gets none, whatever the
 * caller passed (issue #17 step 9, the one visibility rule).
 */
export async function enqueueInbox(tx: DbOrTx, all: InboxRow[]): Promise<number> {
  if (all.length === 0) return 0;
  const standings = await standingsOf(tx, all);
  const rows = all.filter((_r, i) => standings[i] === "sees");
  let created = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH).map((r) => ({
      userId: r.userId,
      jurisdictionId: r.jurisdictionId,
      kind: r.kind,
      title: r.title,
      body: r.body ?? "",
      entityType: r.entityType ?? null,
      entityId: r.entityId ?? null,
      taskId: r.taskId ?? null,
      dedupeKey: r.dedupeKey,
    }));
    created += await tx.$executeRaw`
      INSERT INTO "InboxMessage" (id, "userId", "jurisdictionId", kind, title, body, "entityType", "entityId", "taskId", "dedupeKey")
      SELECT gen_random_uuid(), r."userId", r."jurisdictionId", r.kind, r.title, r.body, r."entityType", r."entityId", r."taskId", r."dedupeKey"
        FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb)
          AS r("userId" uuid, "jurisdictionId" uuid, kind text, title text, body text, "entityType" text, "entityId" text, "taskId" uuid, "dedupeKey" text)
      ON CONFLICT ("dedupeKey") DO NOTHING`;
  }
  return created;
}
