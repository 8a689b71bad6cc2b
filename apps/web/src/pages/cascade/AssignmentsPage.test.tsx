// 上级下达 (issue #19) as the county office sees it: the 待分解 list with the late flag, one
// assignment opened from ?assignment= with its parent item read-only, and the 分解 form sending
// what the api's schema takes. The api's rules are tested over HTTP (apps/api/test/cascade*.ts).
import { configure, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes, useLocation } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";

import { PlanProvider } from "../../app/plan-context.tsx";
import { fakeTrpc } from "../../test/fake-trpc.ts";
import { renderWithProviders } from "../../test/render.tsx";
import { AssignmentRedirect } from "./AssignmentRedirect.tsx";
import { AssignmentsPage } from "./AssignmentsPage.tsx";
import {
  COUNTY,
  countyOptions,
  countyPlan,
  LATE,
  lateView,
  officeOf,
  received,
} from "./test-fixtures.ts";

function Where() {
  const { pathname, search } = useLocation();
  return <span data-testid="where">{pathname + search}</span>;
}

const renderAt = (url: string) =>
  renderWithProviders(
    <MemoryRouter initialEntries={[url]}>
      <PlanProvider me={officeOf(COUNTY, "汇川区")} plans={[countyPlan]}>
        <Routes>
          <Route path="/assignments" element={<AssignmentsPage />} />
          <Route path="/cascade/:assignmentId" element={<AssignmentRedirect />} />
        </Routes>
        <Where />
      </PlanProvider>
    </MemoryRouter>,
  );

afterEach(() => vi.restoreAllMocks());
// two shared cores: a drawer holding a whole form takes seconds to render in jsdom
configure({ asyncUtilTimeout: 15_000 });

// a drawer holding a whole form is slow to render in jsdom
describe("上级下达 for the county office", { timeout: 180_000 }, () => {
  it("lists what came from above, the late one flagged 逾期未分解", async () => {
    const sent = fakeTrpc({ "cascade.list": received });
    renderAt("/assignments");
    const late = await screen.findByTestId(`assignment-${LATE}`);
    expect(within(late).getByText("培育高新技术企业")).toBeTruthy();
    expect(within(late).getByText(/逾期未分解/)).toBeTruthy();
    expect(within(late).getByText(/遵义市/)).toBeTruthy();
    const other = screen.getByText("建设科技孵化器").closest("[data-testid^=assignment-]")!;
    expect(within(other as HTMLElement).queryByText(/逾期未分解/)).toBeNull();
    expect(within(other as HTMLElement).getByText(/待分解/)).toBeTruthy();
    // the county's inbox, still to decompose
    expect(sent).toContainEqual({
      path: "cascade.list",
      input: { jurisdictionId: COUNTY, direction: "received", state: "PENDING" },
    });
  });

  it("/cascade/:id opens the assignment on the page", async () => {
    fakeTrpc({ "cascade.list": received, "cascade.get": lateView, "cascade.options": countyOptions });
    renderAt(`/cascade/${LATE}`);
    await waitFor(() =>
      expect(screen.getByTestId("where").textContent).toBe(`/assignments?assignment=${LATE}`),
    );
    expect(await screen.findByTestId("parent-item")).toBeTruthy();
  });

  it("shows the parent item read-only, with the 分解 form for the receiving office", async () => {
    fakeTrpc({
      "cascade.list": received,
      "cascade.get": lateView,
      "cascade.options": countyOptions,
    });
    renderAt(`/assignments?assignment=${LATE}`);
    const parent = await screen.findByTestId("parent-item");
    expect(within(parent).getByText("上级事项（只读）")).toBeTruthy();
    expect(within(parent).getByText("市科技局")).toBeTruthy();
    expect(within(parent).getByText("遵义市科技创新规划")).toBeTruthy();
    // nothing of the item above can be edited here
    expect(within(parent).queryByRole("textbox")).toBeNull();
    expect(within(parent).queryByRole("button")).toBeNull();
    expect(screen.getAllByText(/逾期未分解/).length).toBeGreaterThan(0);
    expect(await screen.findByRole("button", { name: /分\s*解/ })).toBeTruthy();
    // the giving office's controls are not there
    expect(screen.queryByRole("button", { name: /撤\s*回/ })).toBeNull();
  });
});
