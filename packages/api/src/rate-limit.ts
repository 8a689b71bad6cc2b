import { TRPCError } from "@trpc/server";
import type { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes, RLWrapperTimeouts } from "rate-limiter-flexible";

import { DomainError } from "@duban/domain";

/**
 * Longest a limiter call may take. Redis answers in well under a millisecond; a Redis that hangs
 * (stopped, swapping, a full network buffer) must not hold logins for ioredis's own timeouts
 * (10 s and more): past this the request answers 503 at once.
 */
export const LIMITER_TIMEOUT_MS = 1000;

/** the Error message of a limiter call that ran out of time (RLWrapperTimeouts's own) */
export const LIMITER_TIMEOUT_MESSAGE = "Operation timed out";

export type LimiterOptions = {
  keyPrefix: string;
  points: number;
  duration: number;
  blockDuration?: number;
  blockOnConsumed?: number;
};

/** A limiter whose every call settles within LIMITER_TIMEOUT_MS (rejecting with an Error past it). */
export type Limiter = RLWrapperTimeouts;

const limiters = new WeakMap<Redis, Map<string, Limiter>>();

/**
 * A rate-limiter-flexible `RateLimiterRedis` on the api's Redis (atomic Lua increments, shared by
 * every api process), wrapped so each call times out after LIMITER_TIMEOUT_MS. One instance per
 * client and key prefix: the library defines its Lua command on the client when constructed.
 * `rejectIfRedisNotReady` answers at once while the client reconnects instead of queueing.
 */
export function redisLimiter(redis: Redis, options: LimiterOptions): Limiter {
  let byPrefix = limiters.get(redis);
  if (!byPrefix) limiters.set(redis, (byPrefix = new Map()));
  let limiter = byPrefix.get(options.keyPrefix);
  if (!limiter) {
    const store = new RateLimiterRedis({
      storeClient: redis,
      rejectIfRedisNotReady: true,
      ...options,
    });
    limiter = new RLWrapperTimeouts({ limiter: store, timeoutMs: LIMITER_TIMEOUT_MS });
    byPrefix.set(options.keyPrefix, limiter);
  }
  return limiter;
}

/** A limiter said no (as opposed to failing): the library rejects with its result object. */
export const isRefusal = (error: unknown): error is RateLimiterRes =>
  error instanceof RateLimiterRes;

/** Seconds a refused caller should wait, at least 1 (for the Retry-After header and the message). */
export const waitSeconds = (msBeforeNext: number) => Math.max(1, Math.ceil(msBeforeNext / 1000));

/**
 * The refusal users see (429 with `details.retryAfterSeconds`, which the HTTP host turns into a
 * Retry-After header): says when to try again, in seconds under two minutes, else in minutes.
 */
export function tooManyAttempts(msBeforeNext: number): DomainError {
  const s = waitSeconds(msBeforeNext);
  const [zh, en] =
    s < 120 ? [`${s} 秒`, `${s} s`] : [`${Math.ceil(s / 60)} 分钟`, `${Math.ceil(s / 60)} min`];
  return new DomainError(
    "RATE_LIMITED",
    `尝试过于频繁，请 ${zh}后再试`,
    `too many attempts; try again in ${en}`,
    undefined,
    { retryAfterSeconds: s },
  );
}

/** Redis did not answer the limiter in time (or is down): 503, so the client retries later. */
export const limiterUnavailable = (cause?: unknown) =>
  new TRPCError({
    code: "SERVICE_UNAVAILABLE",
    message: "服务暂时不可用，请稍后重试 (service temporarily unavailable; try again shortly)",
    cause,
  });

export type RateLimit = { name: string; id: string; limit: number; windowSeconds: number };

/**
 * Counts one attempt against each limit (fixed windows from the first attempt, shared by every
 * api instance). Throws RATE_LIMITED (429, with the wait) once any limit is exceeded, and a 503
 * when Redis does not answer within LIMITER_TIMEOUT_MS.
 */
export async function hitRateLimits(redis: Redis, limits: RateLimit[]): Promise<void> {
  const results = await Promise.allSettled(
    limits.map((l) =>
      redisLimiter(redis, {
        keyPrefix: `duban:rl:${l.name}`,
        points: l.limit,
        duration: l.windowSeconds,
      }).consume(l.id),
    ),
  );
  const refusals = results.flatMap((r) =>
    r.status === "rejected" && isRefusal(r.reason) ? [r.reason] : [],
  );
  const failure = results.find((r) => r.status === "rejected" && !isRefusal(r.reason));
  if (failure) throw limiterUnavailable((failure as PromiseRejectedResult).reason);
  if (refusals.length) throw tooManyAttempts(Math.max(...refusals.map((r) => r.msBeforeNext)));
}

/**
 * tRPC's responseMeta for the HTTP host: a refusal that carries `retryAfterSeconds` (see
 * tooManyAttempts) gets a Retry-After header (RFC 9110 §10.2.3), in seconds.
 */
export function retryAfterMeta({ errors }: { errors: Array<{ cause?: unknown }> }): {
  headers?: Record<string, string>;
} {
  const waits = errors.flatMap((e) => {
    const s = e.cause instanceof DomainError ? e.cause.details?.retryAfterSeconds : undefined;
    return typeof s === "number" ? [s] : [];
  });
  return waits.length ? { headers: { "retry-after": String(Math.max(...waits)) } } : {};
}
