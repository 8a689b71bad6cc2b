// The office's two delivery lists (the email outbox, the robot and SMS deliveries) share one filter
// bar: what each sends when a filter changes. The lists' rules are tested over HTTP in apps/api.
import { configure, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";

import { fakeTrpc } from "../../test/fake-trpc.ts";
import { renderWithProviders } from "../../test/render.tsx";
import { ChannelDeliveries } from "./ChannelDeliveries.tsx";
import { Outbox } from "./Outbox.tsx";

afterEach(() => vi.restoreAllMocks());
configure({ asyncUtilTimeout: 15_000 });

const JURISDICTIONS = [
  { id: "00000000-0000-4000-8000-0000000000a1", name: "遵义市" },
  { id: "00000000-0000-4000-8000-0000000000a2", name: "湄潭县" },
];
const empty = (x: unknown) => ({ items: [], total: 0, page: 1, pageSize: 20, ...(x as object) });

async function choose(combobox: string, option: string) {
  await userEvent.click(screen.getByRole("combobox", { name: combobox }));
  const item = await waitFor(() => {
    const found = [...document.querySelectorAll(".ant-select-item-option")].find(
      (o) => o.textContent === option && !o.closest(".ant-select-dropdown-hidden"),
    );
    expect(found).toBeTruthy();
    return found!;
  });
  await userEvent.click(item);
}

const inputsOf = (sent: Array<{ path: string; input: unknown }>, path: string) =>
  sent.filter((s) => s.path === path).map((s) => s.input as Record<string, unknown>);

describe("the delivery lists' filter bar", { timeout: 120_000 }, () => {
  it("robot and SMS deliveries: jurisdiction, channel and state; each change goes back to page 1", async () => {
    const sent = fakeTrpc({ "channels.deliveries": empty });
    renderWithProviders(
      <MemoryRouter>
        <ChannelDeliveries jurisdictions={JURISDICTIONS} />
      </MemoryRouter>,
    );
    await waitFor(() => expect(inputsOf(sent, "channels.deliveries")).not.toHaveLength(0));
    expect(inputsOf(sent, "channels.deliveries")[0]).toMatchObject({
      jurisdictionId: JURISDICTIONS[0]!.id,
      page: 1,
    });
    await choose("渠道", "短信");
    await choose("发送状态", "失败");
    await choose("行政区", "湄潭县");
    await waitFor(() =>
      expect(inputsOf(sent, "channels.deliveries").at(-1)).toEqual({
        jurisdictionId: JURISDICTIONS[1]!.id,
        channel: "SMS",
        state: "FAILED",
        page: 1,
        pageSize: 20,
      }),
    );
  });

  it("the email outbox: jurisdiction and state, with the outbox's own state labels", async () => {
    const sent = fakeTrpc({ "notification.list": empty });
    renderWithProviders(
      <MemoryRouter>
        <Outbox jurisdictions={JURISDICTIONS} />
      </MemoryRouter>,
    );
    await waitFor(() => expect(inputsOf(sent, "notification.list")).not.toHaveLength(0));
    expect(screen.queryByRole("combobox", { name: "渠道" })).toBeNull();
    await choose("发送状态", "发送失败");
    await waitFor(() =>
      expect(inputsOf(sent, "notification.list").at(-1)).toEqual({
        jurisdictionId: JURISDICTIONS[0]!.id,
        state: "FAILED",
        page: 1,
        pageSize: 20,
      }),
    );
  });
});
