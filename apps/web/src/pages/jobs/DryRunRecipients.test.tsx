import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { renderWithProviders } from "../../test/render.tsx";
import { DryRunRecipients } from "./DryRunRecipients.tsx";

describe("jobs: dry-run recipients", () => {
  it("lists who would be emailed, what, how and why", () => {
    renderWithProviders(
      <DryRunRecipients
        recipients={[
          {
            email: "keji@xifeng.demo",
            kind: "overdue",
            dedupeKey: "overdue:1",
            delivery: "DIGEST",
            reason: "牵头的 2 项任务已逾期",
          },
          {
            email: "office@xifeng.demo",
            kind: "overdue-escalation",
            dedupeKey: "esc:1",
            delivery: "IMMEDIATE",
            reason: "逾期超过 30 天",
          },
        ]}
      />,
    );
    const rows = screen
      .getAllByRole("row")
      .slice(1)
      .map((r) => r.textContent);
    expect(rows).toEqual([
      "keji@xifeng.demo逾期任务日报每日汇总牵头的 2 项任务已逾期",
      "office@xifeng.demo逾期督办升级立即逾期超过 30 天",
    ]);
  });
  it("says so when nobody would be emailed", () => {
    renderWithProviders(<DryRunRecipients recipients={[]} />);
    expect(screen.getByText("不会发送任何邮件")).toBeTruthy();
  });
});
