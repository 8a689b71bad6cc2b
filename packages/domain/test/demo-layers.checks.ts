// What the demo's layers (issue #19) must hold, checked through the domain on the loaded demo:
// called by demo.test.ts, which loads the demo once.
import { expect } from "vitest";

import type { Db } from "@duban/db";

import {
  actorFromSession,
  indicatorDistricts,
  listAssignments,
  listJurisdictions,
  login,
  me,
  type Actor,
} from "../src/index.ts";

const NOW = new Date("2026-11-23T10:00:00+08:00");

/** The demo's layer logins: jurisdiction, role and unit each must sign in as. */
const LAYER_LOGINS: Array<[email: string, jurisdiction: string, role: string, unit?: string]> = [
  ["office@zunyi.demo", "遵义市", "OFFICE"],
  ["leader@zunyi.demo", "遵义市", "LEADER"],
  ["office@guiyang.demo", "贵阳市", "OFFICE"],
  ["leader@guiyang.demo", "贵阳市", "LEADER"],
  ["office@meitan.demo", "湄潭县", "OFFICE"],
  ["keji@meitan.demo", "湄潭县", "DEPARTMENT", "科学技术局"],
  ["yongxing@meitan.demo", "湄潭县", "DEPARTMENT", "永兴镇"],
  ["office@fenggang.demo", "凤冈县", "OFFICE"],
  ["keji@fenggang.demo", "凤冈县", "DEPARTMENT", "科学技术局"],
  ["office@zhengan.demo", "正安县", "OFFICE"],
  ["keji@zhengan.demo", "正安县", "DEPARTMENT", "科学技术局"],
  ["office@xifeng.demo", "息烽县", "OFFICE"],
  ["yongjing@xifeng.demo", "息烽县", "DEPARTMENT", "永靖镇"],
  ["wenquan@xifeng.demo", "息烽县", "DEPARTMENT", "温泉镇"],
];

/** Every layer login signs in with the demo password and holds the role it is listed with. */
export async function checkLayerLogins(db: Db, password: string) {
  const actors = new Map<string, Actor>();
  for (const [email, jurisdiction, role, unit] of LAYER_LOGINS) {
    const { token } = await login({ db }, { email, password });
    const actor = await actorFromSession({ db, now: new Date() }, { token });
    expect(actor, email).not.toBeNull();
    const profile = await me({ db, actor: actor! });
    expect(
      profile!.memberships.map((m) => `${m.jurisdiction.name}:${m.role}:${m.department?.name ?? ""}`),
      email,
    ).toEqual([`${jurisdiction}:${role}:${unit ?? ""}`]);
    actors.set(email, actor!);
  }
  // the tree: 遵义市's office reads its three counties, 贵阳市's reads 息烽县, a county only itself
  const names = async (email: string) =>
    (await listJurisdictions({ db, actor: actors.get(email)! })).map((j) => j.name).sort();
  expect(await names("office@zunyi.demo")).toEqual(["凤冈县", "正安县", "湄潭县", "遵义市"]);
  expect(await names("leader@guiyang.demo")).toEqual(["息烽县", "贵阳市"]);
  expect(await names("office@meitan.demo")).toEqual(["湄潭县"]);
  // the towns are units of kind TOWN
  expect(
    await db.department.count({ where: { kind: "TOWN", jurisdiction: { name: "息烽县" } } }),
  ).toBe(8);
  return actors;
}

/**
 * 息烽县's towns are its 片区, three indicators are monitored per town with values for every
 * year-end the county reported, and the one town that under-reported in 2025Q4 makes the county's
 * R&D total disagree with the towns' sum.
 */
export async function checkDistricts(db: Db, office: Actor, town: Actor) {
  const districts = await db.district.findMany({
    where: { jurisdiction: { name: "息烽县" } },
    include: { department: true },
    orderBy: { order: "asc" },
  });
  expect(districts.map((d) => d.name)).toEqual([
    "永靖镇",
    "温泉镇",
    "九庄镇",
    "小寨坝镇",
    "西山镇",
    "养龙司镇",
    "石硐镇",
    "鹿窝镇",
  ]);
  for (const d of districts) expect(d.department?.name).toBe(d.name);
  const monitored = await db.indicator.findMany({
    where: { byDistrict: true, plan: { jurisdiction: { name: "息烽县" } } },
    orderBy: { number: "asc" },
  });
  expect(monitored.map((i) => i.number)).toEqual([1, 2, 4]);
  const views = new Map<number, Awaited<ReturnType<typeof indicatorDistricts>>>();
  for (const ind of monitored) {
    const view = await indicatorDistricts(
      { db, actor: office, now: NOW },
      { indicatorId: ind.id },
    );
    views.set(ind.number, view);
    expect(view.districts).toHaveLength(8);
    for (const d of view.districts) {
      expect(d.targetValue, d.name).not.toBeNull();
      expect(
        d.series.map((s) => s.period),
        `${ind.name} ${d.name}`,
      ).toEqual(["2021Q4", "2022Q4", "2023Q4", "2024Q4", "2025Q4"]);
    }
    // no town is missing from a quarter of the total
    expect(view.warnings.filter((w) => w.kind === "MISSING")).toEqual([]);
  }
  // R&D 经费支出 (万元, summed): the towns' parts add up to the county's own total, except in
  // 2025Q4 where 鹿窝镇 reported half its 6 % part — a gap of 3 % > the 1 % tolerance
  const rd = views.get(1)!;
  const disagreements = rd.warnings.filter((w) => w.kind === "DISAGREES").map((w) => w.period);
  expect(disagreements).toEqual(["2025Q4"]);
  const q4 = rd.total.find((t) => t.period === "2025Q4")!;
  expect(q4.ownValue! - q4.partsValue!).toBeCloseTo(
    rd.districts.find((d) => d.name === "鹿窝镇")!.series.at(-1)!.value,
    0,
  );
  // 有 R&D 活动的企业占比 (%): the towns' mean is the county's rate, within rounding
  const share = views.get(2)!;
  for (const t of share.total) expect(t.disagrees, t.period).toBe(false);
  // 高新技术企业数 (个): whole firms per town, adding up to the county's figure
  const firms = views.get(4)!;
  for (const t of firms.total) {
    expect(t.partsValue, t.period).toBe(t.ownValue);
    for (const d of firms.districts)
      expect(Number.isInteger(d.series.find((s) => s.period === t.period)!.value)).toBe(true);
  }
  // a town's own login entered its values and may enter only its own 片区
  const mine = rd.districts.find((d) => d.name === "永靖镇")!;
  const asTown = await indicatorDistricts(
    { db, actor: town, now: NOW },
    { indicatorId: monitored[0]!.id },
  );
  expect(asTown.districts.filter((d) => d.canEnter).map((d) => d.name)).toEqual(["永靖镇"]);
  expect(
    await db.indicatorObservation.count({
      where: { districtId: mine.districtId, reportedById: (town as { userId: string }).userId },
    }),
  ).toBe(15);
}

/**
 * The cascade as the offices see it (listAssignments, given): 遵义市's items with 湄潭县
 * decomposed, 凤冈县 pending within its extended deadline, 正安县 late; 贵阳市's to 息烽县 one
 * decomposed, one pending. And the roll-up, by hand from the reports (round half up):
 * - 湄潭县: 茶叶科技服务进乡镇 = (永兴镇 60 + 兴隆镇 0) / 2 = 30; the tea assignment =
 *   (加工 80 + 数字化 0 + 进乡镇 30) / 3 = 36.7 → 37; the 特派员 assignment = 90;
 * - 遵义市: 推进县域茶产业科技创新 = (湄潭县 37 × 2 + 凤冈县 0 + 正安县 0) / 4 = 18.5 → 19;
 *   实施科技特派员服务乡村振兴行动 = (90 + 0 + 0) / 3 = 30;
 * - 贵阳市: 推进科技特派员服务乡村振兴全覆盖 = (永靖镇 70 + 温泉镇 50 + 0 + 0) / 4 = 30;
 *   实施磷化工产业关键技术攻关 = its one pending assignment = 0.
 */
export async function checkCascade(db: Db, actors: Map<string, Actor>) {
  const given = async (email: string, jurisdiction: string) => {
    const j = await db.jurisdiction.findUniqueOrThrow({ where: { name: jurisdiction } });
    const { items, canAct } = await listAssignments(
      { db, actor: actors.get(email)!, now: NOW },
      { jurisdictionId: j.id, direction: "given" },
    );
    expect(canAct).toBe(email.startsWith("office@"));
    return items
      .map((a) => `${a.kind}:${a.itemTitle}→${a.to.name}:${a.state}:${a.lateness}:${a.progress}`)
      .sort();
  };
  expect(await given("office@zunyi.demo", "遵义市")).toEqual(
    [
      "INDICATOR:高新技术企业→凤冈县:DECOMPOSED:on-time:0",
      "INDICATOR:高新技术企业→正安县:PENDING:late:0",
      "INDICATOR:高新技术企业→湄潭县:DECOMPOSED:on-time:0",
      "TASK:实施科技特派员服务乡村振兴行动→凤冈县:PENDING:pending:0",
      "TASK:实施科技特派员服务乡村振兴行动→正安县:PENDING:late:0",
      "TASK:实施科技特派员服务乡村振兴行动→湄潭县:DECOMPOSED:on-time:90",
      "TASK:推进县域茶产业科技创新→凤冈县:PENDING:pending:0",
      "TASK:推进县域茶产业科技创新→正安县:PENDING:late:0",
      "TASK:推进县域茶产业科技创新→湄潭县:DECOMPOSED:on-time:37",
    ].sort(),
  );
  // the leader reads the same, and acts on none
  expect(await given("leader@guiyang.demo", "贵阳市")).toEqual([
    "TASK:实施磷化工产业关键技术攻关→息烽县:PENDING:pending:0",
    "TASK:推进科技特派员服务乡村振兴全覆盖→息烽县:DECOMPOSED:on-time:30",
  ]);
  const task = (title: string) =>
    db.task.findFirstOrThrow({ where: { title }, include: { plan: true } });
  const progress = async (title: string) => {
    const t = await task(title);
    return `${t.progress}:${t.status}:${t.derivedProgress}`;
  };
  expect(await progress("茶叶科技服务进乡镇")).toBe("30:IN_PROGRESS:true");
  expect(await progress("推进县域茶产业科技创新")).toBe("19:IN_PROGRESS:true");
  expect(await progress("实施科技特派员服务乡村振兴行动")).toBe("30:IN_PROGRESS:true");
  expect(await progress("推进科技特派员服务乡村振兴全覆盖")).toBe("30:IN_PROGRESS:true");
  expect(await progress("实施磷化工产业关键技术攻关")).toBe("0:NOT_STARTED:true");
  // three levels: 遵义市's item → 湄潭县's task → 永兴镇's task, each in its jurisdiction's plan
  const town = await task("永兴镇茶叶科技示范基地建设");
  const county = await db.task.findUniqueOrThrow({
    where: { id: town.parentTaskId! },
    include: { assignment: { include: { parentTask: { include: { plan: true } } } } },
  });
  expect([
    county.assignment!.parentTask!.plan.title,
    `${county.title}`,
    town.plan.title,
  ]).toEqual(["遵义市2026年科技创新重点任务分工方案", "茶叶科技服务进乡镇", "湄潭县2026年科技创新工作要点"]);
  expect(
    (await db.department.findUniqueOrThrow({ where: { id: town.leadDepartmentId } })).kind,
  ).toBe("TOWN");
  // the shares roll up as their sum: 湄潭县 31 + 凤冈县 11 in 2025Q4 (正安县 has none)
  const shares = await db.indicator.findMany({
    where: { assignment: { parentIndicator: { name: "高新技术企业" } } },
    include: { observations: true, plan: { include: { jurisdiction: true } } },
  });
  expect(
    shares
      .map((s) => `${s.plan.jurisdiction.name}:${s.targetValue}:${s.observations.map((o) => `${o.period}=${o.value}`).join(",")}`)
      .sort(),
  ).toEqual(["凤冈县:12:2024Q4=10,2025Q4=11", "湄潭县:30:2024Q4=26,2025Q4=31"]);
}
