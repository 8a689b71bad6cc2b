import { router } from "../trpc.ts";

/** 催办 and 督办通知单 (numbered notices): issue, list, reply. The .docx is GET /api/notices/:id/document. Issue #17 step 4. */
export const noticeRouter = router({});
