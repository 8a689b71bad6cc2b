import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { chromium, type Browser, type BrowserContext } from "playwright-core";

/** Debian's Chromium, never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

type Device = {
  viewport: { width: number; height: number };
  isMobile?: boolean;
  hasTouch?: boolean;
};
const DESKTOP: Device = { viewport: { width: 1366, height: 768 } };

/** A phone: 375 px wide, touch, as the units' staff use the app. */
export const PHONE: Device = {
  viewport: { width: 375, height: 812 },
  isMobile: true,
  hasTouch: true,
};

/**
 * A fresh Chromium profile (its own cookie jar: one per signed-in user) with a 1366×768 window
 * (the smallest screen the app targets), or `device` (e.g. PHONE), Chinese, Shanghai time.
 */
export async function openBrowser(
  baseURL: string,
  device: Device = DESKTOP,
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(path.join(tmpdir(), "duban-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    baseURL,
    ...device,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * One Chromium for several users: each `newContext` is a fresh profile of its own (cookie jar,
 * storage), on a 1366×768 screen or `device`, Chinese, Shanghai time. Lighter than a browser per user.
 */
export async function launchChromium(baseURL: string): Promise<{
  browser: Browser;
  newContext: (device?: Device) => Promise<BrowserContext>;
  close: () => Promise<void>;
}> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  return {
    browser,
    newContext: (device = DESKTOP) =>
      browser.newContext({ baseURL, ...device, locale: "zh-CN", timezoneId: "Asia/Shanghai" }),
    close: () => browser.close(),
  };
}
