import { describe, expect, it } from "vitest";

import { evaluationUrl } from "./EvaluationsPage.tsx";

describe("evaluation downloads", () => {
  it("the 年度评估 names its year; mid-term and final do not", () => {
    expect(evaluationUrl("p1", "ANNUAL", "2026-12-31", "docx", 2026)).toBe(
      "/api/plans/p1/evaluation.docx?kind=ANNUAL&asOf=2026-12-31&year=2026",
    );
    expect(evaluationUrl("p1", "MIDTERM", "2023-06-30", "xlsx", 2026)).toBe(
      "/api/plans/p1/evaluation.xlsx?kind=MIDTERM&asOf=2023-06-30",
    );
  });
});
