/**
 * When a crashed child is started again. Pure, so the schedule is unit-tested.
 * `initialMs` after the first crash, doubling with each crash in a row, never more than `maxMs`;
 * a child that stayed up `stableAfterMs` or longer before crashing starts the count again.
 */
export type BackoffPolicy = { initialMs: number; maxMs: number; stableAfterMs: number };

/** 1 s doubling to 60 s; a minute of good running forgives the earlier crashes. */
export const DEFAULT_BACKOFF: BackoffPolicy = {
  initialMs: 1_000,
  maxMs: 60_000,
  stableAfterMs: 60_000,
};

/** Crashes in a row, counting this one, after a run of `uptimeMs` (ms). */
export function crashesInARow(
  previous: number,
  uptimeMs: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  return uptimeMs >= policy.stableAfterMs ? 1 : previous + 1;
}

/** Delay in ms before the restart that follows the `crashes`-th crash in a row (1-based). */
export function restartDelayMs(crashes: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, crashes - 1);
  // 2 ** 1024 is Infinity: cap the exponent before it matters
  return Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(exponent, 40));
}

/** "code 1", "signal SIGKILL": how a child ended, for the log */
export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `code ${code ?? "?"}`;
}
