// The supervision loop (督办闭环, issue #17 "Done when") in Chromium, against `pnpm start` with the
// demo data. Built so far: the steps whose UI is on main — the office (re)assigns a task (交办),
// the unit finds it in its 待办 on a phone and opens the task's own page, whose 办理轨迹 shows the
// assignment; the office's and a leader's 待办 at 1366×768 and 375 px; a leader writes an
// instruction, which joins the trail and reaches the office and the unit by mail exactly once.
// Still to add as their UI lands: acknowledge (签收), the extension request and its approval, the
// 黄 notice (.docx read back) and the reply, completion with evidence, return, re-apply, sign-off
// with a rating, and the inbox showing each message once.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openBrowser } from "./browser.ts";
import { caughtMail } from "./mailbox.ts";
import { startStack, type Stack } from "./stack.ts";
import { choose, login, shot } from "./ui.ts";

const UNIT = "科学技术局";
const PHONE = { width: 375, height: 812 };

let stack: Stack;
const browsers: Array<Awaited<ReturnType<typeof openBrowser>>> = [];
let office: Page;
let unit: Page;
let leader: Page;
let task: { id: string; title: string };

async function page(): Promise<Page> {
  const b = await openBrowser(stack.baseUrl);
  browsers.push(b);
  const p = b.context.pages()[0] ?? (await b.context.newPage());
  p.on("pageerror", (e) => console.error("pageerror", e.message));
  return p;
}

/** The page scrolls only vertically: nothing is wider than the window. */
async function noSideways(p: Page) {
  // after a resize the side menu collapses with a transition: poll
  await expect
    .poll(() => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), {
      timeout: 5_000,
      message: "the page scrolls sideways",
    })
    .toBeLessThanOrEqual(0);
}

beforeAll(async () => {
  stack = await startStack();
  office = await page();
  unit = await page();
  leader = await page();
  await unit.setViewportSize(PHONE);
  await login(office, "office@xifeng.demo", stack.password);
  await login(unit, "keji@xifeng.demo", stack.password);
  await login(leader, "leader@xifeng.demo", stack.password);
});

afterAll(async () => {
  for (const b of browsers) await b.close();
  await stack?.stop();
});

describe("the supervision loop", () => {
  it("the office assigns a task to the unit (交办) and the task's trail shows it", async () => {
    await office.goto("/tasks");
    await office.locator(".ant-table-row").first().waitFor();
    // a task the unit neither leads nor supports
    const row = office
      .locator(".ant-table-row")
      .filter({ hasNotText: /科技局|科学技术局/ })
      .first();
    await row.getByRole("link").first().click();
    await office.getByRole("combobox", { name: "牵头单位" }).waitFor();
    await choose(office, "牵头单位", UNIT);
    const reassign = office.locator("form", {
      has: office.getByRole("button", { name: "调整责任单位" }),
    });
    await reassign.getByLabel("原因").fill("按职责调整为科学技术局牵头");
    await reassign.getByRole("button", { name: "调整责任单位" }).click();
    await office.locator(".ant-message").getByText("已保存").waitFor();
    await office.getByRole("link", { name: "单独打开" }).click();
    await office.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
    await office.getByRole("button", { name: "返回任务列表" }).waitFor();
    const id = new URL(office.url()).pathname.split("/").pop()!;
    const title = (await office.getByRole("heading", { level: 1 }).innerText()).trim();
    task = { id, title };
    await office.getByText("办理轨迹").waitFor();
    await office.getByText(`改由 ${UNIT} 牵头`, { exact: false }).waitFor();
    await shot(office, "loop-01-office-task-page");
  });

  it("the unit finds it in its 待办 on a phone and opens the task's page", async () => {
    await unit.goto("/todo");
    const card = unit.getByTestId("todo-todo.toAcknowledge");
    await card.waitFor();
    await noSideways(unit);
    await shot(unit, "loop-02-unit-todo-phone");
    await card.getByRole("link", { name: task.title }).first().click();
    await unit.waitForURL(`**/tasks/${task.id}`);
    await unit.getByText("办理轨迹").waitFor();
    await unit.getByText(`改由 ${UNIT} 牵头`, { exact: false }).waitFor();
    await noSideways(unit);
    await shot(unit, "loop-03-unit-task-phone");
  });

  it("the office's and the leader's 待办 render on a screen and on a phone", async () => {
    for (const [p, heading, name] of [
      [office, "待审批的调整申请", "office"],
      [leader, "待领导审批的调整申请", "leader"],
    ] as const) {
      await p.goto("/todo");
      await p.getByText(heading).waitFor();
      await p.getByText("待审核的台账").waitFor();
      await noSideways(p);
      await shot(p, `loop-04-${name}-todo`);
      await p.setViewportSize(PHONE);
      await p.getByText(heading).waitFor();
      await noSideways(p);
      await shot(p, `loop-05-${name}-todo-phone`);
      await p.setViewportSize({ width: 1366, height: 768 });
    }
  });

  it("a leader writes an instruction: it joins the trail, and the office and the unit get it by mail once each", async () => {
    const text = "请加快推进，月底前报送进展。";
    await leader.goto(`/tasks/${task.id}`);
    await leader.getByLabel("输入批示内容，办公室和责任单位将收到通知").fill(text);
    await leader.getByRole("button", { name: /^批\s*示$/ }).click();
    await leader.getByText("批示已发送", { exact: false }).first().waitFor();
    await leader.locator(".ant-timeline").getByText(text).waitFor();
    await shot(leader, "loop-06-leader-instruction");
    // the unit sees it in the task's trail on its phone
    await unit.goto(`/tasks/${task.id}`);
    await unit.locator(".ant-timeline").getByText("领导批示").waitFor();
    await unit.locator(".ant-timeline").getByText(text).waitFor();
    await noSideways(unit);
    if (!stack.dataDir) return; // a stack run elsewhere (E2E_BASE_URL without E2E_DATA_DIR): no mailbox to read
    const subject = `【领导批示】${task.title}`;
    const received = (email: string) =>
      caughtMail(stack.dataDir!).filter((m) => m.subject === subject && m.to.includes(email));
    await expect
      .poll(() => received("office@xifeng.demo").length, { timeout: 60_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => received("keji@xifeng.demo").length, { timeout: 30_000 }).toBe(1);
    expect(received("office@xifeng.demo")).toHaveLength(1);
    // the leader who wrote it is not told of it
    expect(received("leader@xifeng.demo")).toHaveLength(0);
  });
});
