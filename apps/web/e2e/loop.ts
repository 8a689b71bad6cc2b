import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";

// jszip and mammoth are dependencies of packages/reports (which writes the notice .docx): the test
// reads the downloaded document back with the same libraries
const require = createRequire(
  path.resolve(import.meta.dirname, "../../../packages/reports/package.json"),
);
const mammoth = require("mammoth") as {
  extractRawText: (input: { buffer: Buffer }) => Promise<{ value: string }>;
};
const JSZip = require("jszip") as {
  loadAsync: (data: Buffer) => Promise<{ file: (name: string) => unknown }>;
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A button's text as antd renders it: two Chinese characters get a space between them (签 收). */
export const exact = (text: string) =>
  new RegExp(`^\\s*${[...text].map(escape).join("\\s*")}\\s*$`);
export const containing = (text: string) => new RegExp(escape(text));

/**
 * Waits for an antd toast with this text. When it never shows, the error names what the page
 * said instead (an error or warning toast), so a refused action is read in the CI log rather
 * than guessed from a timeout.
 */
export async function toast(page: Page, text: string | RegExp): Promise<void> {
  const said: string[] = [];
  const watch = page.locator(".ant-message-error, .ant-message-warning").first();
  void watch
    .waitFor()
    .then(async () => said.push(await watch.innerText()))
    .catch(() => undefined);
  try {
    await page.locator(".ant-message").getByText(text).first().waitFor();
  } catch (e) {
    if (said.length === 0) throw e;
    throw new Error(`no toast ${String(text)}; the page said: ${said.join(" / ")}`, { cause: e });
  }
}

/** The open task drawer. */
export const drawerOf = (page: Page, title: string): Locator =>
  page.locator(".ant-drawer-content-wrapper").filter({ hasText: title }).last();

/**
 * Opens a task the way a user does: the task list, searched by its title, then the row's link
 * (the drawer). Returns the drawer.
 */
export async function openTask(page: Page, title: string): Promise<Locator> {
  await page.goto("/tasks");
  const search = page.getByPlaceholder("按任务名称或说明搜索");
  await search.fill(title);
  await search.press("Enter");
  await page
    .getByRole("link", { name: containing(title) })
    .first()
    .click();
  const drawer = drawerOf(page, title);
  await drawer.getByText("牵头单位").first().waitFor();
  return drawer;
}

/** Fills an antd DatePicker (found by its label) by typing the date. */
export async function pickDate(scope: Locator | Page, label: string, day: string) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(day);
  await input.press("Enter");
  await expect.poll(() => input.inputValue()).toBe(day);
}

/** The unread count the header's bell announces (its accessible name). */
export async function bellCount(page: Page): Promise<number> {
  const bell = page.getByRole("button", { name: /^站内消息(，\d+ 条未读)?$/ });
  const name = (await bell.getAttribute("aria-label")) ?? "";
  return Number(/(\d+) 条未读/.exec(name)?.[1] ?? 0);
}

/** The titles of the messages in the user's 站内消息 page that mention `needle`, newest first. */
export async function inboxTitles(page: Page, needle: string): Promise<string[]> {
  await page.goto("/inbox");
  const list = page.getByRole("list", { name: "站内消息" });
  await page.getByText(/^\d+ 条未读$/).waitFor();
  await list.or(page.getByText("暂无消息")).first().waitFor();
  const labels = await list
    .getByRole("listitem")
    .evaluateAll((items) => items.map((li) => li.getAttribute("aria-label") ?? ""));
  return labels.map((l) => l.replace(/^未读：/, "")).filter((l) => l.includes(needle));
}

/** Marks every message read on the inbox page, so the bell starts at 0. */
export async function clearInbox(page: Page) {
  await page.goto("/inbox");
  // the header's "N 条未读" appears once the list is loaded (the button is disabled until then)
  const unread = page.getByText(/^\d+ 条未读$/);
  await unread.waitFor();
  const button = page.getByRole("button", { name: "全部标为已读" });
  if ((await unread.innerText()) !== "0 条未读") {
    await button.click();
    await toast(page, "已全部标为已读");
  }
  await expect.poll(() => bellCount(page)).toBe(0);
}

/**
 * The page fits a phone's width: nothing scrolls sideways, and an open drawer or dialog is no
 * wider than the screen. Polled: a drawer slides in and the side menu collapses with a transition.
 */
export async function assertFitsPhone(page: Page, what: string) {
  const width = page.viewportSize()!.width;
  const problem = async () => {
    const { overflow, panels } = await page.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      panels: [...document.querySelectorAll(".ant-drawer-content-wrapper, .ant-modal")]
        .filter((e) => e.getClientRects().length > 0)
        .map((e) => {
          const r = e.getBoundingClientRect();
          return { left: Math.round(r.left), right: Math.round(r.right) };
        }),
    }));
    if (overflow > 0) return `the page scrolls sideways by ${overflow} px`;
    const out = panels.find((p) => p.left < 0 || p.right > width);
    return out ? `a panel spans ${out.left}–${out.right} px` : "";
  };
  await expect.poll(problem, { timeout: 5_000, message: `${what} at ${width} px` }).toBe("");
}

/** A small real PDF and PNG, as a unit's evidence. */
export function evidenceFiles(dir: string): { pdf: string; png: string } {
  const pdf = path.join(dir, "验收报告.pdf");
  writeFileSync(
    pdf,
    [
      "%PDF-1.4",
      "1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj",
      "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj",
      "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj",
      "trailer<</Root 1 0 R>>",
      "%%EOF",
      "",
    ].join("\n"),
  );
  const png = path.join(dir, "现场照片.png");
  writeFileSync(
    png,
    Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
      "base64",
    ),
  );
  return { pdf, png };
}

/** A .docx's text: a real zip with word/document.xml, read by mammoth. */
export async function docxText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  expect(zip.file("word/document.xml"), "the download is a .docx").toBeTruthy();
  return (await mammoth.extractRawText({ buffer: bytes })).value;
}

/** The office sends the outbox now (定时任务 → 发送邮件 → 立即运行, not a dry run). */
export async function sendOutboxNow(page: Page) {
  await page.goto("/admin/jobs");
  await page.getByRole("button", { name: "立即运行：发送邮件" }).click();
  const drawer = page.locator(".ant-drawer-content-wrapper").filter({ hasText: "运行：发送邮件" });
  const dryRun = drawer.getByRole("switch", { name: /试运行/ });
  await dryRun.click();
  await expect.poll(() => dryRun.getAttribute("aria-checked")).toBe("false");
  await drawer.getByRole("button", { name: "立即运行" }).click();
  await drawer
    .getByText(/已交由后台发送|已运行完成/)
    .first()
    .waitFor();
  await page.keyboard.press("Escape");
}

export type CaughtEmail = { subject: string; to: string[] };

/** Every email the stack's mail catcher (maildev) received: subject and recipients. */
export async function caughtEmails(mailUrl: string): Promise<CaughtEmail[]> {
  const res = await fetch(`${mailUrl}/api/email`);
  expect(res.ok, `maildev answered ${res.status}`).toBe(true);
  const emails = (await res.json()) as {
    subject: string;
    to?: { address: string }[];
    envelope?: { to?: { address: string }[] };
  }[];
  return emails.map((e) => ({
    subject: e.subject,
    to: (e.envelope?.to ?? e.to ?? []).map((t) => t.address.toLowerCase()),
  }));
}

/** Counts of each value. */
export const tally = (values: string[]) =>
  Object.fromEntries(
    [...new Set(values)].sort().map((v) => [v, values.filter((x) => x === v).length]),
  );
