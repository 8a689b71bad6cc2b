import { describe, expect, it } from "vitest";

import type { TaskStatus } from "@duban/db";

import { DomainError } from "./errors.ts";
import { allowedTransitions, assertTransition, progressForStatus } from "./task-status.ts";

const ALL: TaskStatus[] = [
  "NOT_STARTED",
  "IN_PROGRESS",
  "PENDING_REVIEW",
  "COMPLETED",
  "SUSPENDED",
  "CANCELLED",
];
const NO_SELF_COMPLETION = "任务须由牵头单位提交办结申请，经领导小组办公室审核后办结";

function refusal(from: TaskStatus, to: TaskStatus, who: Parameters<typeof assertTransition>[2]) {
  try {
    assertTransition(from, to, who);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return { code: (error as DomainError).code, message: (error as DomainError).message };
  }
}

describe("the task status machine (issue #17: no self-completion)", () => {
  it("nobody reaches 已完成 or 待审核 by a status change, from any status, with the Chinese reason", () => {
    for (const from of ALL)
      for (const to of ["COMPLETED", "PENDING_REVIEW"] as const) {
        if (from === to) continue;
        for (const who of ["office", "lead"] as const) {
          const r = refusal(from, to, who);
          // 待审核 from a status the application does not start from: just not a move
          if (to === "PENDING_REVIEW" && from !== "NOT_STARTED" && from !== "IN_PROGRESS") {
            expect(r?.code, `${from}→${to} by ${who}`).toBe("INVALID");
            continue;
          }
          expect(r, `${from}→${to} by ${who}`).toEqual({
            code: "INVALID",
            message: NO_SELF_COMPLETION,
          });
        }
      }
  });

  it("the completion steps: apply from 未启动 / 推进中 to 待审核; the sign-off completes or returns", () => {
    expect(refusal("NOT_STARTED", "PENDING_REVIEW", "apply")).toBeNull();
    expect(refusal("IN_PROGRESS", "PENDING_REVIEW", "apply")).toBeNull();
    for (const from of ["SUSPENDED", "CANCELLED", "COMPLETED"] as const)
      expect(refusal(from, "PENDING_REVIEW", "apply")?.code, from).toBe("INVALID");
    expect(refusal("PENDING_REVIEW", "COMPLETED", "sign-off")).toBeNull();
    expect(refusal("PENDING_REVIEW", "IN_PROGRESS", "sign-off")).toBeNull();
    expect(refusal("IN_PROGRESS", "COMPLETED", "sign-off")?.code).toBe("INVALID");
    expect(refusal("PENDING_REVIEW", "COMPLETED", "apply")?.code).toBe("FORBIDDEN");
  });

  it("a task awaiting sign-off moves only by the office's decision on the application", () => {
    for (const to of ["IN_PROGRESS", "SUSPENDED", "CANCELLED", "NOT_STARTED"] as const)
      for (const who of ["office", "lead"] as const)
        expect(refusal("PENDING_REVIEW", to, who)?.code, `${to} by ${who}`).toBe("INVALID");
    expect(refusal("PENDING_REVIEW", "IN_PROGRESS", "office")?.message).toBe(
      "待审核的任务须由领导小组办公室审核办结申请",
    );
  });

  it("units move work forward; plan adjustments and reopening a completed task are the office's", () => {
    expect(refusal("NOT_STARTED", "IN_PROGRESS", "lead")).toBeNull();
    expect(refusal("IN_PROGRESS", "SUSPENDED", "lead")?.code).toBe("FORBIDDEN");
    expect(refusal("IN_PROGRESS", "SUSPENDED", "office")).toBeNull();
    expect(refusal("COMPLETED", "IN_PROGRESS", "office")).toBeNull();
    expect(refusal("COMPLETED", "IN_PROGRESS", "lead")?.code).toBe("FORBIDDEN");
    expect(refusal("CANCELLED", "IN_PROGRESS", "office")?.code).toBe("INVALID");
    // the same status is no change
    for (const s of ALL) expect(refusal(s, s, "lead")).toBeNull();
  });

  it("what the status menus offer never contains 已完成 or 待审核", () => {
    for (const from of ALL)
      for (const who of ["office", "lead"] as const) {
        const offered = allowedTransitions(from, who);
        expect(offered).not.toContain("COMPLETED");
        expect(offered).not.toContain("PENDING_REVIEW");
      }
    expect(allowedTransitions("IN_PROGRESS", "apply")).toEqual(["PENDING_REVIEW"]);
    expect(allowedTransitions("PENDING_REVIEW", "sign-off").sort()).toEqual([
      "COMPLETED",
      "IN_PROGRESS",
    ]);
  });

  it("progress goes with the status: 100 only when completed", () => {
    expect(progressForStatus("COMPLETED", 40)).toBe(100);
    expect(progressForStatus("PENDING_REVIEW", 100)).toBe(99);
    expect(progressForStatus("IN_PROGRESS", 60)).toBe(60);
  });
});
