import { createTRPCClient, httpBatchLink, httpLink, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import superjson from "superjson";

import type { AppRouter, RouterInputs, RouterOutputs } from "@duban/api";

export type { AppRouter, RouterInputs, RouterOutputs };

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** The api rejects state-changing requests without this header (see apps/api/src/csrf.ts). */
export const CSRF_HEADERS = { "x-duban-csrf": "1" } as const;

/** A call that carries a file (plan.preview, plan.import, ledger.importWorkbook): sent on its own. */
const carriesFile = (input: unknown) =>
  typeof input === "object" && input !== null && "contentBase64" in input;

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
