import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { contrastRatio } from "../../lib/status-colors.ts";
import { renderWithProviders } from "../../test/render.tsx";
import { indicatorLight } from "./lights.ts";
import { TrafficLight } from "./TrafficLight.tsx";

describe("TrafficLight", () => {
  it.each([
    ["ON_TRACK", "符合序时", "#52c41a"],
    ["AT_RISK", "存在风险", "#faad14"],
    ["OFF_TRACK", "严重滞后", "#f5222d"],
    ["NO_DATA", "未报送", "#bfbfbf"],
    ["NO_TRAJECTORY", "无轨迹", "#bfbfbf"],
  ] as const)("shows %s as a coloured dot with its label", (status, label, color) => {
    const { container } = renderWithProviders(<TrafficLight status={status} />);
    expect(screen.getByText(label)).toBeTruthy();
    const dot = container.querySelector(".ant-badge-status-dot") as HTMLElement;
    expect(dot.style.backgroundColor || dot.style.background).toBeTruthy();
    expect(container.querySelector(`[data-status="${status}"]`)).toBeTruthy();
    expect(indicatorLight[status].color).toBe(color);
  });
  it("names the detail for screen readers", () => {
    renderWithProviders(<TrafficLight status="AT_RISK" detail="差距 10%" />);
    expect(screen.getByLabelText("存在风险：差距 10%")).toBeTruthy();
  });
  it("keeps label text readable on white", () => {
    for (const l of Object.values(indicatorLight))
      expect(contrastRatio(l.text, "#ffffff")).toBeGreaterThanOrEqual(4.5);
  });
});
