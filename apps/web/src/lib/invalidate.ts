import { useQueryClient } from "@tanstack/react-query";

import { useTRPC } from "./trpc.ts";

/**
 * After a change, refetch what it can affect: a ledger review moves task progress, which moves
 * the overview, so the whole working set is refreshed rather than guessing narrowly; the inbox
 * too (a step of the supervision loop leaves messages).
 */
export function useInvalidateWork() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.ledger.pathFilter()),
      queryClient.invalidateQueries(trpc.task.pathFilter()),
      queryClient.invalidateQueries(trpc.overview.pathFilter()),
      queryClient.invalidateQueries(trpc.plan.pathFilter()),
      // a task's trail and the 待办 lists follow every step of the loop
      queryClient.invalidateQueries(trpc.supervision.pathFilter()),
      // a step of the loop may leave messages (the bell and the inbox page)
      queryClient.invalidateQueries(trpc.inbox.pathFilter()),
    ]);
}
