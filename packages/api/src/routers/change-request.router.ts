import {
  decideChangeRequest,
  fileChangeRequest,
  listChangeRequests,
  withdrawChangeRequest,
} from "@duban/domain";
import {
  ZDecideChangeRequestInput,
  ZFileChangeRequestInput,
  ZListChangeRequestsInput,
  ZWithdrawChangeRequestInput,
} from "@duban/domain/schemas";

import { authedProcedure, router } from "../trpc.ts";

/** 调整申请 (change requests): file, decide (office, then a leader where configured), withdraw, list. Issue #17 step 2. */
export const changeRequestRouter = router({
  file: authedProcedure
    .input(ZFileChangeRequestInput)
    .mutation(({ ctx, input }) => fileChangeRequest(ctx, input)),
  decide: authedProcedure
    .input(ZDecideChangeRequestInput)
    .mutation(({ ctx, input }) => decideChangeRequest(ctx, input)),
  withdraw: authedProcedure
    .input(ZWithdrawChangeRequestInput)
    .mutation(({ ctx, input }) => withdrawChangeRequest(ctx, input)),
  list: authedProcedure
    .input(ZListChangeRequestsInput)
    .query(({ ctx, input }) => listChangeRequests(ctx, input)),
});
