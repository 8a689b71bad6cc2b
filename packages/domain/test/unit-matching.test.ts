// Task-division documents (issue #16): written units matched to the directory and its aliases,
// proposed new units confirmed by the office, written texts kept on the tasks.
import { expect } from "vitest";

import type { Db } from "@duban/db";
import type { CandidateTask } from "@duban/plan-parser";
import { test } from "@duban/test-utils";

import {
  addDepartmentAlias,
  confirmUnitMatches,
  createTasks,
  departmentDirectory,
  draftsFromCandidates,
  importPlan,
  listDepartmentAliases,
  removeDepartmentAlias,
  writtenUnitsOf,
  type Actor,
  type CandidateSuggestion,
} from "../src/index.ts";

const DIVISION = `甲县2024年优化营商环境重点任务分工方案
一、重点任务
（一）优化营商环境
1.推行企业开办一网通办。（牵头单位：县市场监管局，配合单位：县政务大厅）
2.压缩工程建设项目审批时限。（牵头单位：县住建局、县发改局）完成时限：2030年6月底前
（二）强化科技支撑
3.新增高新技术企业10家。（牵头单位：县科技局；责任单位：各乡镇）完成时限：每季度
`;

/** What the parser's contract (CandidateTask v1) gives for the three items, written by hand. */
const written: Array<Pick<CandidateTask, "leadText" | "supportText" | "deadline">> = [
  { leadText: "县市场监管局", supportText: "县政务大厅", deadline: null },
  {
    leadText: "县住建局、县发改局",
    supportText: null,
    deadline: { kind: "date", date: "2030-06-30", text: "2030年6月底前" },
  },
  {
    leadText: "县科技局",
    supportText: "各乡镇",
    deadline: { kind: "recurring", every: "quarter", text: "每季度" },
  },
];

const user = (id: number, jurisdictionId: string, role: "OFFICE" | "DEPARTMENT", dep?: string) =>
  ({
    kind: "user",
    userId: `00000000-0000-4000-8000-${String(id).padStart(12, "0")}`,
    email: `u${id}@example.test`,
    name: `u${id}`,
    memberships: [{ jurisdictionId, role, departmentId: dep ?? null }],
  }) satisfies Actor;

async function world(db: Db, tag: "一" | "二" | "三") {
  // user ids apart per test: the tests share the file's database
  const n = ["一", "二", "三"].indexOf(tag) * 10;
  const a = await db.jurisdiction.create({ data: { name: `甲${tag}县`, kind: "COUNTY" } });
  const b = await db.jurisdiction.create({ data: { name: `乙${tag}县`, kind: "COUNTY" } });
  const unit = (name: string, shortName: string | null) =>
    db.department.create({ data: { jurisdictionId: a.id, name, shortName } });
  const keji = await unit("科学技术局", "科技局");
  const kexie = await unit("科学技术协会", "科协");
  const shijian = await unit("市场监督管理局", "市场监管局");
  const zhengwu = await unit("政务服务中心", null);
  return {
    a,
    b,
    keji,
    kexie,
    shijian,
    zhengwu,
    office: user(n + 1, a.id, "OFFICE"),
    staff: user(n + 2, a.id, "DEPARTMENT", keji.id),
    officeB: user(n + 3, b.id, "OFFICE"),
  };
}

/** The plan's candidate nodes, the first three given the written units above. */
async function importDivision(db: Db, office: Actor, jurisdictionId: string) {
  const { planId } = await importPlan(
    { db, actor: office },
    { jurisdictionId, fileName: "分工方案.txt", bytes: new TextEncoder().encode(DIVISION) },
  );
  const all = await db.planNode.findMany({ where: { planId }, orderBy: { order: "asc" } });
  const nodes = all.filter((n) => n.candidate !== null);
  expect(nodes.length).toBeGreaterThanOrEqual(3);
  for (const [i, w] of written.entries()) {
    const suggestion: CandidateSuggestion = {
      kind: "task",
      suggestedPhase: "ADVANCE",
      // the keyword guess the old parser made: must never replace a written unit
      suggestedLead: { name: "科学技术协会", departmentId: null },
      suggestedSupporting: [],
      reasons: [],
      ...w,
    };
    await db.planNode.update({ where: { id: nodes[i]!.id }, data: { candidate: suggestion } });
  }
  const plan = await db.plan.findUniqueOrThrow({
    where: { id: planId },
    include: { phases: true },
  });
  return { plan, nodeIds: nodes.slice(0, 3).map((n) => n.id) };
}

async function drafts(db: Db, planId: string, jurisdictionId: string, nodeIds: string[]) {
  const plan = await db.plan.findUniqueOrThrow({
    where: { id: planId },
    include: { phases: { orderBy: { order: "asc" } } },
  });
  const nodes = await db.planNode.findMany({
    where: { id: { in: nodeIds } },
    orderBy: { order: "asc" },
  });
  const directory = (await departmentDirectory(db, jurisdictionId)).map((d) => ({
    ...d,
    aliases: d.aliases.map((x) => x.alias),
  }));
  return draftsFromCandidates(
    nodes,
    {
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      phases: plan.phases.map((p) => ({
        key: p.key,
        startDate: p.startDate.toISOString().slice(0, 10),
        endDate: p.endDate.toISOString().slice(0, 10),
      })),
    },
    directory,
  );
}

test("a division document's written units: matched by prefix and alias, else proposed; confirmed with audit", async ({
  database,
}) => {
  const { db } = database;
  const w = await world(db, "一");
  const { plan, nodeIds } = await importDivision(db, w.office, w.a.id);
  const ctx = { db, actor: w.office };

  const [first, second, third] = await drafts(db, plan.id, w.a.id, nodeIds);
  // 县市场监管局 = 市场监督管理局 by its short name after the place prefix; 县政务大厅 is new
  expect(first!.leadDepartmentId).toBe(w.shijian.id);
  expect(first!.leadUnits[0]).toMatchObject({ status: "matched", how: "prefix" });
  expect(first!.supportUnits).toEqual([
    { written: "县政务大厅", departmentId: null, status: "new" },
  ]);
  expect(first!.unmatched).toEqual(["县政务大厅"]);
  expect(first!.leadText).toBe("县市场监管局");
  // two written leads, neither in the directory: no lead (never the keyword guess 科学技术协会)
  expect(second!.leadDepartmentId).toBeNull();
  expect(second!.unmatched).toEqual(["县住建局", "县发改局"]);
  expect(second!.notes).toContainEqual({ code: "severalLeads", names: ["县住建局", "县发改局"] });
  // a date past the plan's end is moved to its last day, with a note
  const last = `${plan.periodEnd}-12-31`;
  if (plan.periodEnd < 2030) {
    expect(second!.dueDate).toBe(last);
    expect(second!.notes).toContainEqual({
      code: "deadlineClamped",
      written: "2030-06-30",
      dueDate: last,
    });
  } else expect(second!.dueDate).toBe("2030-06-30");
  // 县科技局 is 科学技术局 (not 科学技术协会); 各乡镇 is collective, never proposed
  expect(third!.leadDepartmentId).toBe(w.keji.id);
  expect(third!.collective).toEqual(["各乡镇"]);
  expect(third!.unmatched).toEqual([]);
  expect(third!.dueDate).toBe(last);
  expect(third!.milestones).toHaveLength(4 * (plan.periodEnd - plan.periodStart + 1));
  expect(third!.milestones.at(-1)).toEqual({ title: `${plan.periodEnd}年第4季度`, dueDate: last });
  expect(writtenUnitsOf([first!, second!, third!]).map((u) => [u.written, u.status])).toEqual([
    ["县市场监管局", "matched"],
    ["县政务大厅", "new"],
    ["县住建局", "new"],
    ["县发改局", "new"],
    ["县科技局", "matched"],
    ["各乡镇", "collective"],
  ]);

  // an alias: 县政务大厅 is 政务服务中心 from now on
  const alias = await addDepartmentAlias(ctx, { departmentId: w.zhengwu.id, alias: "县政务 大厅" });
  expect(alias.alias).toBe("县政务大厅");
  await expect(
    addDepartmentAlias(ctx, { departmentId: w.keji.id, alias: "县政务大厅" }),
  ).rejects.toMatchObject({ code: "CONFLICT" });
  await expect(
    addDepartmentAlias(ctx, { departmentId: w.keji.id, alias: "科协" }),
  ).rejects.toMatchObject({ code: "CONFLICT" });
  await expect(
    addDepartmentAlias(ctx, { departmentId: w.keji.id, alias: "各有关单位" }),
  ).rejects.toMatchObject({ code: "INVALID" });
  const again = await drafts(db, plan.id, w.a.id, nodeIds);
  expect(again[0]!.supportingDepartmentIds).toEqual([w.zhengwu.id]);
  expect(again[0]!.supportUnits[0]).toMatchObject({ status: "matched", how: "alias" });

  // the wizard's bulk confirmation: one existing unit, two new ones
  const before = (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;
  const results = await confirmUnitMatches(ctx, {
    jurisdictionId: w.a.id,
    matches: [
      { action: "create", written: "县住建局", name: "住房和城乡建设局", shortName: "住建局" },
      { action: "create", written: "县发改局", name: "发展和改革局" },
      { action: "map", written: "县市监局", departmentId: w.shijian.id },
    ],
  });
  expect(results.map((r) => [r.written, r.created, r.aliasSaved])).toEqual([
    ["县住建局", true, false], // its short name after the place prefix: no alias needed
    ["县发改局", true, true],
    ["县市监局", false, true],
  ]);
  const events = await db.auditEvent.findMany({
    where: { id: { gt: before } },
    orderBy: { id: "asc" },
  });
  expect(events.map((e) => e.action)).toEqual([
    "department.create",
    "department.create",
    "departmentAlias.create",
    "departmentAlias.create",
  ]);
  expect(
    (await listDepartmentAliases(ctx, { jurisdictionId: w.a.id })).map((a) => a.alias),
  ).toEqual(["县发改局", "县市监局", "县政务大厅"]);
  const resolved = await drafts(db, plan.id, w.a.id, nodeIds);
  const zhujian = results[0]!.departmentId;
  expect(resolved[1]!.leadDepartmentId).toBe(zhujian);
  expect(resolved[1]!.supportingDepartmentIds).toEqual([results[1]!.departmentId]);
  expect(resolved[1]!.unmatched).toEqual([]);

  // all or nothing: a refused row leaves nothing behind
  await expect(
    confirmUnitMatches(ctx, {
      jurisdictionId: w.a.id,
      matches: [
        { action: "create", written: "县文旅局", name: "文化旅游局" },
        { action: "create", written: "县科技局", name: "科学技术局" },
      ],
    }),
  ).rejects.toMatchObject({ code: "CONFLICT" });
  expect(await db.department.count({ where: { name: "文化旅游局" } })).toBe(0);

  // the tasks keep the texts as written
  const ids = await createTasks(ctx, {
    planId: plan.id,
    tasks: resolved.map((d) => ({ ...d, leadDepartmentId: d.leadDepartmentId! })),
  });
  const tasks = await db.task.findMany({ where: { id: { in: ids } }, orderBy: { title: "asc" } });
  expect(tasks.map((t) => [t.leadText, t.supportText, t.deadlineText]).sort()).toEqual(
    [
      ["县市场监管局", "县政务大厅", null],
      ["县住建局、县发改局", null, "2030年6月底前"],
      ["县科技局", "各乡镇", "每季度"],
    ].sort(),
  );

  await removeDepartmentAlias(ctx, { aliasId: alias.id });
  expect((await drafts(db, plan.id, w.a.id, nodeIds))[0]!.unmatched).toEqual(["县政务大厅"]);
});

test("alias management and unit confirmation are the office's of that jurisdiction only", async ({
  database,
}) => {
  const { db } = database;
  const w = await world(db, "二");
  const confirm = {
    jurisdictionId: w.a.id,
    matches: [{ action: "map" as const, written: "科技协会", departmentId: w.kexie.id }],
  };
  for (const [actor, code] of [
    [w.staff, "FORBIDDEN"],
    [w.officeB, "NOT_FOUND"],
  ] as const) {
    const ctx = { db, actor };
    await expect(
      addDepartmentAlias(ctx, { departmentId: w.keji.id, alias: "县科技" }),
    ).rejects.toMatchObject({ code });
    await expect(listDepartmentAliases(ctx, { jurisdictionId: w.a.id })).rejects.toMatchObject({
      code,
    });
    await expect(confirmUnitMatches(ctx, confirm)).rejects.toMatchObject({ code });
  }
  const office = { db, actor: w.office };
  const alias = await addDepartmentAlias(office, { departmentId: w.keji.id, alias: "县科技" });
  await expect(
    removeDepartmentAlias({ db, actor: w.staff }, { aliasId: alias.id }),
  ).rejects.toMatchObject({ code: "FORBIDDEN" });
  await expect(
    removeDepartmentAlias({ db, actor: w.officeB }, { aliasId: alias.id }),
  ).rejects.toMatchObject({ code: "NOT_FOUND" });
  // a unit of another jurisdiction cannot be mapped to
  const bUnit = await db.department.create({
    data: { jurisdictionId: w.b.id, name: "科学技术局" },
  });
  await expect(
    confirmUnitMatches(office, {
      jurisdictionId: w.a.id,
      matches: [{ action: "map", written: "县科委", departmentId: bUnit.id }],
    }),
  ).rejects.toMatchObject({ code: "INVALID" });
  // the allowed branch: the office confirms, and an alias is written with its audit event
  const [r] = await confirmUnitMatches(office, confirm);
  expect(r).toMatchObject({ departmentId: w.kexie.id, aliasSaved: true });
  expect(
    await db.auditEvent.count({
      where: { action: "departmentAlias.create", jurisdictionId: w.a.id },
    }),
  ).toBe(2);
  expect(await db.departmentAlias.count({ where: { jurisdictionId: w.a.id } })).toBe(2);
});

test("the parser's own candidates: a division document imported, drafted and its units confirmed", async ({
  database,
}) => {
  const { db } = database;
  const w = await world(db, "三");
  const text = [
    "丙县2024年优化营商环境重点任务分工方案",
    "一、重点任务",
    "（一）优化营商环境",
    "1.推行企业开办一网通办。",
    "牵头单位：县市场监管局",
    "配合单位：县政务大厅",
    "完成时限：2024年6月底前",
    "2.新增高新技术企业10家。",
    "牵头单位：县科技局",
    "责任单位：各乡镇",
    "完成时限：每季度",
  ].join("\n");
  const { planId } = await importPlan(
    { db, actor: w.office },
    {
      jurisdictionId: w.a.id,
      fileName: "丙县分工方案.txt",
      bytes: new TextEncoder().encode(text),
      kind: "division",
    },
  );
  const nodeIds = (await db.planNode.findMany({ where: { planId } }))
    .filter((n) => n.candidate !== null)
    .map((n) => n.id);
  const [first, second] = await drafts(db, planId, w.a.id, nodeIds);
  expect(first).toMatchObject({
    leadDepartmentId: w.shijian.id,
    leadText: "县市场监管局",
    supportText: "县政务大厅",
    unmatched: ["县政务大厅"],
    dueDate: "2024-06-30",
    deadlineText: "2024年6月底前",
  });
  expect(second).toMatchObject({
    leadDepartmentId: w.keji.id,
    collective: ["各乡镇"],
    dueDate: "2024-12-31",
  });
  expect(second!.milestones.map((m) => m.dueDate)).toEqual([
    "2024-03-31",
    "2024-06-30",
    "2024-09-30",
    "2024-12-31",
  ]);
  await confirmUnitMatches(
    { db, actor: w.office },
    {
      jurisdictionId: w.a.id,
      matches: [{ action: "map", written: "县政务大厅", departmentId: w.zhengwu.id }],
    },
  );
  const [again] = await drafts(db, planId, w.a.id, nodeIds);
  expect(again!.supportingDepartmentIds).toEqual([w.zhengwu.id]);
  expect(again!.unmatched).toEqual([]);
});
