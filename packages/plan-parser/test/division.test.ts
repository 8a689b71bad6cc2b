// Task-division documents (分工方案 / 实施意见 / 工作要点 / 行动方案): every item is a task with the
// units and deadline written on it. The documents below are written for this test, each in one of
// the shapes offices issue; expected values are read off the texts by hand.
import { describe, expect, it } from "vitest";

import {
  formatTree,
  parsePlan,
  type CandidateTask,
  type DepartmentDirectoryEntry,
  type ParseResult,
} from "../src/index.ts";
import { XIFENG, ZUNYI } from "./helpers/seeds.ts";

const DIRECTORY: DepartmentDirectoryEntry[] = [
  { name: "科学技术局", shortName: "科技局" },
  { name: "市场监督管理局", shortName: "市场监管局" },
  { name: "住房和城乡建设局", shortName: "住建局" },
  { name: "发展和改革局", shortName: "发展改革局", aliases: ["发改局"] },
  { name: "财政局" },
  { name: "农业农村局" },
  { name: "工业和信息化局", shortName: "工信局" },
  { name: "人力资源和社会保障局", shortName: "人社局" },
  { name: "政务服务中心", aliases: ["县政务服务中心", "政务中心"] },
  { name: "统计局" },
];

const parse = (text: string, kind?: "plan" | "division"): ParseResult =>
  parsePlan(text, { departments: DIRECTORY, ...(kind ? { kind } : {}) });
const task = (r: ParseResult, code: string): CandidateTask => {
  const t = r.candidateTasks.find((c) => c.nodeCode === code);
  if (!t) throw new Error(`no task ${code}: ${r.candidateTasks.map((c) => c.nodeCode).join(" ")}`);
  return t;
};
const codes = (r: ParseResult, code: string) => r.warnings.filter((w) => w.code === code);

describe("分工方案 with numbering that runs through the sections", () => {
  const DOC = [
    "××县优化营商环境重点任务分工方案",
    "为持续优化营商环境，结合我县实际，制定本方案。",
    "一、重点任务",
    "（一）提升政务服务效能",
    "1.推行企业开办一网通办，全程网上办理。（牵头单位：县市场监管局，配合单位：县政务服务中心、县税务局）",
    "2.压缩工程建设项目审批时限（牵头单位：县住建局；完成时限：2024年6月底前）。",
    "（二）强化科技支撑",
    "3.新增高新技术企业10家。（牵头单位：县科技局；责任单位：各乡镇（街道））",
    "4.建设县级科技成果转化中心。（牵头单位：县科技局、县发改局；完成时限：2025年）",
    "（三）降低企业成本",
    "5.落实减税降费政策。（牵头单位：县政务大厅；配合单位：各有关单位；完成时限：长期坚持）",
    "二、保障措施",
    "6.加强督促检查，定期通报进展。（牵头单位：县发改局；完成时限：每季度）",
    "",
  ].join("\n");
  const r = parse(DOC);

  it("is detected as a division document", () => {
    expect(r.kind).toBe("division");
  });

  it("makes each numbered item one task under its own section", () => {
    expect(r.nodes.filter((n) => n.kind === "item").map((n) => n.code)).toEqual([
      "一.（一）.1",
      "一.（一）.2",
      "一.（二）.3",
      "一.（二）.4",
      "一.（三）.5",
      "二.6",
    ]);
    expect(r.candidateTasks.map((t) => t.nodeCode)).toEqual([
      "一.（一）.1",
      "一.（一）.2",
      "一.（二）.3",
      "一.（二）.4",
      "一.（三）.5",
      "二.6",
    ]);
    expect(r.warnings.map((w) => w.code)).not.toContain("NUMBER_GAP");
  });

  it("keeps the task text without the annotation", () => {
    // the title runs to the first full stop, as in plans
    expect(task(r, "一.（一）.1")).toMatchObject({
      title: "推行企业开办一网通办，全程网上办理",
      description: "",
    });
    expect(task(r, "一.（一）.2").title).toBe("压缩工程建设项目审批时限");
    expect(task(r, "一.（一）.2").description).toBe("");
    expect(r.nodes.find((n) => n.code === "一.（一）.2")?.title).toBe("压缩工程建设项目审批时限");
  });

  it("keeps the written units verbatim and matches them, never by keyword", () => {
    expect(task(r, "一.（一）.1")).toMatchObject({
      leadText: "县市场监管局",
      supportText: "县政务服务中心、县税务局",
      leadUnits: ["县市场监管局"],
      supportUnits: ["县政务服务中心", "县税务局"],
      suggestedLead: "市场监督管理局",
      suggestedSupporting: ["政务服务中心"],
    });
    expect(task(r, "一.（一）.1").reasons).toContain("写明牵头单位“县市场监管局” → 市场监督管理局");
    expect(task(r, "一.（一）.1").reasons).toContain("写明配合单位“县税务局”，目录中无此单位");
    // 责任单位 never leads when a 牵头单位 is written
    expect(task(r, "一.（二）.3")).toMatchObject({
      leadText: "县科技局",
      supportText: "各乡镇（街道）",
      suggestedLead: "科学技术局",
      suggestedSupporting: [],
    });
    // two lead units: the first leads, the second (matched through the alias 发改局) supports
    expect(task(r, "一.（二）.4")).toMatchObject({
      leadUnits: ["县科技局", "县发改局"],
      suggestedLead: "科学技术局",
      suggestedSupporting: ["发展和改革局"],
    });
    // a written unit that is not in the directory is never replaced by a guess
    expect(task(r, "一.（三）.5")).toMatchObject({ leadText: "县政务大厅", suggestedLead: null });
    expect(task(r, "一.（三）.5").reasons).toContain("写明牵头单位“县政务大厅”，目录中无此单位");
  });

  it("reads the deadlines", () => {
    expect(task(r, "一.（一）.1").deadline).toBeNull();
    expect(task(r, "一.（一）.2").deadline).toEqual({
      kind: "date",
      date: "2024-06-30",
      text: "2024年6月底前",
    });
    expect(task(r, "一.（二）.4").deadline).toMatchObject({ kind: "date", date: "2025-12-31" });
    expect(task(r, "一.（三）.5").deadline).toEqual({ kind: "ongoing", text: "长期坚持" });
    expect(task(r, "二.6")).toMatchObject({
      kind: "measure",
      deadline: { kind: "recurring", every: "quarter", text: "每季度" },
      suggestedLead: "发展和改革局",
    });
  });

  it("warns about nothing it read, and an item without a written lead says so", () => {
    expect(codes(r, "NO_LEAD_UNIT")).toEqual([]);
    expect(codes(r, "DIVISION_UNREADABLE")).toEqual([]);
    expect(codes(r, "EMPTY_NODE")).toEqual([]);
    expect(codes(r, "TRUNCATED_END")).toEqual([]);
  });
});

describe("实施方案 with annotation lines, goals that are tasks, and running numbers 1、", () => {
  const DOC = [
    "××市推进数字经济发展三年行动方案（2023—2025年）",
    "一、总体要求",
    "以数字产业化和产业数字化为主线，推动数字经济高质量发展。",
    "二、主要目标",
    "1、到2025年，数字经济增加值占地区生产总值比重达到35%。",
    "牵头单位：市发改局",
    "配合单位：市统计局",
    "2、规模以上工业企业关键工序数控化率达到60%。",
    "牵头单位：市工信局",
    "三、重点任务",
    "（一）加快数字基础设施建设",
    "3、新建5G基站1000个。",
    "牵头单位：市工信局",
    "配合单位：市住建局、各区（县）人民政府",
    "完成时限：2023年第四季度",
    "4、推进千兆光网进小区。",
    "责任单位：市住建局、市工信局",
    "完成时限：2024年12月底前",
    "（二）推动产业数字化转型",
    "5、实施“上云用数赋智”行动，每年新增上云企业200户。",
    "责任单位：市工信局、市财政局（牵头）",
    "完成时限：每年年底前",
    "6、培育数字农业示范基地。",
    "市农业农村局牵头，市科技局配合。",
    "7、推进智慧文旅建设。",
    "四、保障措施",
    "8、强化资金保障，统筹安排专项资金。",
    "牵头单位：市财政局",
    "完成时限：2025年13月",
    "",
  ].join("\n");
  const r = parse(DOC);

  it("is a division document with every item a task, goals included", () => {
    expect(r.kind).toBe("division");
    expect(r.candidateTasks.map((t) => t.nodeCode)).toEqual([
      "二.1",
      "二.2",
      "三.（一）.3",
      "三.（一）.4",
      "三.（二）.5",
      "三.（二）.6",
      "三.（二）.7",
      "四.8",
    ]);
    // 总体要求 has no item and no annotation: not a task
    expect(r.candidateTasks.some((t) => t.nodeCode === "一")).toBe(false);
    expect(task(r, "二.1").reasons[0]).toBe("分工方案中“主要目标”下写明单位的条目 → 任务");
  });

  it("reads own-line annotations and keeps them out of the description", () => {
    expect(task(r, "二.1")).toMatchObject({
      title: "到2025年，数字经济增加值占地区生产总值比重达到35%",
      leadText: "市发改局",
      supportText: "市统计局",
      suggestedLead: "发展和改革局",
      suggestedSupporting: ["统计局"],
    });
    expect(task(r, "三.（一）.3")).toMatchObject({
      leadText: "市工信局",
      supportUnits: ["市住建局", "各区（县）人民政府"],
      suggestedLead: "工业和信息化局",
      suggestedSupporting: ["住房和城乡建设局"],
      deadline: { kind: "date", date: "2023-12-31" },
    });
    expect(task(r, "三.（一）.3").description).toBe("");
  });

  it("责任单位 alone: the first listed leads; a unit marked （牵头） leads instead", () => {
    expect(task(r, "三.（一）.4")).toMatchObject({
      leadText: "市住建局",
      supportText: "市工信局",
      suggestedLead: "住房和城乡建设局",
      suggestedSupporting: ["工业和信息化局"],
      deadline: { kind: "date", date: "2024-12-31" },
    });
    expect(task(r, "三.（二）.5")).toMatchObject({
      leadText: "市财政局",
      supportText: "市工信局",
      suggestedLead: "财政局",
      deadline: { kind: "recurring", every: "year" },
    });
  });

  it("reads X牵头，Y配合 written as a line", () => {
    expect(task(r, "三.（二）.6")).toMatchObject({
      leadText: "市农业农村局",
      supportText: "市科技局",
      suggestedLead: "农业农村局",
      suggestedSupporting: ["科学技术局"],
      description: "",
    });
  });

  it("warns, naming the lines, about a missing lead and an unreadable deadline", () => {
    const noLead = codes(r, "NO_LEAD_UNIT");
    expect(noLead).toHaveLength(1);
    expect(noLead[0]).toMatchObject({ line: 25 });
    expect(noLead[0]?.message).toContain("推进智慧文旅建设");
    // nothing written: the keyword suggestion stays a suggestion, said so
    expect(task(r, "三.（二）.7").leadText).toBeNull();
    const bad = codes(r, "DEADLINE_UNREADABLE");
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ line: 27 });
    expect(bad[0]?.message).toContain("2025年13月");
    expect(task(r, "四.8")).toMatchObject({ deadline: null, suggestedLead: "财政局" });
  });
});

describe("工作要点任务分工 mixing every phrase form, title on the second line", () => {
  const DOC = [
    "附件",
    "××县2024年科技创新工作要点任务分工",
    "一、强化科技创新平台建设",
    "1.加快推进县科技创新中心建设，年内建成投用。",
    "责任单位：县科技局（牵头）、县发改局、县住建局",
    "完成时限：2024年12月",
    "2.支持企业建设研发中心，新增省级企业技术中心2家。（县工信局、县科技局按职责分工负责）",
    "二、加强科技人才引育",
    "3.实施“人才强县”工程，引进高层次人才20名。（县人社局牵头，县科技局配合，2024年底前完成）",
    "4.开展科技特派员服务。牵头单位：县科技局。配合单位：县农业农村局。",
    "三、优化科技创新生态",
    "5.落实研发费用加计扣除政策。（县财政局、县科技局）",
    "",
  ].join("\n");
  const r = parse(DOC);

  it("reads each form into lead, support and deadline", () => {
    expect(r.kind).toBe("division");
    expect(
      r.candidateTasks.map((t) => [
        t.nodeCode,
        t.suggestedLead,
        t.suggestedSupporting,
        t.deadline?.kind === "date" ? t.deadline.date : null,
      ]),
    ).toEqual([
      ["一.1", "科学技术局", ["发展和改革局", "住房和城乡建设局"], "2024-12-31"],
      ["一.2", "工业和信息化局", ["科学技术局"], null],
      ["二.3", "人力资源和社会保障局", ["科学技术局"], "2024-12-31"],
      ["二.4", "科学技术局", ["农业农村局"], null],
      ["三.5", "财政局", ["科学技术局"], null],
    ]);
    expect(r.candidateTasks.every((t) => !/单位|牵头|负责/u.test(t.title + t.description))).toBe(
      true,
    );
    expect(r.warnings.map((w) => w.code)).not.toContain("NO_LEAD_UNIT");
  });

  it("shows the division in the tree", () => {
    const tree = formatTree(r);
    expect(tree).toContain("任务分工（分工方案，5 项任务）");
    expect(tree).toContain("牵头：县工信局、县科技局 → 工业和信息化局");
    expect(tree).toContain("配合：科学技术局（共同牵头单位）");
    expect(tree).toContain("配合：县发改局、县住建局 → 发展和改革局、住房和城乡建设局");
    expect(tree).toContain("时限：2024-12-31（2024年底前完成）");
  });
});

describe("brackets and numbering across lines and levels", () => {
  it("reads an annotation bracket that closes on the next line", () => {
    const r = parse(
      [
        "××县招商引资工作实施方案",
        "一、工作任务",
        "1.开展精准招商，全年引进项目30个（牵头单位：县投促局，",
        "配合单位：县发改局、县工信局；完成时限：2024年12月底前）。",
        "2.优化项目服务（牵头单位：县发改局）。",
        "",
      ].join("\n"),
    );
    expect(r.candidateTasks.map((t) => [t.nodeCode, t.title, t.leadText, t.supportText])).toEqual([
      ["一.1", "开展精准招商，全年引进项目30个", "县投促局", "县发改局、县工信局"],
      ["一.2", "优化项目服务", "县发改局", null],
    ]);
    expect(task(r, "一.1").deadline).toMatchObject({ date: "2024-12-31" });
  });

  it("reads subsections numbered through the document, each a task", () => {
    const r = parse(
      [
        "××县生态环境保护工作要点",
        "一、打好污染防治攻坚战",
        "（一）深入打好蓝天保卫战。（牵头单位：县生态环境局）",
        "（二）深入打好碧水保卫战。（牵头单位：县水务局）",
        "二、推动绿色低碳发展",
        "（三）推进节能降碳。（牵头单位：县发改局）",
        "（四）发展绿色建筑。（牵头单位：县住建局）",
        "",
      ].join("\n"),
    );
    expect(r.candidateTasks.map((t) => [t.nodeCode, t.title, t.suggestedLead])).toEqual([
      ["一.（一）", "深入打好蓝天保卫战", null],
      ["一.（二）", "深入打好碧水保卫战", null],
      ["二.（三）", "推进节能降碳", "发展和改革局"],
      ["二.（四）", "发展绿色建筑", "住房和城乡建设局"],
    ]);
    expect(task(r, "一.（一）").reasons).toContain("写明牵头单位“县生态环境局”，目录中无此单位");
  });
});

describe("an annotation line wrapped onto the next line", () => {
  it("joins the wrapped units and keeps them out of the description", () => {
    const r = parse(
      [
        "××县乡村振兴重点工作任务分工",
        "一、重点任务",
        "1.推进高标准农田建设，新建高标准农田2万亩。",
        "牵头单位：县农业农村局",
        "配合单位：县发改局、县财政局、",
        "县自然资源局、各乡镇（街道）",
        "完成时限：2024年12月底前",
        "2.发展农村电商。",
        "牵头单位：县商务局",
        "",
      ].join("\n"),
    );
    expect(task(r, "一.1")).toMatchObject({
      description: "",
      supportUnits: ["县发改局", "县财政局", "县自然资源局", "各乡镇（街道）"],
      suggestedSupporting: ["发展和改革局", "财政局"],
      deadline: { kind: "date", date: "2024-12-31" },
    });
    expect(task(r, "一.1").title).toBe("推进高标准农田建设，新建高标准农田2万亩");
    expect(task(r, "一.2").leadText).toBe("县商务局");
  });
});

describe("实施意见 with traditional characters, section-level units and an unreadable note", () => {
  const DOC = [
    "關於加快科技創新的實施意見",
    "一、重點任務",
    "（一）強化企業創新主體地位（牽頭單位：縣科技局）",
    "1.實施高新技術企業倍增計劃。",
    "2.支持企業建設研發機構。（配合單位：縣財政局）",
    "（二）加強人才隊伍建設",
    "3.實施人才引進工程。（縣人社局負責）",
    "4.完善人才評價機制（縣人社局統籌，會同各部門負責）。",
    "",
  ].join("\n");
  const r = parse(DOC);

  it("is a division document", () => {
    expect(r.kind).toBe("division");
    expect(r.candidateTasks).toHaveLength(4);
  });

  it("an item with no units of its own takes its section's", () => {
    expect(task(r, "一.（一）.1")).toMatchObject({
      leadText: "縣科技局",
      suggestedLead: "科学技术局",
    });
    expect(task(r, "一.（一）.1").reasons).toContain(
      "条目未写单位，沿用上级“強化企業創新主體地位”写明的单位",
    );
    // its own annotation wins over the section's
    expect(task(r, "一.（一）.2")).toMatchObject({
      leadText: null,
      supportText: "縣財政局",
      suggestedSupporting: ["财政局"],
    });
  });

  it("reads 負責 and reports the note it cannot split, with its line", () => {
    expect(task(r, "一.（二）.3")).toMatchObject({
      leadText: "縣人社局",
      suggestedLead: "人力资源和社会保障局",
    });
    const unreadable = codes(r, "DIVISION_UNREADABLE");
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0]).toMatchObject({ line: 8 });
    expect(unreadable[0]?.message).toContain("縣人社局統籌，會同各部門負責");
    expect(codes(r, "NO_LEAD_UNIT").map((w) => w.line)).toEqual([5, 8]);
  });
});

describe("工作要点 of one year, detected by its annotations", () => {
  const DOC = [
    "2023年工作安排",
    "一、抓好项目建设",
    "1.开工建设产业园标准厂房5万平方米。（牵头单位：县工信局；完成时限：6月底前）",
    "2.完成农村公路改造50公里。（牵头单位：县交通局；完成时限：三季度）",
    "二、抓好民生保障",
    "3.新增城镇就业2000人。（牵头单位：县人社局；完成时限：12月底前）",
    "",
  ].join("\n");

  it("is a division document because its items carry 牵头单位", () => {
    const r = parse(DOC);
    expect(r.kind).toBe("division");
    expect(r.candidateTasks.map((t) => t.nodeCode)).toEqual(["一.1", "一.2", "二.3"]);
    expect(task(r, "二.3").suggestedLead).toBe("人力资源和社会保障局");
  });

  it("the office's choice overrides the detection", () => {
    const r = parse(DOC, "plan");
    expect(r.kind).toBe("plan");
    // a plan keeps written units on its tasks too, and warns about nothing new
    expect(task(r, "一.1").leadText).toBe("县工信局");
    expect(codes(r, "NO_LEAD_UNIT")).toEqual([]);
  });
});

describe("an item whose number breaks the sequence", () => {
  it("is still a task when it names its units, with a warning", () => {
    const r = parse(
      [
        "××县重点任务分工方案",
        "一、重点任务",
        "1.推进园区扩容提质。（牵头单位：县工信局）",
        "2.实施技改项目20个。（牵头单位：县工信局）",
        "5.开展质量提升行动，培育品牌。（牵头单位：县市场监管局）",
        "",
      ].join("\n"),
    );
    expect(r.candidateTasks.map((t) => [t.nodeCode, t.leadText])).toEqual([
      ["一.1", "县工信局"],
      ["一.2", "县工信局"],
      ["一.5", "县市场监管局"],
    ]);
    expect(codes(r, "NUMBER_GAP")[0]?.message).toContain("5.开展质量提升行动");
    expect(codes(r, "NUMBER_GAP")[0]?.line).toBe(5);
  });

  it("stays in the body of the item before it when it names no unit, with a warning naming the lines", () => {
    const r = parse(
      [
        "××县重点任务分工方案",
        "一、重点任务",
        "1.推进园区扩容提质。（牵头单位：县工信局）",
        "2.实施技改项目20个。（牵头单位：县工信局）",
        "5.开展质量提升行动，培育品牌。",
        "",
      ].join("\n"),
    );
    expect(r.candidateTasks.map((t) => t.nodeCode)).toEqual(["一.1", "一.2"]);
    const w = codes(r, "ITEM_IN_BODY");
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ line: 4 });
    expect(w[0]?.message).toContain("5.开展质量提升行动");
  });
});

describe("an annual 工作要点: deadlines without a year take the document's year", () => {
  it("reads 6月底前 and 三季度 in 2023", () => {
    const r = parse(
      [
        "西丰县2023年科技工作要点",
        "一、重点工作",
        "1.组织申报省级科技计划项目10项。（牵头单位：县科技局；完成时限：6月底前）",
        "2.开展科技活动周。（牵头单位：县科技局；完成时限：三季度）",
        "3.完成年度考核。（牵头单位：县科技局；完成时限：尽快）",
        "",
      ].join("\n"),
    );
    expect(r.period).toEqual({ start: 2023, end: 2023 });
    expect(r.kind).toBe("division");
    expect(r.candidateTasks.map((t) => t.deadline)).toEqual([
      { kind: "date", date: "2023-06-30", text: "6月底前" },
      { kind: "date", date: "2023-09-30", text: "三季度" },
      null,
    ]);
    expect(codes(r, "DEADLINE_UNREADABLE")).toMatchObject([{ line: 5 }]);
  });
});

describe("a division document that names no unit at all", () => {
  it("gets one NO_LEAD_UNIT listing the lines, not one per task", () => {
    const r = parse(
      [
        "××县科技创新三年行动计划",
        "一、重点任务",
        "1.培育科技型企业。",
        "2.建设创新平台。",
        "3.引进科技人才。",
        "4.推进成果转化。",
        "",
      ].join("\n"),
    );
    expect(r.kind).toBe("division");
    expect(r.candidateTasks).toHaveLength(4);
    const w = codes(r, "NO_LEAD_UNIT");
    expect(w).toHaveLength(1);
    expect(w[0]?.message).toContain("全部 4 项任务都没有写明牵头单位（第 3、4、5、6 行）");
  });
});

describe("plans stay plans", () => {
  it("a plan whose project 专栏 names units on a few lines is still a plan", () => {
    const lines = ["××县“十四五”科技创新规划", "一、主要任务"];
    for (let i = 1; i <= 12; i++) lines.push(`${i}.重点工作${i}`, "推进各项工作落实。");
    lines.push(
      "专栏1 重大项目",
      "1.科技创新中心。建设内容：研发大楼。责任单位：县科技局",
      "2.成果转化基地。建设内容：中试基地。责任单位：县发改局",
      "3.人才公寓。建设内容：公寓200套。责任单位：县住建局",
      "",
    );
    expect(parse(lines.join("\n")).kind).toBe("plan");
  });

  it("the seed plans are plans, with no written units on their tasks", () => {
    for (const seed of [XIFENG, ZUNYI]) {
      const r = parsePlan(seed);
      expect(r.kind).toBe("plan");
      expect(r.candidateTasks.every((t) => t.leadText === undefined)).toBe(true);
    }
  });

  it("a plan that restarts its numbering in each section is read as before", () => {
    const r = parse(
      [
        "××县“十四五”科技创新规划",
        "一、主要任务",
        "（一）强化创新主体",
        "1.培育企业。",
        "企业是创新主体。",
        "2.建设平台。",
        "平台是载体。",
        "（二）集聚人才",
        "1.引进人才。",
        "引进高层次人才。",
        "3.完善机制，健全制度。",
        "",
      ].join("\n"),
    );
    expect(r.kind).toBe("plan");
    expect(r.nodes.filter((n) => n.kind === "item").map((n) => n.code)).toEqual([
      "一.（一）.1",
      "一.（一）.2",
      "一.（二）.1",
    ]);
    // "3." after a restarted "1." is not a running number: it stays in the body
    expect(r.nodes.find((n) => n.code === "一.（二）.1")?.body).toContain("3.完善机制，健全制度。");
  });

  it("--kind division on a plan: headings under 主要目标 without units stay out", () => {
    const r = parse(
      "××县规划\n一、主要目标\n1.到2025年研发投入强度达到2%。\n二、主要任务\n2.培育企业。（牵头单位：县科技局）\n",
      "division",
    );
    expect(r.kind).toBe("division");
    expect(r.candidateTasks.map((t) => t.nodeCode)).toEqual(["二.2"]);
  });
});

describe("speed", () => {
  it("reads a 100 000-line division document in linear time", { timeout: 60_000 }, () => {
    const lines = ["××县重点任务分工方案"];
    for (let s = 1; s <= 500; s++) {
      lines.push(`第${s}章 第${s}组任务`);
      for (let k = 0; k < 66; k++)
        lines.push(
          `${(((s - 1) * 66 + k) % 999) + 1}.推进第${k}项工作（牵头单位：县科技局；配合单位：县财政局、各乡镇（街道）；完成时限：2024年6月底前）`,
          "牵头单位：县发改局",
          "完成时限：长期坚持",
        );
    }
    const text = lines.join("\n");
    const started = performance.now();
    const r = parsePlan(text);
    const ms = performance.now() - started;
    expect(r.kind).toBe("division");
    expect(r.candidateTasks.length).toBeGreaterThan(1000);
    // about 5 s on a quiet machine; a quadratic step would take hours at this size, so a loose
    // bound catches it without failing on a loaded machine
    expect(ms).toBeLessThan(30_000);
  });
});
