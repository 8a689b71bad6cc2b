import type { Redis } from "ioredis";
import type { RateLimiterRes } from "rate-limiter-flexible";

import type { Logger } from "@duban/logger";

import {
  isRefusal,
  LIMITER_TIMEOUT_MESSAGE,
  limiterUnavailable,
  redisLimiter,
  tooManyAttempts,
  type Limiter,
} from "./rate-limit.ts";

/**
 * Login limits: slow guessing down without letting anyone lock an account's owner out.
 *
 * 1. Per address: 30 wrong passwords in 15 minutes, then refusals; ten refused attempts later the
 *    address is blocked for 15 minutes.
 * 2. Per account and address: after 5 consecutive wrong passwords for one account from one
 *    address, each further attempt from there must wait 1, 2, 4 … up to 60 s after the previous
 *    one (429 with Retry-After). Never a lockout: whoever waits gets one attempt, and the right
 *    password then opens the session and clears the streak. An attacker's failures from other
 *    addresses do not touch the owner's key.
 * 3. Per account, for unfamiliar addresses only: guesses spread over many addresses (a botnet,
 *    rotated proxies) share one streak per account: after 10 consecutive wrong passwords from
 *    addresses that never signed in to the account, attempts from any such address wait 1, 2,
 *    4 … up to 60 s. An address where the account signed in successfully in the last 90 days is
 *    familiar and exempt, so an attacker cannot keep the owner out of their usual office; from a
 *    new address the owner waits like everyone else (at most 60 s between attempts).
 *
 * Only wrong passwords count (unknown emails and disabled accounts count the same way, since they
 * must look the same from outside). An attempt is counted when it starts, atomically, so parallel
 * requests cannot slip past a wait (more than four sign-ins at once to one account from one
 * address: the excess is asked to wait); attempts that end otherwise (success, database down, an
 * error) are taken back. A successful login clears the account's streaks. The password is checked only
 * after these limits admit the attempt: checking it first would spend argon2 time on every
 * refused guess and would tell the attacker whether the guess was right.
 *
 * Source: OWASP Authentication and Credential Stuffing cheat sheets (throttle per account and per
 * address, avoid lockouts an attacker can trigger); familiar addresses after Azure AD's smart
 * lockout. Keys live in Redis via rate-limiter-flexible; every call is bounded (LIMITER_TIMEOUT_MS)
 * and answers 503 when Redis does not respond.
 */
export const LOGIN_LIMITS = {
  /**
   * Attempts in flight count until they end (a success is given back then), so a burst of more
   * than 30 simultaneous sign-ins behind one NAT may see a 429 for the excess; the 15-minute block
   * starts only at 40, ten refused attempts past the limit, so such a burst does not cause it.
   */
  perAddress: { points: 30, duration: 15 * 60, blockDuration: 15 * 60, blockOnConsumed: 40 },
  pair: { freeFailures: 5, maxDelaySeconds: 60 },
  account: { freeFailures: 10, maxDelaySeconds: 60 },
  /** a streak is forgotten this long after its first failure */
  streakSeconds: 24 * 3600,
  familiarSeconds: 90 * 24 * 3600,
} as const;

/** The wait after the n-th consecutive failure of a streak: 0 below the free count, then doubling. */
export const delayAfterFailure = (
  n: number,
  rule: { freeFailures: number; maxDelaySeconds: number },
) => (n < rule.freeFailures ? 0 : Math.min(2 ** (n - rule.freeFailures), rule.maxDelaySeconds));

type Limiters = { perAddress: Limiter; familiar: Limiter; pair: Streak; account: Streak };

/** Consecutive failures of one key, and the slot that spaces attempts once the free ones are used. */
type Streak = {
  failures: Limiter;
  slot: Limiter;
  rule: { freeFailures: number; maxDelaySeconds: number };
};

function limiters(redis: Redis): Limiters {
  const streak = (name: string, rule: Streak["rule"]): Streak => ({
    failures: redisLimiter(redis, {
      keyPrefix: `duban:login:${name}-failures`,
      points: rule.freeFailures,
      duration: LOGIN_LIMITS.streakSeconds,
    }),
    // one attempt per slot: the slot's key lives as long as the wait, and a second consume within it is refused
    slot: redisLimiter(redis, { keyPrefix: `duban:login:${name}-slot`, points: 1, duration: 1 }),
    rule,
  });
  return {
    perAddress: redisLimiter(redis, {
      keyPrefix: "duban:login:address",
      ...LOGIN_LIMITS.perAddress,
    }),
    familiar: redisLimiter(redis, {
      keyPrefix: "duban:login:familiar",
      points: 1,
      duration: LOGIN_LIMITS.familiarSeconds,
    }),
    pair: streak("pair", LOGIN_LIMITS.pair),
    account: streak("account", LOGIN_LIMITS.account),
  };
}

/** The outcome of an admitted attempt, reported once. */
export type LoginAttempt = {
  /** a wrong password (or unknown or disabled account): the attempt stays counted */
  failed(): void;
  /** the session was opened: streaks cleared, the address becomes familiar, the address's point returned */
  succeeded(): Promise<void>;
  /** ended for another reason (database down, a bug): the attempt is taken back */
  abandoned(): Promise<void>;
};

/**
 * Admits one login attempt for `account` (the normalized email) from `address`, or throws
 * RATE_LIMITED (429, details.retryAfterSeconds) or SERVICE_UNAVAILABLE (Redis slow or down).
 */
export async function admitLogin(
  redis: Redis,
  input: { account: string; address: string; log: Logger },
): Promise<LoginAttempt> {
  const l = limiters(redis);
  const pairKey = `${input.account}|${input.address}`;
  const undo: Undo = [];
  const rollBack = () => Promise.allSettled(undo.map((u) => u()));
  // settled, not Promise.all: every step must have recorded its take-back before any is run
  const [address, familiar, pair] = await Promise.allSettled([
    counted(l.perAddress.consume(input.address), () => l.perAddress.reward(input.address), undo),
    l.familiar.get(pairKey),
    takeTurn(l.pair, pairKey, undo),
  ]);
  const steps: Array<PromiseSettledResult<unknown>> = [address, familiar, pair];
  if (
    familiar.status === "fulfilled" &&
    !familiar.value &&
    !steps.some((s) => s.status === "rejected")
  ) {
    steps.push(...(await Promise.allSettled([takeTurn(l.account, input.account, undo)])));
  }
  const errors = steps.flatMap((s) => (s.status === "rejected" ? [s.reason as unknown] : []));
  const broken = errors.find((e) => !isRefusal(e));
  if (broken) {
    input.log.warn({ err: broken }, "login limiter unavailable");
    // not awaited: Redis is not answering; the take-backs run when it does
    void rollBack();
    throw limiterUnavailable(broken);
  }
  if (errors.length) {
    await rollBack();
    throw tooManyAttempts(Math.max(...errors.map((e) => (e as RateLimiterRes).msBeforeNext)));
  }
  const quietly = (work: Array<Promise<unknown>>) =>
    Promise.allSettled(work).then((results) => {
      const failed = results.find((r) => r.status === "rejected");
      if (failed)
        input.log.warn(
          { err: (failed as PromiseRejectedResult).reason },
          "login limiter update failed",
        );
    });
  return {
    failed: () => undefined,
    succeeded: () =>
      quietly([
        l.perAddress.reward(input.address),
        l.pair.failures.delete(pairKey),
        l.pair.slot.delete(pairKey),
        l.account.failures.delete(input.account),
        l.account.slot.delete(input.account),
        l.familiar.set(pairKey, 1, LOGIN_LIMITS.familiarSeconds),
      ]),
    abandoned: () => quietly(undo.map((u) => u())),
  };
}

/**
 * Counts the attempt in the streak and, once the free failures are used, takes the slot that
 * spaces attempts (held for the wait that follows this attempt). Refused while the previous
 * attempt's slot is held; a refused attempt is not counted.
 */
async function takeTurn(streak: Streak, key: string, undo: Undo): Promise<void> {
  const n = (await counted(streak.failures.penalty(key), () => streak.failures.reward(key), undo))
    .consumedPoints;
  const wait = delayAfterFailure(n, streak.rule);
  if (wait === 0) return;
  await counted(
    streak.slot.consume(key, 1, { customDuration: wait }),
    () => streak.slot.delete(key),
    undo,
  );
}

type Undo = Array<() => Promise<unknown>>;

/**
 * A counting call and how to take it back, recorded once the call took effect, or may still: a
 * call that timed out is probably waiting in the Redis connection and will run when Redis wakes,
 * and its take-back, sent later on the same connection, runs after it.
 */
async function counted<T>(
  call: Promise<T>,
  takeBack: () => Promise<unknown>,
  undo: Undo,
): Promise<T> {
  try {
    const result = await call;
    undo.push(takeBack);
    return result;
  } catch (error) {
    if (error instanceof Error && error.message === LIMITER_TIMEOUT_MESSAGE) undo.push(takeBack);
    throw error;
  }
}
