import path from "node:path";

import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { launchChromium, PHONE } from "./browser.ts";
import {
  assertFitsPhone,
  drawerOf,
  exact,
  inboxTitles,
  openTask,
  pickDate,
  toast,
} from "./loop.ts";
import { printStackLogOnFailure, startStack, type Stack } from "./stack.ts";
import { ARTIFACTS, choose, login, shot } from "./ui.ts";

/**
 * Layer by layer (层层分解, issue #19 "Done when") in Chromium, against `pnpm start` with the demo
 * world (遵义市 → 湄潭县 / 凤冈县 / 正安县): the city office registers an item in its year's
 * document and hands it down (下达) to 湄潭县 (weight 3) and 凤冈县 (weight 1) with a 分解时限;
 * each county office finds it in its inbox and in 待分解; 湄潭县's office decomposes it (分解) into
 * a task for its 科技局 (weight 2) and one for the town 永兴镇 (weight 1); 湄潭县's 科技局 reports
 * 60 % on a phone through the ledger and the county office approves it; the city sees the roll-up
 * in the task's 层层分解 and on its cockpit, 凤冈县 still 待分解. A county office can never act on
 * the city's item: its page offers no control, and the api refuses the call.
 *
 * The roll-up, by hand (the rule in migration 20261202020000_cascade_rollups: weighted means,
 * rounded half up, a PENDING assignment counting 0):
 *   湄潭县's assignment = (2 × 60 + 1 × 0) / (2 + 1) = 40
 *   the city's item     = (3 × 40 + 1 × 0) / (3 + 1) = 30   (凤冈县 not decomposed: 0)
 */

const YEAR = new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(
  new Date(),
);
const TODAY = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(new Date());
// unique per run, so a run against a stack that is already running (E2E_BASE_URL) finds its own
const RUN = Date.now().toString(36);
const ITEM = `推进县域茶产业数字化科技示范（${RUN}）`;
const TASK_KEJI = `建设茶产业数字化示范基地（${RUN}）`;
const TASK_TOWN = `永兴镇茶园数字化改造（${RUN}）`;
const DUE = `${YEAR}-12-31`;
// the 分解时限: the last day of the year is never before today, as the form requires
const DECOMPOSE_BY = DUE;

// the demo's year documents (demo-units.ts: `${name}${year}年科技创新${document}`)
const CITY_PLAN = `遵义市${YEAR}年科技创新重点任务分工方案`;
const MEITAN_PLAN = `湄潭县${YEAR}年科技创新工作要点`;

const CITY_OFFICE = "office@zunyi.demo";
const CITY_LEADER = "leader@zunyi.demo";
const MEITAN_OFFICE = "office@meitan.demo";
const MEITAN_KEJI = "keji@meitan.demo";
const FENGGANG_OFFICE = "office@fenggang.demo";

const WEIGHT = { meitan: 3, fenggang: 1, keji: 2, town: 1 };
const REPORTED = 60;
const MEITAN_PROGRESS = Math.round(
  (WEIGHT.keji * REPORTED + WEIGHT.town * 0) / (WEIGHT.keji + WEIGHT.town),
);
const CITY_PROGRESS = Math.round(
  (WEIGHT.meitan * MEITAN_PROGRESS + WEIGHT.fenggang * 0) / (WEIGHT.meitan + WEIGHT.fenggang),
);

let stack: Stack;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let city: Page;
let leader: Page;
let meitan: Page;
let fenggang: Page;
/** 湄潭县 科技局's staff member, on a phone (375 × 812) */
let keji: Page;
let cityTaskId = "";
/** 湄潭县's and 凤冈县's 任务数 on the city leader's cockpit before the cascade */
const before = { meitan: 0, fenggang: 0 };

async function page(context: BrowserContext): Promise<Page> {
  const p = await context.newPage();
  // a step that cannot happen fails in seconds, not at the test's timeout
  p.setDefaultTimeout(60_000);
  p.on("pageerror", (e) => console.error("pageerror", e.message));
  return p;
}

/** Picks an option of an antd Select inside `scope`, found by its accessible name. */
async function chooseIn(p: Page, scope: Locator, name: string, option: string) {
  await scope.getByRole("combobox", { name }).first().click();
  await p.keyboard.type(option);
  await p
    .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option", {
      hasText: option,
    })
    .first()
    .click();
}

/** A row of the 层层分解 panel (a sub-task or an assignment), by the link it carries. */
const treeRow = (scope: Locator, link: string) =>
  scope
    .getByTestId("task-tree")
    .locator(".ant-flex")
    .filter({ has: scope.page().getByRole("link", { name: link, exact: true }) })
    .last();

/** The 待分解 card of the item on /assignments (the list of what came from above). */
async function receivedCard(p: Page, state = "待分解"): Promise<Locator> {
  await p.goto("/assignments");
  await p.getByRole("tab", { name: "待分解", selected: true }).waitFor();
  // the state filter (a Segmented): 待分解 first, 已分解 once decomposed
  await p.locator(".ant-segmented-item", { hasText: state }).click();
  const card = p.locator("[data-testid^=assignment-]").filter({ hasText: ITEM });
  await card.waitFor();
  return card;
}

/**
 * A tRPC mutation sent from the page as the web client sends it (superjson body, the CSRF header):
 * the HTTP status and the error's code.
 */
async function mutate(p: Page, procedure: string, input: unknown) {
  return p.evaluate(
    async ({ procedure, input }) => {
      const res = await fetch(`/trpc/${procedure}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-duban-csrf": "1" },
        body: JSON.stringify({ json: input }),
      });
      const body = (await res.json()) as { error?: { json?: { data?: { code?: string } } } };
      return { status: res.status, code: body.error?.json?.data?.code ?? null };
    },
    { procedure, input },
  );
}

/** A tRPC query sent from the page (superjson input in the query string): its data. */
async function query<T>(p: Page, procedure: string, input: unknown): Promise<T> {
  return p.evaluate(
    async ({ procedure, input }) => {
      const q = encodeURIComponent(JSON.stringify({ json: input }));
      const res = await fetch(`/trpc/${procedure}?input=${q}`);
      const body = (await res.json()) as { result: { data: { json: unknown } } };
      return body.result.data.json;
    },
    { procedure, input },
  ) as Promise<T>;
}

type ListedTask = { title: string; status: string; progress: number };

/**
 * 湄潭县's tasks in its active plans, as the task list gives them to the user (plan.list,
 * task.list): what the cockpit's 任务数 and mean 进度 of 湄潭县 are worked out from by hand.
 */
async function meitanTasks(p: Page): Promise<ListedTask[]> {
  const plans = await query<Array<{ id: string; status: string; jurisdiction: { name: string } }>>(
    p,
    "plan.list",
    {},
  );
  const out: ListedTask[] = [];
  for (const plan of plans.filter((x) => x.jurisdiction.name === "湄潭县" && x.status === "ACTIVE"))
    for (let page = 1; ; page++) {
      const list = await query<{ total: number; items: ListedTask[] }>(p, "task.list", {
        planId: plan.id,
        page,
        pageSize: 200,
      });
      out.push(...list.items);
      if (page * 200 >= list.total) break;
    }
  return out;
}

/** A jurisdiction's row of the cockpit's 各辖区完成情况 table: 任务数 and 进度 / 序时. */
async function cockpitRow(p: Page, jurisdiction: string) {
  const row = p
    .locator(".ant-card", { hasText: "各辖区完成情况与红黄绿灯" })
    .locator(".ant-table-row")
    .filter({
      has: p
        .locator("td")
        .first()
        .filter({ hasText: new RegExp(`^\\s*${jurisdiction}`) }),
    })
    .first();
  await row.waitFor();
  const cells = await row.locator("td").allInnerTexts();
  return { tasks: Number(cells[2]), progress: cells[7]!.trim() };
}

beforeAll(async () => {
  stack = await startStack({ redisDb: 5 });
  chromium = await launchChromium(stack.baseUrl);
  city = await page(await chromium.newContext());
  leader = await page(await chromium.newContext());
  meitan = await page(await chromium.newContext());
  fenggang = await page(await chromium.newContext());
  keji = await page(await chromium.newContext(PHONE));
  await login(city, CITY_OFFICE, stack.password);
  await login(leader, CITY_LEADER, stack.password);
  await login(meitan, MEITAN_OFFICE, stack.password);
  await login(fenggang, FENGGANG_OFFICE, stack.password);
  await login(keji, MEITAN_KEJI, stack.password);
});

// a failed step leaves what each user saw in test-artifacts/
afterEach(async ({ task }) => {
  if (task.result?.state !== "fail") return;
  printStackLogOnFailure(stack, true);
  for (const [name, p] of Object.entries({ city, leader, meitan, fenggang, keji }))
    await p
      ?.screenshot({ path: path.join(ARTIFACTS, `cascade-failed-${name}.png`) })
      .catch(() => {});
});

afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
});

describe("layer by layer: the city assigns, a county decomposes and reports, the city sees it", () => {
  it("the city leader's cockpit shows the counties before the cascade", async () => {
    await leader.goto("/cockpit");
    before.meitan = (await cockpitRow(leader, "湄潭县")).tasks;
    before.fenggang = (await cockpitRow(leader, "凤冈县")).tasks;
    expect(before.meitan).toBeGreaterThan(0);
    await shot(leader, "cascade-00-leader-cockpit-before");
  });

  it("the city office registers an item in its year's document and 下达 it to two counties", async () => {
    const p = city;
    await p.goto("/tasks");
    await choose(p, "选择规划", CITY_PLAN);
    await p.getByRole("button", { name: exact("立项") }).click();
    const modal = p.locator(".ant-modal").filter({ hasText: "督办事项立项" });
    await modal.getByLabel("任务名称").fill(ITEM);
    await modal.getByLabel("任务说明").fill("各县结合茶产业实际，建设数字化科技示范基地。");
    await choose(p, "牵头单位", "科学技术局");
    await pickDate(modal, "开始日期", TODAY);
    await pickDate(modal, "完成时限", DUE);
    await modal.getByRole("button", { name: exact("提交") }).click();
    await toast(p, "已立项并交办，待责任单位签收");
    await p.keyboard.press("Escape");

    const drawer = await openTask(p, ITEM);
    const tree = drawer.getByTestId("task-tree");
    await tree.getByText("暂无下级任务或下达").waitFor();
    await tree.getByRole("button", { name: exact("下达") }).click();
    const assign = p.locator(".ant-modal").filter({ hasText: "下达到下级辖区" });
    const targets = assign.getByRole("group", { name: "承接辖区" });
    // the city's direct child jurisdictions of the demo, each with its year's document
    for (const county of ["湄潭县", "凤冈县", "正安县"])
      await targets.getByRole("checkbox", { name: county }).waitFor();
    await targets.getByRole("checkbox", { name: "湄潭县" }).check();
    await targets.getByRole("checkbox", { name: "凤冈县" }).check();
    await assign.getByLabel("湄潭县 权重").fill(String(WEIGHT.meitan));
    await assign.getByLabel("凤冈县 权重").fill(String(WEIGHT.fenggang));
    // the county's only active plan is chosen for it
    await expect
      .poll(() =>
        assign
          .getByTestId(/^target-/)
          .filter({ hasText: "湄潭县" })
          .innerText(),
      )
      .toContain(MEITAN_PLAN);
    await pickDate(assign, "分解时限", DECOMPOSE_BY);
    await assign.getByLabel("分解要求").fill("请细化到县直部门和乡镇，按季度报送进展。");
    await shot(p, "cascade-01-city-assign");
    await assign.getByRole("button", { name: exact("下达") }).click();
    await toast(p, "已下达 2 个辖区");

    // the task's 层层分解: both counties, their weights, 待分解, nothing done yet
    for (const [county, weight] of [
      ["湄潭县", WEIGHT.meitan],
      ["凤冈县", WEIGHT.fenggang],
    ] as const) {
      const row = treeRow(drawer, county);
      await row.waitFor();
      await expect.poll(() => row.innerText()).toMatch(new RegExp(`权重 ${weight}[\\s\\S]*0%`));
      expect(await row.innerText()).toContain("待分解");
    }
    await drawer.getByText("本任务的进度由下级任务和下达事项按权重自动汇总").waitFor();
    await shot(p, "cascade-02-city-tree");
    await p.getByRole("link", { name: "单独打开" }).click();
    await p.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
    cityTaskId = new URL(p.url()).pathname.split("/").pop()!;
  });

  it("each county office finds it in its inbox and in 待分解", async () => {
    for (const [p, name] of [
      [meitan, "meitan"],
      [fenggang, "fenggang"],
    ] as const) {
      expect(await inboxTitles(p, ITEM)).toEqual([`【下达】${ITEM}`]);
      const card = await receivedCard(p);
      expect(await card.innerText()).toContain("下达单位：遵义市");
      expect(await card.innerText()).toContain(`分解时限：${DECOMPOSE_BY}`);
      await card.getByText("待分解").first().waitFor();
      await shot(p, `cascade-03-${name}-received`);
    }
  });

  it("湄潭县's office decomposes it into a task for 科技局 and one for the town 永兴镇", async () => {
    const p = meitan;
    const card = await receivedCard(p);
    await card.getByText(ITEM).click();
    const drawer = drawerOf(p, ITEM);
    await drawer.getByText("分解为本级任务").waitFor();
    // the city's item, read-only, and the plan the city chose
    await drawer.getByText("上级事项（只读）").waitFor();
    await drawer.getByText(MEITAN_PLAN).first().waitFor();
    await drawer.getByRole("button", { name: "添加任务" }).click();
    const rows = [
      { n: 1, title: TASK_KEJI, unit: "科学技术局", weight: WEIGHT.keji },
      { n: 2, title: TASK_TOWN, unit: "永兴镇", weight: WEIGHT.town },
    ];
    for (const r of rows) {
      const row = drawer.locator(".ant-card").filter({ hasText: `任务 ${r.n}` });
      await row.getByLabel("任务名称").fill(r.title);
      await chooseIn(p, row, "牵头单位", r.unit);
      // no Escape here: once the option list has closed, Escape reaches the drawer, which closes
      // and takes the unsaved form with it (a CI run lost the decomposition that way)
      await expect
        .poll(() => p.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)").count())
        .toBe(0);
      // the dates start as the city's item's
      expect(await row.getByLabel("完成时限").inputValue()).toBe(DUE);
      await row.getByRole("spinbutton").fill(String(r.weight));
    }
    await shot(p, "cascade-04-meitan-decompose");
    await drawer.getByRole("button", { name: exact("分解") }).click();
    await toast(p, "已分解，共 2 项任务");
    // the assignment now lists the county's tasks, at 0 %
    await drawer.getByText("本级分解的任务").waitFor();
    await drawer.getByRole("link", { name: TASK_KEJI }).waitFor();
    await drawer.getByRole("link", { name: TASK_TOWN }).waitFor();
    await shot(p, "cascade-05-meitan-decomposed");
  });

  it("a county office cannot act on the city's item: no control, and the api refuses", async () => {
    const p = meitan;
    // the city's task itself is not the county's to open: it reads the item in its assignment
    await p.goto(`/tasks/${cityTaskId}`);
    await p.getByText("任务不存在或无权查看").waitFor();
    const card = await receivedCard(p, "已分解");
    const assignmentId = (await card.getAttribute("data-testid"))!.replace(/^assignment-/, "");
    await card.getByText(ITEM).click();
    const drawer = drawerOf(p, ITEM);
    await drawer.getByText("上级事项（只读）").waitFor();
    // the county may add tasks of its own below (追加任务), never change what the city gave it
    await drawer.getByText("本级分解的任务").waitFor();
    // no 调整 (weight, deadline), 撤回 or 下达 for the county on what the city gave it
    for (const name of ["调整", "撤回", "下达"])
      expect(await drawer.getByRole("button", { name: exact(name) }).count(), name).toBe(0);
    await shot(p, "cascade-06-meitan-readonly");
    // and the api refuses the county office on the city's item and on the city's assignment
    const weight = await mutate(p, "cascade.setTaskWeight", {
      taskId: cityTaskId,
      version: 1,
      weight: 5,
    });
    expect(weight.code, JSON.stringify(weight)).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
    const view = await query<{ version: number }>(p, "cascade.get", { assignmentId });
    const raise = await mutate(p, "cascade.update", {
      assignmentId,
      version: view.version,
      weight: 9,
    });
    expect(raise, "the county raises its own weight").toEqual({ status: 403, code: "FORBIDDEN" });
    // 凤冈县 sees nothing of 湄潭县's assignment
    await fenggang.goto(`/assignments?assignment=${assignmentId}`);
    const seen = await fenggang.evaluate(async (assignmentId) => {
      const q = encodeURIComponent(JSON.stringify({ json: { assignmentId } }));
      return (await fetch(`/trpc/cascade.get?input=${q}`)).status;
    }, assignmentId);
    expect(seen, "凤冈县 reads 湄潭县's assignment").toBe(404);
    expect(await fenggang.getByText(TASK_KEJI).count()).toBe(0);
  });

  it("湄潭县's 科技局 reports on a phone; the county office approves it", async () => {
    const p = keji;
    await p.goto("/ledger");
    await choose(p, "选择规划", MEITAN_PLAN);
    // a tap: on a phone the grid's fixed title column is narrow enough not to cover the cell
    // (playwright refuses a click another element would receive)
    await p.getByRole("button", { name: new RegExp(`${TASK_KEJI} .*待填报`) }).click();
    await p
      .getByLabel("进展情况")
      .fill("示范基地已完成选址和设备招标，部署茶园物联网监测点 20 个。");
    await p.getByLabel("完成比例（%）").fill(String(REPORTED));
    await choose(p, "任务状态", "推进中");
    await assertFitsPhone(p, "the ledger entry form");
    await shot(p, "cascade-07-keji-report-phone");
    await p.getByRole("button", { name: /提\s*交/ }).click();
    await p.getByText("台账已提交").first().waitFor();
    await p.keyboard.press("Escape");

    const o = meitan;
    await o.goto("/ledger");
    await choose(o, "选择规划", MEITAN_PLAN);
    await o.getByRole("tab", { name: /审核队列/ }).click();
    await o.getByRole("button", { name: TASK_KEJI }).first().click();
    await o.getByRole("button", { name: /通\s*过/ }).click();
    await toast(o, "已通过");
    // the county's assignment rolls up: (2 × 60 + 1 × 0) / 3 = 40
    const card = await receivedCard(o, "已分解");
    await expect
      .poll(() => card.getByLabel(/^进度 \d+%$/).getAttribute("aria-label"))
      .toBe(`进度 ${MEITAN_PROGRESS}%`);
  });

  it("the city sees the roll-up in the item's 层层分解; 凤冈县 is still 待分解", async () => {
    const p = city;
    await p.goto(`/tasks/${cityTaskId}`);
    const tree = p.getByTestId("task-tree");
    await tree.waitFor();
    const meitanRow = treeRow(p.locator("body"), "湄潭县");
    const fenggangRow = treeRow(p.locator("body"), "凤冈县");
    await expect.poll(() => meitanRow.innerText()).toMatch(new RegExp(`${MEITAN_PROGRESS}%`));
    expect(await fenggangRow.innerText()).toMatch(/待分解[\s\S]*权重 1[\s\S]*0%/);
    // the item's own progress is derived: (3 × 40 + 1 × 0) / 4 = 30
    await p.getByText(new RegExp(`^${CITY_PROGRESS}% / \\d+%$`)).waitFor();
    await shot(p, "cascade-08-city-rollup");
  });

  it("the city leader's cockpit shows 湄潭县's new tasks and progress; 凤冈县 is unchanged", async () => {
    const p = leader;
    await p.goto("/cockpit");
    await expect.poll(async () => (await cockpitRow(p, "湄潭县")).tasks).toBe(before.meitan + 2);
    const tasks = await meitanTasks(p);
    expect(tasks.length).toBe(before.meitan + 2);
    const active = tasks.filter((t) => t.status !== "CANCELLED");
    const sum = active.reduce((s, t) => s + t.progress, 0);
    // the two new tasks: 科技局's approved 60, 永兴镇's 0
    expect(tasks.find((t) => t.title === TASK_KEJI)?.progress).toBe(REPORTED);
    expect(tasks.find((t) => t.title === TASK_TOWN)?.progress).toBe(0);
    const mean = Math.round(sum / active.length);
    await expect
      .poll(async () => (await cockpitRow(p, "湄潭县")).progress)
      .toMatch(new RegExp(`^${mean}% / \\d+%$`));
    // 凤冈县 has not decomposed: nothing new below it
    expect((await cockpitRow(p, "凤冈县")).tasks).toBe(before.fenggang);
    await shot(p, "cascade-09-leader-cockpit");
  });
});
