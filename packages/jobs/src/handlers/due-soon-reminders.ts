import { collectDueSoonReminders, type JobScope } from "@duban/domain";

import type { ParsedJobPayload } from "../catalog.ts";
import type { JobContext, JobResult } from "../context.ts";
import { deliver } from "./deliver.ts";

/** Reminders over the run's window (catch-up since the last whole run dated its own day; see dueSoonWindow). */
export async function dueSoonReminders(
  ctx: JobContext,
  data: ParsedJobPayload<"due-soon-reminders">,
  asOf: Date,
  scope: JobScope,
): Promise<JobResult> {
  return deliver(
    ctx,
    "due-soon-reminders",
    await collectDueSoonReminders(ctx, { asOf, scope }),
    data.dryRun,
  );
}
