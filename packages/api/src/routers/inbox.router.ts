import { inboxUnreadCount, listInbox, markAllInboxRead, markInboxRead } from "@duban/domain";
import { ZListInboxInput, ZMarkInboxReadInput } from "@duban/domain/schemas";

import { authedProcedure, router } from "../trpc.ts";

/** 站内消息 (the inbox): each signed-in user's own messages only. Issue #17 step 9. */
export const inboxRouter = router({
  list: authedProcedure.input(ZListInboxInput).query(({ ctx, input }) => listInbox(ctx, input)),
  unreadCount: authedProcedure.query(({ ctx }) => inboxUnreadCount(ctx)),
  markRead: authedProcedure
    .input(ZMarkInboxReadInput)
    .mutation(({ ctx, input }) => markInboxRead(ctx, input)),
  markAllRead: authedProcedure.mutation(({ ctx }) => markAllInboxRead(ctx)),
});
