import { describe, expect, it } from "vitest";

import { crashesInARow, DEFAULT_BACKOFF, describeExit, restartDelayMs } from "./backoff.ts";

describe("restart backoff", () => {
  it("waits 1 s after the first crash, doubling up to 60 s and staying there", () => {
    const delays = Array.from({ length: 10 }, (_, i) => restartDelayMs(i + 1));
    expect(delays).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000,
    ]);
    expect(restartDelayMs(5_000)).toBe(60_000);
  });

  it("counts crashes in a row only while the child keeps failing soon after its start", () => {
    let crashes = 0;
    for (const uptime of [200, 1_500, 3_000]) crashes = crashesInARow(crashes, uptime);
    expect(crashes).toBe(3);
    expect(restartDelayMs(crashes)).toBe(4_000);
    // a minute of good running forgives: the next crash is the first again
    crashes = crashesInARow(crashes, DEFAULT_BACKOFF.stableAfterMs);
    expect(crashes).toBe(1);
    expect(restartDelayMs(crashes)).toBe(1_000);
  });

  it("follows a policy's own numbers", () => {
    const policy = { initialMs: 100, maxMs: 500, stableAfterMs: 1_000 };
    expect([1, 2, 3, 4, 5].map((n) => restartDelayMs(n, policy))).toEqual([
      100, 200, 400, 500, 500,
    ]);
    expect(crashesInARow(4, 999, policy)).toBe(5);
    expect(crashesInARow(4, 1_000, policy)).toBe(1);
  });

  it("names an exit by its signal, else its code", () => {
    expect(describeExit(null, "SIGKILL")).toBe("signal SIGKILL");
    expect(describeExit(1, null)).toBe("code 1");
  });
});
