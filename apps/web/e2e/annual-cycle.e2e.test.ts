// The year's cycle (年度计划与考核, issue #18 "Done when") in Chromium, against `pnpm start` with the
// demo (息烽县, the end of November 2026: annual plans 2021–2026, scores published to 2026Q3). The
// office creates the 2027 年度工作要点 (the demo has none), pulls in a task led by 科学技术局 and
// issues it with a 文号: the unit gets it in its inbox and by mail. It sets an indicator's 2025
// 年度目标 on the indicator page and the indicator's light changes. On 考核评分 it publishes
// 2026Q4; on 督查通报 it drafts the bulletin from that publication, edits a paragraph, issues it,
// and reads the .docx back (title, 文号, the edited paragraph, the ranking). The unit gets the
// bulletin in its inbox and by mail and opens it on a phone; a draft stays the office's.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { launchChromium, PHONE } from "./browser.ts";
import { docxText } from "./docx.ts";
import { caughtMail } from "./mailbox.ts";
import { startStack, type Stack } from "./stack.ts";
import { choose, login, shot } from "./ui.ts";

const YEAR = 2027;
const ANNUAL_TITLE = `息烽县${YEAR}年度科技创新工作要点`;
const ANNUAL_DOC = `息科领办〔${YEAR}〕1号`;
const UNIT = "科学技术局";
const UNIT_EMAIL = "keji@xifeng.demo";
const PARAGRAPH = "各成员单位要对照通报逐项整改，于2027年1月15日前将整改情况报领导小组办公室。";

let stack: Stack;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let office: Page;
let unit: Page;
let bulletin: { id: string; docNumber: string; title: string };

async function page(device?: typeof PHONE): Promise<Page> {
  const p = await (await chromium.newContext(device)).newPage();
  p.on("pageerror", (e) => console.error("pageerror", e.message));
  return p;
}

/** A tRPC query through the page's session (its cookie). */
async function query<T>(p: Page, path: string, input: unknown): Promise<T> {
  const res = await p.request.get(
    `/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
  );
  expect(res.ok(), `${path}: ${res.status()}`).toBe(true);
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

const inboxTitles = async (p: Page) =>
  (
    await query<{ items: Array<{ title: string }> }>(p, "inbox.list", {
      page: 1,
      pageSize: 100,
      unreadOnly: false,
    })
  ).items.map((m) => m.title);

/** The mail catcher received `subject` for `email` exactly once (the outbox sends asynchronously). */
async function mailedOnce(subject: string, email: string) {
  if (!stack.dataDir) return; // a stack run elsewhere: no mailbox to read
  const received = () =>
    caughtMail(stack.dataDir!).filter((m) => m.subject === subject && m.to.includes(email));
  await expect.poll(() => received().length, { timeout: 90_000 }).toBeGreaterThan(0);
  expect(received()).toHaveLength(1);
}

/** A message of antd's toast. */
const toast = (p: Page, text: string | RegExp) =>
  p.locator(".ant-message").getByText(text).first().waitFor();

/** The page scrolls only vertically: nothing is wider than the window. */
async function noSideways(p: Page) {
  await expect
    .poll(() => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), {
      timeout: 5_000,
      message: "the page scrolls sideways",
    })
    .toBeLessThanOrEqual(0);
}

beforeAll(async () => {
  stack = await startStack({ redisDb: 9 });
  chromium = await launchChromium(stack.baseUrl);
  office = await page();
  unit = await page(PHONE);
  await login(office, "office@xifeng.demo", stack.password);
  await login(unit, UNIT_EMAIL, stack.password);
});

afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
});

describe("the year's cycle", () => {
  it(`the office creates the ${YEAR} 年度工作要点, pulls in a task and issues it with a 文号; the lead unit is told`, async () => {
    const p = office;
    await p.goto(`/annual?year=${YEAR}`);
    await p.getByText(`${YEAR} 年尚无年度工作要点`).waitFor();
    await p.getByRole("button", { name: "新建年度工作要点" }).click();
    const create = p.getByRole("dialog");
    await create.getByLabel("标题", { exact: false }).fill(ANNUAL_TITLE);
    await create.getByRole("button", { name: /^新\s*建$/ }).click();
    await toast(p, "已新建年度工作要点");
    await p.getByText("草稿仅领导小组办公室可见", { exact: false }).waitFor();

    await p.getByRole("button", { name: "列入规划任务" }).click();
    const pull = p.getByRole("dialog");
    await pull.getByPlaceholder("搜索").fill(UNIT);
    const first = pull.locator(".ant-checkbox-wrapper").first();
    await first.waitFor();
    const task = (await first.innerText()).trim();
    await first.click();
    // ticked: the deliverable and the due date in the year, prefilled
    await pull.getByRole("textbox", { name: "年度目标" }).waitFor();
    await shot(p, "annual-01-pull-tasks");
    await pull.getByRole("button", { name: /^提\s*交$/ }).click();
    await toast(p, "已列入 1 项");
    await p.getByRole("cell", { name: task }).first().waitFor();

    await p.getByRole("button", { name: /^印\s*发$/ }).click();
    const issue = p.getByRole("dialog");
    await issue.getByLabel("文号").fill(ANNUAL_DOC);
    await issue.getByRole("button", { name: /^印\s*发$/ }).click();
    await toast(p, "已印发");
    await p.getByText(ANNUAL_DOC).waitFor();
    await p.locator(".ant-tag", { hasText: "已印发" }).waitFor();
    await shot(p, "annual-02-issued");

    // the lead unit: the inbox message and the issued plan on its phone (the mail: in the last step,
    // so the two waits for the outbox's sender overlap)
    const subject = `【年度工作要点】${ANNUAL_TITLE}`;
    await expect
      .poll(async () => (await inboxTitles(unit)).filter((t) => t === subject))
      .toHaveLength(1);
    await unit.goto(`/annual?year=${YEAR}`);
    await unit.getByText(task).first().waitFor();
    await noSideways(unit);
    await shot(unit, "annual-03-unit-phone");
  });

  it("the office sets an indicator's 年度目标 and its light changes", async () => {
    const p = office;
    type Indicator = {
      id: string;
      name: string;
      direction: "INCREASE" | "DECREASE";
      latest: { period: string; value: number } | null;
      assessment: { status: string };
      annualTargets: Array<{ year: number; value: number }>;
    };
    const plans = await query<Array<{ id: string; title: string }>>(p, "plan.list", {});
    const plan = plans.find((x) => x.title.startsWith("息烽县"))!;
    const list = async () =>
      (await query<{ indicators: Indicator[] }>(p, "indicator.list", { planId: plan.id }))
        .indicators;
    // an indicator on track at its last value (2025Q4), with no 2025 target yet
    const ind = (await list()).find(
      (i) =>
        i.assessment.status === "ON_TRACK" &&
        i.latest?.period === "2025Q4" &&
        i.latest.value > 0 &&
        !i.annualTargets.some((t) => t.year === 2025),
    )!;
    expect(ind, "an indicator on track in the demo").toBeTruthy();
    // a 2025 target well beyond (or, for a falling indicator, below) what was reached
    const value =
      Math.round(ind.latest!.value * (ind.direction === "INCREASE" ? 1.5 : 0.5) * 100) / 100;

    await p.goto("/indicators");
    await p.getByRole("button", { name: `选择指标：${ind.name}` }).click();
    const card = p.locator(".ant-card", { has: p.getByRole("heading", { name: ind.name }) });
    await card.locator(".ant-card-head [data-status=ON_TRACK]").waitFor();
    await shot(p, "annual-04-indicator-before");
    await card.getByRole("tab", { name: "年度目标" }).click();
    await choose(p, "年度", "2025");
    await p.locator("#annualTarget_value").fill(String(value));
    await p.locator("#annualTarget_note").fill(`${YEAR - 2}年度工作要点`);
    await p.getByRole("button", { name: "设定年度目标" }).click();
    await toast(p, "已设定 2025 年度目标");
    // the target joins the table, and the value of 2025Q4 is now behind it
    await card
      .getByRole("cell", { name: String(value) })
      .first()
      .waitFor();
    await card.locator(".ant-card-head [data-status=ON_TRACK]").waitFor({ state: "detached" });
    const after = (await list()).find((i) => i.id === ind.id)!;
    expect(after.assessment.status).not.toBe("ON_TRACK");
    expect(after.annualTargets).toContainEqual({ year: 2025, value });
    await shot(p, "annual-05-indicator-target");
  });

  it("the office publishes 2026Q4's scores, drafts the bulletin, edits a paragraph and issues it; the .docx reads back", async () => {
    const p = office;
    await p.goto("/assessment");
    await p.getByText("年度最终成绩", { exact: false }).waitFor();
    await p.locator(".ant-segmented-item", { hasText: "Q4" }).click();
    await p.getByText("季度暂定成绩", { exact: false }).waitFor();
    await p.getByRole("button", { name: "发布成绩" }).click();
    await p.getByText("发布 2026Q4 的成绩？", { exact: false }).waitFor();
    await p
      .locator(".ant-popconfirm")
      .getByRole("button", { name: /^确\s*定$/ })
      .click();
    await toast(p, "成绩已发布");
    await shot(p, "annual-06-published");

    await p.goto("/bulletins");
    await choose(p, "选择已发布的评分期", "2026年第四季度");
    await p.getByRole("button", { name: "生成通报草稿" }).click();
    await toast(p, "已生成通报草稿");
    await p.waitForURL(/bulletin=/);
    const id = new URL(p.url()).searchParams.get("bulletin")!;
    const paragraph = p.getByRole("textbox", { name: "四、工作要求 1" });
    await paragraph.fill(PARAGRAPH);
    await p.getByRole("button", { name: /^保\s*存$/ }).click();
    await toast(p, "通报已保存");
    await shot(p, "annual-07-bulletin-draft");
    await p.getByRole("button", { name: /^印\s*发$/ }).click();
    await p
      .locator(".ant-popconfirm")
      .getByRole("button", { name: /^印\s*发$/ })
      .click();
    const issued = await p
      .locator(".ant-message")
      .getByText(/已印发 息烽科督通〔2026〕\d+号/)
      .innerText();
    const docNumber = /息烽科督通〔2026〕\d+号/.exec(issued)![0];
    type Got = {
      title: string;
      state: string;
      ranking: Array<{ rank: number; departmentName: string; total: number }>;
    };
    const b = await query<Got>(p, "bulletin.get", { bulletinId: id });
    expect(b.state).toBe("ISSUED");
    bulletin = { id, docNumber, title: b.title };
    await p.getByText(PARAGRAPH).waitFor(); // the issued text, read-only
    await shot(p, "annual-08-bulletin-issued");

    const res = await p.request.get(`/api/bulletins/${id}/document`);
    expect(res.ok()).toBe(true);
    expect(res.headers()["content-type"]).toContain("wordprocessingml");
    const text = docxText(await res.body());
    const lines = text.split("\n").map((l) => l.trim());
    expect(text).toContain(docNumber);
    expect(text.replace(/\n/g, "")).toContain(b.title);
    expect(lines).toContain(PARAGRAPH);
    expect(b.ranking.length).toBeGreaterThan(3);
    // the ranking table: each unit's row as rank, unit, total
    for (const r of b.ranking) {
      const at = lines.indexOf(r.departmentName);
      expect(at, r.departmentName).toBeGreaterThan(0);
      expect(lines[at - 1]).toBe(String(r.rank));
      expect(lines[at + 1]).toBe(String(Number(r.total.toFixed(2))));
    }
  });

  it("the unit gets the bulletin and the 年度工作要点 by mail and the bulletin in its inbox, and opens it on a phone; a draft stays the office's", async () => {
    const subject = `【督查通报】${bulletin.docNumber} ${bulletin.title}`;
    await expect
      .poll(async () => (await inboxTitles(unit)).filter((t) => t === subject))
      .toHaveLength(1);
    await mailedOnce(`【年度工作要点】${ANNUAL_TITLE}`, UNIT_EMAIL);
    await mailedOnce(subject, UNIT_EMAIL);
    await unit.goto("/inbox");
    await unit.getByText(subject).first().click();
    await unit.waitForURL(new RegExp(`bulletin=${bulletin.id}`));
    await unit.getByText(PARAGRAPH).waitFor();
    await unit.getByText(bulletin.docNumber).first().waitFor();
    await expect.poll(() => unit.getByRole("textbox").count()).toBe(0); // read-only
    await noSideways(unit);
    await shot(unit, "annual-09-unit-bulletin-phone");

    // a second draft of the office's: not in the unit's list, and its address shows nothing
    await office.goto("/bulletins");
    await choose(office, "选择已发布的评分期", "2026年第四季度");
    await office.getByRole("button", { name: "生成通报草稿" }).click();
    await toast(office, "已生成通报草稿");
    await office.waitForURL(
      (u) => !!u.searchParams.get("bulletin") && !u.search.includes(bulletin.id),
    );
    const draft = new URL(office.url()).searchParams.get("bulletin")!;
    const list = await query<{ bulletins: Array<{ id: string }> }>(unit, "bulletin.list", {
      jurisdictionId: (
        await query<{ jurisdictionId: string }>(office, "bulletin.get", { bulletinId: draft })
      ).jurisdictionId,
    });
    expect(list.bulletins.map((x) => x.id)).toEqual([bulletin.id]);
    await unit.goto(`/bulletins?bulletin=${draft}`);
    await unit.getByText("请从通报列表中选择一份通报").waitFor();
    expect(await unit.getByText(bulletin.docNumber).count()).toBeGreaterThan(0);
    expect(await unit.getByText("通报草稿").count()).toBe(0);
    const file = await unit.request.get(`/api/bulletins/${draft}/document`);
    expect(file.status()).toBe(404);
    await shot(unit, "annual-10-unit-no-draft-phone");
  });
});
