import { createHash } from "node:crypto";

import { ChannelSendError } from "./channel.ts";

/**
 * Both robots accept 20 messages a minute each (企业微信 群机器人: "每个机器人发送的消息不能超过
 * 20条/分钟"; 钉钉 自定义机器人: 每分钟最多 20 条, beyond that it is throttled for 10 minutes).
 */
export const ROBOT_MESSAGES_PER_MINUTE = 20;

export type RobotRateLimiter = {
  /**
   * Take `count` slots for `robot` now, all or none (the parts of one split message count each).
   * Throws ChannelSendError `{ permanent: false, retryAfterMs, code: "LOCAL_RATE_LIMIT" }` when
   * the window has no room: the outbox backs off rather than a worker sleeping for up to a minute.
   */
  take: (robot: string, count?: number) => void;
};

/**
 * A sliding-window limiter, one window per robot: at most `limit` sends in any `windowMs`.
 *
 * The windows live in this process only. Two workers could each send 20 a minute to the same
 * robot; the outbox also throttles per robot across processes (it spaces its claims), and a
 * platform refusal (45009 / 130101) is classified with a wait, so this limiter is the first and
 * cheapest guard, not the only one.
 *
 * `now` is injectable for tests. Robot keys are hashed so this map never holds a webhook key.
 */
export function createRobotRateLimiter(
  options: { limit?: number; windowMs?: number; now?: () => number } = {},
): RobotRateLimiter {
  const limit = options.limit ?? ROBOT_MESSAGES_PER_MINUTE;
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const windows = new Map<string, number[]>();
  return {
    take(robot, count = 1) {
      if (count > limit) {
        throw new ChannelSendError(`${count} parts exceed the robot's ${limit} a minute`, {
          permanent: true,
          code: "TOO_MANY_PARTS",
        });
      }
      const at = now();
      const id = createHash("sha256").update(robot).digest("base64url").slice(0, 22);
      const sent = (windows.get(id) ?? []).filter((time) => time > at - windowMs);
      if (sent.length + count > limit) {
        windows.set(id, sent);
        // the slot that frees is the one `count` places after the oldest still needed
        const needed = sent.length + count - limit;
        const frees = sent[Math.min(needed, sent.length) - 1] ?? at;
        throw new ChannelSendError(
          `本机限速：该机器人一分钟内已发送 ${sent.length} 条 / local rate limit: ${sent.length} sent to this robot in the last minute`,
          {
            permanent: false,
            retryAfterMs: Math.max(1, frees + windowMs - at),
            code: "LOCAL_RATE_LIMIT",
          },
        );
      }
      for (let index = 0; index < count; index++) sent.push(at);
      windows.set(id, sent);
    },
  };
}
