import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { renderWithProviders } from "../../test/render.tsx";
import { TaskLight } from "./TaskLight.tsx";

const bands = { yellowLagPoints: 10, redLagPoints: 30, dueSoonDays: 15 };

describe("TaskLight", () => {
  it.each([
    ["RED", "红灯"],
    ["YELLOW", "黄灯"],
    ["GREEN", "绿灯"],
  ] as const)("shows %s with its text, never colour alone", (light, text) => {
    renderWithProviders(
      <TaskLight light={light} dueSoon={false} lagPoints={5} overdue={false} bands={bands} />,
    );
    expect(screen.getByText(text)).toBeTruthy();
    expect(screen.queryByText("临期")).toBeNull();
  });
  it("adds 临期 and says why for screen readers, with the bands", () => {
    renderWithProviders(
      <TaskLight light="YELLOW" dueSoon lagPoints={12} overdue={false} bands={bands} />,
    );
    expect(screen.getByText("临期")).toBeTruthy();
    const label = screen.getByLabelText(/^黄灯 临期：/).getAttribute("aria-label")!;
    expect(label).toContain("落后序时进度 12 个百分点");
    expect(label).toContain("15 天内到期");
    expect(label).toContain("超过 10 个百分点为黄灯，超过 30 个百分点或逾期为红灯");
  });
  it("shows a dash for a closed task", () => {
    const { container } = renderWithProviders(
      <TaskLight light={null} dueSoon={false} lagPoints={0} overdue={false} />,
    );
    expect(container.textContent).toBe("—");
  });
});
