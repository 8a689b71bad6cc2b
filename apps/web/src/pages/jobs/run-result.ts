import { z } from "zod";

import { shanghaiToday } from "../../lib/dates.ts";

/** A day (YYYY-MM-DD) after today in Shanghai: the server runs it as a dry run only (and refuses a real one). */
export function isFutureDay(day: string | undefined, today = shanghaiToday()): boolean {
  return !!day && day > today;
}

/** One email a run would send (packages/jobs DryRunRecipient): to whom, what, why, and how it is delivered. */
export const ZRecipient = z.object({
  email: z.string(),
  kind: z.string(),
  dedupeKey: z.string(),
  delivery: z.enum(["IMMEDIATE", "DIGEST"]),
  reason: z.string(),
});
export type Recipient = z.infer<typeof ZRecipient>;

const ZRunResult = z.object({
  summary: z.record(z.string(), z.unknown()).optional(),
  recipients: z.array(ZRecipient).optional(),
  queued: z.boolean().optional(),
  runId: z.string().nullable().optional(),
  dryRun: z.boolean().optional(),
});
export type RunResult = z.infer<typeof ZRunResult>;

/** `jobs.runNow` answers `unknown` (each job its own shape): read what the page shows, tolerate the rest. */
export function readRunResult(value: unknown): RunResult {
  const parsed = ZRunResult.safeParse(value);
  return parsed.success
    ? parsed.data
    : { summary: typeof value === "object" && value ? (value as Record<string, unknown>) : {} };
}

/** A run's summary figures as "key: value" pairs, nested objects flattened one level. */
export function summaryPairs(
  summary: Record<string, unknown> | null | undefined,
): Array<[string, string]> {
  if (!summary) return [];
  return Object.entries(summary).map(([k, v]) => [
    k,
    typeof v === "object" && v !== null ? JSON.stringify(v) : String(v),
  ]);
}
