import { fireEvent, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { renderWithProviders } from "../../test/render.tsx";
import { UnitMatchPanel, type WrittenUnitRow } from "./UnitMatchPanel.tsx";

const A = "00000000-0000-4000-8000-0000000000aa";
const KEJI = "00000000-0000-4000-8000-000000000001";
const ZHENGWU = "00000000-0000-4000-8000-000000000002";
const units = [
  { id: KEJI, name: "科学技术局", active: true },
  { id: ZHENGWU, name: "政务服务中心", active: true },
];
const rows: WrittenUnitRow[] = [
  { written: "县科技局", departmentId: KEJI, status: "matched", how: "prefix", drafts: 3 },
  { written: "县政务大厅", departmentId: null, status: "new", drafts: 1 },
  { written: "县大数据局", departmentId: null, status: "new", drafts: 2 },
  { written: "各乡镇", departmentId: null, status: "collective", drafts: 4 },
];

/** The JSON body of the one tRPC mutation the panel sent. */
async function sentMatches(fetchSpy: ReturnType<typeof vi.spyOn>) {
  await vi.waitFor(() => expect(fetchSpy).toHaveBeenCalled());
  const [url, init] = fetchSpy.mock.calls[0] as [string, RequestInit];
  expect(String(url)).toContain("admin.confirmUnitMatches");
  const body = JSON.parse(String(init.body)) as Record<string, { json: { matches: unknown[] } }>;
  return body["0"]!.json.matches;
}

describe("import wizard: 确认单位匹配", () => {
  it(
    "lists every written name with its proposal: matched, new unit, collective",
    { timeout: 60_000 },
    () => {
      renderWithProviders(<UnitMatchPanel jurisdictionId={A} rows={rows} units={units} />);
      const table = screen.getByRole("region", { name: "确认单位匹配" });
      const row = (written: string) =>
        within(table)
          .getAllByRole("row")
          .find((r) => within(r).queryByText(written))!;
      expect(within(row("县科技局")).getByText("科学技术局")).toBeTruthy();
      expect(within(row("县政务大厅")).getByText("县政务大厅 · 新单位？")).toBeTruthy();
      // a new name is proposed as a new unit under its written name, editable
      expect(within(row("县政务大厅")).getByDisplayValue("县政务大厅")).toBeTruthy();
      expect(within(row("各乡镇")).getByText("不对应（多个单位）")).toBeTruthy();
      // two new units to create; the matched and the collective names need nothing
      expect(screen.getByRole("button", { name: "确认全部匹配（2）" })).toBeTruthy();
    },
  );

  it(
    "sends the office's choices at once: a new name mapped to a unit, another created",
    { timeout: 60_000 },
    async () => {
      const fetchSpy = vi
        .spyOn(globalThis, "fetch")
        .mockImplementation(async () => new Response(JSON.stringify([]), { status: 500 }));
      renderWithProviders(<UnitMatchPanel jurisdictionId={A} rows={rows} units={units} />);
      await userEvent.click(screen.getByRole("combobox", { name: "县政务大厅 对应为" }));
      await userEvent.click(
        (await screen.findAllByText("政务服务中心")).find((e) =>
          e.closest(".ant-select-item-option"),
        )!,
      );
      const name = screen.getByRole("textbox", { name: "县大数据局 新单位名称" });
      fireEvent.change(name, { target: { value: "大数据发展局" } });
      await userEvent.click(screen.getByRole("button", { name: "确认全部匹配（2）" }));
      expect(await sentMatches(fetchSpy)).toEqual([
        { action: "map", written: "县政务大厅", departmentId: ZHENGWU },
        { action: "create", written: "县大数据局", name: "大数据发展局" },
      ]);
      fetchSpy.mockRestore();
    },
  );

  it("nothing to confirm when every name is matched or collective", () => {
    renderWithProviders(
      <UnitMatchPanel
        jurisdictionId={A}
        rows={rows.filter((r) => r.status !== "new")}
        units={units}
      />,
    );
    const button = screen.getByRole("button", { name: "没有需要确认的单位" });
    expect((button as HTMLButtonElement).disabled).toBe(true);
  });
});
