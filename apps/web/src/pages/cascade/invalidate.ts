import type { useTRPC } from "../../lib/trpc.ts";

/**
 * What a cascade change can move: the assignments, the tasks and their derived progress up the
 * tree, the overviews and cockpit, indicator shares and the inbox (both offices are told).
 */
export function cascadeInvalidation(trpc: ReturnType<typeof useTRPC>) {
  return [
    trpc.cascade.pathFilter(),
    trpc.task.pathFilter(),
    trpc.ledger.pathFilter(),
    trpc.overview.pathFilter(),
    trpc.indicator.pathFilter(),
    trpc.district.pathFilter(),
    trpc.inbox.pathFilter(),
    trpc.plan.pathFilter(),
  ] as const;
}
