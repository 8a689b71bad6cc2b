import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { renderWithProviders } from "../../test/render.tsx";
import type { Preview } from "./ImportWizard.tsx";
import { PreviewStep } from "./PreviewStep.tsx";

const file = {
  jurisdictionId: "00000000-0000-4000-8000-0000000000aa",
  fileName: "分工方案.txt",
  contentBase64: "5Lit",
};
const candidate = (nodeCode: string, patch: Partial<Preview["candidateTasks"][number]>) => ({
  nodeCode,
  kind: "task" as const,
  title: `任务${nodeCode}`,
  description: "",
  suggestedPhase: "ADVANCE" as const,
  suggestedLead: null,
  suggestedSupporting: [],
  reasons: [],
  ...patch,
});
/** A task-division document whose title the parser could not read. */
const preview = {
  version: 1,
  kind: "division",
  title: null,
  jurisdictionName: null,
  period: { start: 2024, end: 2024 },
  preface: "",
  nodes: [],
  boxes: [],
  indicatorTables: [],
  tables: [],
  candidateTasks: [
    candidate("1", {
      leadText: "县科技局",
      supportText: "各乡镇",
      leadUnits: ["县科技局"],
      supportUnits: ["各乡镇"],
      deadline: { kind: "recurring", every: "quarter", text: "每季度" },
    }),
    candidate("2", {
      leadText: "县住建局",
      leadUnits: ["县住建局"],
      deadline: { kind: "date", date: "2024-06-30", text: "2024年6月底前" },
    }),
  ],
  warnings: [],
  stats: {
    lines: 3,
    parts: 0,
    chapters: 0,
    sections: 0,
    subsections: 0,
    items: 2,
    boxes: 0,
    boxItems: 0,
    indicators: 0,
  },
} as unknown as Preview;

const fetchUrls = (spy: { mock: { calls: unknown[][] } }): string[] =>
  spy.mock.calls.map((c) => String(c[0]));

describe("import wizard: preview of a task-division document", () => {
  it(
    "shows the written units, their match and the deadline; asks for the missing title",
    { timeout: 60_000 },
    async () => {
      const fetchSpy = vi
        .spyOn(globalThis, "fetch")
        .mockImplementation(async () => new Response(JSON.stringify([]), { status: 500 }));
      renderWithProviders(
        <PreviewStep
          file={file}
          preview={preview}
          onBack={() => undefined}
          onImported={() => undefined}
          onPreview={() => undefined}
        />,
      );
      const row = (code: string) =>
        screen.getAllByRole("row").find((r) => within(r).queryByText(`任务${code}`))!;
      expect(within(row("1")).getByText("县科技局")).toBeTruthy();
      expect(within(row("1")).getByText("各乡镇 · 多个单位")).toBeTruthy();
      expect(within(row("1")).getByText("每季度")).toBeTruthy();
      expect(within(row("2")).getByText("县住建局 · 新单位？")).toBeTruthy();
      expect(within(row("2")).getByText("2024-06-30")).toBeTruthy();
      expect(screen.getByText("识别为：分工方案")).toBeTruthy();
      // no title: the import is not sent until one is entered
      const title = screen.getByRole("textbox", { name: "规划名称" });
      await userEvent.click(screen.getByRole("button", { name: "确认导入为草稿" }));
      expect(fetchUrls(fetchSpy).some((u) => u.includes("plan.import"))).toBe(false);
      expect(title.closest(".ant-form-item-has-error")).not.toBeNull();
      fetchSpy.mockRestore();
    },
  );

  it(
    "choosing another document kind previews the file again with it",
    { timeout: 60_000 },
    async () => {
      const fetchSpy = vi
        .spyOn(globalThis, "fetch")
        .mockImplementation(async () => new Response(JSON.stringify([]), { status: 500 }));
      renderWithProviders(
        <PreviewStep
          file={file}
          preview={preview}
          onBack={() => undefined}
          onImported={() => undefined}
          onPreview={() => undefined}
        />,
      );
      await userEvent.click(screen.getByText("规划"));
      await vi.waitFor(() =>
        expect(fetchUrls(fetchSpy).some((u) => u.includes("plan.preview"))).toBe(true),
      );
      const call = fetchSpy.mock.calls.find((c) => String(c[0]).includes("plan.preview"))!;
      const body = JSON.parse(String((call[1] as RequestInit).body)) as { json: { kind: string } };
      expect(body.json.kind).toBe("plan");
      fetchSpy.mockRestore();
    },
  );
});
