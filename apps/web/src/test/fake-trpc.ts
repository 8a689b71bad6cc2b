// A canned tRPC server for component tests: answers each procedure from a table, records what the
// component sent. The api's own rules are tested over HTTP in apps/api/test; here only what the
// UI does with an answer, and what it sends.
import superjson from "superjson";
import { vi } from "vitest";

/** A refusal as the api's errorFormatter sends it (packages/api/src/trpc.ts). */
export class Refusal {
  constructor(
    readonly message: string,
    readonly messageEn: string,
    readonly code: "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "BAD_REQUEST" = "BAD_REQUEST",
    readonly field: string | null = null,
  ) {}
}

type Answer = unknown | ((input: unknown) => unknown);
const status = { FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, BAD_REQUEST: 400 } as const;

/**
 * Replaces fetch: `answers[path]` is the procedure's result (or a function of its input, or a
 * Refusal). Returns the calls in order, `{ path, input }`, queries and mutations alike.
 */
export function fakeTrpc(answers: Record<string, Answer>) {
  const sent: Array<{ path: string; input: unknown }> = [];
  vi.spyOn(globalThis, "fetch").mockImplementation(async (url, init) => {
    const href = decodeURIComponent(String(url));
    const [path = "", query = ""] = href.split("/trpc/")[1]!.split("?");
    const paths = path.split(",");
    const inputs: unknown[] = [];
    if (init?.method === "POST") {
      const body = JSON.parse(String(init.body)) as Record<string, { json: unknown }>;
      paths.forEach((_p, i) => inputs.push(body[String(i)]?.json));
    } else {
      const raw = new URLSearchParams(query).get("input");
      const parsed = raw ? (JSON.parse(raw) as Record<string, { json: unknown }>) : {};
      paths.forEach((_p, i) => inputs.push(parsed[String(i)]?.json));
    }
    const results = paths.map((p, i) => {
      sent.push({ path: p, input: inputs[i] });
      const answer = answers[p];
      const value = !(p in answers)
        ? new Refusal(`no canned answer for ${p}`, `no canned answer for ${p}`, "NOT_FOUND")
        : typeof answer === "function"
          ? (answer as (x: unknown) => unknown)(inputs[i])
          : answer;
      if (value instanceof Refusal)
        return {
          error: superjson.serialize({
            message: value.message,
            code: -32600,
            data: {
              code: value.code,
              httpStatus: status[value.code],
              domainCode: value.code,
              messageEn: value.messageEn,
              field: value.field,
            },
          }),
        };
      return { result: { data: superjson.serialize(value ?? null) } };
    });
    const failed = results.find((r) => "error" in r);
    return new Response(JSON.stringify(results), {
      status: failed && paths.length === 1 ? 400 : 200,
      headers: { "content-type": "application/json" },
    });
  });
  return sent;
}
