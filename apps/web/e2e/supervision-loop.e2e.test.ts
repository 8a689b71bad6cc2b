// The supervision loop (督办闭环, issue #17 "Done when") in Chromium, against `pnpm start` with the
// demo data. Built so far: the steps whose UI is on main — the office imports a plan and assigns a
// task with a deadline (交办); the unit finds it in its 待办 on a phone, opens the task's own page
// and acknowledges it (签收); it asks for an extension, which the office approves from its 待办;
// the office's and a leader's 待办 at 1366×768 and 375 px; a leader writes an instruction, which
// joins the trail and reaches the office and the unit by mail exactly once. Each step is checked in
// the task's 办理轨迹.
// The unit applies for completion with evidence, the office returns it, the unit re-applies, the
// office signs off with a rating.
// The office issues a 黄 notice (its .docx read back for the number) and the unit answers it.
// Every message about the task is in each user's inbox once and in the mail catcher once.
import path from "node:path";

import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openBrowser } from "./browser.ts";
import { docxText } from "./docx.ts";
import { caughtMail } from "./mailbox.ts";
import { startStack, type Stack } from "./stack.ts";
import { choose, login, shot } from "./ui.ts";

const FIXTURE = path.resolve(import.meta.dirname, "fixtures/kaiyang-county-sti-plan.txt");
const PLAN = "开阳县“十五五”科技创新规划";
const TASK = "培育科技型企业";
const UNIT = "科学技术局";
const PDF = Buffer.from("%PDF-1.4\n% evidence\n%%EOF\n");
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

/** Types a date into an antd DatePicker. */
async function pickDate(p: Page, input: Locator, day: string) {
  await input.click();
  await p.keyboard.press("ControlOrMeta+a");
  await p.keyboard.type(day);
  await p.keyboard.press("Enter");
}

/** The task's 办理轨迹 shows a step. */
async function trailShows(p: Page, text: string) {
  await p.locator(".ant-timeline").getByText(text, { exact: false }).first().waitFor();
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
  it("the office imports a plan and assigns a task to the unit with a deadline (交办)", async () => {
    const p = office;
    await p.goto("/plan/import");
    await p.locator("input[type=file]").setInputFiles(FIXTURE);
    await p.getByText("识别出").waitFor();
    await p.getByRole("button", { name: "确认导入为草稿" }).click();
    await p.getByRole("combobox", { name: `${TASK} 牵头单位` }).waitFor();
    await choose(p, `${TASK} 牵头单位`, UNIT);
    await p.keyboard.press("Escape");
    await pickDate(p, p.getByLabel(`${TASK} 完成时限`), "2027-06-30");
    await p.getByRole("button", { name: /创建 \d+ 项任务/ }).click();
    await p.getByText(/已创建 \d+ 项任务/).waitFor();
    await choose(p, "选择规划", PLAN);
    await p.goto("/tasks");
    await p
      .getByRole("link", { name: new RegExp(TASK) })
      .first()
      .click();
    await p.getByRole("link", { name: "单独打开" }).click();
    await p.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
    await p.getByRole("button", { name: "返回任务列表" }).waitFor();
    task = { id: new URL(p.url()).pathname.split("/").pop()!, title: TASK };
    await trailShows(p, `交办给 ${UNIT}`);
    await shot(p, "loop-01-office-task-page");
  });

  it("the unit finds it in its 待办 on a phone, opens the task's page and acknowledges it (签收)", async () => {
    const p = unit;
    await p.goto("/todo"); // a fresh load: the plan list as it is now
    await choose(p, "选择规划", PLAN);
    const card = p.getByTestId("todo-todo.toAcknowledge");
    await card.getByRole("link", { name: TASK }).waitFor();
    await noSideways(p);
    await shot(p, "loop-02-unit-todo-phone");
    await card.getByRole("link", { name: TASK }).first().click();
    await p.waitForURL(`**/tasks/${task.id}`);
    await trailShows(p, `交办给 ${UNIT}`);
    await noSideways(p);
    await p.getByRole("button", { name: /^签\s*收$/ }).click();
    await p.locator(".ant-message").getByText("已签收").waitFor();
    await trailShows(p, `${UNIT} 签收`);
    await p.goto("/todo");
    await p.getByTestId("todo-todo.toAcknowledge").waitFor();
    expect(
      await p.getByTestId("todo-todo.toAcknowledge").getByRole("link", { name: TASK }).count(),
    ).toBe(0);
    await shot(p, "loop-03-unit-acknowledged-phone");
  });

  it("the unit asks for an extension; the office approves it from its 待办", async () => {
    const p = unit;
    await p.goto(`/tasks/${task.id}`);
    await p.getByRole("button", { name: "申请调整" }).click();
    await pickDate(p, p.getByLabel("申请完成时限"), "2027-12-31");
    await p.getByLabel("申请理由").fill("配套资金到位推迟，申请延期半年。");
    await p.getByRole("button", { name: "提交申请" }).click();
    await p.locator(".ant-message").getByText("申请已提交").waitFor();
    await trailShows(p, `${UNIT} 提出延期申请`);
    await noSideways(p);

    const o = office;
    await o.goto("/todo");
    const card = o.getByTestId("todo-todo.changeRequests");
    await card.getByRole("link", { name: TASK }).click();
    await o.waitForURL(`**/tasks/${task.id}`);
    await o.getByLabel("审批意见").fill("同意延期。");
    await o.getByRole("button", { name: /^审\s*批$/ }).click();
    await o.locator(".ant-message").getByText("已审批").waitFor();
    await trailShows(o, "办公室同意延期申请");
    await trailShows(o, "调整为 2027-12-31");
    await shot(o, "loop-04-office-approved");
    await o.goto("/todo");
    await o.getByTestId("todo-todo.changeRequests").waitFor();
    expect(
      await o.getByTestId("todo-todo.changeRequests").getByRole("link", { name: TASK }).count(),
    ).toBe(0);
  });

  it("the office issues a 黄 notice; its .docx carries the number; the unit answers it from its 待办", async () => {
    const o = office;
    await o.goto(`/tasks/${task.id}`);
    await o.getByRole("button", { name: /^催\s*办$/ }).click();
    await o.getByRole("radio", { name: "黄色督办" }).check();
    await o.getByLabel("督办要求").fill("请于一周内报送培育库建设进展和下一步措施。");
    await o.getByRole("button", { name: "签发督办通知单" }).click();
    const issued = await o
      .locator(".ant-message")
      .getByText(/已签发督办通知单〔\d{4}〕第\d+号/)
      .innerText();
    const number = /督办通知单〔\d{4}〕第\d+号/.exec(issued)![0];
    await trailShows(o, `下发黄色督办单 ${number}`);
    // the notice as issued: a Word document with its number, read back
    const href = await o
      .locator(".ant-timeline")
      .getByRole("link", { name: "督办单（Word）" })
      .first()
      .getAttribute("href");
    const res = await o.request.get(href!);
    expect(res.ok()).toBe(true);
    expect(res.headers()["content-type"]).toContain("wordprocessingml");
    const text = docxText(await res.body());
    expect(text).toContain(number.replace("督办通知单", ""));
    expect(text).toContain(TASK);
    expect(text).toContain("请于一周内报送培育库建设进展和下一步措施。");
    await shot(o, "loop-05-office-notice");

    const p = unit;
    await p.goto("/todo");
    const card = p.getByTestId("todo-todo.notices");
    await card.getByText(number, { exact: false }).waitFor();
    await card.getByRole("link", { name: TASK }).first().click();
    await p.waitForURL(`**/tasks/${task.id}`);
    await p.getByLabel("回复内容（办理情况）").fill("已新增入库企业 12 家，名单见佐证。");
    await p.getByRole("button", { name: "提交回复" }).click();
    await p.locator(".ant-message").getByText("已回复").waitFor();
    await trailShows(p, `${UNIT} 回复 ${number}`);
    await p.goto("/todo");
    await p.getByTestId("todo-todo.notices").waitFor();
    expect(await p.getByTestId("todo-todo.notices").getByText(number).count()).toBe(0);
  });

  it("the unit applies for completion with evidence; the office returns it; the unit re-applies; the office signs off and rates", async () => {
    const applyWith = async (summary: string, file: string) => {
      const p = unit;
      await p.goto(`/tasks/${task.id}`);
      await p.getByLabel("办结情况说明").fill(summary);
      await p
        .locator("section", { hasText: "办结审核" })
        .locator("input[type=file]")
        .first()
        .setInputFiles({ name: file, mimeType: "application/pdf", buffer: PDF });
      await p.getByRole("button", { name: "提交办结申请" }).click();
      await p.locator(".ant-message").getByText("已提交办结申请", { exact: false }).waitFor();
      await trailShows(p, `${UNIT} 申请办结`);
      await p.locator(".ant-timeline").getByRole("link", { name: file }).waitFor();
      await noSideways(p);
    };
    const review = async () => {
      const o = office;
      await o.goto("/todo");
      await o.getByTestId("todo-todo.completions").getByRole("link", { name: TASK }).click();
      await o.waitForURL(`**/tasks/${task.id}`);
      return o;
    };
    await applyWith("已建立科技型企业培育库，入库企业 12 家。", "培育库名单.pdf");
    let o = await review();
    await o.getByLabel("审核意见").fill("请补充验收报告。");
    await o.getByRole("button", { name: /^退\s*回$/ }).click();
    await o.locator(".ant-message").getByText("已退回", { exact: false }).waitFor();
    await trailShows(o, "办公室退回办结申请");
    // the returned application waits in the unit's 待办
    await unit.goto("/todo");
    await unit.getByTestId("todo-todo.returned").getByText("办结申请被退回").waitFor();
    await shot(unit, "loop-06-unit-returned-phone");
    await applyWith("已建立科技型企业培育库，入库企业 12 家，验收报告见附件。", "验收报告.pdf");
    await unit.goto("/todo");
    await unit.getByTestId("todo-todo.returned").waitFor();
    expect(await unit.getByTestId("todo-todo.returned").getByText("办结申请被退回").count()).toBe(
      0,
    );
    o = await review();
    await o.getByRole("radio", { name: "良好" }).check();
    await o.getByRole("button", { name: "审核通过并办结" }).click();
    await o.locator(".ant-message").getByText("已审核通过", { exact: false }).waitFor();
    await trailShows(o, "办公室审核办结，评价：良好");
    await shot(o, "loop-07-office-signed-off");
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
    await leader.goto("/todo");
    await choose(leader, "选择规划", PLAN);
    await leader.goto(`/tasks/${task.id}`);
    await leader.getByLabel("输入批示内容，办公室和责任单位将收到通知").fill(text);
    await leader.getByRole("button", { name: /^批\s*示$/ }).click();
    await leader.getByText("批示已发送", { exact: false }).first().waitFor();
    await leader.locator(".ant-timeline").getByText(text).waitFor();
    await shot(leader, "loop-08-leader-instruction");
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

  it("each message about the task is in the inbox once and in the mail catcher once", async () => {
    type Inbox = { result: { data: { json: { items: Array<{ title: string }> } } } };
    const inboxTitles = async (p: Page) => {
      const input = encodeURIComponent(
        JSON.stringify({ json: { page: 1, pageSize: 100, unreadOnly: false } }),
      );
      const res = await p.request.get(`/trpc/inbox.list?input=${input}`);
      expect(res.ok()).toBe(true);
      return ((await res.json()) as Inbox).result.data.json.items
        .map((m) => m.title)
        .filter((t) => t.includes(TASK))
        .sort();
    };
    await unit.goto("/inbox");
    await unit.getByText(TASK, { exact: false }).first().waitFor();
    await noSideways(unit);
    await shot(unit, "loop-09-unit-inbox-phone");
    for (const [p, email] of [
      [unit, "keji@xifeng.demo"],
      [office, "office@xifeng.demo"],
    ] as const) {
      const inbox = await inboxTitles(p);
      expect(inbox.length, `${email}: messages about the task`).toBeGreaterThan(2);
      if (!stack.dataDir) continue;
      const mailed = () =>
        caughtMail(stack.dataDir!)
          .filter((m) => m.to.includes(email) && m.subject.includes(TASK))
          .map((m) => m.subject)
          .sort();
      // the sender works through the outbox: wait until it has caught up, then compare
      await expect.poll(() => mailed().length, { timeout: 90_000 }).toBe(inbox.length);
      expect(mailed(), email).toEqual(inbox);
    }
  });
});
