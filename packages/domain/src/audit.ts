import type { DbOrTx, Prisma } from "@duban/db";

import { actorLabel, actorUserId, type Actor } from "./actor.ts";

export type AuditInput = {
  action: string;
  entityType: string;
  entityId: string;
  jurisdictionId?: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string;
};

/** JSON-safe copy: Dates become ISO strings, BigInts strings, undefined dropped. */
function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)),
  ) as Prisma.InputJsonValue;
}

/**
 * Appends an AuditEvent. Call it with the transaction that makes the change, so the change and
 * its record commit or roll back together.
 */
export async function recordAudit(tx: DbOrTx, actor: Actor, input: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorUserId: actorUserId(actor),
      actorLabel: actorLabel(actor),
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      jurisdictionId: input.jurisdictionId ?? null,
      before: toJson(input.before),
      after: toJson(input.after),
      requestId: input.requestId ?? null,
    },
  });
}
