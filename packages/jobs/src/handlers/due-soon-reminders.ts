import { planDueSoonReminders } from "@duban/domain";
import type { ParsedJobPayload } from "../catalog.ts";
import type { JobContext, JobResult } from "../context.ts";
import { deliver } from "./deliver.ts";

export async function dueSoonReminders(ctx: JobContext, data: ParsedJobPayload<"due-soon-reminders">, asOf: Date): Promise<JobResult> {
  return deliver(ctx, "due-soon-reminders", await planDueSoonReminders(ctx.db, { asOf }), data.dryRun);
}
