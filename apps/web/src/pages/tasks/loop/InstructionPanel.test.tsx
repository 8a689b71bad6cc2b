// 领导批示 in the task drawer: who sees the write box and the 转为督办事项 button, and what a
// leader's instruction sends. The api's rules themselves are tested over HTTP
// (apps/api/test/instructions.test.ts); here the tRPC answers are canned.
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import superjson from "superjson";
import { afterEach, describe, expect, it, vi } from "vitest";

import { PlanProvider } from "../../../app/plan-context.tsx";
import { countyMember, countyPlan } from "../../../test/county.ts";
import { renderWithProviders } from "../../../test/render.tsx";
import { InstructionPanel, type InstructionItem } from "./InstructionPanel.tsx";

const TASK = "00000000-0000-4000-8000-000000000001";
const FOLLOW = "00000000-0000-4000-8000-000000000002";
const plan = countyPlan;
const meAs = (role: "LEADER" | "OFFICE" | "DEPARTMENT") => countyMember(role);
const items: InstructionItem[] = [
  {
    id: "00000000-0000-4000-8000-0000000000c1",
    target: "TASK",
    text: "请加快推进",
    createdAt: new Date("2026-03-01T02:00:00Z"),
    author: { id: "l", name: "张县长" },
    task: { id: TASK, title: "任务一" },
    ledgerEntry: null,
    indicator: null,
    followedUp: true,
    followUp: { id: FOLLOW, title: "落实批示", dueDate: "2026-06-30", status: "NOT_STARTED" },
  },
  {
    id: "00000000-0000-4000-8000-0000000000c2",
    target: "TASK",
    text: "第二条批示",
    createdAt: new Date("2026-03-02T02:00:00Z"),
    author: { id: "l", name: "张县长" },
    task: { id: TASK, title: "任务一" },
    ledgerEntry: null,
    indicator: null,
    followedUp: false,
    followUp: null,
  },
];

/** Answers instruction.list with `items` and records every mutation's path and input. */
function fakeApi() {
  const sent: Array<{ path: string; input: unknown }> = [];
  vi.spyOn(globalThis, "fetch").mockImplementation(async (url, init) => {
    const path = decodeURIComponent(String(url)).split("/trpc/")[1]!.split("?")[0]!;
    const paths = path.split(",");
    if (init?.method === "POST") {
      const body = JSON.parse(String(init.body)) as Record<string, { json: unknown }>;
      paths.forEach((p, i) => sent.push({ path: p, input: body[String(i)]!.json }));
    }
    const answer = (p: string) =>
      p === "instruction.list" ? items : p === "instruction.write" ? { instructionId: "x" } : null;
    return new Response(
      JSON.stringify(paths.map((p) => ({ result: { data: superjson.serialize(answer(p)) } }))),
      { status: 200, headers: { "content-type": "application/json" } },
    );
  });
  return sent;
}

const renderAs = (role: "LEADER" | "OFFICE" | "DEPARTMENT") =>
  renderWithProviders(
    <MemoryRouter>
      <PlanProvider me={meAs(role)} plans={[plan]}>
        <InstructionPanel on={{ kind: "TASK", taskId: TASK }} plan={plan} />
      </PlanProvider>
    </MemoryRouter>,
  );

afterEach(() => vi.restoreAllMocks());

describe("领导批示 panel", () => {
  it("a leader reads the instructions with their follow-up and writes one", async () => {
    const sent = fakeApi();
    renderAs("LEADER");
    expect(await screen.findByText("请加快推进")).toBeTruthy();
    expect(screen.getByRole("link", { name: "落实批示" }).getAttribute("href")).toBe(
      `/tasks?task=${FOLLOW}`,
    );
    expect(screen.queryByRole("button", { name: "转为督办事项" })).toBeNull();
    await userEvent.type(
      screen.getByRole("textbox", { name: "输入批示内容，办公室和责任单位将收到通知" }),
      "月底前报送进展",
    );
    await userEvent.click(screen.getByRole("button", { name: "批 示" }));
    await waitFor(() =>
      expect(sent).toContainEqual({
        path: "instruction.write",
        input: { target: "TASK", taskId: TASK, text: "月底前报送进展" },
      }),
    );
  });

  it("the office may turn an instruction without a follow-up into one, and writes none", async () => {
    fakeApi();
    renderAs("OFFICE");
    expect(await screen.findByText("第二条批示")).toBeTruthy();
    expect(screen.getAllByRole("button", { name: "转为督办事项" })).toHaveLength(1);
    expect(screen.queryByRole("textbox")).toBeNull();
  });

  it("department staff read only", async () => {
    fakeApi();
    renderAs("DEPARTMENT");
    expect(await screen.findByText("第二条批示")).toBeTruthy();
    expect(screen.queryByRole("button")).toBeNull();
    expect(screen.queryByRole("textbox")).toBeNull();
  });
});
