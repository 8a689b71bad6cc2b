// The cascade in the demo (issue #19): 遵义市 hands two items of its year's 分工方案 and a share of
// its five-year plan's 高新技术企业 target to its counties, 贵阳市 two items of its 工作要点 to
// 息烽县; 湄潭县 and 息烽县 decompose (湄潭县 down to its towns), 凤冈县 has an extension,
// 正安县 is late; the units report and the database rolls progress up. Every step goes through
// the cascade's own commands with the clock at its day, so the states are those of the rules.
import type { Db } from "@duban/db";

import { addDays, shanghaiDay, shanghaiMidnight, type IsoDate } from "../calendar.ts";
import { assignIndicator, assignTask } from "../cascade/assign.ts";
import { updateAssignment } from "../cascade/assignment-commands.ts";
import { decomposeAssignment } from "../cascade/decompose.ts";
import { addSubtasks } from "../cascade/subtasks.ts";
import { recordObservation } from "../indicators/observations.ts";
import { zChildTask } from "../schemas/cascade.ts";
import { demoActor, type DemoCredential } from "./demo-accounts.ts";
import { demoDistricts } from "./demo-districts.ts";
import { demoLayers, type DemoLayer } from "./demo-layers.ts";
import { currentCycle, reportAndApprove } from "./demo-reports.ts";

type Child = { title: string; lead: string; support?: string; weight?: number };
type Layers = Map<string, DemoLayer>;

/** 10:00 in Shanghai on `day`: when an office acts in the demo's past. */
const at = (day: IsoDate) => new Date(shanghaiMidnight(day).getTime() + 10 * 3_600_000);

/** A task of a layer's year plan by its title (the plan texts are demo-units.ts). */
async function taskOf(db: Db, layer: DemoLayer, title: string) {
  return db.task.findFirstOrThrow({ where: { planId: layer.planId, title } });
}

/** The drafts of a decomposition or break-down (units by short name or town, the whole year),
 * validated as the router validates an office's. */
function drafts(layer: DemoLayer, year: number, children: Child[]) {
  return children.map((c) =>
    zChildTask.parse({
      title: c.title,
      leadDepartmentId: layer.units.get(c.lead)!.id,
      supportingDepartmentIds: c.support ? [layer.units.get(c.support)!.id] : [],
      startDate: `${year}-01-01`,
      dueDate: `${year}-12-31`,
      weight: c.weight ?? 1,
    }),
  );
}

/**
 * The receiving office decomposes its assignment of `parentTaskId` on `day` into its year plan.
 * Returns the new tasks' ids in order.
 */
async function decompose(
  db: Db,
  layer: DemoLayer,
  parentTaskId: string,
  day: IsoDate,
  children: Child[],
) {
  const a = await db.assignment.findFirstOrThrow({
    where: { parentTaskId, toJurisdictionId: layer.jurisdictionId },
  });
  const office = await demoActor(db, layer.office);
  const { taskIds } = await decomposeAssignment(
    { db, actor: office, now: at(day) },
    {
      assignmentId: a.id,
      version: a.version,
      tasks: drafts(layer, Number(day.slice(0, 4)), children),
    },
  );
  return taskIds;
}

/**
 * 遵义市 → 湄潭县 / 凤冈县 / 正安县. Two items assigned 40 days ago, to decompose within 30
 * days (湄潭县 weighted 2 in the tea item: most of the city's tea gardens):
 * - 湄潭县 decomposed both in time; its tea item into three tasks, one broken down again for two
 *   towns; its 科技局 and 永兴镇 reported (80, 90 and 60 %), the rest not yet;
 * - 凤冈县 was given ten more days (updateAssignment): pending, not late;
 * - 正安县 did nothing: late since its deadline, ten days ago.
 * And the 高新技术企业 target of the five-year plan shared out in March of its last year, rolled
 * up as the sum: 湄潭县 and 凤冈县 decomposed it and report their counts, 正安县 never did.
 */
async function zunyiCascade(db: Db, layers: Layers, now: Date) {
  const today = shanghaiDay(now);
  const year = Number(today.slice(0, 4));
  const zunyi = layers.get("遵义市")!;
  const [meitan, fenggang, zhengan] = ["湄潭县", "凤冈县", "正安县"].map((n) => layers.get(n)!);
  const office = await demoActor(db, zunyi.office);
  const assignedOn = addDays(today, -40);
  const tea = await taskOf(db, zunyi, "推进县域茶产业科技创新");
  const envoys = await taskOf(db, zunyi, "实施科技特派员服务乡村振兴行动");
  for (const task of [tea, envoys])
    await assignTask(
      { db, actor: office, now: at(assignedOn) },
      {
        taskId: task.id,
        targets: [meitan!, fenggang!, zhengan!].map((c) => ({
          jurisdictionId: c.jurisdictionId,
          weight: task === tea && c === meitan ? 2 : 1,
        })),
        decomposeBy: addDays(today, -10),
        note: "请结合本县实际细化分解，明确牵头单位、责任乡镇和完成时限",
      },
    );
  const [processing, , towns] = await decompose(db, meitan!, tea.id, addDays(today, -30), [
    { title: "湄潭县茶叶精深加工技术攻关", lead: "科技局" },
    { title: "湄潭县茶园数字化管理示范", lead: "农业农村局", support: "科技局" },
    { title: "茶叶科技服务进乡镇", lead: "科技局" },
  ]);
  const meitanOffice = await demoActor(db, meitan!.office);
  const { taskIds: townTasks } = await addSubtasks(
    { db, actor: meitanOffice, now: at(addDays(today, -28)) },
    {
      parentTaskId: towns!,
      tasks: drafts(meitan!, year, [
        { title: "永兴镇茶叶科技示范基地建设", lead: "永兴镇" },
        { title: "兴隆镇茶农技术培训", lead: "兴隆镇" },
      ]),
    },
  );
  const [envoyTask] = await decompose(db, meitan!, envoys.id, addDays(today, -25), [
    { title: "湄潭县科技特派员服务茶农", lead: "科技局" },
  ]);
  // 凤冈县 asked for more time before its deadline; 正安县 did not
  for (const task of [tea, envoys]) {
    const a = await db.assignment.findFirstOrThrow({
      where: { parentTaskId: task.id, toJurisdictionId: fenggang!.jurisdictionId },
    });
    await updateAssignment(
      { db, actor: office, now: at(addDays(today, -12)) },
      {
        assignmentId: a.id,
        version: a.version,
        decomposeBy: addDays(today, 10),
        note: `${a.note}（应凤冈县申请延长分解时限）`,
      },
    );
  }
  const cycleId = await currentCycle(db, meitanOffice, meitan!.planId, now);
  const keji = await demoActor(db, meitan!.keji);
  const town = await demoActor(db, "yongxing@meitan.demo");
  for (const [unit, taskId, percent] of [
    [keji, processing!, 80],
    [keji, envoyTask!, 90],
    [town, townTasks[0]!, 60],
  ] as const)
    await reportAndApprove(db, now, {
      unit,
      office: meitanOffice,
      taskId,
      cycleId,
      percent,
      text: "按分解要求推进，阶段性任务已完成",
    });
  await zunyiShares(db, zunyi, [meitan!, fenggang!, zhengan!]);
}

/** The 高新技术企业 (家) shares: 湄潭县 14 → 30, 凤冈县 6 → 12, 正安县 5 → 10, summed upward. */
async function zunyiShares(db: Db, zunyi: DemoLayer, counties: DemoLayer[]) {
  const indicator = await db.indicator.findFirst({
    where: { plan: { jurisdictionId: zunyi.jurisdictionId }, name: "高新技术企业" },
  });
  if (!indicator) return;
  const y = indicator.targetYear;
  const office = await demoActor(db, zunyi.office);
  const shares = [
    [14, 30],
    [6, 12],
    [5, 10],
  ] as const;
  await assignIndicator(
    { db, actor: office, now: at(`${y}-03-01`) },
    {
      indicatorId: indicator.id,
      targets: counties.map((c, i) => ({
        jurisdictionId: c.jurisdictionId,
        shareBaseline: shares[i]![0],
        shareTarget: shares[i]![1],
        weight: 1,
      })),
      decomposeBy: `${y}-04-30`,
      note: "请将本县承担的高新技术企业培育目标纳入本级规划并按年度报送",
      rollupRule: "SUM",
    },
  );
  // 湄潭县 and 凤冈县 take their share and report it at the last two year-ends
  const reported = [
    [26, 31],
    [10, 11],
  ];
  for (const [i, county] of counties.slice(0, 2).entries()) {
    const a = await db.assignment.findFirstOrThrow({
      where: { parentIndicatorId: indicator.id, toJurisdictionId: county.jurisdictionId },
    });
    const countyOffice = await demoActor(db, county.office);
    const { indicatorId } = await decomposeAssignment(
      { db, actor: countyOffice, now: at(`${y}-04-${10 + i * 10}`) },
      { assignmentId: a.id, version: a.version, tasks: [] },
    );
    for (const [k, value] of reported[i]!.entries())
      await recordObservation(
        { db, actor: countyOffice },
        { indicatorId: indicatorId!, period: `${y - 1 + k}Q4`, districtId: null, value },
      );
  }
}

/**
 * 贵阳市 → 息烽县: the 科技特派员 item, assigned 40 days ago into 息烽县's year plan and decomposed
 * for four towns (永靖镇 and 温泉镇 reported 70 and 50 %); the 磷化工 item assigned 5 days ago,
 * pending within its deadline.
 */
async function guiyangCascade(db: Db, layers: Layers, now: Date) {
  const today = shanghaiDay(now);
  const guiyang = layers.get("贵阳市")!;
  const xifeng = layers.get("息烽县")!;
  const office = await demoActor(db, guiyang.office);
  const envoys = await taskOf(db, guiyang, "推进科技特派员服务乡村振兴全覆盖");
  const phosphorus = await taskOf(db, guiyang, "实施磷化工产业关键技术攻关");
  for (const [task, days, within] of [
    [envoys, -40, 20],
    [phosphorus, -5, 20],
  ] as const)
    await assignTask(
      { db, actor: office, now: at(addDays(today, days)) },
      {
        taskId: task.id,
        targets: [{ jurisdictionId: xifeng.jurisdictionId, weight: 1, targetPlanId: xifeng.planId }],
        decomposeBy: addDays(today, days + within),
        note: "请分解到乡镇，明确责任人和完成时限",
      },
    );
  const [yongjing, wenquan] = await decompose(db, xifeng, envoys.id, addDays(today, -30), [
    { title: "永靖镇科技特派员服务站建设", lead: "永靖镇" },
    { title: "温泉镇康养产业科技服务", lead: "温泉镇" },
    { title: "九庄镇蔬菜种植技术推广", lead: "九庄镇" },
    { title: "养龙司镇特色养殖技术服务", lead: "养龙司镇" },
  ]);
  const xifengOffice = await demoActor(db, xifeng.office);
  const cycleId = await currentCycle(db, xifengOffice, xifeng.planId, now);
  for (const [login, taskId, percent] of [
    ["yongjing@xifeng.demo", yongjing!, 70],
    ["wenquan@xifeng.demo", wenquan!, 50],
  ] as const)
    await reportAndApprove(db, now, {
      unit: await demoActor(db, login),
      office: xifengOffice,
      taskId,
      cycleId,
      percent,
      text: "已组建科技特派员服务队，完成年度服务计划的大部分",
    });
}

/**
 * The world of issue #19 around the loaded seeds: the layers (demo-layers.ts), 息烽县's 片区 with
 * their values (demo-districts.ts), and the cascade from 遵义市 and 贵阳市.
 */
export async function demoCascadeWorld(
  db: Db,
  creds: DemoCredential[],
  ctx: { now: Date; password?: string },
) {
  const layers = await demoLayers(db, creds, ctx);
  const xifeng = layers.get("息烽县");
  if (xifeng) {
    const plan = await db.plan.findFirstOrThrow({
      // the five-year plan (the seed), whose indicators the Xifeng plan asks to monitor by 片区
      where: {
        jurisdictionId: xifeng.jurisdictionId,
        status: "ACTIVE",
        id: { not: xifeng.planId },
      },
    });
    await demoDistricts(db, xifeng, plan.id);
    await guiyangCascade(db, layers, ctx.now);
  }
  if (layers.has("遵义市")) await zunyiCascade(db, layers, ctx.now);
  return layers;
}
