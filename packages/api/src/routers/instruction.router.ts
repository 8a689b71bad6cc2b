import { followUpInstruction, listInstructions, writeInstruction } from "@duban/domain";
import {
  ZInstructionFollowUpInput,
  ZListInstructionsInput,
  ZWriteInstructionInput,
} from "@duban/domain/schemas";

import { authedProcedure, router } from "../trpc.ts";

/** 领导批示 (leaders' instructions) and their tracked follow-ups. Issue #17 step 5. */
export const instructionRouter = router({
  write: authedProcedure
    .input(ZWriteInstructionInput)
    .mutation(({ ctx, input }) => writeInstruction(ctx, input)),
  list: authedProcedure
    .input(ZListInstructionsInput)
    .query(({ ctx, input }) => listInstructions(ctx, input)),
  followUp: authedProcedure
    .input(ZInstructionFollowUpInput)
    .mutation(({ ctx, input }) => followUpInstruction(ctx, input)),
});
