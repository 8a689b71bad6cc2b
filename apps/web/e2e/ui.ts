import { mkdirSync } from "node:fs";
import path from "node:path";

import type { Page } from "playwright-core";

export const ARTIFACTS = path.resolve(import.meta.dirname, "../test-artifacts");
mkdirSync(ARTIFACTS, { recursive: true });

export async function login(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}

/** Picks an option of an antd Select found by its accessible name. */
export async function choose(page: Page, selectName: string | RegExp, option: string) {
  const box = page.getByRole("combobox", { name: selectName }).first();
  await box.click();
  // the option list is virtual (only visible rows exist): filter by typing, where the select searches
  if ((await box.getAttribute("readonly")) === null) await page.keyboard.type(option);
  await page
    .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option", {
      hasText: option,
    })
    .first()
    .click();
}

export async function shot(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** Time from navigation start until the page's main content rendered, in ms. */
export async function timedGoto(
  page: Page,
  url: string,
  ready: () => Promise<unknown>,
): Promise<number> {
  const started = Date.now();
  await page.goto(url);
  await ready();
  return Date.now() - started;
}
