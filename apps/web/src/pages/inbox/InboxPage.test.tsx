// 站内消息: what the inbox page and the header's bell show and send. Whose messages come back is
// the api's rule, tested over HTTP (apps/api/test/inbox.test.ts); here the tRPC answers are canned.
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import superjson from "superjson";
import { afterEach, describe, expect, it, vi } from "vitest";

import { renderWithProviders } from "../../test/render.tsx";
import { InboxBell } from "./InboxBell.tsx";
import { InboxPage } from "./InboxPage.tsx";

const TASK = "00000000-0000-4000-8000-000000000001";
const message = (id: string, over: Record<string, unknown>) => ({
  id,
  kind: "supervision-notice",
  kindLabel: { zh: "督办通知单", en: "Supervision notice" },
  title: "【督办】督办通知单〔2026〕第3号",
  body: "",
  entityType: "SupervisionNotice",
  entityId: "n1",
  taskId: TASK,
  jurisdictionId: null,
  createdAt: new Date("2026-12-01T01:00:00Z"),
  readAt: null,
  ...over,
});
const unreadMsg = message("00000000-0000-4000-8000-0000000000a1", {});
const readMsg = message("00000000-0000-4000-8000-0000000000a2", {
  kind: "quarterly-summary",
  kindLabel: { zh: "季度督办通报", en: "Quarterly bulletin" },
  title: "【督办】2026年第三季度通报",
  body: "共 10 项 <b>不是标记</b>",
  entityType: "Plan",
  taskId: null,
  readAt: new Date("2026-12-01T02:00:00Z"),
});

/** Answers the inbox procedures and records every mutation's path and input. */
function fakeApi(unread = 1) {
  const sent: Array<{ path: string; input: unknown }> = [];
  vi.spyOn(globalThis, "fetch").mockImplementation(async (url, init) => {
    const paths = decodeURIComponent(String(url)).split("/trpc/")[1]!.split("?")[0]!.split(",");
    if (init?.method === "POST") {
      const body = JSON.parse(String(init.body)) as Record<string, { json: unknown }>;
      paths.forEach((p, i) => sent.push({ path: p, input: body[String(i)]?.json }));
    }
    const answer = (p: string) =>
      p === "inbox.list"
        ? {
            items: [unreadMsg, readMsg],
            total: 2,
            unread,
            page: 1,
            pageSize: 20,
            pendingAssignments: [],
          }
        : p === "inbox.unreadCount"
          ? { unread }
          : p === "inbox.markRead"
            ? { marked: 1, unread: 0 }
            : p === "inbox.markAllRead"
              ? { marked: 1, unread: 0 }
              : null;
    return new Response(
      JSON.stringify(paths.map((p) => ({ result: { data: superjson.serialize(answer(p)) } }))),
      { status: 200, headers: { "content-type": "application/json" } },
    );
  });
  return sent;
}

afterEach(() => vi.restoreAllMocks());

describe("站内消息", () => {
  it("lists the messages, the unread one marked, each opening its task or page", async () => {
    fakeApi();
    renderWithProviders(
      <MemoryRouter>
        <InboxPage />
      </MemoryRouter>,
    );
    expect(await screen.findByText("1 条未读")).toBeTruthy();
    const unread = screen.getByRole("listitem", { name: `未读：${unreadMsg.title}` });
    expect(unread.textContent).toContain("督办通知单");
    expect(screen.getByRole("link", { name: "查看任务" }).getAttribute("href")).toBe(
      `/tasks/${TASK}`,
    );
    expect(screen.getByRole("link", { name: readMsg.title }).getAttribute("href")).toBe(
      "/overview",
    );
    // text someone wrote is shown as text
    expect(screen.getByText("共 10 项 <b>不是标记</b>")).toBeTruthy();
    expect(screen.getAllByRole("button", { name: "标为已读" })).toHaveLength(1);
  });

  it("marks one message read, and all of them", async () => {
    const sent = fakeApi();
    renderWithProviders(
      <MemoryRouter>
        <InboxPage />
      </MemoryRouter>,
    );
    await userEvent.click(await screen.findByRole("button", { name: "标为已读" }));
    await waitFor(() =>
      expect(sent).toContainEqual({
        path: "inbox.markRead",
        input: { messageIds: [unreadMsg.id] },
      }),
    );
    await userEvent.click(screen.getByRole("button", { name: "全部标为已读" }));
    await waitFor(() => expect(sent.map((s) => s.path)).toContain("inbox.markAllRead"));
  });

  it("asks for unread messages only when filtered", async () => {
    fakeApi();
    const calls = vi.mocked(globalThis.fetch).mock.calls;
    renderWithProviders(
      <MemoryRouter>
        <InboxPage />
      </MemoryRouter>,
    );
    await userEvent.click(await screen.findByText("未读"));
    await waitFor(() =>
      expect(
        calls.some(([url]) => decodeURIComponent(String(url)).includes('"unreadOnly":true')),
      ).toBe(true),
    );
  });

  it("the bell says how many are unread", async () => {
    fakeApi(3);
    renderWithProviders(
      <MemoryRouter>
        <InboxBell />
      </MemoryRouter>,
    );
    expect(await screen.findByRole("button", { name: "站内消息，3 条未读" })).toBeTruthy();
  });
});
