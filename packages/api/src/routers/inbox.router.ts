import { router } from "../trpc.ts";

/** 站内消息 (the inbox): list, unread count, mark read. Issue #17 step 9. */
export const inboxRouter = router({});
