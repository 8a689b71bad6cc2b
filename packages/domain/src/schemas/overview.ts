import { z } from "zod";

import { zYearFilter } from "./annual.ts";
import { zId, zIsoDate } from "./common.ts";

/** The overview (completion per unit); `year`: the year's tasks and completion (issue #18). */
export const ZCompletionInput = z.object({
  planId: zId,
  asOf: zIsoDate.optional(),
  year: zYearFilter,
});
