import type { Redis } from "ioredis";
import { DomainError } from "@duban/domain";

export type RateLimit = { key: string; limit: number; windowSeconds: number };

/**
 * Fixed-window counters in Redis, shared by every api instance. Throws RATE_LIMITED once any of
 * the limits is exceeded; the counters expire by themselves.
 */
export async function hitRateLimits(redis: Redis, limits: RateLimit[]): Promise<void> {
  const multi = redis.multi();
  for (const l of limits) multi.incr(`duban:rl:${l.key}`).expire(`duban:rl:${l.key}`, l.windowSeconds, "NX");
  const results = (await multi.exec()) ?? [];
  limits.forEach((l, i) => {
    const count = Number(results[i * 2]?.[1] ?? 0);
    if (count > l.limit) {
      throw new DomainError("RATE_LIMITED", `尝试次数过多，请 ${Math.ceil(l.windowSeconds / 60)} 分钟后再试`, `too many attempts; try again in ${Math.ceil(l.windowSeconds / 60)} minutes`);
    }
  });
}

export async function clearRateLimit(redis: Redis, key: string): Promise<void> {
  await redis.del(`duban:rl:${key}`);
}
