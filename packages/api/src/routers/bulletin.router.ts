import {
  bulletinSources,
  createBulletin,
  getBulletin,
  issueBulletin,
  listBulletins,
  updateBulletin,
} from "@duban/domain";
import {
  ZBulletinIdInput,
  ZCreateBulletinInput,
  ZIssueBulletinInput,
  ZListBulletinsInput,
  ZListPublicationsInput,
  ZUpdateBulletinInput,
} from "@duban/domain/schemas";

import { authedProcedure, router } from "../trpc.ts";

/**
 * 督查通报: drafts from a score publication, editing, issuing. Issue #18. The files are
 * GET /api/bulletins/:id/document (.docx) and /api/bulletins/:id/scores.xlsx.
 */
export const bulletinRouter = router({
  sources: authedProcedure
    .input(ZListPublicationsInput)
    .query(({ ctx, input }) => bulletinSources(ctx, input)),
  list: authedProcedure
    .input(ZListBulletinsInput)
    .query(({ ctx, input }) => listBulletins(ctx, input)),
  get: authedProcedure.input(ZBulletinIdInput).query(({ ctx, input }) => getBulletin(ctx, input)),
  create: authedProcedure
    .input(ZCreateBulletinInput)
    .mutation(({ ctx, input }) => createBulletin(ctx, input)),
  update: authedProcedure
    .input(ZUpdateBulletinInput)
    .mutation(({ ctx, input }) => updateBulletin(ctx, input)),
  issue: authedProcedure
    .input(ZIssueBulletinInput)
    .mutation(({ ctx, input }) => issueBulletin(ctx, input)),
});
