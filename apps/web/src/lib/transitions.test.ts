import { describe, expect, it } from "vitest";

import { allowedTransitions, reportableStatuses } from "./transitions.ts";

describe("task status choices", () => {
  it("lets the lead unit move work forward only, never to 已完成 (that is the completion application)", () => {
    expect(allowedTransitions("NOT_STARTED", "lead")).toEqual(["IN_PROGRESS"]);
    expect(allowedTransitions("IN_PROGRESS", "lead")).toEqual([]);
    expect(allowedTransitions("SUSPENDED", "lead")).toEqual([]);
    expect(allowedTransitions("PENDING_REVIEW", "lead")).toEqual([]);
  });
  it("gives the office the plan adjustments, but no completion by a status change", () => {
    expect(allowedTransitions("IN_PROGRESS", "office")).toEqual(["SUSPENDED", "CANCELLED"]);
    expect(allowedTransitions("COMPLETED", "office")).toEqual(["IN_PROGRESS"]);
    expect(allowedTransitions("PENDING_REVIEW", "office")).toEqual([]);
    expect(allowedTransitions("CANCELLED", "office")).toEqual([]);
  });
  it("offers the current status first in a ledger entry", () => {
    expect(reportableStatuses("NOT_STARTED")).toEqual(["NOT_STARTED", "IN_PROGRESS"]);
    expect(reportableStatuses("IN_PROGRESS")).toEqual(["IN_PROGRESS"]);
  });
  it("lets a supporting unit report its own part done", () => {
    expect(reportableStatuses("IN_PROGRESS", "support")).toEqual(["IN_PROGRESS", "COMPLETED"]);
    expect(reportableStatuses("PENDING_REVIEW", "support")).toEqual(["IN_PROGRESS", "COMPLETED"]);
    expect(reportableStatuses("PENDING_REVIEW")).toEqual(["IN_PROGRESS"]);
  });
});
