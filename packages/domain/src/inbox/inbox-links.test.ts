import { describe, expect, it } from "vitest";

import { defaultInboxLink } from "./inbox-links.ts";

const overdueItem = (taskId: string, title: string) => ({
  taskId,
  title,
  dueDate: "2026-01-01",
  daysOverdue: 3,
  planTitle: "规划",
  departmentName: "科技局",
});

describe("the inbox copy of a job's email", () => {
  it("a digest about one task opens it; about several names the first three and counts them", () => {
    expect(
      defaultInboxLink({
        kind: "overdue",
        payload: { day: "2026-01-04", total: 1, items: [overdueItem("t1", "任务一")] },
      }),
    ).toEqual({ taskId: "t1", body: "任务一" });
    const many = defaultInboxLink({
      kind: "overdue-escalation",
      payload: {
        day: "2026-01-04",
        total: 40,
        escalationDays: 14,
        items: ["一", "二", "三", "四"].map((n, i) => overdueItem(`t${i}`, `任务${n}`)),
      },
    });
    expect(many).toEqual({ taskId: undefined, body: "任务一、任务二、任务三等 40 项" });
  });
  it("a digest cut short (total beyond its items) never opens one task as if it were all", () => {
    expect(
      defaultInboxLink({
        kind: "overdue",
        payload: { day: "2026-01-04", total: 5, items: [overdueItem("t1", "任务一")] },
      }).taskId,
    ).toBeUndefined();
  });
  it("an instruction on an indicator opens the indicator; a reset link never reaches the inbox text", () => {
    expect(
      defaultInboxLink({
        kind: "instruction",
        payload: {
          instructionId: "i1",
          target: "INDICATOR",
          planTitle: "规划",
          taskId: null,
          taskTitle: null,
          indicatorId: "ind",
          indicatorName: "R&D 投入",
          period: null,
          text: "加快",
          leaderName: "王",
        },
      }),
    ).toEqual({ entityType: "Indicator", entityId: "ind", body: "加快" });
    expect(
      defaultInboxLink({
        kind: "password-reset",
        payload: { name: "x", url: "https://x/reset?token=secret", expiresMinutes: 60 },
      }),
    ).toEqual({});
  });
});
