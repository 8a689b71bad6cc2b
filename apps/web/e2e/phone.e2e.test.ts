// A unit's staff member on a phone (issue #20), in Chromium at 375×667 (touch, deviceScaleFactor
// 2), against `pnpm start` with the demo data: logs in; the office imports a plan, gives one of its
// tasks to the unit and opens this quarter's reporting; the office urges one of the unit's tasks with a 督办通知单 (a message in the unit's
// 站内消息); the unit opens it from the inbox through the bottom navigation, reads the notice on
// the task's page and replies, then fills in the task's ledger entry (台账填报) and attaches a photo
// through 拍照 (a real JPEG drawn by the browser); after a reload the entry and the photo are read
// back from the page. On every page: nothing scrolls sideways, the bottom navigation is visible,
// and its items, the primary buttons and the inputs are at least 44 px high.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import type { Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { launchChromium } from "./browser.ts";
import { assertFitsPhone, containing, exact, openTask, pickDate, toast } from "./loop.ts";
import { printStackLogOnFailure, startStack, type Stack } from "./stack.ts";
import { ARTIFACTS, choose, login, shot } from "./ui.ts";

const PHONE = {
  viewport: { width: 375, height: 667 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};
const FIXTURE = path.resolve(import.meta.dirname, "fixtures/kaiyang-county-sti-plan.txt");
const PLAN = "开阳县“十五五”科技创新规划";
const TASK = "培育科技型企业";
const UNIT = "科学技术局";
const UNIT_USER = "keji@xifeng.demo";
const OFFICE_USER = "office@xifeng.demo";
const PROGRESS = "手机填报：已走访 12 家企业，完成培育库更新。";
/** The smallest height of a touch target (Apple HIG, WCAG 2.5.5). */
const TOUCH = 44;

let stack: Stack;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let office: Page;
let unit: Page;
/** the unit's task the test works on: one it leads with 2026Q4 still to report */
const task = { title: "", cellLabel: "" };
let noticeTitle = "";
const dir = mkdtempSync(path.join(tmpdir(), "duban-phone-"));
const photoPath = path.join(dir, "现场照片.jpg");

beforeAll(async () => {
  stack = await startStack({ redisDb: 4 });
  chromium = await launchChromium(stack.baseUrl);
  office = await chromium.newContext().then((c) => c.newPage());
  unit = await chromium.newContext(PHONE).then((c) => c.newPage());
  for (const p of [office, unit]) {
    p.setDefaultTimeout(20_000);
    p.on("pageerror", (e) => console.error("pageerror", e.message));
  }
});

afterEach(async ({ task: t }) => {
  if (t.result?.state !== "fail") return;
  printStackLogOnFailure(stack, true);
  for (const [name, p] of Object.entries({ office, unit }))
    await p?.screenshot({ path: path.join(ARTIFACTS, `phone-failed-${name}.png`) }).catch(() => {});
});

afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
});

/** The bottom navigation is on screen, and the page fits the phone's width. */
async function phonePage(p: Page, what: string) {
  const nav = p.getByRole("navigation", { name: "底部导航" });
  await nav.waitFor();
  const box = (await nav.boundingBox())!;
  expect(box.y + box.height, `${what}: the bottom nav sits at the bottom`).toBeCloseTo(667, 0);
  for (const item of await nav.locator("a, button").all())
    await tall(item, `${what}: bottom nav item ${await item.innerText()}`);
  expect(await nav.locator("a, button").count()).toBe(5);
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${what}: scrolls sideways`).toBeLessThanOrEqual(0);
  await assertFitsPhone(p, what);
}

/** Taps an item of the bottom navigation. */
async function tapNav(p: Page, label: string) {
  await p.getByRole("navigation", { name: "底部导航" }).getByText(label, { exact: true }).tap();
}

/** A touch target at least 44 px high. */
async function tall(target: Locator, what: string) {
  const box = await target.boundingBox();
  expect(box, `${what} is on screen`).not.toBeNull();
  expect(box!.height, `${what} is ${box!.height} px high`).toBeGreaterThanOrEqual(TOUCH);
}

describe("a unit's staff member on a phone", () => {
  it("logs in on the phone: the login page fits and its fields are touch-sized", async () => {
    await unit.goto("/login");
    for (const name of ["邮箱", "密码"]) await tall(unit.getByLabel(name), name);
    await tall(unit.getByRole("button", { name: /登\s*录/ }), "登录");
    await assertFitsPhone(unit, "login");
    await shot(unit, "phone-01-login");
    await login(unit, UNIT_USER, stack.password);
    await unit.goto("/todo");
    await phonePage(unit, "待办");
    await shot(unit, "phone-02-todo");
  });

  it("the office imports a plan, assigns a task to the unit and opens this quarter's reporting", async () => {
    // the demo's own plans have every open task of the unit reported this quarter already
    const p = office;
    await login(p, OFFICE_USER, stack.password);
    await p.goto("/plan/import");
    await p.locator("input[type=file]").setInputFiles(FIXTURE);
    await p.getByText("识别出").waitFor();
    await p.getByRole("button", { name: "确认导入为草稿" }).click();
    await p.getByRole("combobox", { name: `${TASK} 牵头单位` }).waitFor();
    await choose(p, `${TASK} 牵头单位`, UNIT);
    await p.keyboard.press("Escape");
    await pickDate(p, `${TASK} 完成时限`, "2027-06-30");
    await p.getByRole("button", { name: /创建 \d+ 项任务/ }).click();
    await p.getByText(/已创建 \d+ 项任务/).waitFor();
    await choose(p, "选择规划", PLAN);
    await p.goto("/ledger");
    await p.getByRole("tab", { name: "填报周期" }).click();
    await p.getByRole("button", { name: "开启季度填报" }).click();
    await p.getByText(/已开启 .* 填报/).waitFor();
  });

  it("the unit's ledger, as cards, shows the task with this quarter still to report", async () => {
    await unit.goto("/todo");
    await choose(unit, "选择规划", PLAN);
    await tapNav(unit, "台账");
    await unit.waitForURL(/\/ledger/);
    // on a phone the grid is a list of cards, one per task and unit
    const card = unit.locator("li.ledger-card").filter({ hasText: TASK }).first();
    const cell = card.locator("button.ledger-cell", { hasText: "待填报" }).first();
    await cell.waitFor();
    task.cellLabel = (await cell.getAttribute("aria-label")) ?? "";
    // the label is "<title> <period>：待填报"
    task.title = /^(.*) \d{4}Q\d：/.exec(task.cellLabel)![1]!;
    expect(task.title).toContain(TASK);
    await tall(cell, "a ledger cell");
    await phonePage(unit, "台账");
    await shot(unit, "phone-03-ledger");
  });

  it("the office urges the task with a 督办通知单: the unit's bottom nav counts the message", async () => {
    const drawer = await openTask(office, task.title);
    await drawer.getByRole("button", { name: exact("催办") }).click();
    const modal = office.locator(".ant-modal").filter({ hasText: "督办等级" });
    await modal.getByRole("radio", { name: "黄色督办" }).check();
    await modal.getByLabel("督办要求").fill("请于本周内报送本季度台账并附现场照片。");
    await modal.getByRole("button", { name: "签发督办通知单" }).click();
    const issued = office.locator(".ant-message").getByText(/已签发督办通知单〔\d{4}〕第\d+号/);
    await issued.waitFor();
    noticeTitle = /督办通知单〔\d{4}〕第\d+号/.exec(await issued.innerText())![0];
    await unit.reload();
    const inbox = unit
      .getByRole("navigation", { name: "底部导航" })
      .getByRole("link", { name: /^消息，\d+ 条未读$/ });
    await expect.poll(() => inbox.count(), { timeout: 20_000 }).toBe(1);
  });

  it("opens the reminder from the inbox, reads the notice on the task's page and replies", async () => {
    await tapNav(unit, "消息");
    await unit.waitForURL(/\/inbox/);
    const message = unit
      .getByRole("list", { name: "站内消息" })
      .getByRole("listitem")
      .filter({ hasText: noticeTitle });
    await message.waitFor();
    await phonePage(unit, "站内消息");
    await shot(unit, "phone-04-inbox");
    await message.getByRole("link", { name: "查看任务" }).tap();
    await unit.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
    const card = unit.locator(".ant-card").filter({ hasText: noticeTitle });
    await card.getByText("黄色督办").waitFor();
    const reply = card.getByLabel("回复内容（办理情况）");
    await tall(reply, "the reply box");
    await reply.fill("已安排专人本周内完成台账填报。");
    const send = card.getByRole("button", { name: "提交回复" });
    await tall(send, "提交回复");
    await phonePage(unit, "task page with the notice");
    await shot(unit, "phone-05-task-notice");
    await send.tap();
    await toast(unit, "已回复");
    await card.getByText("已安排专人本周内完成台账填报。").waitFor();
  });

  it("fills in the ledger entry and attaches a photo taken with the camera (拍照)", async () => {
    // a real JPEG, drawn and encoded by the browser
    const jpeg = await unit.evaluate(() => {
      const c = document.createElement("canvas");
      c.width = 64;
      c.height = 48;
      const g = c.getContext("2d")!;
      g.fillStyle = "#b8202e";
      g.fillRect(0, 0, 64, 48);
      g.fillStyle = "#fff";
      g.fillRect(8, 8, 24, 16);
      return c.toDataURL("image/jpeg", 0.8).split(",")[1]!;
    });
    writeFileSync(photoPath, Buffer.from(jpeg, "base64"));

    await tapNav(unit, "台账");
    await unit.getByRole("button", { name: task.cellLabel, exact: true }).tap();
    const drawer = unit.locator(".ant-drawer-content-wrapper").filter({ hasText: task.title });
    const text = drawer.getByLabel("进展情况");
    await text.waitFor();
    await text.fill(PROGRESS);
    await drawer.getByLabel("完成比例（%）").fill("40");
    for (const [what, input] of [
      ["进展情况", text],
      ["完成比例", drawer.locator(".ant-input-number").first()],
      [
        "任务状态",
        drawer
          .locator(".ant-select")
          .filter({ has: unit.getByRole("combobox", { name: "任务状态" }) })
          .first(),
      ],
    ] as const)
      await tall(input, what);
    const submit = drawer.getByRole("button", { name: /提\s*交/ });
    await tall(submit, "提交");
    await assertFitsPhone(unit, "entry form");
    await shot(unit, "phone-06-entry-form");
    await submit.tap();
    await toast(unit, "台账已提交");
    // the drawer follows the new entry: evidence may be added now
    // antd spaces two Chinese characters on a button: 拍 照
    const photo = drawer.getByRole("button", { name: exact("拍照") });
    await photo.waitFor();
    await tall(photo, "拍照");
    await tall(drawer.getByRole("button", { name: "选择文件" }), "选择文件");
    const camera = drawer.locator('input[type=file][capture="environment"]');
    expect(await camera.getAttribute("accept")).toBe("image/*");
    await camera.setInputFiles(photoPath);
    await toast(unit, "已上传 现场照片.jpg");
    await drawer.getByRole("link", { name: containing("现场照片.jpg") }).waitFor();
    await assertFitsPhone(unit, "entry with its photo");
    await shot(unit, "phone-07-entry-photo");
  });

  it("after a reload the entry and the photo are read back from the page", async () => {
    await unit.reload();
    const cell = unit
      .locator("li.ledger-card")
      .filter({ hasText: task.title })
      .locator("button.ledger-cell", { hasText: /待审核|已提交/ })
      .last();
    await cell.waitFor();
    await phonePage(unit, "台账 after the reload");
    await cell.tap();
    const drawer = unit.locator(".ant-drawer-content-wrapper").filter({ hasText: task.title });
    await expect.poll(() => drawer.getByLabel("进展情况").inputValue()).toBe(PROGRESS);
    await drawer.getByRole("link", { name: containing("现场照片.jpg") }).waitFor();
    const href = await drawer
      .getByRole("link", { name: containing("现场照片.jpg") })
      .getAttribute("href");
    // the stored file is the photo, byte for byte a JPEG
    const res = await unit.request.get(href!);
    expect(res.status()).toBe(200);
    const bytes = await res.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    await shot(unit, "phone-08-read-back");
    await unit.keyboard.press("Escape");
  });

  it("my tasks and the 我的 menu fit the phone", async () => {
    await tapNav(unit, "我的任务");
    await unit.waitForURL(/\/tasks/);
    await unit.getByText(task.title).first().waitFor();
    await phonePage(unit, "我的任务");
    await shot(unit, "phone-09-tasks");
    await tapNav(unit, "我的");
    const menu = unit.locator(".ant-drawer-content-wrapper").filter({ hasText: "菜单" });
    await menu.getByRole("menuitem", { name: "通知设置" }).waitFor();
    await tall(menu.getByRole("menuitem", { name: "总览" }), "a menu item");
    await assertFitsPhone(unit, "the menu drawer");
    await shot(unit, "phone-10-menu");
  });
});
