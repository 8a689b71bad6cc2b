import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  splitLink,
  TRPCClientError,
  type TRPCLink,
} from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import superjson from "superjson";

import type { AppRouter, RouterInputs, RouterOutputs } from "@duban/api";

import { dropEarlyAnswers, takeEarlyAnswer } from "./early-answers.ts";

export type { AppRouter, RouterInputs, RouterOutputs };

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** The api rejects state-changing requests without this header (see apps/api/src/csrf.ts). */
export const CSRF_HEADERS = { "x-duban-csrf": "1" } as const;

/** A call that carries a file (plan.preview, plan.import, ledger.importWorkbook): sent on its own. */
const carriesFile = (input: unknown) =>
  typeof input === "object" && input !== null && "contentBase64" in input;

/**
 * A query the boot script already asked (lib/early-answers.ts) is answered from that answer; any
 * other operation, or an early answer that failed or carries an error, goes to the server as
 * usual. A mutation drops the early answers not yet used.
 */
export const earlyAnswerLink: TRPCLink<AppRouter> =
  () =>
  ({ op, next }) => {
    if (op.type !== "query") {
      dropEarlyAnswers();
      return next(op);
    }
    const early = takeEarlyAnswer(op.path, op.input);
    if (!early) return next(op);
    return observable((observer) => {
      let forwarded: { unsubscribe: () => void } | undefined;
      let stopped = false;
      const forward = () => {
        if (!stopped) forwarded = next(op).subscribe(observer);
      };
      early.then((envelope) => {
        if (stopped) return;
        if (!envelope?.result || envelope.error) return forward();
        let data: unknown;
        try {
          data = superjson.deserialize(
            envelope.result.data as Parameters<typeof superjson.deserialize>[0],
          );
        } catch (cause) {
          observer.error(
            TRPCClientError.from(cause instanceof Error ? cause : new Error(String(cause))),
          );
          return;
        }
        observer.next({ result: { type: "data", data } });
        observer.complete();
      }, forward);
      return () => {
        stopped = true;
        forwarded?.unsubscribe();
      };
    });
  };

export function createClient() {
  const common = {
    url: "/trpc",
    transformer: superjson,
    headers: () => CSRF_HEADERS,
    // the session is an httpOnly cookie on our own origin
    fetch: (input: RequestInfo | URL, init?: RequestInit) =>
      fetch(input, { ...init, credentials: "same-origin" }),
  };
  return createTRPCClient<AppRouter>({
    links: [
      earlyAnswerLink,
      splitLink({
        // the api allows a body over 1 MB only to a request that is all uploads (apps/api/src/body-limits.ts)
        condition: (op) => op.type === "mutation" && carriesFile(op.input),
        true: httpLink(common),
        // many task details at once (roadmap, timetable) are split into requests of bounded URL length
        false: httpBatchLink({ ...common, maxURLLength: 6000, maxItems: 40 }),
      }),
    ],
  });
}
