import { describe, expect, test } from "vitest";

import { mapConcurrent } from "./concurrency.ts";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("mapConcurrent", () => {
  test("keeps the items' order and never runs more than the limit at once", async () => {
    let running = 0;
    let most = 0;
    const out = await mapConcurrent([50, 10, 30, 0, 20, 40, 5], 3, async (ms, i) => {
      running++;
      most = Math.max(most, running);
      await tick(ms);
      running--;
      return `${i}:${ms}`;
    });
    expect(out).toEqual(["0:50", "1:10", "2:30", "3:0", "4:20", "5:40", "6:5"]);
    expect(most).toBe(3);
  });

  test("starts nothing after a failure and throws the first error", async () => {
    const started: number[] = [];
    await expect(
      mapConcurrent([1, 2, 3, 4, 5, 6], 2, async (n) => {
        started.push(n);
        await tick(n === 2 ? 1 : 20);
        if (n === 2) throw new Error("第 2 项失败");
        return n;
      }),
    ).rejects.toThrow("第 2 项失败");
    await tick(60);
    expect(started).toEqual([1, 2]);
  });

  test("an empty list is an empty result", async () => {
    expect(await mapConcurrent([], 4, async () => 1)).toEqual([]);
  });
});
