export { appRouter } from "./root.ts";
export type { AppRouter, RouterInputs, RouterOutputs } from "./root.ts";
export type { Context } from "./context.ts";
export { createCallerFactory } from "./trpc.ts";
export {
  isDatabaseUnavailable,
  databaseUnavailable,
  uploadProcedurePaths,
  type ProcedureMeta,
} from "./trpc.ts";
export { CachedAnswers, ReadCache, type ReadCacheStats } from "./read-cache.ts";
export { toWire } from "./wire.ts";
export { domainErrorStatus } from "./error-status.ts";
export { retryAfterMeta } from "./rate-limit.ts";
