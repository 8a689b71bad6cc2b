import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import superjson from "superjson";
import { expect } from "vitest";
import { z } from "zod";

import { DomainError, DomainErrorCode } from "@duban/domain";
import { test } from "@duban/test-utils";

import { domainErrorStatus } from "../src/error-status.ts";
import { createCallerFactory, publicProcedure, router } from "../src/trpc.ts";
import { requestContext } from "./context.ts";

const codes = Object.values(DomainErrorCode);

const failing = router({
  fail: publicProcedure.input(z.enum(codes)).query(({ input }) => {
    throw new DomainError(input, `失败 ${input}`, `failed ${input}`);
  }),
  duplicate: publicProcedure.input(z.string()).mutation(async ({ ctx, input }) => {
    // the same primary key twice: PostgreSQL's unique violation, as two racing creates get it
    for (let i = 0; i < 2; i++)
      await ctx.db.jurisdiction.create({
        data: { id: input, name: `重复-${input}-${i}`, kind: "COUNTY" },
      });
  }),
});

/** The procedure answered over HTTP, as the host's tRPC adapter does. */
function httpCall(ctx: ReturnType<typeof requestContext>, path: string, input: unknown) {
  const query = encodeURIComponent(JSON.stringify(superjson.serialize(input)));
  return fetchRequestHandler({
    endpoint: "/trpc",
    req: new Request(`http://localhost/trpc/${path}?input=${query}`),
    router: failing,
    createContext: () => ctx,
  });
}

test("the map has exactly one entry per domain error code", () => {
  expect(Object.keys(domainErrorStatus).sort()).toEqual([...codes].sort());
});

test("each HTTP status is the one tRPC sends for the entry's tRPC code", () => {
  for (const code of codes) {
    const { trpc, http } = domainErrorStatus[code];
    expect([code, getHTTPStatusCodeFromError(new TRPCError({ code: trpc }))]).toEqual([code, http]);
  }
});

test("a domain error leaves a procedure with its mapped code and status", async ({
  database: { db },
  redis: { client },
}) => {
  const ctx = requestContext({ db, redis: client });
  const caller = createCallerFactory(failing)(ctx);
  for (const code of codes) {
    const error = await caller.fail(code).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe(domainErrorStatus[code].trpc);
    expect((error as TRPCError).cause).toBeInstanceOf(DomainError);
    const response = await httpCall(ctx, "fail", code);
    expect([code, response.status]).toEqual([code, domainErrorStatus[code].http]);
    const body = (await response.json()) as {
      error: { json: { message: string; data: { domainCode: string } } };
    };
    expect(body.error.json.data.domainCode).toBe(code);
    expect(body.error.json.message).toBe(`失败 ${code}`);
  }
});

test("a racing write's unique violation in PostgreSQL is a CONFLICT (409)", async ({
  database: { db },
  redis: { client },
}) => {
  const ctx = requestContext({ db, redis: client });
  const error = await createCallerFactory(failing)(ctx)
    .duplicate(crypto.randomUUID())
    .catch((e: unknown) => e);
  expect((error as TRPCError).code).toBe(domainErrorStatus.CONFLICT.trpc);
  expect(((error as TRPCError).cause as DomainError).details).toMatchObject({
    conflict: "unique",
  });
});
