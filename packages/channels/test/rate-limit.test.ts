import { describe, expect, test } from "vitest";

import type { ChannelSendError } from "../src/channel.ts";
import { createRobotRateLimiter } from "../src/rate-limit.ts";

function refusal(run: () => void): ChannelSendError {
  try {
    run();
  } catch (error) {
    return error as ChannelSendError;
  }
  throw new Error("expected a refusal");
}

describe("robot rate limiter", () => {
  test("20 a minute per robot: the 21st waits until the oldest leaves the window", () => {
    let now = 1_000_000;
    const limiter = createRobotRateLimiter({ now: () => now });
    for (let index = 0; index < 20; index++) {
      limiter.take("robot-a");
      now += 1000; // one a second
    }
    // now = start + 20 s; the first send (at start) leaves the window at start + 60 s
    const error = refusal(() => limiter.take("robot-a"));
    expect(error.options).toMatchObject({
      permanent: false,
      code: "LOCAL_RATE_LIMIT",
      retryAfterMs: 40_000,
    });
    expect(() => limiter.take("robot-b")).not.toThrow();
    now += 40_000;
    expect(() => limiter.take("robot-a")).not.toThrow();
  });

  test("the parts of one message are taken all or none", () => {
    let now = 0;
    const limiter = createRobotRateLimiter({ now: () => now });
    for (let index = 0; index < 18; index++) limiter.take("robot");
    now = 5000;
    const error = refusal(() => limiter.take("robot", 3));
    // one slot must free: the oldest, sent at 0, leaves at 60 s
    expect(error.options.retryAfterMs).toBe(55_000);
    limiter.take("robot", 2);
    expect(() => limiter.take("robot")).toThrow();
  });
});
