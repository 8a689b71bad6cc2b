import { gunzipSync } from "node:zlib";

import { describe, expect, test } from "vitest";

import { CachedAnswers, ReadCache } from "@duban/api";

import { acceptsGzip } from "../src/server.ts";

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
    const results = await Promise.all(
      Array.from({ length: 10 }, () => cache.getOrCompute("k", compute, FAR)),
    );
    expect(computed).toBe(1);
    await cache.getOrCompute("k", compute, FAR);
    expect(computed).toBe(1);
    expect(JSON.parse(results[0]!.json).meta?.values).toEqual({ day: ["Date"] });
    expect(cache.stats()).toMatchObject({ misses: 1, hits: 10, entries: 1 });
  });

  test("the least recently used page leaves first when the memory budget is reached", async () => {
    const probe = await new ReadCache({ maxChars: 1_000_000, ttlMs: 60_000 }).getOrCompute(
      "p",
      async () => page(1),
      FAR,
    );
    const size = probe.json.length;
    // room for four pages (one page may take at most a quarter of the budget)
    const cache = new ReadCache({ maxChars: size * 4 + 10, ttlMs: 60_000 });
    let computed = 0;
    const get = (k: number) => cache.getOrCompute(`k${k}`, async () => (computed++, page(k)), FAR);
    await get(1);
    await get(2);
    await get(3);
    await get(4);
    await get(1); // k1 is now the most recent
    await get(5); // over budget: k2 goes
    expect(cache.stats().entries).toBe(4);
    computed = 0;
    await get(1);
    await get(3);
    await get(4);
    await get(5);
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
    await expect(
      cache.getOrCompute(
        "bad",
        async () => {
          throw new Error("无权访问");
        },
        FAR,
      ),
    ).rejects.toThrow("无权访问");
    expect(cache.stats().entries).toBe(1);
  });
});

describe("ReadCache groups (one page under successive data versions)", () => {
  /** a computation that finishes when told, counting its starts */
  function gate() {
    const started: string[] = [];
    const finish: Array<(v: unknown) => void> = [];
    const compute = (label: string, fail?: Error) => async () => {
      started.push(label);
      await new Promise((resolve) => finish.push(resolve));
      if (fail) throw fail;
      return { label };
    };
    const tick = () => new Promise((r) => setTimeout(r, 5));
    return { started, finish, compute, tick };
  }

  test("misses under new versions while one computes share the single next computation, started after the running one and stored under every sharer's key", async () => {
    const cache = new ReadCache({ maxChars: 1_000_000, ttlMs: 60_000 });
    const { started, finish, compute, tick } = gate();
    const first = cache.getOrCompute("v1", compute("v1"), FAR, "page");
    await tick();
    const waiting = ["v2", "v3", "v4", "v5"].map((key) =>
      cache.getOrCompute(key, compute(key), FAR, "page"),
    );
    await tick();
    // the later ones wait: nothing runs beside the first
    expect(started).toEqual(["v1"]);
    finish[0]!(undefined);
    expect(JSON.parse((await first).json).json).toEqual({ label: "v1" });
    await tick();
    // one computation for the four
    expect(started).toEqual(["v1", "v5"]);
    finish[1]!(undefined);
    const pages = await Promise.all(waiting);
    expect(pages.map((p) => JSON.parse(p.json).json.label)).toEqual(["v5", "v5", "v5", "v5"]);
    // kept under each sharer's key (whichever version a later reader reads); the lane is gone,
    // so a later miss runs at once
    for (const key of ["v2", "v3", "v4", "v5"])
      await cache.getOrCompute(key, compute("never"), FAR, "page");
    expect(started).toEqual(["v1", "v5"]);
    const later = cache.getOrCompute("v6", compute("v6"), FAR, "page");
    await tick();
    expect(started).toEqual(["v1", "v5", "v6"]);
    finish[2]!(undefined);
    await later;
    // another group, or no group, never waits for this one
    const other = cache.getOrCompute("w1", compute("w1"), FAR, "other");
    const plain = cache.getOrCompute("x1", compute("x1"), FAR);
    await tick();
    expect(started.slice(-2)).toEqual(["w1", "x1"]);
    finish[3]!(undefined);
    finish[4]!(undefined);
    await Promise.all([other, plain]);
  });

  test("a miss after the next computation started never joins it: it waits for its own, started after", async () => {
    const cache = new ReadCache({ maxChars: 1_000_000, ttlMs: 60_000 });
    const { started, finish, compute, tick } = gate();
    const first = cache.getOrCompute("v1", compute("v1"), FAR, "page");
    await tick();
    const second = cache.getOrCompute("v2", compute("v2"), FAR, "page");
    finish[0]!(undefined);
    await first;
    await tick();
    expect(started).toEqual(["v1", "v2"]);
    // v2 computes: v3 was read after it started, so it may not take v2's page
    const third = cache.getOrCompute("v3", compute("v3"), FAR, "page");
    await tick();
    expect(started).toEqual(["v1", "v2"]);
    finish[1]!(undefined);
    expect(JSON.parse((await second).json).json).toEqual({ label: "v2" });
    await tick();
    expect(started).toEqual(["v1", "v2", "v3"]);
    finish[2]!(undefined);
    expect(JSON.parse((await third).json).json).toEqual({ label: "v3" });
  });

  test("readers arriving in the very microtasks a computation settles in still wait in line: never two at once", async () => {
    const cache = new ReadCache({ maxChars: 1_000_000, ttlMs: 60_000 });
    let runningNow = 0;
    let most = 0;
    let computed = 0;
    const compute = async () => {
      runningNow++;
      computed++;
      most = Math.max(most, runningNow);
      await new Promise((r) => setTimeout(r, 3));
      runningNow--;
      return { n: computed };
    };
    let version = 0;
    const answers: Array<Promise<unknown>> = [];
    // each answer brings the next reader at once, at every microtask depth after it settles
    const arrive = (): Promise<unknown> => {
      const answer = cache.getOrCompute(`v${++version}`, compute, FAR, "page");
      answers.push(answer);
      if (version < 30) {
        let hop: Promise<unknown> = answer;
        const depth = version % 5;
        for (let i = 0; i < depth; i++) hop = hop.then(() => undefined);
        void hop.then(() => void arrive());
      }
      return answer;
    };
    void arrive();
    void arrive();
    while (version < 30) await new Promise((r) => setTimeout(r, 5));
    await Promise.all(answers);
    expect(most).toBe(1);
    expect(computed).toBeGreaterThan(1);
  });

  test("a computation stuck past the wait no longer holds its group up: the next starts anyway", async () => {
    const cache = new ReadCache({ maxChars: 1_000_000, ttlMs: 60_000, laneWaitMs: 50 });
    const { started, finish, compute, tick } = gate();
    const stuck = cache.getOrCompute("v1", compute("v1"), FAR, "page");
    await tick();
    const next = cache.getOrCompute("v2", compute("v2"), FAR, "page");
    await tick();
    expect(started).toEqual(["v1"]);
    await new Promise((r) => setTimeout(r, 80));
    expect(started).toEqual(["v1", "v2"]);
    finish[1]!(undefined);
    expect(JSON.parse((await next).json).json).toEqual({ label: "v2" });
    finish[0]!(undefined);
    await stuck;
  });

  test("a failed running computation does not fail the next; a failed next one fails its sharers only, and the group computes again after", async () => {
    const cache = new ReadCache({ maxChars: 1_000_000, ttlMs: 60_000 });
    const { started, finish, compute, tick } = gate();
    const first = cache.getOrCompute("v1", compute("v1", new Error("断开")), FAR, "page");
    await tick();
    const second = cache.getOrCompute("v2", compute("v2", new Error("超时")), FAR, "page");
    const third = cache.getOrCompute("v3", compute("v3", new Error("超时")), FAR, "page");
    finish[0]!(undefined);
    await expect(first).rejects.toThrow("断开");
    await tick();
    expect(started).toEqual(["v1", "v3"]);
    finish[1]!(undefined);
    await expect(second).rejects.toThrow("超时");
    await expect(third).rejects.toThrow("超时");
    const again = cache.getOrCompute("v3", compute("v3 again"), FAR, "page");
    await tick();
    expect(started).toEqual(["v1", "v3", "v3 again"]);
    finish[2]!(undefined);
    expect(JSON.parse((await again).json).json).toEqual({ label: "v3 again" });
    expect(cache.stats().entries).toBe(1);
  });
});

describe("CachedAnswers", () => {
  // tRPC's answer text around what the output transformer wrote for each result (the slot)
  const answerWith = (...results: Array<{ slot: string }>) =>
    JSON.stringify(results.map((r) => ({ result: { data: r.slot } })));
  const FAR = Date.now() + 3600_000;

  test("fills each slot with its page, whatever the page's text holds", async () => {
    const cache = new ReadCache({ maxChars: 1_000_000, ttlMs: 60_000 });
    const answers = new CachedAnswers(cache);
    const a = await answers.read(
      "a",
      async () => ({ title: "替换 $& $1 $$ 不变", due: new Date(Date.UTC(2026, 2, 31)) }),
      FAR,
    );
    const b = await answers.read("b", async () => [1, 2, 3], FAR);
    const { body, gzipped } = answers.encode(answerWith(a, b), { gzip: false, gzipFrom: 1024 });
    expect(gzipped).toBe(false);
    const parsed = JSON.parse(body.toString()) as Array<{
      result: { data: { json: unknown; meta?: unknown } };
    }>;
    expect(parsed[0]!.result.data.json).toEqual({
      title: "替换 $& $1 $$ 不变",
      due: "2026-03-31T00:00:00.000Z",
    });
    expect(parsed[0]!.result.data.meta).toMatchObject({ values: { due: ["Date"] } });
    expect(parsed[1]!.result.data.json).toEqual([1, 2, 3]);
    expect(body.toString()).not.toContain("duban-read-cache");
  });

  test("one page in the same envelope is gzipped once; small answers and refusing clients get plain text", async () => {
    const cache = new ReadCache({ maxChars: 1_000_000, ttlMs: 60_000 });
    const big = async () => ({
      rows: Array.from({ length: 200 }, (_, i) => ({ i, name: `任务${i}` })),
    });
    const first = new CachedAnswers(cache);
    const one = first.encode(answerWith(await first.read("big", big, FAR)), {
      gzip: true,
      gzipFrom: 1024,
    });
    const second = new CachedAnswers(cache);
    const again = second.encode(answerWith(await second.read("big", big, FAR)), {
      gzip: true,
      gzipFrom: 1024,
    });
    expect(one.gzipped && again.gzipped).toBe(true);
    expect(again.body).toBe(one.body);
    expect(JSON.parse(gunzipSync(again.body).toString())[0].result.data.json.rows).toHaveLength(
      200,
    );
    const refusing = new CachedAnswers(cache);
    const plain = refusing.encode(answerWith(await refusing.read("big", big, FAR)), {
      gzip: false,
      gzipFrom: 1024,
    });
    expect(plain.gzipped).toBe(false);
    expect(JSON.parse(plain.body.toString())[0].result.data.json.rows).toHaveLength(200);
    const small = new CachedAnswers(cache);
    expect(
      small.encode(answerWith(await small.read("small", async () => ({ n: 1 }), FAR)), {
        gzip: true,
        gzipFrom: 1024,
      }).gzipped,
    ).toBe(false);
  });

  test("Accept-Encoding: gzip unless refused", () => {
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("br;q=1.0, gzip;q=0.8")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
