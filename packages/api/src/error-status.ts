import type { TRPCError } from "@trpc/server";

import type { DomainErrorCode } from "@duban/domain";

/**
 * The one answer to "which status is this domain error": the tRPC code (the errorMapping
 * middleware in trpc.ts) and the HTTP status of the plain routes (apps/api sendDomainError). One
 * entry per DomainErrorCode: a code left out, or one that is not a DomainErrorCode, does not
 * compile. `http` is the status tRPC itself sends for `trpc` (a test holds the two together).
 */
export const domainErrorStatus = {
  NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  FORBIDDEN: { trpc: "FORBIDDEN", http: 403 },
  CONFLICT: { trpc: "CONFLICT", http: 409 },
  INVALID: { trpc: "BAD_REQUEST", http: 400 },
  UNAUTHENTICATED: { trpc: "UNAUTHORIZED", http: 401 },
  RATE_LIMITED: { trpc: "TOO_MANY_REQUESTS", http: 429 },
} as const satisfies Record<DomainErrorCode, { trpc: TRPCError["code"]; http: number }>;
