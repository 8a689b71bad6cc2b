import { describe, expect } from "vitest";

import { expectedProgress, hashPassword, shanghaiDay } from "@duban/domain";
import { readWorkbook } from "@duban/reports";

import { cookieOf, loginAs, outcome, type Client } from "./harness.ts";
import { servedTest } from "./served-world.ts";
import { PASSWORD, type buildWorld } from "./world.ts";

type Db = Parameters<typeof buildWorld>[0];

/**
 * A city (驾驶舱市) over two counties (东县, 西县), with a town unit (东镇, 乡镇 as a unit) in 东县.
 * Plans, all ACTIVE but one: the city's P0, 东县's P1 and 西县's P2 (and a DRAFT in 西县 that no
 * figure may count). Task dates are far enough from today that every state is fixed for years:
 *   P0 c1 COMPLETED (市科技局) · c2 progress 20 of 2021→2030 (LAGGING, RED: 序时 ≈ 59)
 *   P1 e1 progress 50 due 2020-12-31 (OVERDUE, RED; 东县科技局) · e2 progress 95 (ON_SCHEDULE,
 *      GREEN; 东镇) · e3 CANCELLED (东镇)
 *   P2 w1 COMPLETED · w2 progress 95 (ON_SCHEDULE, GREEN) (西县科技局)
 *   DRAFT w3 progress 0 (would be LAGGING)
 * Indicators (baseline 2020 → target 2025, so 序时目标 is the target today): P0 I1 200 / value 210
 * (ON_TRACK; by 片区: 东县片区 100 of 100 ON_TRACK, 西县片区 60 of 100 OFF_TRACK), I2 200 / value
 * 150 (OFF_TRACK; shares: 东县 20 of 20 ON_TRACK through its own indicator in P1, 西县 pending:
 * NO_DATA), I3 no value (NO_DATA). Reporting 2026Q3: P1's open cycle expects e1 and e2 (2), e1 is
 * reported (1); P2's closed cycle recorded 4 expected, 3 submitted (2 on time, 1 late).
 */
async function buildCockpitWorld(db: Db) {
  const hash = await hashPassword(PASSWORD);
  const city = await db.jurisdiction.create({ data: { name: "驾驶舱市", kind: "CITY" } });
  const east = await db.jurisdiction.create({
    data: { name: "东县", kind: "COUNTY", parentId: city.id },
  });
  const west = await db.jurisdiction.create({
    data: { name: "西县", kind: "COUNTY", parentId: city.id },
  });
  const unit = (jurisdictionId: string, name: string, kind: "DEPARTMENT" | "TOWN" = "DEPARTMENT") =>
    db.department.create({ data: { jurisdictionId, name, kind } });
  const cD = await unit(city.id, "市科技局");
  const eD = await unit(east.id, "东县科技局");
  const eTown = await unit(east.id, "东镇", "TOWN");
  const wD = await unit(west.id, "西县科技局");
  const user = async (
    email: string,
    jurisdictionId: string,
    role: "OFFICE" | "DEPARTMENT" | "LEADER",
    departmentId?: string,
  ) => {
    const u = await db.user.create({
      data: { email, name: email.split("@")[0]!, passwordHash: hash },
    });
    await db.membership.create({
      data: { userId: u.id, jurisdictionId, role, departmentId: departmentId ?? null },
    });
  };
  await user("leader@cockpit-city.test", city.id, "LEADER");
  await user("office@cockpit-city.test", city.id, "OFFICE");
  await user("staff@cockpit-city.test", city.id, "DEPARTMENT", cD.id);
  await user("leader@cockpit-east.test", east.id, "LEADER");
  await user("office@cockpit-east.test", east.id, "OFFICE");
  await user("staff@cockpit-east.test", east.id, "DEPARTMENT", eD.id);
  const plan = (jurisdictionId: string, title: string, status: "ACTIVE" | "DRAFT" = "ACTIVE") =>
    db.plan.create({
      data: {
        jurisdictionId,
        title,
        periodStart: 2021,
        periodEnd: 2025,
        status,
        sourceFileName: `${title}.txt`,
        sourceFormat: "txt",
        sourceHash: title,
        sourceText: "",
        parserVersion: 1,
        parseResult: {},
      },
    });
  const p0 = await plan(city.id, "驾驶舱市规划");
  const p1 = await plan(east.id, "东县规划");
  const p2 = await plan(west.id, "西县规划");
  const draft = await plan(west.id, "西县草案", "DRAFT");
  const task = (
    planId: string,
    title: string,
    leadDepartmentId: string,
    t: { start: string; due: string; status: string; progress: number },
  ) =>
    db.task.create({
      data: {
        planId,
        title,
        leadDepartmentId,
        startDate: new Date(t.start),
        dueDate: new Date(t.due),
        originalDueDate: new Date(t.due),
        status: t.status as "IN_PROGRESS",
        progress: t.progress,
        completedAt: t.status === "COMPLETED" ? new Date("2025-06-30") : null,
      },
    });
  const long = { start: "2021-01-01", due: "2030-12-31" };
  const done = { start: "2021-01-01", due: "2025-12-31", status: "COMPLETED", progress: 100 };
  await task(p0.id, "市任务一", cD.id, done);
  const c2 = await task(p0.id, "市任务二", cD.id, { ...long, status: "IN_PROGRESS", progress: 20 });
  const e1 = await task(p1.id, "东县任务一", eD.id, {
    start: "2020-01-01",
    due: "2020-12-31",
    status: "IN_PROGRESS",
    progress: 50,
  });
  await task(p1.id, "东镇任务二", eTown.id, { ...long, status: "IN_PROGRESS", progress: 95 });
  await task(p1.id, "东镇任务三", eTown.id, { ...long, status: "CANCELLED", progress: 0 });
  await task(p2.id, "西县任务一", wD.id, done);
  const w2 = await task(p2.id, "西县任务二", wD.id, {
    ...long,
    status: "IN_PROGRESS",
    progress: 95,
  });
  await task(draft.id, "西县草案任务", wD.id, { ...long, status: "IN_PROGRESS", progress: 0 });

  const indicator = (planId: string, number: number, name: string, b: number, t: number) =>
    db.indicator.create({
      data: {
        planId,
        number,
        name,
        baselineYear: 2020,
        baselineValue: b,
        targetYear: 2025,
        targetValue: t,
      },
    });
  const i1 = await indicator(p0.id, 1, "高新技术企业数", 100, 200);
  const i2 = await indicator(p0.id, 2, "研发投入", 100, 200);
  await indicator(p0.id, 3, "技术合同成交额", 100, 200);
  await db.indicator.update({ where: { id: i1.id }, data: { byDistrict: true } });
  const observe = (indicatorId: string, value: number, districtId: string | null = null) =>
    db.indicatorObservation.create({ data: { indicatorId, period: "2026Q1", value, districtId } });
  await observe(i1.id, 210);
  await observe(i2.id, 150);
  const dEast = await db.district.create({
    data: { jurisdictionId: city.id, name: "东县片区", childJurisdictionId: east.id, order: 1 },
  });
  const dWest = await db.district.create({
    data: { jurisdictionId: city.id, name: "西县片区", childJurisdictionId: west.id, order: 2 },
  });
  for (const d of [dEast, dWest])
    await db.indicatorDistrict.create({
      data: { indicatorId: i1.id, districtId: d.id, baselineValue: 50, targetValue: 100 },
    });
  await observe(i1.id, 100, dEast.id);
  await observe(i1.id, 60, dWest.id);
  const share = (toJurisdictionId: string, state: "DECOMPOSED" | "PENDING") =>
    db.assignment.create({
      data: {
        kind: "INDICATOR",
        fromJurisdictionId: city.id,
        toJurisdictionId,
        parentIndicatorId: i2.id,
        shareBaseline: 10,
        shareTarget: 20,
        decomposeBy: new Date("2026-03-31"),
        state,
      },
    });
  const eastShare = await share(east.id, "DECOMPOSED");
  await share(west.id, "PENDING");
  const child = await db.indicator.create({
    data: {
      planId: p1.id,
      number: 1,
      name: "研发投入（东县份额）",
      baselineYear: 2020,
      baselineValue: 10,
      targetYear: 2025,
      targetValue: 20,
      assignmentId: eastShare.id,
    },
  });
  await observe(child.id, 20);

  const now = Date.now();
  const cycle = (planId: string, state: "OPEN" | "CLOSED") =>
    db.reportingCycle.create({
      data: {
        planId,
        period: "2026Q3",
        opensAt: new Date("2026-10-01"),
        dueAt: new Date(now + 7 * 86400_000),
        closesAt: new Date(now + 14 * 86400_000),
        state,
      },
    });
  const open = await cycle(p1.id, "OPEN");
  const closed = await cycle(p2.id, "CLOSED");
  await db.ledgerEntry.create({
    data: {
      taskId: e1.id,
      cycleId: open.id,
      period: "2026Q3",
      departmentId: eD.id,
      progressText: "推进中",
      percentComplete: 50,
      status: "IN_PROGRESS",
    },
  });
  await db.cycleDepartmentStat.create({
    data: {
      cycleId: closed.id,
      departmentId: wD.id,
      expected: 4,
      submitted: 3,
      onTime: 2,
      late: 1,
    },
  });
  return { city, east, west, cD, eD, eTown, wD, p0, p1, p2, i1, i2, c2, e1, w2 };
}

const test = servedTest().extend<{
  $file: { cw: Awaited<ReturnType<typeof buildCockpitWorld>> };
}>({
  cw: [
    async ({ database, world: _w }, use) => use(await buildCockpitWorld(database.db)),
    { scope: "file" },
  ],
});

const as = (api: Parameters<typeof loginAs>[0], who: string) =>
  loginAs(api, `${who}.test`, PASSWORD);

describe("驾驶舱 (issue #19)", () => {
  test("a city leader sees the city and both counties with hand-checked numbers", async ({
    api,
    cw,
  }) => {
    const leader = await as(api, "leader@cockpit-city");
    const s = await leader.cockpit.summary.query({});
    const today = shanghaiDay(new Date());
    // 序时进度 of a 2021→2030 task today (≈ 59); a completed task due 2025 counts 100
    const E = expectedProgress("2021-01-01", "2030-12-31", today);
    expect(s.root).toMatchObject({ id: cw.city.id, name: "驾驶舱市" });
    expect(s.jurisdictions.map((j) => j.name)).toEqual(["驾驶舱市", "东县", "西县"]);
    // the draft plan is not counted: 7 tasks of 3 plans
    expect(s.totals).toMatchObject({
      plans: 3,
      total: 7,
      completed: 2,
      cancelled: 1,
      lagging: 1,
      overdue: 1,
      onSchedule: 2,
      red: 2,
      yellow: 0,
      green: 2,
      // 2 of the 6 not cancelled
      completionRate: 33.3,
      // (100 + 20 + 50 + 95 + 100 + 95) / 6 = 76.67
      reportedProgress: 77,
    });
    const byName = new Map(s.jurisdictions.map((j) => [j.name, j]));
    const cityRow = byName.get("驾驶舱市")!;
    // the city's own (its one plan, on the plan list): c1 done, c2 at 20 of ≈59 → mean 60 vs
    // round((100 + E) / 2) ≈ 80: 20 behind → YELLOW
    const planList = await leader.cockpit.plans.query({});
    expect(planList.items.find((p) => p.title === "驾驶舱市规划")).toMatchObject({
      total: 2,
      completed: 1,
      lagging: 1,
      red: 1,
      completionRate: 50,
      reportedProgress: 60,
      expectedProgress: Math.round((100 + E) / 2),
      light: "YELLOW",
    });
    expect(cityRow.subtree.total).toBe(7);
    expect(cityRow.subtreePlans).toBe(3);
    // 东县: e1 overdue (red), e2 green, e3 cancelled; mean progress (50 + 95) / 2 = 72.5 → 73
    // the counties have nothing below them: subtree = own
    expect(byName.get("东县")!.subtree).toMatchObject({
      total: 3,
      cancelled: 1,
      overdue: 1,
      onSchedule: 1,
      red: 1,
      green: 1,
      completionRate: 0,
      reportedProgress: 73,
    });
    expect(byName.get("西县")!.subtree).toMatchObject({
      total: 2,
      completed: 1,
      completionRate: 50,
    });
    // worst first: the overdue e1, then c2 (E − 20 points behind)
    expect(s.lagging.map((i) => [i.title, i.schedule, i.jurisdictionName, i.planTitle])).toEqual([
      ["东县任务一", "OVERDUE", "东县", "东县规划"],
      ["市任务二", "LAGGING", "驾驶舱市", "驾驶舱市规划"],
    ]);
    expect(s.lagging[1]).toMatchObject({ lag: E - 20, progress: 20, departmentName: "市科技局" });
    expect(s.laggingTotal).toBe(2);
    // units by lagging + overdue, then lower completion: 东县科技局 (1, 0%), 市科技局 (1, 50%),
    // 东镇 (0, 0 of 1), 西县科技局 (0, 50%)
    expect(s.units.map((u) => u.name)).toEqual(["东县科技局", "市科技局", "东镇", "西县科技局"]);
    expect(s.unitCount).toBe(4);
    expect(s.units[2]).toMatchObject({ total: 2, cancelled: 1, jurisdictionName: "东县" });
    // indicators: P0 ON_TRACK (210 ≥ 200), OFF_TRACK (150: 25% short), NO_DATA; P1's share ON_TRACK
    expect(s.indicatorTotals).toMatchObject({ total: 4, ON_TRACK: 2, OFF_TRACK: 1, NO_DATA: 1 });
    expect(byName.get("东县")!.indicators).toMatchObject({ total: 1, ON_TRACK: 1 });
    const districts = s.breakdowns.find((b) => b.kind === "DISTRICT")!;
    expect(districts.name).toBe("高新技术企业数");
    expect(districts.parts.map((p) => [p.name, p.status, p.value])).toEqual([
      ["东县片区", "ON_TRACK", 100],
      ["西县片区", "OFF_TRACK", 60],
    ]);
    const shares = s.breakdowns.find((b) => b.kind === "SHARE")!;
    expect(Object.fromEntries(shares.parts.map((p) => [p.name, [p.status, p.value]]))).toEqual({
      东县: ["ON_TRACK", 20],
      西县: ["NO_DATA", null],
    });
    // reporting 2026Q3: 东县 live 1 of 2; 西县 as recorded at close 3 of 4
    expect(s.period).toBe("2026Q3");
    expect(byName.get("东县")!.reporting).toMatchObject({ cycles: 1, expected: 2, submitted: 1 });
    expect(byName.get("西县")!.reporting).toMatchObject({ expected: 4, submitted: 3, late: 1 });
    expect(cityRow.reporting.cycles).toBe(0);
    expect(s.reportingTotals).toMatchObject({ expected: 6, submitted: 4, completeness: 66.7 });
    // the plans are not in the summary (a province has 1,000): cockpit.plans pages them
    expect(s.planTotal).toBe(3);
    expect("plans" in s).toBe(false);
  });

  test("cockpit.plans: every plan a page at a time, in tree order or most lagging first, with the jurisdictions' figures", async ({
    api,
    cw,
    database: { db },
  }) => {
    const leader = await as(api, "leader@cockpit-city");
    const s = await leader.cockpit.summary.query({});
    const all = await leader.cockpit.plans.query({});
    expect(all).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    expect(all.items.map((p) => p.title)).toEqual(["驾驶舱市规划", "东县规划", "西县规划"]);
    // one plan per jurisdiction here: each plan's figures are its jurisdiction's own (a county's
    // own is its subtree: nothing is below it)
    for (const p of all.items) {
      const j = s.jurisdictions.find((x) => x.id === p.jurisdictionId)!;
      expect(p.jurisdictionName).toBe(j.name);
      expect(p.indicators).toEqual(j.indicators);
      if (j.depth > 0) expect(p).toMatchObject(j.subtree);
    }
    // most lagging + overdue first (ties: most red, then tree order)
    const problems = await leader.cockpit.plans.query({ order: "problems" });
    const rank = [...all.items].sort(
      (a, b) =>
        b.lagging + b.overdue - (a.lagging + a.overdue) ||
        b.red - a.red ||
        all.items.indexOf(a) - all.items.indexOf(b),
    );
    expect(problems.items.map((p) => p.title)).toEqual(rank.map((p) => p.title));
    expect(problems.items[0]!.lagging + problems.items[0]!.overdue).toBeGreaterThan(0);
    // pages
    const first = await leader.cockpit.plans.query({ pageSize: 2 });
    const second = await leader.cockpit.plans.query({ pageSize: 2, page: 2 });
    expect(first.items.map((p) => p.title)).toEqual(["驾驶舱市规划", "东县规划"]);
    expect(second).toMatchObject({ total: 3, page: 2 });
    expect(second.items.map((p) => p.title)).toEqual(["西县规划"]);
    expect((await leader.cockpit.plans.query({ page: 3, pageSize: 2 })).items).toEqual([]);
    // the same rule as the summary: a county leader its county only, staff refused, a sibling unknown
    const east = await as(api, "leader@cockpit-east");
    expect((await east.cockpit.plans.query({})).items.map((p) => p.title)).toEqual(["东县规划"]);
    expect(await outcome(() => east.cockpit.plans.query({ jurisdictionId: cw.west.id }))).toBe(
      "NOT_FOUND",
    );
    const staff = await as(api, "staff@cockpit-east");
    expect(await outcome(() => staff.cockpit.plans.query({}))).toBe("FORBIDDEN");
    expect(await outcome(() => leader.cockpit.plans.query({ pageSize: 101 }))).toBe("BAD_REQUEST");
    // cached, and a write below shows at once
    const west = () =>
      leader.cockpit.plans
        .query({ jurisdictionId: cw.city.id })
        .then((r) => r.items.find((p) => p.title === "西县规划")!);
    const before = await west();
    await db.task.update({
      where: { id: cw.w2.id },
      data: { status: "COMPLETED", progress: 100, completedAt: new Date() },
    });
    try {
      expect((await west()).completed).toBe(before.completed + 1);
    } finally {
      await db.task.update({
        where: { id: cw.w2.id },
        data: { status: "IN_PROGRESS", progress: 95, completedAt: null },
      });
    }
    expect(await west()).toEqual(before);
  });

  test("a county leader sees only its own county; staff are refused; a sibling is not found", async ({
    api,
    cw,
  }) => {
    const east = await as(api, "leader@cockpit-east");
    const s = await east.cockpit.summary.query({});
    expect(s.root.id).toBe(cw.east.id);
    expect(s.jurisdictions.map((j) => j.name)).toEqual(["东县"]);
    expect(s.totals).toMatchObject({ plans: 1, total: 3, overdue: 1 });
    expect(s.lagging.map((i) => i.title)).toEqual(["东县任务一"]);
    const text = JSON.stringify(s);
    for (const foreign of ["西县", "驾驶舱市规划", "市科技局"]) expect(text).not.toContain(foreign);
    expect(await outcome(() => east.cockpit.summary.query({ jurisdictionId: cw.west.id }))).toBe(
      "NOT_FOUND",
    );
    expect(await outcome(() => east.cockpit.summary.query({ jurisdictionId: cw.city.id }))).toBe(
      "NOT_FOUND",
    );
    expect((await east.cockpit.jurisdictions.query()).jurisdictions.map((j) => j.name)).toEqual([
      "东县",
    ]);
    const office = await as(api, "office@cockpit-east");
    expect((await office.cockpit.summary.query({})).totals.total).toBe(3);
    // department staff: the cockpit counts every unit's work, which their lists do not show
    const staff = await as(api, "staff@cockpit-east");
    expect(await outcome(() => staff.cockpit.summary.query({}))).toBe("FORBIDDEN");
    // a city unit's staff read the counties from above (visibility.ts), not the city itself
    const cityStaff = await as(api, "staff@cockpit-city");
    expect(
      await outcome(() => cityStaff.cockpit.summary.query({ jurisdictionId: cw.city.id })),
    ).toBe("FORBIDDEN");
    const picker = await cityStaff.cockpit.jurisdictions.query();
    expect(picker.jurisdictions.map((j) => j.name)).toEqual(["东县", "西县"]);
    expect((await cityStaff.cockpit.summary.query({})).root.id).toBe(picker.defaultId);
  });

  test("a write shows at once: the cached cockpit follows the data version", async ({
    api,
    cw,
    database: { db },
  }) => {
    const leader = await as(api, "leader@cockpit-city");
    const before = await leader.cockpit.summary.query({ jurisdictionId: cw.city.id });
    const again = await leader.cockpit.summary.query({ jurisdictionId: cw.city.id });
    expect(again).toEqual(before);
    await db.task.update({
      where: { id: cw.w2.id },
      data: { status: "COMPLETED", progress: 100, completedAt: new Date() },
    });
    try {
      const after = await leader.cockpit.summary.query({ jurisdictionId: cw.city.id });
      expect(after.totals.completed).toBe(before.totals.completed + 1);
      expect(after.jurisdictions.find((j) => j.name === "西县")!.subtree.completed).toBe(2);
    } finally {
      await db.task.update({
        where: { id: cw.w2.id },
        data: { status: "IN_PROGRESS", progress: 95, completedAt: null },
      });
    }
    const restored = await leader.cockpit.summary.query({ jurisdictionId: cw.city.id });
    expect(restored.totals.completed).toBe(before.totals.completed);
  });

  test("the export holds the same figures, sheet by sheet, and follows the same rule", async ({
    api,
    cw,
  }) => {
    const download = async (c: Client, query: string) => {
      const res = await fetch(`${api.url}/api/cockpit/export.xlsx${query}`, {
        headers: { cookie: cookieOf.get(c)!() ?? "" },
      });
      return res;
    };
    const leader = await as(api, "leader@cockpit-city");
    const res = await download(leader, `?jurisdictionId=${cw.city.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(encodeURIComponent("驾驶舱市驾驶舱"));
    const sheets = await readWorkbook(Buffer.from(await res.arrayBuffer()));
    expect(sheets.map((s) => s.name)).toEqual([
      "总览",
      "各辖区完成情况",
      "责任单位",
      "滞后事项",
      "指标达标",
      "分片区分县达标",
      "台账报送",
      "规划清单",
    ]);
    const rows = (name: string) => sheets.find((s) => s.name === name)!.rows;
    const kpi = new Map(rows("总览").map((r) => [r[0], r[1]]));
    expect(kpi.get("任务总数")).toBe(7);
    expect(kpi.get("完成率(%)")).toBe(33.3);
    expect(kpi.get("报送完整率(%)")).toBe(66.7);
    expect(
      rows("滞后事项")
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(["东县任务一", "市任务二"]);
    expect(rows("各辖区完成情况")[2]!.slice(2, 7)).toEqual([1, 3, 0, 0, 1]);
    expect(
      rows("分片区分县达标")
        .slice(1)
        .map((r) => [r[2], r[6]]),
    ).toContainEqual(["西县片区", "严重滞后"]);
    const east = await as(api, "leader@cockpit-east");
    expect((await download(east, `?jurisdictionId=${cw.city.id}`)).status).toBe(404);
    const eastFile = await readWorkbook(
      Buffer.from(await (await download(east, "")).arrayBuffer()),
    );
    expect(JSON.stringify(eastFile)).not.toContain("西县");
    expect((await fetch(`${api.url}/api/cockpit/export.xlsx`)).status).toBe(401);
  });
});
