import { fireEvent, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { renderWithProviders } from "../../test/render.tsx";
import { CellTag } from "./CellTag.tsx";
import { EntryForm } from "./EntryForm.tsx";
import { ImportErrors } from "./ImportErrors.tsx";

const ID = "00000000-0000-4000-8000-000000000001";

describe("ledger grid cell", () => {
  it("is plain text when the user cannot act on it", () => {
    renderWithProviders(<CellTag state="NOT_DUE" />);
    expect(screen.getByText("未到期").tagName).toBe("SPAN");
    expect(screen.queryByRole("button")).toBeNull();
  });
  it("is a named button with the percentage when the user can", async () => {
    const onClick = vi.fn();
    renderWithProviders(
      <CellTag state="RETURNED" percent={35} label="培育科技型企业 2025Q4" onClick={onClick} />,
    );
    const button = screen.getByRole("button", { name: "培育科技型企业 2025Q4：已退回 35%" });
    button.focus();
    await userEvent.keyboard("{Enter}");
    expect(onClick).toHaveBeenCalledOnce();
  });
});

describe("ledger entry form", () => {
  it("shows the shared schema's messages next to the fields and sends nothing", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    renderWithProviders(
      <EntryForm
        target={{ kind: "submit", taskId: ID, cycleId: ID, departmentId: ID }}
        taskStatus="IN_PROGRESS"
        onDone={() => undefined}
      />,
    );
    await userEvent.click(screen.getByRole("button", { name: /提\s*交/ }));
    expect(await screen.findByText("请填写进展情况")).toBeTruthy();
    // an empty 完成比例 is missing, as a blank cell of the Excel import is: never 0
    expect(await screen.findByText("请填写完成比例")).toBeTruthy();
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });
  it("keeps over-long text as pasted and refuses it with the schema's message (never cuts it off)", async () => {
    renderWithProviders(
      <EntryForm
        target={{ kind: "submit", taskId: ID, cycleId: ID, departmentId: ID }}
        taskStatus="IN_PROGRESS"
        onDone={() => undefined}
      />,
    );
    const problems = screen.getByRole("textbox", { name: "存在问题" }) as HTMLTextAreaElement;
    fireEvent.change(problems, { target: { value: "问".repeat(3500) } });
    await userEvent.click(screen.getByRole("button", { name: /提\s*交/ }));
    expect(await screen.findByText("存在问题不能超过 3000 个字")).toBeTruthy();
    expect(problems.value).toHaveLength(3500);
  });
  it("offers only the statuses the lead unit may report: never 已完成 (the completion application's)", async () => {
    renderWithProviders(
      <EntryForm
        target={{ kind: "submit", taskId: ID, cycleId: ID, departmentId: ID }}
        taskStatus="IN_PROGRESS"
        onDone={() => undefined}
      />,
    );
    await userEvent.click(screen.getByRole("combobox", { name: "任务状态" }));
    await screen.findAllByRole("option");
    const options = [...document.querySelectorAll(".ant-select-item-option-content")].map(
      (o) => o.textContent,
    );
    expect(options).toEqual(["推进中"]);
  });
});

describe("workbook import errors", () => {
  it("lists each rejected row with its sheet, row number and column", () => {
    renderWithProviders(
      <ImportErrors
        errors={[
          {
            sheet: "科学技术局",
            row: 5,
            column: "完成比例(%)",
            message: "完成比例请填写 0–100 的整数",
          },
          { sheet: "科学技术局", row: 9, column: null, message: "同一任务在文件中出现两次" },
        ]}
      />,
    );
    const rows = screen
      .getAllByRole("row")
      .slice(1)
      .map((r) => r.textContent);
    expect(rows).toEqual([
      "科学技术局5完成比例(%)完成比例请填写 0–100 的整数",
      "科学技术局9同一任务在文件中出现两次",
    ]);
  });
});
