// 用户管理: the office enters a member's mobile (channels.setMemberMobile); the list shows numbers
// masked, and a refusal lands on the field in Chinese. The api's rules (which members, masking,
// audit) are tested over HTTP in apps/api/test/channels.test.ts; here the answers are canned.
import { configure, fireEvent, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";

import { PlanProvider } from "../../app/plan-context.tsx";
import { COUNTY, countyMember, countyPlan } from "../../test/county.ts";
import { fakeTrpc, Refusal } from "../../test/fake-trpc.ts";
import { renderWithProviders } from "../../test/render.tsx";
import { UsersPage } from "./UsersPage.tsx";

const J = COUNTY;
const U = "00000000-0000-4000-8000-0000000000cc";
const plan = countyPlan;
const me = countyMember("OFFICE");
const member = {
  id: U,
  email: "kj@a.test",
  name: "科技局 张三",
  disabledAt: null,
  createdAt: new Date("2026-01-05T02:00:00Z"),
  locale: "zh-CN",
  externalId: null,
  mobile: "138****5678",
  memberships: [{ role: "DEPARTMENT", department: { id: "d", name: "县科技局" } }],
};

afterEach(() => vi.restoreAllMocks());
configure({ asyncUtilTimeout: 15_000 });

describe("用户管理 · 手机号", { timeout: 120_000 }, () => {
  it("shows the number masked; the office enters a new one, and a refusal shows on the field", async () => {
    let refuse = true;
    const sent = fakeTrpc({
      "admin.users": [member],
      "admin.jurisdictions": [{ id: J, name: "甲县", requireOidc: false }],
      "channels.setMemberMobile": () => {
        if (refuse) {
          refuse = false;
          return new Refusal(
            "手机号应为 11 位中国大陆手机号码（如 13812345678）",
            "Enter an 11-digit mainland China mobile number",
            "BAD_REQUEST",
            "mobile",
          );
        }
        return { userId: U, mobile: "139****0000" };
      },
    });
    renderWithProviders(
      <MemoryRouter>
        <PlanProvider me={me} plans={[plan]}>
          <UsersPage />
        </PlanProvider>
      </MemoryRouter>,
    );
    fireEvent.click(await screen.findByRole("button", { name: "138****5678" }));
    const input = await screen.findByLabelText("手机号");
    // empty, it would remove the number: saving waits for one
    expect((screen.getByRole("button", { name: /确\s*定|OK/ }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    expect(screen.getByText(/当前：138\*\*\*\*5678/)).toBeTruthy();
    fireEvent.change(input, { target: { value: "139 0000 000" } });
    const ok = () => screen.getByRole("button", { name: /确\s*定|OK/ }) as HTMLButtonElement;
    await waitFor(() => expect(ok().disabled).toBe(false));
    fireEvent.click(ok());
    expect(
      await screen.findByText("手机号应为 11 位中国大陆手机号码（如 13812345678）"),
    ).toBeTruthy();
    fireEvent.change(input, { target: { value: "139 0000 0000" } });
    fireEvent.click(screen.getByRole("button", { name: /确\s*定|OK/ }));
    await waitFor(() =>
      expect(sent.filter((s) => s.path === "channels.setMemberMobile").map((s) => s.input)).toEqual(
        [
          { jurisdictionId: J, userId: U, mobile: "139 0000 000" },
          { jurisdictionId: J, userId: U, mobile: "139 0000 0000" },
        ],
      ),
    );
  });
});
