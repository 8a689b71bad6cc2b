import { describe, expect, it } from "vitest";
import { readRunResult, summaryPairs } from "./run-result.ts";

describe("run-now results", () => {
  it("reads a dry run's recipients", () => {
    const r = readRunResult({ jobName: "overdue-scan", summary: { overdue: 2 }, recipients: [{ email: "a@b.cn", kind: "overdue", dedupeKey: "k", delivery: "DIGEST", reason: "2 项任务逾期" }], runId: "x", dryRun: true });
    expect(r.recipients?.[0]?.reason).toBe("2 项任务逾期");
    expect(r.dryRun).toBe(true);
  });
  it("tolerates shapes it does not know", () => {
    expect(readRunResult({ queued: true, jobId: "7" }).queued).toBe(true);
    expect(readRunResult("odd").recipients).toBeUndefined();
  });
  it("lists summary figures", () => {
    expect(summaryPairs({ a: 1, b: { c: 2 } })).toEqual([["a", "1"], ["b", '{"c":2}']]);
  });
});
