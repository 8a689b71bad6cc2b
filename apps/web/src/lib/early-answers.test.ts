import { createTRPCClient, TRPCClientError, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import superjson from "superjson";
import { afterEach, describe, expect, test } from "vitest";

import {
  askEarly,
  dropEarlyAnswers,
  EARLY_ANSWER_TTL_MS,
  earlyAnswerKey,
  earlyAnswerStore,
  offerEarlyAnswer,
  takeEarlyAnswer,
  type Envelope,
} from "./early-answers.ts";
import { earlyAnswerLink, type AppRouter } from "./trpc.ts";

afterEach(() => {
  globalThis.__dubanEarlyAnswers = undefined;
});

const answer = (data: unknown): Promise<Envelope> =>
  Promise.resolve({ result: { data: superjson.serialize(data) } });

describe("early answers", () => {
  test("a query's key ignores the order of its input's keys and the undefined ones", () => {
    expect(earlyAnswerKey("ledger.grid", { planId: "p", departmentId: undefined, page: 1 })).toBe(
      earlyAnswerKey("ledger.grid", { page: 1, planId: "p" }),
    );
    expect(earlyAnswerKey("ledger.grid", { page: 1 })).not.toBe(
      earlyAnswerKey("ledger.grid", { page: 2 }),
    );
    expect(earlyAnswerKey("auth.me", undefined)).not.toBe(earlyAnswerKey("plan.list", undefined));
  });

  test("an answer is taken once, only within its time, and a drop clears the rest", () => {
    const start = Date.now();
    earlyAnswerStore(start);
    offerEarlyAnswer("auth.me", undefined, answer(null));
    offerEarlyAnswer("plan.list", {}, answer([]));
    offerEarlyAnswer("admin.departments", { jurisdictionId: "j" }, answer([]));
    expect(takeEarlyAnswer("auth.me", undefined, start + 10)).toBeDefined();
    expect(takeEarlyAnswer("auth.me", undefined, start + 20)).toBeUndefined();
    dropEarlyAnswers();
    expect(takeEarlyAnswer("plan.list", {}, start + 30)).toBeUndefined();
    offerEarlyAnswer("plan.list", {}, answer([]));
    expect(takeEarlyAnswer("plan.list", {}, start + EARLY_ANSWER_TTL_MS + 1)).toBeUndefined();
  });

  test("askEarly sends one batched GET as tRPC does and offers each answer", async () => {
    earlyAnswerStore();
    const urls: string[] = [];
    const fetcher = (async (url: string) => {
      urls.push(url);
      return new Response(
        JSON.stringify([{ result: { data: { json: { id: "u" } } } }, { error: { json: {} } }]),
        { status: 207 },
      );
    }) as unknown as typeof fetch;
    const [me, plans] = await askEarly(
      [
        { path: "auth.me", input: undefined },
        { path: "plan.list", input: {} },
      ],
      fetcher,
    );
    expect(urls).toHaveLength(1);
    const url = new URL(urls[0]!, "http://x");
    expect(url.pathname).toBe("/trpc/auth.me,plan.list");
    expect(url.searchParams.get("batch")).toBe("1");
    expect(JSON.parse(url.searchParams.get("input")!)).toEqual({ 0: {}, 1: { json: {} } });
    expect(me?.result).toBeDefined();
    expect(plans?.error).toBeDefined();
    expect(await takeEarlyAnswer("auth.me", undefined)).toEqual(me);
  });

  test("a failed request offers null answers, and the app asks again", async () => {
    earlyAnswerStore();
    const fetcher = (async () => {
      throw new TypeError("network down");
    }) as unknown as typeof fetch;
    expect(await askEarly([{ path: "auth.me", input: undefined }], fetcher)).toEqual([null]);
  });
});

describe("earlyAnswerLink", () => {
  /** A client whose server is a link that counts what reaches it. */
  function client() {
    const sent: string[] = [];
    const server: TRPCLink<AppRouter> =
      () =>
      ({ op }) =>
        observable((observer) => {
          sent.push(`${op.type}:${op.path}`);
          observer.next({ result: { type: "data", data: { fromServer: true } } });
          observer.complete();
          return () => undefined;
        });
    return { sent, trpc: createTRPCClient<AppRouter>({ links: [earlyAnswerLink, server] }) };
  }

  test("a query with an early answer is answered from it, dates and all, once", async () => {
    earlyAnswerStore();
    const at = new Date("2026-12-03T01:02:03Z");
    offerEarlyAnswer("auth.me", undefined, answer({ name: "科技局", at }));
    const { sent, trpc } = client();
    const first = (await trpc.auth.me.query()) as unknown as { name: string; at: Date };
    expect(first.at).toBeInstanceOf(Date);
    expect(first.at.getTime()).toBe(at.getTime());
    expect(sent).toEqual([]);
    expect(await trpc.auth.me.query()).toEqual({ fromServer: true });
    expect(sent).toEqual(["query:auth.me"]);
  });

  test("an early error or failure is not used: the query goes to the server", async () => {
    earlyAnswerStore();
    offerEarlyAnswer("auth.me", undefined, Promise.resolve({ error: { json: { code: -32001 } } }));
    offerEarlyAnswer("plan.list", {}, Promise.resolve(null));
    const { sent, trpc } = client();
    expect(await trpc.auth.me.query()).toEqual({ fromServer: true });
    expect(await trpc.plan.list.query({})).toEqual({ fromServer: true });
    expect(sent).toEqual(["query:auth.me", "query:plan.list"]);
  });

  test("a mutation drops the early answers not yet used", async () => {
    earlyAnswerStore();
    offerEarlyAnswer("plan.list", {}, answer([]));
    const { sent, trpc } = client();
    await trpc.auth.logout.mutate();
    expect(await trpc.plan.list.query({})).toEqual({ fromServer: true });
    expect(sent).toEqual(["mutation:auth.logout", "query:plan.list"]);
  });

  test("a broken early answer is the query's error, not a wrong result", async () => {
    earlyAnswerStore();
    offerEarlyAnswer(
      "auth.me",
      undefined,
      Promise.resolve({ result: { data: { json: 1, meta: { values: ["nonsense"] } } } }),
    );
    const { trpc } = client();
    await expect(trpc.auth.me.query()).rejects.toBeInstanceOf(TRPCClientError);
  });
});
