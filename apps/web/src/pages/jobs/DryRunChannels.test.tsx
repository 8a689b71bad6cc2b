import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { renderWithProviders } from "../../test/render.tsx";
import { DryRunChannels } from "./DryRunChannels.tsx";

describe("jobs: dry-run robot posts and SMS", () => {
  it("lists each robot post and SMS with its channel, target, kind and why", () => {
    renderWithProviders(
      <DryRunChannels
        lines={[
          {
            channel: "WECOM_ROBOT",
            to: "科技局工作群",
            kind: "overdue",
            dedupeKey: "overdue:1|robot:r1",
            forced: false,
            why: "robot",
            reason: "",
          },
          {
            channel: "SMS",
            to: "137****5678",
            kind: "overdue-escalation",
            dedupeKey: "esc:1|sms",
            forced: true,
            why: "forced",
            reason: "",
          },
        ]}
      />,
    );
    const rows = screen
      .getAllByRole("row")
      .slice(1)
      .map((r) => r.textContent);
    expect(rows).toEqual([
      "企业微信群科技局工作群逾期任务日报该群机器人接收此类通知",
      "短信137****5678逾期督办升级升级督办：办公室强制送达（不论个人设置）",
    ]);
  });
  it("says so when nothing would be posted", () => {
    renderWithProviders(<DryRunChannels lines={[]} />);
    expect(screen.getByText("不会推送群机器人消息或短信")).toBeTruthy();
  });
});
