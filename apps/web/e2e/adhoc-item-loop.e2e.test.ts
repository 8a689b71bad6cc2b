import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { launchChromium, PHONE } from "./browser.ts";
import {
  assertFitsPhone,
  bellCount,
  caughtEmails,
  clearInbox,
  docxText,
  drawerOf,
  evidenceFiles,
  exact,
  inboxTitles,
  openTask,
  pickDate,
  sendOutboxNow,
  tally,
  toast,
} from "./loop.ts";
import { printStackLogOnFailure, startStack, type Stack } from "./stack.ts";
import { ARTIFACTS, choose, login, shot } from "./ui.ts";

/**
 * The supervision loop (督办闭环, issue #17) on an ad-hoc item, each role in its own session, the
 * unit's staff on a phone (375 × 812): the office registers an item for 科学技术局 (立项 = 交办) → the
 * unit acknowledges it (签收) → asks for an extension with a photo (申请调整) → the office approves →
 * issues a 黄 notice (催办, 督办通知单〔YYYY〕第1号, read back from the .docx) → the unit replies →
 * applies for completion with a PDF (申请办结) → the office returns it → the unit applies again → the
 * office signs off with a rating (良好) → the leader writes an instruction (批示). Then each user's
 * inbox holds each message once and the bell counts them, and the mail catcher (its REST API) got
 * each email once per recipient, the unit's contact mailbox included. Every screen the unit passes
 * through is checked at 375 px. Tasks are opened from the task list's drawer;
 * supervision-loop.e2e.test.ts runs the loop on a plan task through 待办, the task page and its trail.
 */

const FIXTURE = path.resolve(import.meta.dirname, "fixtures/kaiyang-county-sti-plan.txt");
// a 2026–2030 plan: the item's dates and the extension must lie inside the plan's period
const PLAN = "开阳县“十五五”科技创新规划";
const UNIT = "科学技术局";
const YEAR = new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(
  new Date(),
);
const TODAY = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(new Date());
// unique per run, so a run against a stack that is already running (E2E_BASE_URL) counts its own
const ITEM = `建设县域科技成果转化中试基地（${Date.now().toString(36)}）`;
const DUE = `${Number(YEAR) + 1}-06-30`;
const EXTENDED = `${Number(YEAR) + 1}-09-30`;

const OFFICE = "office@xifeng.demo";
const STAFF = "keji@xifeng.demo";
const LEADER = "leader@xifeng.demo";

let stack: Stack;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let office: Page;
/** the unit's staff member, on a phone (375 × 812) */
let unit: Page;
let leader: Page;
let taskId = "";
let noticeTitle = "";
const files = evidenceFiles(mkdtempSync(path.join(tmpdir(), "duban-loop-")));
/** what each step should have told whom: the email subject = the inbox title */
const told = { unit: [] as string[], office: [] as string[] };

async function page(context: BrowserContext): Promise<Page> {
  const p = await context.newPage();
  // a step that cannot happen fails in seconds, not at the test's timeout
  p.setDefaultTimeout(15_000);
  p.on("pageerror", (e) => console.error("pageerror", e.message));
  return p;
}

beforeAll(async () => {
  stack = await startStack({ redisDb: 6 });
  chromium = await launchChromium(stack.baseUrl);
  office = await page(await chromium.newContext());
  unit = await page(await chromium.newContext(PHONE));
  leader = await page(await chromium.newContext());
});

// a failed step leaves what each user saw in test-artifacts/
afterEach(async ({ task }) => {
  if (task.result?.state !== "fail") return;
  printStackLogOnFailure(stack, true);
  for (const [name, p] of Object.entries({ office, unit, leader }))
    await p?.screenshot({ path: path.join(ARTIFACTS, `loop-failed-${name}.png`) }).catch(() => {});
});

afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
});

describe("the supervision loop, each role in the browser", () => {
  it("the office has an active 2026–2030 plan; everyone starts with an empty bell", async () => {
    await login(office, OFFICE, stack.password);
    await office.goto("/plan/import");
    await office.locator("input[type=file]").setInputFiles(FIXTURE);
    await office.getByText("识别出").waitFor();
    await office.getByRole("button", { name: "确认导入为草稿" }).click();
    const create = office.getByRole("button", { name: /创建 \d+ 项任务/ });
    await create.waitFor();
    // against a running stack (E2E_BASE_URL) the plan may be in place from an earlier run
    if (!process.env.E2E_BASE_URL || (await create.isEnabled())) {
      await create.click();
      await office.getByText(/已创建 \d+ 项任务/).waitFor();
    }
    for (const [p, email] of [
      [office, OFFICE],
      [unit, STAFF],
      [leader, LEADER],
    ] as const) {
      if (p !== office) await login(p, email, stack.password);
      await choose(p, "选择规划", PLAN);
      await clearInbox(p);
    }
    await assertFitsPhone(unit, "inbox");
  });

  it("the office registers an ad-hoc item for the unit (立项 = 交办)", async () => {
    const p = office;
    await p.goto("/tasks");
    await p.getByRole("button", { name: exact("立项") }).click();
    const modal = p.locator(".ant-modal").filter({ hasText: "督办事项立项" });
    await modal.getByLabel("任务名称").fill(ITEM);
    await modal.getByLabel("任务说明").fill("落实县委常委会会议决定，建成中试基地并投入运行。");
    await modal.getByLabel("文号").fill(`县委办发〔${YEAR}〕12号`);
    await choose(p, "牵头单位", UNIT);
    await pickDate(modal, "开始日期", TODAY);
    await pickDate(modal, "完成时限", DUE);
    await shot(p, "loop-01-register");
    await modal.getByRole("button", { name: exact("提交") }).click();
    await toast(p, "已立项并交办，待责任单位签收");
    // the drawer of the new item opens: 待签收 for its lead unit
    const drawer = drawerOf(p, ITEM);
    await drawer.getByText("牵头单位尚未签收").waitFor();
    taskId = new URL(p.url()).searchParams.get("task") ?? "";
    expect(taskId).not.toBe("");
    told.unit.push(`【督办事项交办】${ITEM}`);
  });

  it("the unit's staff, on a phone, see the assignment and acknowledge it (签收)", async () => {
    const p = unit;
    await p.reload();
    await expect.poll(() => bellCount(p)).toBe(1);
    expect(await inboxTitles(p, ITEM)).toEqual([`【督办事项交办】${ITEM}`]);
    const drawer = await openTask(p, ITEM);
    await drawer.getByText(/尚未签收/).waitFor();
    await assertFitsPhone(p, "task drawer before 签收");
    await shot(p, "loop-02-phone-acknowledge");
    await drawer.getByRole("button", { name: exact("签收") }).click();
    await toast(p, "已签收");
    await drawer.getByText(`已于 ${TODAY} 签收`).waitFor();
  });

  it("the unit asks for an extension with a photo as evidence (申请调整)", async () => {
    const p = unit;
    const drawer = await openTask(p, ITEM);
    await drawer.getByRole("button", { name: "申请调整" }).click();
    const form = drawer.locator("form").filter({ hasText: "申请理由" });
    await pickDate(form, "申请完成时限", EXTENDED);
    await form.getByLabel("申请理由").fill("设备采购周期延长，需顺延一个季度。");
    await form.locator("input[type=file]").setInputFiles(files.png);
    await assertFitsPhone(p, "change request form");
    await form.getByRole("button", { name: "提交申请" }).click();
    await toast(p, "申请已提交");
    const card = drawer.locator(".ant-card").filter({ hasText: "延期申请" }).first();
    await card.getByText("待办公室审批").waitFor();
    await card.getByRole("link", { name: "现场照片.png" }).waitFor();
    told.office.push(`【延期申请】${UNIT}：${ITEM}`);
  });

  it("the office approves the extension: the due date changes, the original is kept", async () => {
    const p = office;
    expect(await inboxTitles(p, ITEM)).toEqual([...told.office].reverse());
    const drawer = await openTask(p, ITEM);
    const card = drawer.locator(".ant-card").filter({ hasText: "待办公室审批" }).first();
    await card.getByLabel("审批意见").fill("同意顺延。");
    await card.getByRole("button", { name: exact("审批") }).click();
    await toast(p, "已审批");
    await drawer.locator(".ant-card").getByText("已批准").first().waitFor();
    await drawer.getByText(`原定时限 ${DUE}`).first().waitFor();
    await drawer.getByText(`调整后 ${EXTENDED}`).first().waitFor();
    told.unit.push(`【已批准】延期申请：${ITEM}`);
  });

  it("the office urges the task with a 黄 notice (催办), numbered and downloadable as .docx", async () => {
    const p = office;
    const drawer = await openTask(p, ITEM);
    await drawer.getByRole("button", { name: exact("催办") }).click();
    const modal = p.locator(".ant-modal").filter({ hasText: "督办等级" });
    await modal.getByRole("radio", { name: "黄色督办" }).check();
    await modal.getByLabel("督办要求").fill("请于一周内报送设备采购进展和整改措施。");
    await shot(p, "loop-03-urge");
    await modal.getByRole("button", { name: "签发督办通知单" }).click();
    noticeTitle = `督办通知单〔${YEAR}〕第1号`;
    const issued = p.locator(".ant-message").getByText(/已签发督办通知单〔\d{4}〕第\d+号/);
    await issued.waitFor();
    const shown = /督办通知单〔\d{4}〕第\d+号/.exec(await issued.innerText())![0];
    // a fresh stack has issued no notice this year: the first one is 第1号
    if (process.env.E2E_BASE_URL) noticeTitle = shown;
    expect(shown).toBe(noticeTitle);
    const card = drawer.locator(".ant-card").filter({ hasText: noticeTitle });
    await card.getByText("黄色督办").waitFor();
    const [download] = await Promise.all([
      p.waitForEvent("download"),
      card.getByRole("link", { name: "下载 .docx" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${noticeTitle}.docx`);
    const text = await docxText(readFileSync((await download.path())!));
    expect(text).toContain("督办通知单");
    expect(text).toContain(noticeTitle.replace("督办通知单", ""));
    expect(text).toContain(ITEM);
    expect(text).toContain(UNIT);
    told.unit.push(`【黄色督办】${noticeTitle}：${ITEM}`);
  });

  it("the unit, on a phone, sees the notice and replies", async () => {
    const p = unit;
    await p.reload();
    await expect.poll(() => bellCount(p)).toBe(told.unit.length);
    const drawer = await openTask(p, ITEM);
    const card = drawer.locator(".ant-card").filter({ hasText: noticeTitle });
    await card.getByText("黄色督办").waitFor();
    await card.getByLabel("回复内容（办理情况）").fill("设备已完成招标，预计下月到货安装。");
    await assertFitsPhone(p, "notice reply");
    await shot(p, "loop-04-phone-reply");
    await card.getByRole("button", { name: "提交回复" }).click();
    await toast(p, "已回复");
    await card.getByText("设备已完成招标，预计下月到货安装。").waitFor();
    told.office.push(`${noticeTitle}已回复：${ITEM}`);
  });

  it("the unit applies for completion with a PDF (申请办结): the task is 待审核", async () => {
    const p = unit;
    const drawer = await openTask(p, ITEM);
    const apply = drawer.locator(".ant-card").filter({ hasText: "办结情况说明" });
    await apply.getByLabel("办结情况说明").fill("中试基地已建成，设备安装调试完毕。");
    await apply.locator("input[type=file]").setInputFiles(files.pdf);
    await apply.getByText("验收报告.pdf").waitFor();
    await assertFitsPhone(p, "completion application");
    await apply.getByRole("button", { name: "提交办结申请" }).click();
    await toast(p, "已提交办结申请，等待领导小组办公室审核");
    await drawer.getByText("已提交办结申请，等待领导小组办公室审核（待审核）").waitFor();
    told.office.push(`办结申请：${ITEM}`);
  });

  it("the office returns the application with a comment: back to 推进中", async () => {
    const p = office;
    expect(await inboxTitles(p, ITEM)).toEqual([...told.office].reverse());
    const drawer = await openTask(p, ITEM);
    await drawer.getByText("待审核").first().waitFor();
    const review = drawer.locator(".ant-card").filter({ hasText: "审核办结申请" });
    await review
      .getByRole("link", { name: /验收报告\.pdf/ })
      .or(drawer.getByRole("link", { name: /验收报告\.pdf/ }))
      .first()
      .waitFor();
    await review.getByLabel("审核意见").fill("请补充试运行记录。");
    await review.getByRole("button", { name: exact("退回") }).click();
    await toast(p, "已退回，任务回到推进中");
    await drawer.getByText("已退回").first().waitFor();
    await drawer.getByText("推进中").first().waitFor();
    told.unit.push(`办结申请被退回：${ITEM}`);
  });

  it("the unit applies again with both files", async () => {
    const p = unit;
    const drawer = await openTask(p, ITEM);
    await drawer.getByText("请补充试运行记录。").first().waitFor();
    const apply = drawer.locator(".ant-card").filter({ hasText: "办结情况说明" }).first();
    await apply.getByLabel("办结情况说明").fill("中试基地已建成并试运行一个月，记录见附件。");
    await apply.locator("input[type=file]").setInputFiles([files.pdf, files.png]);
    await apply.getByText("现场照片.png").waitFor();
    await apply.getByRole("button", { name: "提交办结申请" }).click();
    await toast(p, "已提交办结申请，等待领导小组办公室审核");
    await drawer.getByText("已提交办结申请，等待领导小组办公室审核（待审核）").waitFor();
    told.office.push(`办结申请：${ITEM}`);
  });

  it("the office signs off and rates it 良好: 已完成 with the rating", async () => {
    const p = office;
    const drawer = await openTask(p, ITEM);
    const review = drawer.locator(".ant-card").filter({ hasText: "审核办结申请" });
    await review.getByRole("radio", { name: "良好" }).check();
    await review.getByLabel("审核意见").fill("按期建成，资料齐全。");
    await review.getByRole("button", { name: "审核通过并办结" }).click();
    await toast(p, "已审核通过，任务已办结");
    await drawer.getByText("评价：良好").first().waitFor();
    await drawer.getByText("已办结").first().waitFor();
    await drawer.getByText("已完成").first().waitFor();
    await shot(p, "loop-05-signed-off");
    told.unit.push(`办结审核通过：${ITEM}（评价：良好）`);
  });

  it("the leader writes an instruction (批示) on the task", async () => {
    const p = leader;
    const drawer = await openTask(p, ITEM);
    const text = "中试基地要尽快发挥作用，服务企业成果转化。";
    await drawer.getByLabel("输入批示内容，办公室和责任单位将收到通知").fill(text);
    await drawer.getByRole("button", { name: exact("批示") }).click();
    await toast(p, "批示已发送，办公室和责任单位将收到通知");
    await drawer.getByRole("list", { name: "领导批示" }).getByText(text).waitFor();
    told.unit.push(`【领导批示】${ITEM}`);
    told.office.push(`【领导批示】${ITEM}`);
  });

  it("every inbox holds each message once, and the bell counts them", async () => {
    for (const [p, expected] of [
      [unit, told.unit],
      [office, told.office],
      [leader, [] as string[]],
    ] as const) {
      expect(tally(await inboxTitles(p, ITEM))).toEqual(tally(expected));
      await p.reload();
      await expect.poll(() => bellCount(p)).toBe(expected.length);
    }
    await assertFitsPhone(unit, "inbox after the loop");
    await shot(unit, "loop-06-phone-inbox");
  });

  it("the mail catcher received each email once per recipient", async () => {
    expect(stack.mailUrl, "the stack's mail catcher (E2E_MAIL_URL with E2E_BASE_URL)").toBeTruthy();
    // the worker sends the outbox every minute; the office sends it now instead of waiting
    await sendOutboxNow(office);
    const ours = async () =>
      (await caughtEmails(stack.mailUrl!)).filter((e) => e.subject.includes(ITEM));
    const byRecipient = async () => {
      const map: Record<string, string[]> = {};
      for (const e of await ours()) for (const to of e.to) (map[to] ??= []).push(e.subject);
      return map;
    };
    await expect
      .poll(async () => tally((await byRecipient())[STAFF] ?? []), {
        timeout: 70_000,
        interval: 1_000,
      })
      .toEqual(tally(told.unit));
    await expect
      .poll(async () => tally((await byRecipient())[OFFICE] ?? []), { timeout: 30_000 })
      .toEqual(tally(told.office));
    const all = await byRecipient();
    // every other address (a unit's contact mailbox, another office account) got one of the two
    // lists, each email once
    for (const [to, subjects] of Object.entries(all))
      expect([tally(told.unit), tally(told.office)], to).toContainEqual(tally(subjects));
    expect(all[LEADER]).toBeUndefined();
  });
});
