// 通知渠道 (issue #20): what the settings send, and that a key never comes back into the form.
// The api's rules (who may, masking, audit, delivery) are tested over HTTP in
// apps/api/test/channels.test.ts and packages/jobs/test/channels.test.ts; here the answers are canned.
import { configure, fireEvent, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";

import { fakeTrpc } from "../../test/fake-trpc.ts";
import { renderWithProviders } from "../../test/render.tsx";
import { MySettings } from "./MySettings.tsx";
import { Robots } from "./Robots.tsx";

const J = "00000000-0000-4000-8000-0000000000aa";
const kind = (k: string, over: Record<string, unknown> = {}) => ({
  kind: k,
  label: { zh: k, en: k },
  mode: "IMMEDIATE",
  email: true,
  inbox: true,
  sms: false,
  forceable: k === "overdue-escalation",
  ...over,
});

afterEach(() => vi.restoreAllMocks());
// antd renders slowly in jsdom on a shared machine
configure({ asyncUtilTimeout: 15_000 });

describe("my channels", { timeout: 120_000 }, () => {
  it("sends the whole row for one kind's change; SMS waits for a mobile", async () => {
    const sent = fakeTrpc({
      "channels.myPreferences": {
        mobile: null,
        smsGateway: true,
        forcedIn: [],
        kinds: [kind("due-soon"), kind("overdue-escalation")],
      },
      "channels.setMyPreference": (x: unknown) => x,
      "channels.setMyMobile": { mobile: "13800138000" },
      "channels.requestMobileCode": {
        mobile: "138****8000",
        expiresAt: new Date(Date.now() + 600_000),
        resendAt: new Date(Date.now() + 60_000),
        resendInSeconds: 60,
        validMinutes: 10,
      },
    });
    renderWithProviders(
      <MemoryRouter>
        <MySettings />
      </MemoryRouter>,
    );
    const smsBoxes = await screen.findAllByRole("checkbox", { name: /短信$/ });
    expect(smsBoxes.every((b) => (b as HTMLInputElement).disabled)).toBe(true);
    const [emailOfDueSoon] = await screen.findAllByRole("checkbox", { name: /邮件$/ });
    fireEvent.click(emailOfDueSoon!);
    await waitFor(() =>
      expect(sent.filter((s) => s.path === "channels.setMyPreference").map((s) => s.input)).toEqual(
        [{ kind: "due-soon", mode: "IMMEDIATE", email: false, inbox: true, sms: false }],
      ),
    );
    // a new number: the code sent to it first, then the number with the code
    fireEvent.change(screen.getByLabelText("手机号"), { target: { value: "138 0013 8000" } });
    fireEvent.click(await screen.findByRole("button", { name: "获取验证码" }));
    await waitFor(() =>
      expect(
        sent.filter((s) => s.path === "channels.requestMobileCode").map((s) => s.input),
      ).toEqual([{ mobile: "138 0013 8000" }]),
    );
    expect(await screen.findByText(/验证码已发送至 138\*\*\*\*8000/)).toBeTruthy();
    expect((screen.getByRole("button", { name: /秒后可重发/ }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    // another number typed: the code sent says nothing about it
    fireEvent.change(screen.getByLabelText("手机号"), { target: { value: "138 0013 8001" } });
    expect(await screen.findByText(/更换手机号需先获取短信验证码/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText("手机号"), { target: { value: "138 0013 8000" } });
    expect(await screen.findByText(/验证码已发送至 138\*\*\*\*8000，10 分钟内有效/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText("验证码"), { target: { value: "246810" } });
    fireEvent.click(screen.getByRole("button", { name: /保\s*存/ }));
    await waitFor(() =>
      expect(sent.filter((s) => s.path === "channels.setMyMobile").map((s) => s.input)).toEqual([
        { mobile: "138 0013 8000", code: "246810" },
      ]),
    );
  });
});

describe("my mobile without an SMS gateway", { timeout: 120_000 }, () => {
  it("says the office sets numbers, asks for no code, and offers only removing one's number", async () => {
    const sent = fakeTrpc({
      "channels.myPreferences": {
        mobile: "13800138000",
        smsGateway: false,
        forcedIn: [],
        kinds: [kind("due-soon")],
      },
      "channels.setMyMobile": { mobile: null },
    });
    renderWithProviders(
      <MemoryRouter>
        <MySettings />
      </MemoryRouter>,
    );
    expect(await screen.findByText(/本系统未开通短信/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "获取验证码" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "删除手机号" }));
    fireEvent.click(await screen.findByRole("button", { name: /确\s*定|OK/ }));
    await waitFor(() =>
      expect(sent.filter((s) => s.path === "channels.setMyMobile").map((s) => s.input)).toEqual([
        { mobile: null },
      ]),
    );
  });
});

describe("the office's robots", { timeout: 120_000 }, () => {
  const robot = {
    id: "00000000-0000-4000-8000-0000000000r1",
    jurisdictionId: J,
    departmentId: null,
    departmentName: null,
    platform: "DINGTALK",
    name: "县督办群",
    keyMasked: "••••abcd",
    secretMasked: "••••wxyz",
    kinds: ["overdue-escalation"],
    enabled: true,
    lastError: "签名不匹配",
    misconfiguredAt: new Date("2026-12-01T02:00:00Z"),
    createdAt: new Date("2026-12-01T01:00:00Z"),
    updatedAt: new Date("2026-12-01T02:00:00Z"),
  };

  it("shows keys masked and the error; an edit with empty key fields keeps them", async () => {
    const sent = fakeTrpc({
      "channels.robots": [robot],
      "channels.settings": { jurisdictionId: J, forceEscalations: false },
      "admin.departments": [],
      "channels.updateRobot": (x: unknown) => x,
    });
    renderWithProviders(
      <MemoryRouter>
        <Robots jurisdictionId={J} />
      </MemoryRouter>,
    );
    expect(await screen.findByText("••••abcd / ••••wxyz")).toBeTruthy();
    expect(screen.getByText("配置错误")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: /编\s*辑/ }));
    const token = (await screen.findByLabelText("access_token")) as HTMLInputElement;
    expect(token.value).toBe("");
    fireEvent.click(screen.getByRole("button", { name: /保\s*存/ }));
    await waitFor(() =>
      expect(sent.filter((s) => s.path === "channels.updateRobot").map((s) => s.input)).toEqual([
        {
          id: robot.id,
          name: "县督办群",
          departmentId: null,
          kinds: ["overdue-escalation"],
        },
      ]),
    );
  });
});
