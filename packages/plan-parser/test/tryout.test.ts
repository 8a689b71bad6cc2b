// Documents the parser had not seen, written as a new user would bring them (a county 工作要点, a
// city 三年行动方案 with its 印发通知, an 实施意见 in traditional characters, an 工作要点 printed
// with a running header, an indicator table with one cell per line, an Excel 分工表). Each block
// failed in one way before its fix; the expected values are read off the texts by hand.
import { describe, expect, it } from "vitest";

import {
  extractPlanText,
  parsePlan,
  readDivisionWorkbook,
  type CandidateTask,
  type DepartmentDirectoryEntry,
  type ParseResult,
} from "../src/index.ts";
import { wordDocument } from "./helpers/word.ts";
import { xlsx } from "./helpers/xlsx.ts";

const DIRECTORY: DepartmentDirectoryEntry[] = [
  { name: "工业和信息化局", shortName: "工信局" },
  { name: "农业农村局" },
  { name: "财政局" },
  { name: "应急管理局", shortName: "应急局" },
  { name: "教育局" },
];

const parse = (text: string): ParseResult => parsePlan(text, { departments: DIRECTORY });
const task = (r: ParseResult, code: string): CandidateTask => {
  const t = r.candidateTasks.find((c) => c.nodeCode === code);
  if (!t) throw new Error(`no task ${code}: ${r.candidateTasks.map((c) => c.nodeCode).join(" ")}`);
  return t;
};
const warningCodes = (r: ParseResult) => r.warnings.map((w) => w.code);

describe("三年行动方案 with a notice, an indicator table and `X牵头，Y配合` lines", () => {
  const DOC = [
    "清河市人民政府办公室文件",
    "清府办发〔2023〕15号",
    "清河市人民政府办公室",
    "关于印发清河市数字经济发展三年行动方案",
    "（2023—2025年）的通知",
    "各县（市、区）人民政府，市政府各工作部门：",
    "《清河市数字经济发展三年行动方案（2023—2025年）》已经市人民政府同意，现印发给你们，请认真组织实施。",
    "清河市人民政府办公室",
    "2023年4月10日",
    "清河市数字经济发展三年行动方案",
    "（2023—2025年）",
    "一、主要目标",
    "表1 清河市数字经济发展主要指标",
    "序号 指标名称 单位 2022年 2025年 属性",
    "1 数字经济增加值 亿元 320 500 预期性",
    "2 5G基站数量 个 2100 5000左右 约束性",
    "二、重点任务",
    "1.实施制造业数字化转型行动。每年推动100家规模以上工业企业开展数字化改造。",
    "市工业和信息化局牵头，各县（市、区）人民政府负责落实。",
    "完成时限：持续推进",
    "2.统筹用好各级数字经济发展专项资金。",
    "市财政局负责。",
    "完成时限：每年",
  ].join("\n");
  const r = parse(DOC);

  it("reads title, period, place and the indicator rows", () => {
    expect(r.title).toBe("清河市数字经济发展三年行动方案（2023—2025年）");
    expect(r.period).toEqual({ start: 2023, end: 2025 });
    expect(r.jurisdictionName).toBe("清河市");
    expect(r.indicatorTables[0]?.rows.map((x) => [x.name, x.baseline, x.target])).toEqual([
      ["数字经济增加值", 320, 500],
      ["5G基站数量", 2100, 5000],
    ]);
  });

  it("`X牵头，Y负责落实`: X leads, Y supports (a 负责 clause never co-leads beside 牵头)", () => {
    const t = task(r, "二.1");
    expect(t.leadText).toBe("市工业和信息化局");
    expect(t.supportText).toBe("各县（市、区）人民政府");
    expect(t.deadline).toEqual({ kind: "ongoing", text: "持续推进" });
    // `X负责` alone still leads
    expect(task(r, "二.2").leadText).toBe("市财政局");
  });

  it("a document ending on a `完成时限：每年` line is not reported as cut off", () => {
    expect(warningCodes(r)).not.toContain("TRUNCATED_END");
    // a cut-off line still is
    expect(warningCodes(parse(`${DOC}\n3.建设城市算力中心，建成投用`))).toContain("TRUNCATED_END");
  });
});

describe("实施意见 in traditional characters with 责任单位 lines and a wrapped item", () => {
  const DOC = [
    "首页 > 政务公开 > 政策文件",
    "南山区人民政府关于加快推进",
    "乡村振兴的实施意见",
    "南府發〔2022〕8號",
    "各街道辦事處，區直各部門：",
    "為全面推進鄉村振興，結合我區實際，提出如下實施意見。",
    "一、總體目標",
    "到2025年，全區農業綜合生產能力穩步提升，農村居民人均可支配收入年均增長8%以上。",
    "二、重點任務",
    "1．穩定糧食播種面積，全年糧食播種面積穩定在12萬畝以上，確保糧食總產量穩中有升。",
    "責任單位：區農業農村局，各街道辦事處",
    "完成時限：2022年12月底前",
    "2．培育農業產業化龍頭企業5家以上，打造“一村一品”示範村10個，推動農產品加工業",
    "與鄉村旅遊融合發展。",
    "責任單位：區農業農村局（牽頭）、區文化旅遊局",
    "完成時限：長期堅持",
  ].join("\n");
  const r = parse(DOC);

  it("skips the 文号 written with 發/號 and takes the title broken over two lines", () => {
    expect(r.title).toBe("南山区人民政府关于加快推进乡村振兴的实施意见");
    expect(r.preface).not.toContain("〔2022〕");
    expect(r.warnings.find((w) => w.code === "HEADER_SKIPPED")?.message).toContain(
      "第 4 行（文号）",
    );
  });

  it("a 總體目標 section is a goal heading, not a task", () => {
    expect(r.candidateTasks.map((t) => t.nodeCode)).toEqual(["二.1", "二.2"]);
  });

  it("a task's first sentence wrapped onto the next line stays its title", () => {
    const t = task(r, "二.2");
    expect(t.title).toBe(
      "培育農業產業化龍頭企業5家以上，打造“一村一品”示範村10個，推動農產品加工業與鄉村旅遊融合發展",
    );
    expect(t.description).toBe("");
    expect(t.leadText).toBe("區農業農村局");
    expect(t.supportText).toBe("區文化旅遊局");
    expect(t.deadline).toEqual({ kind: "ongoing", text: "長期堅持" });
  });

  it("a short heading-like item keeps its own title above its paragraph", () => {
    const doc = [
      "南山区2023年农业农村工作要点",
      "一、重点工作",
      "1.加强组织领导，健全工作机制",
      "建立区级领导联系点制度，每月调度一次工作进展。",
      "责任单位：区农业农村局",
    ].join("\n");
    const t = task(parse(doc), "一.1");
    expect(t.title).toBe("加强组织领导，健全工作机制");
    expect(t.description).toBe("建立区级领导联系点制度，每月调度一次工作进展。");
  });
});

describe("工作要点 printed with its title at the top of every page", () => {
  const DOC = [
    "2023年全县安全生产工作要点",
    "一、压紧压实安全生产责任",
    "1、健全完善安全生产责任体系，制定部门安全生产权力和责任清单。（县应急局牵头，县直有关部门按职责分工负责）",
    "- 3 -",
    "2023年全县安全生产工作要点",
    "二、深化重点行业领域专项整治",
    "（1）道路交通：开展“平安交通”创建活动，整治道路交通安全隐患点50处。",
    "（2）建筑施工：加强建筑施工安全监管，开展起重机械专项检查。",
    "2．加强危险化学品安全监管。（牵头单位：县应急局；完成时限：2023年10月）",
    "- 4 -",
    "2023年全县安全生产工作要点",
    "3．完善应急预案体系，修订县级专项应急预案12个。牵头单位：县应急局。完成时限：2023年12月底前。",
  ].join("\n");
  const r = parse(DOC);

  it("drops the running header from the bodies, with a warning naming its lines", () => {
    for (const t of r.candidateTasks) expect(t.description).not.toContain("工作要点");
    expect(task(r, "一.1").description).toBe("");
    const w = r.warnings.find((x) => x.code === "PAGE_HEADER_SKIPPED");
    expect(w?.message).toContain("第 5、11 行");
  });

  it("names the （1）（2） paragraphs left in a section's text before its items", () => {
    expect(r.candidateTasks.map((t) => t.nodeCode)).toEqual(["一.1", "二.2", "二.3"]);
    const w = r.warnings.find((x) => x.code === "ITEM_IN_BODY");
    expect(w?.message).toContain("第 6–8 行");
    expect(w?.message).toContain("（1）道路交通");
  });

  it("keeps a line repeated in the text that is no page header", () => {
    const doc = [
      "2023年全县安全生产工作要点",
      "一、重点工作",
      "1．开展安全生产大检查。（牵头单位：县应急局）",
      "2．开展消防安全专项整治行动",
      "3．开展消防安全专项整治行动",
    ].join("\n");
    expect(warningCodes(parse(doc))).not.toContain("PAGE_HEADER_SKIPPED");
  });
});

describe("indicator table with one cell per line, categories inside, qualifiers", () => {
  const cells = (...rows: string[][]) => rows.flat();
  const DOC = [
    "西林县“十四五”生态环境保护规划",
    "一、发展目标",
    "表1 西林县“十四五”生态环境保护主要指标",
    ...cells(
      ["序号", "指标名称", "单位", "2020年", "2025年", "属性"],
      ["一、环境质量"],
      ["1", "细颗粒物（PM2.5）平均浓度", "微克/立方米", "28", "<25", "约束性"],
      ["二、土壤"],
      ["2", "受污染耕地安全利用率", "%", "90", "力争93", "预期性"],
      ["3", "化学需氧量排放总量减少", "万吨", "—", "〔0.15〕", "约束性"],
      ["4", "城镇生活污水集中收集率", "%", "60", "65-70", "预期性"],
    ),
    "二、主要任务",
    "加强工业污染治理。",
  ].join("\n");
  const r = parse(DOC);
  const rows = r.indicatorTables[0]?.rows ?? [];

  it("reads each row with its category and qualifier", () => {
    expect(rows.map((x) => [x.category, x.name, x.target, x.targetQualifier ?? null])).toEqual([
      ["环境质量", "细颗粒物（PM2.5）平均浓度", 25, "atMost"],
      ["土壤", "受污染耕地安全利用率", 93, "aim"],
      ["土壤", "化学需氧量排放总量减少", 0.15, null],
      ["土壤", "城镇生活污水集中收集率", 65, "range"],
    ]);
    expect(r.nodes.map((n) => n.code)).toEqual(["一", "二"]);
  });

  it("a rate of something done well rises even when its name says 污染", () => {
    expect(rows.map((x) => x.direction)).toEqual(["DECREASE", "INCREASE", "DECREASE", "INCREASE"]);
  });
});

describe("Excel 分工表 with a category column typed over two lines in its cell", () => {
  it("joins the category title onto one line", async () => {
    const bytes = await xlsx([
      {
        name: "分工表",
        rows: [
          ["东坡区2024年民生实事项目任务分工表"],
          ["类别", "序号", "完成时限", "工作任务", "责任单位", "牵头单位"],
          ["教育", 1, "2024年8月底前", "新建幼儿园3所", "各乡镇（街道）", "区教育局"],
          ["医疗\n卫生", 2, "长期坚持", "建设紧密型\n县域医共体。", "区财政局", "区卫生健康局"],
        ],
        merges: ["A1:F1"],
      },
    ]);
    const r = await readDivisionWorkbook(bytes, { departments: DIRECTORY });
    expect(r.nodes.filter((n) => n.kind === "section").map((n) => n.title)).toEqual([
      "教育",
      "医疗卫生",
    ]);
    const t = task(r, "二.2");
    expect(t.title).toBe("建设紧密型县域医共体");
    expect(t.leadText).toBe("区卫生健康局");
    expect(t.supportText).toBe("区财政局");
    expect(task(r, "一.1").deadline).toEqual({
      kind: "date",
      date: "2024-08-31",
      text: "2024年8月底前",
    });
  });
});

describe("分工方案 whose tasks are a table in the text (Word table rows, PDF columns)", () => {
  const DIR: DepartmentDirectoryEntry[] = [
    { name: "市场监督管理局", shortName: "市场监管局" },
    { name: "自然资源局" },
    { name: "税务局" },
  ];
  // cells split by TAB as docx-text.ts renders a Word table: columns in an odd order, section
  // rows merged across the table (one cell, no TAB), a page break with the header repeated
  const TAB = [
    "××县2023年营商环境重点任务分工方案",
    "一、重点任务",
    "序号\t完成时限\t重点任务\t配合单位\t牵头单位",
    "一、政务服务",
    "1\t2023年6月底前\t推行企业开办一网通办\t县税务局\t县市场监管局",
    "2\t长期坚持\t推进政务服务事项“一窗受理”\t\t县政务服务中心",
    "- 2 -",
    "序号\t完成时限\t重点任务\t配合单位\t牵头单位",
    "二、要素保障",
    "3\t6月底前\t保障重点项目用地\t县发改局\t县自然资源局",
    "二、保障措施",
    "（一）加强督查。县政府督查室每季度开展一次专项督查。",
  ].join("\n");
  const r = parsePlan(TAB, { departments: DIR });

  it("makes each table row one task under the heading the table stands in", () => {
    expect(r.kind).toBe("division");
    expect(r.nodes.map((n) => `${n.code} ${n.title}`)).toEqual([
      "一 重点任务",
      "一.一 政务服务",
      "一.一.1 推行企业开办一网通办",
      "一.一.2 推进政务服务事项“一窗受理”",
      "一.二 要素保障",
      "一.二.3 保障重点项目用地",
      "二 保障措施",
      "二.（一） 加强督查",
    ]);
    expect(r.nodes.map((n) => n.order)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(r.candidateTasks.map((t) => t.nodeCode)).toEqual([
      "一.一.1",
      "一.一.2",
      "一.二.3",
      "二.（一）",
    ]);
  });

  it("reads the units and deadlines from their columns, verbatim", () => {
    const t1 = task(r, "一.一.1");
    expect([t1.leadText, t1.supportText, t1.suggestedLead]).toEqual([
      "县市场监管局",
      "县税务局",
      "市场监督管理局",
    ]);
    expect(t1.deadline).toEqual({ kind: "date", date: "2023-06-30", text: "2023年6月底前" });
    expect(task(r, "一.一.2").deadline).toEqual({ kind: "ongoing", text: "长期坚持" });
    // `6月底前` in an annual document: that year
    expect(task(r, "一.二.3").deadline).toEqual({
      kind: "date",
      date: "2023-06-30",
      text: "6月底前",
    });
  });

  it("no warning about an empty heading or a cut end", () => {
    expect(warningCodes(r)).not.toContain("EMPTY_NODE");
    expect(warningCodes(r)).not.toContain("TRUNCATED_END");
    expect(warningCodes(r)).not.toContain("DIVISION_UNREADABLE");
  });

  it("reads the same table with cells 2+ spaces apart (PDF text)", () => {
    const pdf = [
      "××县2023年营商环境重点任务分工方案",
      "一、重点任务",
      "序号    重点任务                    牵头单位        配合单位          完成时限",
      "1       推行企业开办一网通办        县市场监管局    县税务局          2023年6月底前",
      "2       保障重点项目用地            县自然资源局    县发改局          长期坚持",
    ].join("\n");
    const p = parsePlan(pdf, { departments: DIR });
    expect(p.candidateTasks.map((t) => [t.nodeCode, t.title, t.leadText, t.supportText])).toEqual([
      ["一.1", "推行企业开办一网通办", "县市场监管局", "县税务局"],
      ["一.2", "保障重点项目用地", "县自然资源局", "县发改局"],
    ]);
  });
});

describe("a PDF 分工表 whose task cell wraps onto a line of its own", () => {
  it("joins the wrapped text to the row's task, never a section of its own", () => {
    const doc = [
      "××县2023年营商环境重点任务分工方案",
      "一、重点任务",
      "序号    重点任务                    牵头单位        配合单位          完成时限",
      "1       推行企业开办一网通办，全程  县市场监管局    县税务局          2023年6月底前",
      "        网上办理",
      "2       保障重点项目用地，保障      县自然资源局    县发改局          长期坚持",
      "        产业项目",
      "二、保障措施",
      "（一）加强督查。县政府督查室每季度开展一次专项督查。",
    ].join("\n");
    const r = parse(doc);
    expect(r.nodes.map((n) => `${n.code} ${n.title}`)).toEqual([
      "一 重点任务",
      "一.1 推行企业开办一网通办，全程网上办理",
      "一.2 保障重点项目用地，保障产业项目",
      "二 保障措施",
      "二.（一） 加强督查",
    ]);
    expect(task(r, "一.2").leadText).toBe("县自然资源局");
  });
});

describe("a Word 分工方案 whose tasks are a table (.docx written with the docx package)", () => {
  it("reads the table's rows as tasks through extractPlanText", async () => {
    const bytes = await wordDocument([
      "××县2024年优化营商环境重点任务分工方案",
      "为持续优化营商环境，制定本方案。",
      "一、重点任务分工",
      {
        rows: [
          ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
          ["1", "推行企业开办一网通办", "县市场监管局", "县税务局、县人社局", "2024年6月底前"],
          ["2", "压缩工程建设项目审批时限", "县住建局", "县自然资源局", "长期坚持"],
        ],
      },
      "二、工作要求",
      "各单位要高度重视，确保各项任务按期完成。",
    ]);
    const { text, format } = await extractPlanText(bytes, "分工方案.docx");
    expect(format).toBe("docx");
    const r = parsePlan(text, { departments: DIRECTORY });
    expect(r.kind).toBe("division");
    expect(
      r.candidateTasks.slice(0, 2).map((t) => [t.nodeCode, t.title, t.leadText, t.supportText]),
    ).toEqual([
      ["一.1", "推行企业开办一网通办", "县市场监管局", "县税务局、县人社局"],
      ["一.2", "压缩工程建设项目审批时限", "县住建局", "县自然资源局"],
    ]);
    expect(task(r, "一.1").deadline).toEqual({
      kind: "date",
      date: "2024-06-30",
      text: "2024年6月底前",
    });
  });
});

describe("分工方案 with annotations wrapped inside a unit's name and phrase deadlines without a year", () => {
  const DOC = [
    "白河县2024年乡村振兴重点工作任务分工方案",
    "一、重点任务",
    "1.实施高标准农田建设项目，新建高标准农田1.5万亩，完成年度建设任务。",
    "牵头单位：县农业农村局",
    "配合单位：县财政局、县发展和改革局、县自然资",
    "源局、县水利局",
    "完成时限：2024年12月31日前",
    "2.推进农村人居环境整治提升，农村卫生厕所普及率达到85%。",
    "责任单位：县乡村振兴局、县卫生健康局、县住房和城乡",
    "建设局，各乡镇人民政府",
    "3.加快发展乡村产业。由县商务局牵头，县供销社、县邮政分公司配合，年内完成。",
    "4.培育新型农业经营主体。县农业农村局牵头，县财政局配合，6月底前完成。",
  ].join("\n");
  const r = parse(DOC);

  it("joins a 配合单位/责任单位 line cut inside a name with its next line", () => {
    expect(task(r, "一.1").supportUnits).toEqual([
      "县财政局",
      "县发展和改革局",
      "县自然资源局",
      "县水利局",
    ]);
    expect(task(r, "一.1").description).toBe("");
    expect(task(r, "一.2").leadText).toBe("县乡村振兴局");
    expect(task(r, "一.2").supportUnits).toEqual([
      "县卫生健康局",
      "县住房和城乡建设局",
      "各乡镇人民政府",
    ]);
  });

  it("reads `X牵头，Y配合，年内完成` / `6月底前完成` with the document's year", () => {
    const t3 = task(r, "一.3");
    expect([t3.leadText, t3.supportText, t3.description]).toEqual([
      "县商务局",
      "县供销社、县邮政分公司",
      "",
    ]);
    expect(t3.deadline).toEqual({ kind: "date", date: "2024-12-31", text: "年内完成" });
    expect(task(r, "一.4").deadline).toEqual({
      kind: "date",
      date: "2024-06-30",
      text: "6月底前完成",
    });
    expect(warningCodes(r)).not.toContain("NO_LEAD_UNIT");
  });
});

describe("工作计划 issued by notice only, with spaced and odd item numbering", () => {
  const DOC = [
    "东城区人民政府办公室关于印发《东城区2024年度城市更新工作计划》的通知",
    "各街道办事处，区政府各委、办、局：",
    "经区政府同意，现将《东城区2024年度城市更新工作计划》印发给你们，请认真贯彻执行。",
    "东城区人民政府办公室",
    "二〇二四年三月五日",
    "一、工作目标",
    "全年完成老旧小区改造30个。",
    "二、重点任务",
    "1 . 推进老旧小区改造。完成老旧小区综合整治30个。（牵头单位：区住房城乡建设委 ；配合单位：各街道办事处）",
    "2 ． 实施背街小巷环境整治提升。（牵头单位：区城市管理委；完成时限：2024年11月）",
    "3）加快城市基础设施更新。（牵头单位：区市政管委）",
    "4. 推动历史文化街区保护更新 ( 牵头单位 : 区文物局 , 配合单位 : 区规划分局 )",
  ].join("\n");
  const r = parse(DOC);

  it("takes title, year and place from the notice", () => {
    expect([r.title, r.period, r.jurisdictionName]).toEqual([
      "东城区2024年度城市更新工作计划",
      { start: 2024, end: 2024 },
      "东城区",
    ]);
  });

  it("a 工作目标 section without units is no task; spaced numbers and half-width labels are read", () => {
    expect(r.candidateTasks.map((t) => t.nodeCode)).toEqual(["二.1", "二.2", "二.4"]);
    expect(task(r, "二.1").leadText).toBe("区住房城乡建设委");
    expect([task(r, "二.4").leadText, task(r, "二.4").supportText]).toEqual([
      "区文物局",
      "区规划分局",
    ]);
  });

  it("an item numbered `3）` left inside the item before it is named in a warning", () => {
    const w = r.warnings.find((x) => x.code === "ITEM_IN_BODY");
    expect(w?.message).toContain("3）加快城市基础设施更新");
    expect(w?.line).toBe(10);
  });
});

describe("a 分工表 in the text stays linear", () => {
  const HEAD = "序号\t重点任务\t牵头单位\t配合单位\t完成时限";
  it("reads 5,000 table rows, and passes over 20,000 header-like lines, in a few seconds", () => {
    const rows = Array.from(
      { length: 5000 },
      (_, k) => `${k + 1}\t推进第${k + 1}项工作\t县发改局\t县财政局\t2024年6月底前`,
    );
    let t = performance.now();
    const r = parsePlan(["××县2024年重点任务分工方案", "一、重点任务", HEAD, ...rows].join("\n"));
    expect(r.candidateTasks).toHaveLength(5000);
    expect(performance.now() - t).toBeLessThan(5000);
    t = performance.now();
    parsePlan(
      ["××县2024年重点任务分工方案", "一、重点任务", ...Array(20000).fill(HEAD)].join("\n"),
    );
    expect(performance.now() - t).toBeLessThan(5000);
  });
});
