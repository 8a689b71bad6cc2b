import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import superjson from "superjson";
import type { AppRouter, RouterInputs, RouterOutputs } from "@duban/api";

export type { AppRouter, RouterInputs, RouterOutputs };

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** The api rejects state-changing requests without this header (see apps/api/src/csrf.ts). */
export const CSRF_HEADERS = { "x-duban-csrf": "1" } as const;

export function createClient() {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: "/trpc",
        // many task details at once (roadmap, timetable) are split into requests of bounded URL length
        maxURLLength: 6000,
        maxItems: 40,
        transformer: superjson,
        headers: () => CSRF_HEADERS,
        // the session is an httpOnly cookie on our own origin
        fetch: (input, init) => fetch(input, { ...init, credentials: "same-origin" }),
      }),
    ],
  });
}
