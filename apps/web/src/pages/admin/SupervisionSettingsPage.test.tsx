// 督办设置: the office's form checks each field as the server does (ZSupervisionSettingsInput) and
// sends the whole settings; the api's rules themselves are tested over HTTP
// (apps/api/test/traffic-lights.test.ts); here the tRPC answers are canned.
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import superjson from "superjson";
import { afterEach, describe, expect, it, vi } from "vitest";

import { PlanProvider } from "../../app/plan-context.tsx";
import { COUNTY, countyMember, countyPlan } from "../../test/county.ts";
import { renderWithProviders } from "../../test/render.tsx";
import { SupervisionSettingsPage } from "./SupervisionSettingsPage.tsx";

const J = COUNTY;
const plan = countyPlan;
const me = countyMember("OFFICE");
const settings = {
  jurisdictionId: J,
  jurisdictionName: "甲县",
  acknowledgeWorkingDays: 3,
  yellowLagPoints: 10,
  redLagPoints: 30,
  dueSoonDays: 15,
  escalationDays: 30,
  leaderApprovalRequired: false,
  allowLateRequests: false,
  isDefault: true,
  updatedAt: null,
  updatedByName: null,
  canEdit: true,
};

/** Answers supervisionSettings.get and records every mutation's path and input. */
function fakeApi() {
  const sent: Array<{ path: string; input: unknown }> = [];
  vi.spyOn(globalThis, "fetch").mockImplementation(async (url, init) => {
    const path = decodeURIComponent(String(url)).split("/trpc/")[1]!.split("?")[0]!;
    const paths = path.split(",");
    if (init?.method === "POST") {
      const body = JSON.parse(String(init.body)) as Record<string, { json: unknown }>;
      paths.forEach((p, i) => sent.push({ path: p, input: body[String(i)]!.json }));
    }
    return new Response(
      JSON.stringify(paths.map(() => ({ result: { data: superjson.serialize(settings) } }))),
      { status: 200, headers: { "content-type": "application/json" } },
    );
  });
  return sent;
}

afterEach(() => vi.restoreAllMocks());

describe("督办设置", () => {
  it("refuses a red band not above the yellow one in Chinese, then sends the whole settings", async () => {
    const sent = fakeApi();
    renderWithProviders(
      <MemoryRouter>
        <PlanProvider me={me} plans={[plan]}>
          <SupervisionSettingsPage />
        </PlanProvider>
      </MemoryRouter>,
    );
    // label and text queries, change events: role queries and typing over antd's form take seconds each
    const red = await screen.findByLabelText("红色滞后阈值（百分点）");
    const submit = () => fireEvent.click(screen.getByText("保 存").closest("button")!);
    expect(screen.getByText(/黄灯（滞后）/)).toBeTruthy();
    fireEvent.change(red, { target: { value: "10" } });
    submit();
    expect(await screen.findByText("红色滞后阈值须大于黄色滞后阈值")).toBeTruthy();
    expect(sent).toEqual([]);
    fireEvent.change(red, { target: { value: "40" } });
    submit();
    await waitFor(() =>
      expect(sent).toContainEqual({
        path: "supervisionSettings.update",
        input: {
          jurisdictionId: J,
          acknowledgeWorkingDays: 3,
          yellowLagPoints: 10,
          redLagPoints: 40,
          dueSoonDays: 15,
          escalationDays: 30,
          leaderApprovalRequired: false,
          allowLateRequests: false,
        },
      }),
    );
  }, 60_000);
});
