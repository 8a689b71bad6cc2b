import {
  issueNotices,
  listNotices,
  replyToNotice,
  suggestNoticeLevel,
  type RenderNotice,
} from "@duban/domain";
import {
  ZIssueNoticesInput,
  ZListNoticesInput,
  ZReplyNoticeInput,
  ZTaskIdInput,
} from "@duban/domain/schemas";

import { authedProcedure, router } from "../trpc.ts";

// docx is large: loaded on the first notice issued, not at start (api memory)
const renderNotice: RenderNotice = async (data) =>
  (await import("@duban/reports")).buildNoticeDocx(data);

/** 催办 and 督办通知单 (numbered notices): issue, list, reply. The .docx is GET /api/notices/:id/document. Issue #17 step 4. */
export const noticeRouter = router({
  issue: authedProcedure
    .input(ZIssueNoticesInput)
    .mutation(({ ctx, input }) => issueNotices(ctx, input, renderNotice)),
  list: authedProcedure.input(ZListNoticesInput).query(({ ctx, input }) => listNotices(ctx, input)),
  suggestLevel: authedProcedure
    .input(ZTaskIdInput)
    .query(({ ctx, input }) => suggestNoticeLevel(ctx, input)),
  reply: authedProcedure
    .input(ZReplyNoticeInput)
    .mutation(({ ctx, input }) => replyToNotice(ctx, input)),
});
