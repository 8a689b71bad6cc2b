import { fireEvent, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { renderWithProviders } from "../../test/render.tsx";
import { AliasCell } from "./AliasCell.tsx";

const KEJI = "00000000-0000-4000-8000-000000000001";
const ALIAS = "00000000-0000-4000-8000-0000000000a1";
const aliases = [
  {
    id: ALIAS,
    departmentId: KEJI,
    departmentName: "科学技术局",
    alias: "县科技局",
    createdAt: new Date("2026-11-30T00:00:00Z"),
  },
];

/** The procedure and input of the one tRPC mutation the cell sent. */
async function sent(fetchSpy: ReturnType<typeof vi.spyOn>) {
  await vi.waitFor(() => expect(fetchSpy).toHaveBeenCalled());
  const [url, init] = fetchSpy.mock.calls[0] as [string, RequestInit];
  const body = JSON.parse(String(init.body)) as Record<string, { json: unknown }>;
  return { url: String(url), input: body["0"]!.json };
}

describe("单位管理: a unit's aliases", () => {
  it("removing an alias sends its id", { timeout: 60_000 }, async () => {
    const fetchSpy = vi
      .spyOn(globalThis, "fetch")
      .mockImplementation(async () => new Response(JSON.stringify([]), { status: 500 }));
    renderWithProviders(<AliasCell departmentId={KEJI} aliases={aliases} />);
    expect(screen.getByText("县科技局")).toBeTruthy();
    await userEvent.click(screen.getByLabelText("删除别名“县科技局”"));
    const { url, input } = await sent(fetchSpy);
    expect(url).toContain("admin.removeDepartmentAlias");
    expect(input).toEqual({ aliasId: ALIAS });
    fetchSpy.mockRestore();
  });

  it("a new alias is typed in place and sent trimmed", { timeout: 60_000 }, async () => {
    const fetchSpy = vi
      .spyOn(globalThis, "fetch")
      .mockImplementation(async () => new Response(JSON.stringify([]), { status: 500 }));
    renderWithProviders(<AliasCell departmentId={KEJI} aliases={[]} />);
    await userEvent.click(screen.getByText("+ 别名"));
    const input = screen.getByRole("textbox", { name: "新别名" });
    fireEvent.change(input, { target: { value: " 西丰县科技局 " } });
    fireEvent.keyDown(input, { key: "Enter", code: "Enter", keyCode: 13 });
    const call = await sent(fetchSpy);
    expect(call.url).toContain("admin.addDepartmentAlias");
    expect(call.input).toEqual({ departmentId: KEJI, alias: "西丰县科技局" });
    fetchSpy.mockRestore();
  });
});
