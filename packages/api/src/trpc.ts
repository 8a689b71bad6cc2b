import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";

import { cascadeGuardError, conflictFromDatabase, DomainError, issueParams } from "@duban/domain";

import type { Context } from "./context.ts";
import { domainErrorStatus } from "./error-status.ts";
import { pageKey, SerializedResult, type ReadCacheMeta } from "./read-cache.ts";
import { toWire } from "./wire.ts";

/** Postgres (or Redis) unreachable or overloaded: the client should retry later (503), not see a 500. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let e: unknown = error, depth = 0;
    e && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const text = `${(e as { message?: string }).message ?? ""} ${(e as { code?: string }).code ?? ""} ${(e as { name?: string }).name ?? ""}`;
    if (
      /ECONNREFUSED|ECONNRESET|Connection terminated|connect ETIMEDOUT|P1001|P1017|P2024|P2028|Unable to start a transaction|57P01|57P03|too many clients|DatabaseNotReachable|Can't reach database|timeout exceeded when trying to connect|Stream isn't writeable|enableOfflineQueue|MaxRetriesPerRequestError|Connection is closed/i.test(
        text,
      )
    )
      return true;
  }
  return false;
}

export const databaseUnavailable = (cause?: unknown) =>
  new TRPCError({
    code: "SERVICE_UNAVAILABLE",
    message: "数据库暂时不可用，请稍后重试 (database temporarily unavailable)",
    cause,
  });
const redisUnavailable = (cause?: unknown) =>
  new TRPCError({
    code: "SERVICE_UNAVAILABLE",
    message: "服务暂时不可用，请稍后重试 (service temporarily unavailable)",
    cause,
  });
const isRedisError = (error: unknown) =>
  /Stream isn't writeable|enableOfflineQueue|MaxRetriesPerRequestError|Connection is closed/i.test(
    String((error as { message?: string })?.message ?? ""),
  );

/**
 * What a procedure declares about itself. `upload`: it takes a file in its body (base64, up to
 * 20 MB), so a signed-in caller may send the large body limit; every other procedure gets the
 * small one (apps/api/src/body-limits.ts). `readCache`: its answer is read through the host's
 * cache of plan pages (read-cache.ts; the readCache middleware below).
 */
export type ProcedureMeta = { upload?: boolean; readCache?: ReadCacheMeta };

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    // superjson's wire form both ways (results made by toWire, which gives the same form faster); a
    // page of the read cache goes out as its slot, which the HTTP host fills with the page's stored text
    transformer: {
      input: superjson,
      output: {
        serialize: (value: unknown) =>
          value instanceof SerializedResult ? value.slot : toWire(value),
        deserialize: (value: Parameters<typeof superjson.deserialize>[0]) =>
          superjson.deserialize(value),
      },
    },
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const domain = cause instanceof DomainError ? cause : null;
      const zod = cause instanceof ZodError ? z.flattenError(cause) : null;
      return {
        ...shape,
        message: domain
          ? domain.message
          : zod
            ? "输入有误，请检查标出的字段 (invalid input)"
            : shape.message,
        data: {
          ...shape.data,
          stack: undefined,
          domainCode: domain?.code ?? null,
          messageEn: domain?.messageEn ?? null,
          field: domain?.field ?? null,
          details: domain?.details ?? null,
          zodError: zod,
          // each refusal with its code and params, so the client words it in its own language
          issues:
            cause instanceof ZodError
              ? cause.issues.map((i) => ({
                  path: i.path.map(String),
                  message: i.message,
                  params: issueParams(i),
                }))
              : null,
        },
      };
    },
  });

/**
 * Turns domain errors into tRPC errors once, here: a racing write's constraint conflict (unique,
 * exclusion, foreign key, serialization; see conflictFromDatabase) is a CONFLICT (409) like any
 * other; an unreachable database a 503; everything else unexpected is a 500 and logged.
 */
const errorMapping = t.middleware(async ({ ctx, next, path, type }) => {
  const result = await next();
  if (!result.ok) {
    // a rule the database enforces (the cascade's guard triggers) reads as that rule's refusal
    const cause = cascadeGuardError(result.error.cause) ?? result.error.cause;
    if (cause instanceof DomainError) {
      result.error = new TRPCError({
        code: domainErrorStatus[cause.code].trpc,
        message: cause.message,
        cause,
      });
    } else if (result.error.code === "INTERNAL_SERVER_ERROR") {
      const conflict = conflictFromDatabase(cause);
      if (conflict) {
        ctx.log.warn({ err: cause, path, type, conflict: conflict.details }, "write conflict");
        result.error = new TRPCError({
          code: "CONFLICT",
          message: conflict.message,
          cause: conflict,
        });
      } else if (isDatabaseUnavailable(cause)) {
        ctx.log.error({ err: cause, path, type }, "database unavailable");
        result.error = isRedisError(cause) ? redisUnavailable(cause) : databaseUnavailable(cause);
      } else {
        ctx.log.error({ err: cause ?? result.error, path, type }, "procedure failed");
        result.error = new TRPCError({
          code: "INTERNAL_SERVER_ERROR",
          message: "服务器内部错误，已记录日志 (internal error, logged)",
          cause,
        });
      }
    }
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(errorMapping);

/** The paths of the procedures that take a file (meta `upload`), e.g. "plan.import". */
export function uploadProcedurePaths(router: { _def: { procedures: object } }): string[] {
  return Object.entries(
    router._def.procedures as Record<string, { _def?: { meta?: ProcedureMeta } }>,
  )
    .filter(([, p]) => p._def?.meta?.upload)
    .map(([path]) => path);
}

/**
 * The read cache of a procedure with meta `readCache` (when the host has one): the rest of the
 * chain (input parsing, the resolver) runs only on a miss, and the answer is the page's slot in
 * the response (SerializedResult), which the output transformer writes and the host fills. The
 * procedure keeps its declared output type; only this middleware handles the serialized form.
 */
const readCache = t.middleware(async ({ ctx, meta, path, getRawInput, next }) => {
  if (!meta?.readCache || !ctx.readCache || !ctx.actor) return next();
  const place = await pageKey(
    { db: ctx.db, actor: ctx.actor, cockpitStamps: ctx.readCache.cockpitStamps },
    meta.readCache,
    path,
    await getRawInput(),
  );
  if (!place) return next();
  const slot = await ctx.readCache.read(
    place.key,
    async () => {
      const result = await next();
      if (!result.ok) throw result.error;
      return result.data;
    },
    place.expiresAt,
    place.group,
  );
  // a middleware's answer without running the rest: tRPC's `marker` is a type-level brand only
  return { ok: true, data: slot, marker: undefined } as unknown as Awaited<ReturnType<typeof next>>;
});

/** Signed in: the actor is known (and not disabled, which the session check covers). */
export const authedProcedure = publicProcedure
  .use(({ ctx, next }) => {
    if (!ctx.actor)
      throw new TRPCError({ code: "UNAUTHORIZED", message: "请先登录 (please sign in)" });
    return next({ ctx: { ...ctx, actor: ctx.actor } });
  })
  .use(readCache);
