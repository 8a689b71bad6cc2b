/**
 * Early answers (issue #20, the phone's cold load): queries the page is certain to make, sent by
 * the boot script (src/boot.ts) before the app's first render, and handed to the app's tRPC
 * client (earlyAnswerLink in trpc.ts) when it asks the same query. On a slow link the ledger's
 * first page so arrives while the app starts instead of a round trip after its first render.
 *
 * An early answer is the very GET the app would send (same origin, same cookie), used at most
 * once, only within EARLY_ANSWER_TTL_MS of the page's start, and never after a mutation; an
 * error answer is never used (the app asks again and handles the error as usual).
 */

/** How long (ms from the boot script's start) an early answer may still be used. */
export const EARLY_ANSWER_TTL_MS = 15_000;

/** tRPC's envelope for one answer of a batch (superjson's wire form in `data`). */
export type Envelope = { result?: { data?: unknown }; error?: unknown };

type Store = { startedAt: number; answers: Map<string, Promise<Envelope | null>> };

declare global {
  var __dubanEarlyAnswers: Store | undefined;
}

/**
 * The key of a query: its path and its input as JSON with the keys sorted and `undefined` left
 * out (as JSON leaves it), so `{ planId, departmentId: undefined, page }` and `{ page, planId }`
 * are the same query.
 */
export function earlyAnswerKey(path: string, input: unknown): string {
  return `${path}:${JSON.stringify(input ?? null, (_key, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : value,
  )}`;
}

/** The store of this page's early answers, made by the boot script. */
export function earlyAnswerStore(now = Date.now()): Store {
  return (globalThis.__dubanEarlyAnswers ??= { startedAt: now, answers: new Map() });
}

/** Offers an answer (a promise of its envelope, null when the request failed) for a query. */
export function offerEarlyAnswer(path: string, input: unknown, answer: Promise<Envelope | null>) {
  earlyAnswerStore().answers.set(earlyAnswerKey(path, input), answer);
}

/** The early answer to this query, taken (a second ask gets none), or undefined. */
export function takeEarlyAnswer(
  path: string,
  input: unknown,
  now = Date.now(),
): Promise<Envelope | null> | undefined {
  const store = globalThis.__dubanEarlyAnswers;
  if (!store) return undefined;
  if (now - store.startedAt > EARLY_ANSWER_TTL_MS) {
    store.answers.clear();
    return undefined;
  }
  const key = earlyAnswerKey(path, input);
  const answer = store.answers.get(key);
  store.answers.delete(key);
  return answer;
}

/** Drops every early answer not yet taken (after a mutation they may be out of date). */
export function dropEarlyAnswers() {
  globalThis.__dubanEarlyAnswers?.answers.clear();
}

/**
 * Sends queries as one batched GET as tRPC's httpBatchLink does (`/trpc/a,b?batch=1&input=…`,
 * each input in superjson's wire form; these inputs are plain JSON, so `{ json: input }`), and
 * offers each answer. Resolves with the envelopes (null for each when the request failed).
 */
export function askEarly(
  queries: Array<{ path: string; input: unknown }>,
  fetcher: typeof fetch = fetch,
): Promise<Array<Envelope | null>> {
  const inputs = Object.fromEntries(
    queries.map((q, i) => [i, q.input === undefined ? {} : { json: q.input }]),
  );
  const url = `/trpc/${queries.map((q) => q.path).join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`;
  const all = fetcher(url, { credentials: "same-origin", headers: { "x-duban-csrf": "1" } })
    .then((r) => (r.ok ? (r.json() as Promise<unknown>) : null))
    .then((body) => (Array.isArray(body) ? (body as Envelope[]) : null))
    .catch(() => null);
  const each = queries.map((q, i) => {
    const one = all.then((list) => list?.[i] ?? null);
    offerEarlyAnswer(q.path, q.input, one);
    return one;
  });
  return Promise.all(each);
}
