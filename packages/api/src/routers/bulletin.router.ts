import { router } from "../trpc.ts";

/** 督查通报: drafts from a publication, editing, issuing. Issue #18. */
export const bulletinRouter = router({});
