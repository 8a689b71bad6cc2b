import path from "node:path";

import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openBrowser } from "./browser.ts";
import {
  assignIndicator,
  dryRunJob,
  excelRoundTrip,
  lightOf,
  reportIndicator,
} from "./monitoring.ts";
import { startStack, type Stack } from "./stack.ts";
import { choose, login, shot, timedGoto } from "./ui.ts";

const FIXTURE = path.resolve(import.meta.dirname, "fixtures/kaiyang-county-sti-plan.txt");
const PLAN = "开阳县“十五五”科技创新规划";
const TASK = "培育科技型企业";
const INDICATOR = "高新技术企业数";

let stack: Stack;
let office: Awaited<ReturnType<typeof openBrowser>>;
let keji: Awaited<ReturnType<typeof openBrowser>>;
let officePage: Page;
let kejiPage: Page;
const timings: Record<string, number> = {};

beforeAll(async () => {
  stack = await startStack();
  office = await openBrowser(stack.baseUrl);
  keji = await openBrowser(stack.baseUrl);
  officePage = office.context.pages()[0] ?? (await office.context.newPage());
  kejiPage = keji.context.pages()[0] ?? (await keji.context.newPage());
  for (const p of [officePage, kejiPage])
    p.on("pageerror", (e) => console.error("pageerror", e.message));
});

afterAll(async () => {
  console.log("page load times (ms):", JSON.stringify(timings));
  await office?.close();
  await keji?.close();
  await stack?.stop();
});

async function selectPlan(page: Page) {
  await choose(page, "选择规划", PLAN);
}

describe("a plan from import to an approved ledger entry", () => {
  it("the office imports a plan through the wizard and assigns its tasks", async () => {
    const page = officePage;
    await login(page, "office@xifeng.demo", stack.password);
    timings.overview = await timedGoto(page, "/overview", () =>
      page.getByText("单位排名").waitFor(),
    );
    await shot(page, "01-office-overview-demo");
    await page.goto("/plan/import");
    await page.locator("input[type=file]").setInputFiles(FIXTURE);
    await page.getByText("识别出").waitFor();
    await expect(page.getByText(PLAN).first().isVisible()).resolves.toBe(true);
    await shot(page, "02-import-preview");
    await page.getByRole("button", { name: "确认导入为草稿" }).click();
    // the decomposition table, pre-filled from the parser's suggestions
    await page.getByRole("combobox", { name: `${TASK} 牵头单位` }).waitFor();
    await choose(page, `${TASK} 牵头单位`, "科学技术局");
    await choose(page, `${TASK} 配合单位`, "市场监督管理局");
    await page.keyboard.press("Escape");
    await shot(page, "03-import-assign");
    await page.getByRole("button", { name: /创建 \d+ 项任务/ }).click();
    await page.getByText(/已创建 \d+ 项任务/).waitFor();
    await shot(page, "04-import-done");
  });

  it("shows the imported document with its tree, indicators and 专栏", async () => {
    const page = officePage;
    timings.plan = await timedGoto(page, "/plan", () => page.getByText("章节结构").waitFor());
    await page.getByText("R&D 经费支出").first().waitFor();
    await page.getByRole("region", { name: /专栏/ }).first().waitFor();
    await shot(page, "05-plan-document");
  });

  it("the office opens this quarter's reporting", async () => {
    const page = officePage;
    await page.goto("/ledger");
    await page.getByRole("tab", { name: "填报周期" }).click();
    await page.getByRole("button", { name: "开启季度填报" }).click();
    await page.getByText(/已开启 .* 填报/).waitFor();
    await shot(page, "06-ledger-cycles");
  });

  it("the department sees only its tasks and submits a ledger entry", async () => {
    const page = kejiPage;
    await login(page, "keji@xifeng.demo", stack.password);
    await selectPlan(page);
    timings.tasks = await timedGoto(page, "/tasks", () => page.getByText("本单位任务").waitFor());
    await page.locator(".ant-table-row").first().waitFor();
    const leads = await page.locator(".ant-table-row td:nth-child(2)").allInnerTexts();
    const supports = await page.locator(".ant-table-row td:nth-child(3)").allInnerTexts();
    expect(leads.length).toBeGreaterThan(0);
    // every row is led or supported by 科学技术局; the other units' tasks are not listed
    leads.forEach((lead, i) =>
      expect(lead === "科学技术局" || /科技局|科学技术局/.test(supports[i] ?? "")).toBe(true),
    );
    expect(await page.getByText("推动磷化工产业升级").count()).toBe(0);
    await shot(page, "07-department-tasks");
    // the menu offers no office pages
    expect(await page.getByRole("menuitem", { name: "用户管理" }).count()).toBe(0);

    timings.ledger = await timedGoto(page, "/ledger", () => page.getByText("台账总表").waitFor());
    await page.getByRole("button", { name: new RegExp(`${TASK} .*待填报`) }).click();
    await page.getByLabel("进展情况").fill("已建立科技型企业培育库，新增入库企业 6 家。");
    await page.getByLabel("完成比例（%）").fill("30");
    await choose(page, "任务状态", "推进中");
    await shot(page, "08-ledger-entry-form");
    await page.getByRole("button", { name: /提\s*交/ }).click();
    await page.getByText("台账已提交").waitFor();
    await page.keyboard.press("Escape");
  });

  it("the office returns the entry with a comment", async () => {
    const page = officePage;
    await page.goto("/ledger");
    await page.getByRole("tab", { name: /审核队列/ }).click();
    await page.getByRole("button", { name: TASK }).first().click();
    await page.getByRole("button", { name: /退\s*回/ }).click();
    // returning without a comment is refused by the shared schema, in place
    await page.getByText("退回时请填写审核意见").waitFor();
    await page.getByLabel("审核意见").fill("请补充入库企业名单作为佐证。");
    await shot(page, "09-review-return");
    await page.getByRole("button", { name: /退\s*回/ }).click();
    await page.getByText("已退回，单位将收到审核意见").waitFor();
  });

  it("the department amends the returned entry", async () => {
    const page = kejiPage;
    await page.goto("/ledger");
    await page.getByRole("button", { name: new RegExp(`${TASK} .*已退回`) }).click();
    await page.getByText("退回意见：请补充入库企业名单作为佐证。").waitFor();
    await page
      .getByLabel("进展情况")
      .fill("已建立科技型企业培育库，新增入库企业 6 家，名单见附件。");
    await page.getByLabel("完成比例（%）").fill("35");
    await shot(page, "10-ledger-amend");
    await page.getByRole("button", { name: /^修\s*改$/ }).click();
    await page.getByText("已提交修改后的台账").waitFor();
    await page.keyboard.press("Escape");
  });

  it("the office approves it and the overview shows the progress", async () => {
    const page = officePage;
    await selectPlan(page);
    await page.goto("/overview");
    const row = page
      .locator(".ant-card", { hasText: "单位排名" })
      .locator(".ant-table-row", { hasText: "科学技术局" })
      .first();
    await row.waitFor();
    expect(await row.innerText()).toMatch(/(^|\s)0% \/ /);
    await page.goto("/ledger");
    await page.getByRole("tab", { name: /审核队列/ }).click();
    await page.getByRole("button", { name: TASK }).first().click();
    await page.getByRole("button", { name: /通\s*过/ }).click();
    await page.locator(".ant-message").getByText("已通过").waitFor();
    await page.goto("/overview");
    await row.waitFor();
    // the lead unit's approved 35 % is now the task's progress, averaged into the unit's row
    await expect
      .poll(async () => row.innerText(), { timeout: 10_000 })
      .toMatch(/(^|\s)[1-9]\d*% \/ /);
    await shot(page, "11-overview-after");
    await page.goto("/ledger");
    await page.getByText("台账总表").waitFor();
    await shot(page, "12-ledger-grid-office");
  });

  it("every other page renders for the office", async () => {
    const page = officePage;
    for (const [name, url, ready] of [
      ["roadmap", "/roadmap", "路线图"],
      ["timetable", "/timetable", "时间表"],
      ["indicators", "/indicators", "报送记录"],
      ["departments", "/admin/departments", "单位管理"],
      ["users", "/admin/users", "用户管理"],
      ["supervision", "/admin/supervision", "红黄绿灯"],
    ] as const) {
      timings[name] = await timedGoto(page, url, () => page.getByText(ready).first().waitFor());
      await shot(page, `13-${name}`);
    }
    await page.goto("/tasks");
    await page
      .getByRole("link", { name: new RegExp(TASK) })
      .first()
      .click();
    await page.getByText("时间节点").first().waitFor();
    await shot(page, "14-task-drawer");
  });

  it("a department reports an indicator value and its light turns from grey to a colour", async () => {
    await assignIndicator(officePage, INDICATOR, "科学技术局");
    const page = kejiPage;
    await page.goto("/indicators");
    await page.getByRole("button", { name: `选择指标：${INDICATOR}` }).waitFor();
    expect(await lightOf(page, INDICATOR)).toBe("NO_DATA");
    // expected at the end of 2026 on the linear path from 8 (2025) to 20 (2030) is 10.4: 9 falls short
    await reportIndicator(page, INDICATOR, "9");
    await expect
      .poll(() => lightOf(page, INDICATOR), { timeout: 10_000 })
      .toMatch(/^(ON_TRACK|AT_RISK|OFF_TRACK)$/);
    await page.getByRole("tab", { name: "报送记录" }).click();
    await page.getByText("县统计局").first().waitFor();
    await shot(page, "15-indicator-reported");
    // the overview's lights use the same assessment
    await page.goto("/overview");
    const light = page
      .locator(".ant-card", { hasText: "指标监测" })
      .locator(".ant-table-row", { hasText: INDICATOR })
      .locator("[data-status]");
    await expect
      .poll(() => light.getAttribute("data-status"), { timeout: 10_000 })
      .not.toBe("NO_DATA");
  });

  it("the department takes its ledger to Excel and back", async () => {
    await excelRoundTrip(kejiPage);
  });

  it("the office dry-runs a scheduled job and sees who would be emailed", async () => {
    const n = await dryRunJob(officePage, "逾期督办");
    expect(n).toBeGreaterThanOrEqual(0);
    await officePage.keyboard.press("Escape");
  });

  it("the new pages render for the office", async () => {
    const page = officePage;
    for (const [name, url, ready] of [
      ["jobs", "/admin/jobs", "运行记录"],
      ["notifications", "/settings/notifications", "发件箱"],
      ["evaluations", "/evaluations", "已生成的评估"],
    ] as const) {
      timings[name] = await timedGoto(page, url, () => page.getByText(ready).first().waitFor());
      await shot(page, `19-${name}`);
    }
    await page.goto("/ledger");
    await page.getByRole("tab", { name: "Excel 导入导出" }).click();
    await page.getByRole("button", { name: "下载 Excel" }).waitFor();
    await shot(page, "19-ledger-excel");
  });
});
