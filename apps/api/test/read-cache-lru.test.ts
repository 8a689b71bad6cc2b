import { describe, expect, test } from "vitest";
import { ReadCache } from "@duban/api";

const page = (n: number) => ({ n, day: new Date(Date.UTC(2026, 0, n)), text: "甲".repeat(100) });
const FAR = Date.now() + 3600_000;

describe("ReadCache", () => {
  test("concurrent misses of one key compute once; the result keeps its dates", async () => {
    const cache = new ReadCache({ maxChars: 1_000_000, ttlMs: 60_000 });
    let computed = 0;
    const compute = async () => {
      computed++;
      await new Promise((r) => setTimeout(r, 20));
      return page(1);
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => cache.getOrCompute("k", compute, FAR)));
    expect(computed).toBe(1);
    await cache.getOrCompute("k", compute, FAR);
    expect(computed).toBe(1);
    expect(results[0]!.payload.meta?.values).toEqual({ day: ["Date"] });
    expect(cache.stats()).toMatchObject({ misses: 1, hits: 10, entries: 1 });
  });

  test("the least recently used page leaves first when the memory budget is reached", async () => {
    const probe = await new ReadCache({ maxChars: 1_000_000, ttlMs: 60_000 }).getOrCompute("p", async () => page(1), FAR);
    const size = JSON.stringify(probe.payload).length;
    // room for four pages (one page may take at most a quarter of the budget)
    const cache = new ReadCache({ maxChars: size * 4 + 10, ttlMs: 60_000 });
    let computed = 0;
    const get = (k: number) => cache.getOrCompute(`k${k}`, async () => (computed++, page(k)), FAR);
    await get(1); await get(2); await get(3); await get(4);
    await get(1); // k1 is now the most recent
    await get(5); // over budget: k2 goes
    expect(cache.stats().entries).toBe(4);
    computed = 0;
    await get(1); await get(3); await get(4); await get(5);
    expect(computed).toBe(0);
    await get(2);
    expect(computed).toBe(1);
  });

  test("an entry ends at its deadline; a failed computation is not kept", async () => {
    const cache = new ReadCache({ maxChars: 1_000_000, ttlMs: 60_000 });
    let computed = 0;
    await cache.getOrCompute("k", async () => (computed++, page(1)), Date.now() + 30);
    await new Promise((r) => setTimeout(r, 50));
    await cache.getOrCompute("k", async () => (computed++, page(1)), FAR);
    expect(computed).toBe(2);
    await expect(cache.getOrCompute("bad", async () => { throw new Error("无权访问"); }, FAR)).rejects.toThrow("无权访问");
    expect(cache.stats().entries).toBe(1);
  });
});
