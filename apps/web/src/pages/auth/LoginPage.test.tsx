// The login page with unified identity (统一身份认证, issue #20): the button shows only where the
// deployment configured a provider, and a refused callback (?oidcError=…) is explained in Chinese.
// The flow itself runs against a real provider in apps/api/test/oidc.test.ts.
import { screen } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";

import { fakeTrpc } from "../../test/fake-trpc.ts";
import { renderWithProviders } from "../../test/render.tsx";
import { LoginPage } from "./LoginPage.tsx";

afterEach(() => vi.restoreAllMocks());

const oidcOn = { password: true, oidc: { name: "统一身份认证", nameEn: "unified identity" } };

describe("login page", () => {
  it("offers unified identity sign-in when the deployment has a provider", async () => {
    fakeTrpc({ "auth.providers": oidcOn });
    renderWithProviders(
      <MemoryRouter initialEntries={["/login?next=/tasks"]}>
        <LoginPage />
      </MemoryRouter>,
    );
    const button = await screen.findByText("使用统一身份认证登录");
    expect(button.closest("a")!.getAttribute("href")).toBe(
      "/api/auth/oidc/start?returnTo=%2Ftasks",
    );
    expect(screen.getByLabelText("邮箱")).toBeTruthy();
  }, 60_000);

  it("shows only the password form without a provider", async () => {
    const sent = fakeTrpc({ "auth.providers": { password: true, oidc: null } });
    renderWithProviders(
      <MemoryRouter initialEntries={["/login"]}>
        <LoginPage />
      </MemoryRouter>,
    );
    await vi.waitFor(() => expect(sent.map((s) => s.path)).toContain("auth.providers"));
    expect(await screen.findByLabelText("邮箱")).toBeTruthy();
    expect(screen.queryByText("使用统一身份认证登录")).toBeNull();
  }, 60_000);

  it("explains a refused callback in Chinese (an identifier no office provisioned)", async () => {
    fakeTrpc({ "auth.providers": oidcOn });
    renderWithProviders(
      <MemoryRouter initialEntries={["/login?oidcError=unknown"]}>
        <LoginPage />
      </MemoryRouter>,
    );
    expect(
      await screen.findByText(
        "您的统一身份认证账号尚未在督办系统开通，请联系本级领导小组办公室开通。",
      ),
    ).toBeTruthy();
  }, 60_000);

  it("names the deployment's own provider (DUBAN_OIDC_NAME) in the button and the refusals", async () => {
    fakeTrpc({
      "auth.providers": {
        password: true,
        oidc: { name: "贵州省统一身份认证平台", nameEn: "Guizhou Unified Identity" },
      },
    });
    renderWithProviders(
      <MemoryRouter initialEntries={["/login?oidcError=disabled"]}>
        <LoginPage />
      </MemoryRouter>,
    );
    expect(await screen.findByText("使用贵州省统一身份认证平台登录")).toBeTruthy();
    expect(
      await screen.findByText(
        "与您的贵州省统一身份认证平台账号关联的督办账号已停用，请联系本级领导小组办公室。",
      ),
    ).toBeTruthy();
    expect(screen.queryByText(/统一身份认证未能|您的统一身份认证账号/)).toBeNull();
  }, 60_000);
});
