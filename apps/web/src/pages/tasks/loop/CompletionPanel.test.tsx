// 办结审核 in the task drawer: the lead unit's 申请办结 form (a file is required) and the office's
// sign-off with a 评价 or return with a comment. The api's rules are tested over HTTP
// (apps/api/test/completion.test.ts); here the answers are canned.
import { fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import superjson from "superjson";
import { afterEach, describe, expect, it, vi } from "vitest";

import { renderWithProviders } from "../../../test/render.tsx";
import type { TaskDetail } from "../types.ts";
import { CompletionPanel } from "./CompletionPanel.tsx";

const TASK = "00000000-0000-4000-8000-000000000001";
const APP = "00000000-0000-4000-8000-0000000000a1";
const FILE = "00000000-0000-4000-8000-0000000000f1";

const task = (relation: "lead" | "office", status: TaskDetail["status"]) =>
  ({
    id: TASK,
    version: 3,
    status,
    relation,
    rating: null,
    ratingComment: null,
    plan: { id: "p", title: "规划", jurisdictionId: "j", status: "ACTIVE" },
  }) as unknown as TaskDetail;

const pending = {
  id: APP,
  taskId: TASK,
  departmentId: "d",
  departmentName: "科学技术局",
  summary: "已完成全部建设内容",
  state: "PENDING",
  appliedAt: new Date("2026-03-01T02:00:00Z"),
  appliedByName: "lead",
  decidedAt: null,
  decidedByName: null,
  comment: null,
  rating: null,
  version: 0,
  evidence: [
    {
      id: FILE,
      fileName: "验收报告.pdf",
      size: 2048,
      mimeType: "application/pdf",
      uploadedAt: new Date(),
    },
  ],
};

/** Answers completion.list with `applications`; records tRPC mutations and the multipart posts. */
function fakeApi(applications: unknown[]) {
  const sent: Array<{ path: string; input: unknown }> = [];
  const posts: Array<{ url: string; form: FormData }> = [];
  vi.spyOn(globalThis, "fetch").mockImplementation(async (url, init) => {
    const u = decodeURIComponent(String(url));
    if (u.startsWith("/api/")) {
      posts.push({ url: u, form: init!.body as FormData });
      return new Response(JSON.stringify({ applicationId: APP }), {
        status: 201,
        headers: { "content-type": "application/json" },
      });
    }
    const paths = u.split("/trpc/")[1]!.split("?")[0]!.split(",");
    if (init?.method === "POST") {
      const body = JSON.parse(String(init.body)) as Record<string, { json: unknown }>;
      paths.forEach((p, i) => sent.push({ path: p, input: body[String(i)]!.json }));
    }
    const answer = (p: string) =>
      p === "completion.list" ? applications : p === "completion.decide" ? { version: 1 } : null;
    return new Response(
      JSON.stringify(paths.map((p) => ({ result: { data: superjson.serialize(answer(p)) } }))),
      { status: 200, headers: { "content-type": "application/json" } },
    );
  });
  return { sent, posts };
}

afterEach(() => vi.restoreAllMocks());

describe("办结审核 panel", () => {
  it("the lead unit's application needs a file: without one it says so and sends nothing; with one it posts the form", async () => {
    const { posts } = fakeApi([]);
    renderWithProviders(<CompletionPanel task={task("lead", "IN_PROGRESS")} />);
    await userEvent.type(
      await screen.findByRole("textbox", { name: "办结情况说明" }),
      "已完成全部建设内容",
    );
    await userEvent.click(screen.getByRole("button", { name: "提交办结申请" }));
    expect(await screen.findByText("办结申请须附至少一份佐证材料，请选择文件")).toBeTruthy();
    expect(posts).toHaveLength(0);

    const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
    fireEvent.change(input, {
      target: { files: [new File(["%PDF-1.4"], "验收报告.pdf", { type: "application/pdf" })] },
    });
    expect(await screen.findByText("验收报告.pdf")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "提交办结申请" }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]!.url).toBe(`/api/tasks/${TASK}/completion`);
    expect(posts[0]!.form.get("version")).toBe("3");
    expect(posts[0]!.form.get("summary")).toBe("已完成全部建设内容");
    expect((posts[0]!.form.getAll("file") as File[]).map((f) => f.name)).toEqual(["验收报告.pdf"]);
  }, 30_000);

  it("the office sees the evidence, must comment to return, and signs off with a rating", async () => {
    const { sent } = fakeApi([pending]);
    renderWithProviders(<CompletionPanel task={task("office", "PENDING_REVIEW")} />);
    const link = await screen.findByRole("link", { name: /验收报告\.pdf/ });
    expect(link.getAttribute("href")).toBe(`/api/evidence/${FILE}`);
    await userEvent.click(screen.getByRole("button", { name: "退 回" }));
    expect(await screen.findByText("退回办结申请须填写意见")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "审核通过并办结" }));
    expect(await screen.findByText("请选择评价（优秀/良好/一般/较差）")).toBeTruthy();
    expect(sent).toHaveLength(0);
    await userEvent.click(screen.getByRole("radio", { name: "优秀" }));
    await userEvent.click(screen.getByRole("button", { name: "审核通过并办结" }));
    await waitFor(() =>
      expect(sent).toContainEqual({
        path: "completion.decide",
        // no comment given: superjson sends it as undefined (null in its json, marked in its meta)
        input: expect.objectContaining({
          approve: true,
          applicationId: APP,
          version: 0,
          rating: "EXCELLENT",
        }) as unknown,
      }),
    );
  }, 30_000);

  it("the lead unit does not get the office's sign-off form, and is told the task awaits it", async () => {
    fakeApi([pending]);
    renderWithProviders(<CompletionPanel task={task("lead", "PENDING_REVIEW")} />);
    expect(await screen.findByText("已完成全部建设内容")).toBeTruthy();
    expect(screen.getByText("已提交办结申请，等待领导小组办公室审核（待审核）")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "审核通过并办结" })).toBeNull();
    expect(screen.queryByRole("button", { name: "提交办结申请" })).toBeNull();
  }, 30_000);
});
