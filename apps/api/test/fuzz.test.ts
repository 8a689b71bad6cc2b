import { afterAll, describe, expect } from "vitest";
import { test } from "@duban/test-utils";
import { appRouter } from "@duban/api";
import { startApi, type Api } from "./harness.ts";
import { buildWorld, PASSWORD } from "./world.ts";

/** A small deterministic generator: the same hostile inputs on every run. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function hostileInputs(world: Awaited<ReturnType<typeof buildWorld>>): unknown[] {
  const random = prng(9);
  const strings = ["", " ", "<script>alert(1)</script>", "'; DROP TABLE \"Task\"; --", "\u0000\u0001", "😀".repeat(3), "a".repeat(100_000), "2023Q5", "2023-02-30", "NaN", "-1", "1e309"];
  const values = [null, true, -1, 0, 1.5, 2 ** 53, Number.MAX_VALUE, ...strings, [], {}, [null], { $gt: "" }];
  const pick = <T,>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const keys = ["planId", "taskId", "entryId", "cycleId", "jurisdictionId", "departmentId", "version", "title", "email", "password", "period", "dueDate", "status", "percentComplete", "tasks", "phases", "contentBase64", "fileName", "value", "indicatorId", "kind", "page", "pageSize", "decision", "comment", "name", "__proto__", "constructor"];
  const inputs: unknown[] = [undefined, null, 42, "string", [], {}, { planId: world.planId, version: "x" }, { taskId: world.t1, version: -5 }, { planId: world.planId, tasks: [{}] }];
  let nested: unknown = {};
  for (let i = 0; i < 200; i++) nested = { a: nested };
  inputs.push(nested);
  for (let i = 0; i < 14; i++) {
    const o: Record<string, unknown> = {};
    const n = 1 + Math.floor(random() * 5);
    for (let k = 0; k < n; k++) o[pick(keys)] = random() < 0.3 ? pick([world.planId, world.t1, world.a.id, world.cycleId]) : pick(values);
    inputs.push(o);
  }
  return inputs;
}

describe("every procedure fuzzed with invalid input answers with a client error, never a 500", () => {
  let api: Api;
  afterAll(async () => api?.close());

  test("fuzz", async ({ database, redis }) => {
    api = await startApi(database, redis);
    const world = await buildWorld(database.db);
    const login = await fetch(`${api.url}/trpc/auth.login`, { method: "POST", headers: { "content-type": "application/json", "x-duban-csrf": "1" }, body: JSON.stringify({ json: { email: "office@a.test", password: PASSWORD } }) });
    const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
    const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>).filter(([path]) => path !== "auth.logout");
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let calls = 0;
    for (const [path, procedure] of procedures) {
      for (const input of hostileInputs(world)) {
        const body = JSON.stringify({ json: input });
        const res = procedure._def.type === "mutation"
          ? await fetch(`${api.url}/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json", "x-duban-csrf": "1", cookie }, body })
          : await fetch(`${api.url}/trpc/${path}?input=${encodeURIComponent(body)}`, { headers: { cookie } });
        calls++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) failures.push(`${path} ${body.slice(0, 120)} → ${res.status} ${(await res.text()).slice(0, 200)}`);
      }
      // malformed JSON, as a broken client would send it
      const broken = procedure._def.type === "mutation"
        ? await fetch(`${api.url}/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json", "x-duban-csrf": "1", cookie }, body: "{\"json\": " })
        : await fetch(`${api.url}/trpc/${path}?input=%7B%22json`, { headers: { cookie } });
      calls++;
      if (broken.status >= 500) failures.push(`${path} malformed JSON → ${broken.status}`);
    }
    console.log(`fuzz: ${procedures.length} procedures, ${calls} calls, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(failures).toEqual([]);
    expect(procedures.length).toBeGreaterThan(40);
    // hostile text that happened to be valid input was stored as data, never run as SQL
    expect(await database.db.task.count()).toBeGreaterThan(0);
  }, 300_000);
});
