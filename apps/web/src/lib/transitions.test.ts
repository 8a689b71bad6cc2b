import { describe, expect, it } from "vitest";

import { allowedTransitions, reportableStatuses } from "./transitions.ts";

describe("task status choices", () => {
  it("lets the lead unit move work forward only", () => {
    expect(allowedTransitions("NOT_STARTED", "lead")).toEqual(["IN_PROGRESS", "COMPLETED"]);
    expect(allowedTransitions("IN_PROGRESS", "lead")).toEqual(["COMPLETED"]);
    expect(allowedTransitions("SUSPENDED", "lead")).toEqual([]);
  });
  it("gives the office the plan adjustments", () => {
    expect(allowedTransitions("IN_PROGRESS", "office")).toEqual([
      "COMPLETED",
      "SUSPENDED",
      "CANCELLED",
    ]);
    expect(allowedTransitions("COMPLETED", "office")).toEqual(["IN_PROGRESS"]);
    expect(allowedTransitions("CANCELLED", "office")).toEqual([]);
  });
  it("offers the current status first in a ledger entry", () => {
    expect(reportableStatuses("IN_PROGRESS")).toEqual(["IN_PROGRESS", "COMPLETED"]);
  });
});
