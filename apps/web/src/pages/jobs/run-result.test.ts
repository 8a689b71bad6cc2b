import { describe, expect, it } from "vitest";

import { isFutureDay, readRunResult, summaryPairs } from "./run-result.ts";

describe("run-now results", () => {
  it("reads a dry run's recipients", () => {
    const r = readRunResult({
      jobName: "overdue-scan",
      summary: { overdue: 2 },
      recipients: [
        {
          email: "a@b.cn",
          kind: "overdue",
          dedupeKey: "k",
          delivery: "DIGEST",
          reason: "2 项任务逾期",
        },
      ],
      runId: "x",
      dryRun: true,
    });
    expect(r.recipients?.[0]?.reason).toBe("2 项任务逾期");
    expect(r.dryRun).toBe(true);
  });
  it("tolerates shapes it does not know", () => {
    expect(readRunResult({ queued: true, jobId: "7" }).queued).toBe(true);
    expect(readRunResult("odd").recipients).toBeUndefined();
  });
  it("tells a future day (dry run only) from today and the past, in Shanghai", () => {
    expect(isFutureDay("2026-12-01", "2026-11-30")).toBe(true);
    expect(isFutureDay("2026-11-30", "2026-11-30")).toBe(false);
    expect(isFutureDay("2023-06-30", "2026-11-30")).toBe(false);
    expect(isFutureDay(undefined, "2026-11-30")).toBe(false);
  });
  it("lists summary figures", () => {
    expect(summaryPairs({ a: 1, b: { c: 2 } })).toEqual([
      ["a", "1"],
      ["b", '{"c":2}'],
    ]);
  });
});
