import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { expect } from "vitest";
import { z } from "zod";

import { test } from "@duban/test-utils";

import type { Context } from "../src/context.ts";
import { CachedAnswers, ReadCache, SerializedResult } from "../src/read-cache.ts";
import { authedProcedure, createCallerFactory, router } from "../src/trpc.ts";
import { countyWithPlan, requestContext } from "./context.ts";

/** Two procedures alike but for the meta: only the one that asks is read through the cache. */
function pages() {
  const computed = { cached: 0, plain: 0, failing: 0, version: 0 };
  const input = z.object({ planId: z.uuid(), page: z.number().int().default(1) });
  const appRouter = router({
    cached: authedProcedure
      .meta({ readCache: { by: "plan" } })
      .input(input)
      .query(({ input }) => ({ n: ++computed.cached, page: input.page, at: new Date(0) })),
    plain: authedProcedure.input(input).query(() => ({ n: ++computed.plain })),
    // the plan's data version as this computation's first statement saw it; it then runs a while
    version: authedProcedure
      .meta({ readCache: { by: "plan" } })
      .input(input)
      .query(async ({ ctx, input }) => {
        computed.version++;
        const [row] = await ctx.db.$queryRaw<Array<{ version: bigint }>>`
          SELECT version FROM "PlanDataVersion" WHERE "planId" = ${input.planId}::uuid`;
        await new Promise((r) => setTimeout(r, 30));
        return { version: Number(row?.version ?? 0) };
      }),
    failsOnce: authedProcedure
      .meta({ readCache: { by: "plan" } })
      .input(input)
      .query(() => {
        if (++computed.failing === 1) throw new TRPCError({ code: "CONFLICT", message: "once" });
        return { n: computed.failing };
      }),
  });
  return { appRouter, computed };
}

type Services = { db: Context["db"]; redis: Context["redis"] };

/** One request: a fresh CachedAnswers over the host's shared ReadCache, as apps/api makes it. */
function requestWith(services: Services, cache: ReadCache, actor: Context["actor"]) {
  const answers = new CachedAnswers(cache);
  return { answers, ctx: requestContext(services, { actor, readCache: answers }) };
}

test("meta readCache selects the procedure: computed once, answered as the page's slot", async ({
  database: { db },
  redis: { client },
}) => {
  const { plan, office } = await countyWithPlan(db);
  const { appRouter, computed } = pages();
  const cache = new ReadCache({ maxChars: 1_000_000, ttlMs: 60_000 });
  const services = { db, redis: client };
  for (let i = 0; i < 3; i++) {
    const { ctx, answers } = requestWith(services, cache, office);
    const caller = createCallerFactory(appRouter)(ctx);
    const page = await caller.cached({ planId: plan.id });
    expect(page).toBeInstanceOf(SerializedResult);
    expect(answers.size).toBe(1);
    // the slot, filled by the host, is the page in superjson's wire form
    const filled = JSON.parse(
      answers.fill(JSON.stringify((page as unknown as SerializedResult).slot)),
    );
    expect(superjson.deserialize(filled)).toEqual({ n: 1, page: 1, at: new Date(0) });
    expect(await caller.plain({ planId: plan.id })).toEqual({ n: i + 1 });
  }
  expect(computed).toMatchObject({ cached: 1, plain: 3 });
  expect(cache.stats()).toMatchObject({ hits: 2, misses: 1, entries: 1 });
});

test("over HTTP the answer carries the page; another input or a new data version is computed anew", async ({
  database: { db },
  redis: { client },
}) => {
  const { plan, office } = await countyWithPlan(db);
  const { appRouter, computed } = pages();
  const cache = new ReadCache({ maxChars: 1_000_000, ttlMs: 60_000 });
  const get = async (input: unknown) => {
    const { ctx, answers } = requestWith({ db, redis: client }, cache, office);
    const query = encodeURIComponent(JSON.stringify(superjson.serialize(input)));
    const response = await fetchRequestHandler({
      endpoint: "/trpc",
      req: new Request(`http://localhost/trpc/cached?input=${query}`),
      router: appRouter,
      createContext: () => ctx,
    });
    const body = JSON.parse(answers.fill(await response.text())) as {
      result: { data: Parameters<typeof superjson.deserialize>[0] };
    };
    return superjson.deserialize(body.result.data);
  };
  expect(await get({ planId: plan.id })).toEqual({ n: 1, page: 1, at: new Date(0) });
  expect(await get({ planId: plan.id })).toEqual({ n: 1, page: 1, at: new Date(0) });
  expect(await get({ planId: plan.id, page: 2 })).toEqual({ n: 2, page: 2, at: new Date(0) });
  // what the triggers do in the transaction of any change to the plan's data
  await db.$executeRaw`
    INSERT INTO "PlanDataVersion" ("planId", version) VALUES (${plan.id}::uuid, 1)
    ON CONFLICT ("planId") DO UPDATE SET version = "PlanDataVersion".version + 1`;
  expect(await get({ planId: plan.id })).toEqual({ n: 3, page: 1, at: new Date(0) });
  expect(computed.cached).toBe(3);
});

test("no cache in the context, no visibility, a bad plan id or a failure: nothing is kept", async ({
  database: { db },
  redis: { client },
}) => {
  const { plan, office, actorIn } = await countyWithPlan(db);
  const other = await countyWithPlan(db);
  const { appRouter, computed } = pages();
  const cache = new ReadCache({ maxChars: 1_000_000, ttlMs: 60_000 });
  const services = { db, redis: client };
  // a host without the cache: the procedure answers its own value
  const bare = createCallerFactory(appRouter)(requestContext(services, { actor: office }));
  expect(await bare.cached({ planId: plan.id })).toEqual({ n: 1, page: 1, at: new Date(0) });
  // an office of another county sees nothing of this plan: computed, never cached
  const stranger = actorIn(other.jurisdiction.id);
  for (let i = 0; i < 2; i++) {
    const { ctx, answers } = requestWith(services, cache, stranger);
    expect(await createCallerFactory(appRouter)(ctx).cached({ planId: plan.id })).toMatchObject({
      n: i + 2,
    });
    expect(answers.size).toBe(0);
  }
  // not a uuid: the input parser refuses it (400), no query is sent with it
  const { ctx } = requestWith(services, cache, office);
  await expect(
    createCallerFactory(appRouter)(ctx).cached({ planId: "not-a-uuid" }),
  ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  // a failed computation is not kept: the next request computes again
  const failing = () =>
    createCallerFactory(appRouter)(requestWith(services, cache, office).ctx).failsOnce({
      planId: plan.id,
    });
  await expect(failing()).rejects.toMatchObject({ code: "CONFLICT" });
  expect(await failing()).toBeInstanceOf(SerializedResult);
  expect(computed).toMatchObject({ cached: 3, failing: 2 });
  // signed out: refused before the cache is consulted
  await expect(
    createCallerFactory(appRouter)(
      requestContext(services, { readCache: new CachedAnswers(cache) }),
    ).cached({ planId: plan.id }),
  ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
});

test("readers that each commit a write and then read share computations, and every one sees at least its own write", async ({
  database: { db },
  redis: { client },
}) => {
  const { plan, office } = await countyWithPlan(db);
  const { appRouter, computed } = pages();
  const cache = new ReadCache({ maxChars: 1_000_000, ttlMs: 60_000 });
  const services = { db, redis: client };
  const read = async () => {
    const { ctx, answers } = requestWith(services, cache, office);
    const slot = await createCallerFactory(appRouter)(ctx).version({ planId: plan.id });
    const filled = answers.fill(JSON.stringify((slot as unknown as SerializedResult).slot));
    return (superjson.deserialize(JSON.parse(filled)) as { version: number }).version;
  };
  const loops = 20;
  const rounds = 4;
  const seen: Array<{ wrote: number; read: number }> = [];
  await Promise.all(
    Array.from({ length: loops }, async () => {
      for (let i = 0; i < rounds; i++) {
        // spread out, so writes land while a computation runs, after its statement
        await new Promise((r) => setTimeout(r, Math.random() * 40));
        // what the triggers do in the transaction of any change to the plan's data
        const [row] = await db.$queryRaw<Array<{ version: bigint }>>`
          INSERT INTO "PlanDataVersion" ("planId", version) VALUES (${plan.id}::uuid, 1)
          ON CONFLICT ("planId") DO UPDATE SET version = "PlanDataVersion".version + 1
          RETURNING version`;
        seen.push({ wrote: Number(row!.version), read: await read() });
      }
    }),
  );
  expect(seen).toHaveLength(loops * rounds);
  expect(seen.filter((s) => s.read < s.wrote)).toEqual([]);
  // sharing happened: far fewer computations than reads (each lasts 30 ms, the loops overlap)
  expect(computed.version).toBeLessThanOrEqual((loops * rounds) / 2);
  expect(computed.version).toBeGreaterThan(1);
});
