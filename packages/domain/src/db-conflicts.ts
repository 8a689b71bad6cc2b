import { cascadeGuardError } from "./cascade/db-guards.ts";
import { DomainError } from "./errors.ts";

/** What kind of concurrent write the database refused, by PostgreSQL SQLSTATE. */
const SQLSTATE_KIND: Record<string, ConflictKind> = {
  "23505": "unique", // unique_violation: the same row created twice at once (unique and partial unique indexes)
  "23P01": "exclusion", // exclusion_violation
  "23503": "foreign-key", // foreign_key_violation: what a row points to was removed meanwhile
  "40001": "serialization", // serialization_failure
  "40P01": "deadlock", // deadlock_detected
};
/** Prisma's codes for the same refusals when made through the model API (raw SQL gives P2010 plus the SQLSTATE). */
const PRISMA_KIND: Record<string, ConflictKind> = {
  P2002: "unique",
  P2003: "foreign-key",
  P2034: "serialization",
};
export type ConflictKind = "unique" | "exclusion" | "foreign-key" | "serialization" | "deadlock";

type Shape = {
  code?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  constraint?: unknown;
  meta?: { driverAdapterError?: { cause?: Shape }; target?: unknown };
  cause?: unknown;
};

function classify(e: Shape): { kind: ConflictKind; constraint: string | null } | null {
  const adapter = e.meta?.driverAdapterError?.cause;
  const sqlstate = [adapter?.originalCode, e.originalCode, e.code].find(
    (c): c is string => typeof c === "string" && c in SQLSTATE_KIND,
  );
  const kind =
    (sqlstate && SQLSTATE_KIND[sqlstate]) ??
    (typeof e.code === "string" ? PRISMA_KIND[e.code] : undefined) ??
    (adapter?.kind === "TransactionWriteConflict" ? "serialization" : undefined);
  if (!kind) return null;
  const c = (adapter?.constraint ?? e.constraint) as
    { index?: string; fields?: string[] } | string | undefined;
  const constraint = typeof c === "string" ? c : (c?.index ?? c?.fields?.join(",") ?? null);
  return { kind, constraint };
}

/**
 * A database refusal caused by writers racing each other — a unique or exclusion violation (two
 * people created the same thing at once), a foreign key violation (what a row points to was
 * removed meanwhile), a serialization failure or deadlock — as a DomainError CONFLICT (HTTP 409)
 * with "数据已被他人修改或重复提交，请刷新后重试"; anything else gives null.
 *
 * Recognises the forms these take in our stack (checked against PostgreSQL through Prisma 7's pg
 * adapter): Prisma P2002/P2003/P2034 from the model API, P2010 with the SQLSTATE in
 * `meta.driverAdapterError.cause.originalCode` from `$queryRaw`/`$executeRaw` (also inside an
 * interactive `$transaction`), and a bare `pg` error carrying `code` = SQLSTATE. The error's
 * `cause` chain is followed a few steps, as wrappers (tRPC, our own) keep the original there.
 * `details` names the kind and the constraint (index name), never the row's values.
 */
export function conflictFromDatabase(error: unknown): DomainError | null {
  for (
    let e: unknown = error, depth = 0;
    e && typeof e === "object" && depth < 5;
    e = (e as Shape).cause, depth++
  ) {
    if (e instanceof DomainError) return null;
    const found = classify(e as Shape);
    if (found) {
      return new DomainError(
        "CONFLICT",
        "数据已被他人修改或重复提交，请刷新后重试",
        "the data was changed by someone else or submitted twice; reload and try again",
        undefined,
        { conflict: found.kind, constraint: found.constraint },
      );
    }
  }
  return null;
}

/** The DomainError an error is, or stands for (a racing write's constraint conflict); null for anything else. */
export function asDomainError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  // a cascade guard trigger's refusal (issue #19) reads as the rule it enforces
  return cascadeGuardError(error) ?? conflictFromDatabase(error);
}
