import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import type { Page } from "playwright-core";
import { expect } from "vitest";

import { choose, shot } from "./ui.ts";
import { fillLedgerRow } from "./xlsx.ts";

/** The office makes a unit responsible for an indicator (indicator settings tab). */
export async function assignIndicator(page: Page, indicator: string, department: string) {
  await page.goto("/indicators");
  await page.getByRole("button", { name: `选择指标：${indicator}` }).click();
  await page.getByRole("tab", { name: "设置" }).click();
  await choose(page, "责任单位", department);
  await page.getByRole("button", { name: /保\s*存/ }).click();
  await page.locator(".ant-message").getByText("已保存").waitFor();
}

/** The light of an indicator in the list, by its data-status. */
export async function lightOf(page: Page, indicator: string): Promise<string | null> {
  const row = page.locator(".ant-table-row", { hasText: indicator }).first();
  return row.locator("[data-status]").getAttribute("data-status");
}

/** The responsible unit reports a value for the latest quarter offered. */
export async function reportIndicator(page: Page, indicator: string, value: string) {
  await page.goto("/indicators");
  await page.getByRole("button", { name: `选择指标：${indicator}` }).click();
  await page.getByRole("tab", { name: "录入监测值" }).click();
  await page.getByLabel(/^监测值/).fill(value);
  await page.getByLabel("数据来源").fill("县统计局");
  await page.getByRole("button", { name: /^报\s*送$/ }).click();
  await page
    .locator(".ant-message")
    .getByText(/已报送/)
    .waitFor();
}

/**
 * The department downloads its 台账 workbook, fills a row with an impossible percentage and
 * uploads it (every bad row listed, nothing imported), then corrects it and uploads again.
 */
export async function excelRoundTrip(page: Page) {
  const dir = mkdtempSync(path.join(tmpdir(), "duban-xlsx-"));
  await page.goto("/ledger");
  await page.getByRole("tab", { name: "Excel 导入导出" }).click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "下载 Excel" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/台账-\d{4}Q[1-4]\.xlsx$/);
  const exported = path.join(dir, "exported.xlsx");
  await download.saveAs(exported);
  const upload = (file: string) => page.locator(".ant-upload input[type=file]").setInputFiles(file);

  const bad = path.join(dir, "bad.xlsx");
  const title = await fillLedgerRow(exported, bad, {
    progressText: "已完成年度调研，形成工作方案。",
    percent: 150,
  });
  await upload(bad);
  await page.getByText("文件有误，未导入任何数据").waitFor();
  const errorRow = page.getByRole("region", { name: "有误的行" }).locator(".ant-table-row").first();
  await errorRow.waitFor();
  expect(await errorRow.innerText()).toMatch(/\d+/);
  await shot(page, "16-ledger-import-errors");

  const good = path.join(dir, "good.xlsx");
  expect(
    await fillLedgerRow(exported, good, {
      progressText: "已完成年度调研，形成工作方案。",
      percent: 40,
    }),
  ).toBe(title);
  await upload(good);
  await page.getByText("新提交 1 条，修改 0 条").waitFor();
  await shot(page, "17-ledger-import-done");
  return title;
}

/** The office dry-runs a job and sees who would be emailed and why. */
export async function dryRunJob(page: Page, job: string) {
  await page.goto("/admin/jobs");
  await page.getByRole("button", { name: `立即运行：${job}` }).click();
  const drawer = page.locator(".ant-drawer");
  expect(await drawer.getByRole("switch", { name: /试运行/ }).getAttribute("aria-checked")).toBe(
    "true",
  );
  await drawer.getByRole("button", { name: /^试\s*运\s*行$/ }).click();
  await drawer.getByText("试运行结果").waitFor();
  const line = await drawer.getByText(/将发送 \d+ 封邮件/).innerText();
  await shot(page, "18-jobs-dry-run");
  return Number(/(\d+)/.exec(line)![1]);
}
