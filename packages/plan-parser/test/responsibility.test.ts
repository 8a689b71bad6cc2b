// readResponsibility and readDeadline on the annotation forms task-division documents use.
// Every text below is written for this test in the shapes 分工方案 / 实施意见 / 工作要点 use.
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { readDeadline, readResponsibility } from "../src/index.ts";

const read = (text: string) => readResponsibility(text);

describe("readResponsibility: bracket annotations", () => {
  it("reads 牵头单位 and 配合单位 in full-width brackets after the sentence", () => {
    const r = read(
      "推行企业开办一网通办。（牵头单位：县市场监管局，配合单位：县政务服务中心、县税务局）",
    );
    expect(r).toMatchObject({
      leadText: "县市场监管局",
      supportText: "县政务服务中心、县税务局",
      leadUnits: ["县市场监管局"],
      supportUnits: ["县政务服务中心", "县税务局"],
      deadlineText: null,
      rest: "推行企业开办一网通办。",
      unreadable: [],
    });
  });

  it("removes a bracket before the full stop without leaving a gap", () => {
    const r = read("压缩工程建设项目审批时限（牵头单位：县住建局）。");
    expect(r.rest).toBe("压缩工程建设项目审批时限。");
    expect(r.leadUnits).toEqual(["县住建局"]);
  });

  it("reads a label after the closing bracket on the same line, and only labels outside brackets", () => {
    const r = read("压缩工程建设项目审批时限。（牵头单位：县住建局）完成时限：2024年6月底前");
    expect(r.leadUnits).toEqual(["县住建局"]);
    expect(r.deadlineText).toBe("2024年6月底前");
    expect(r.rest).toBe("压缩工程建设项目审批时限。");
    expect(r.unreadable).toEqual([]);
    const inside = read("新增高新技术企业10家。（牵头单位：县科技局；责任单位：各乡镇）");
    expect(inside.leadUnits).toEqual(["县科技局"]);
    expect(inside.supportUnits).toEqual(["各乡镇"]);
  });

  it("reads half-width brackets, ; between parts and a deadline inside the bracket", () => {
    const r = read(
      "新增规上工业企业5家。(牵头单位:市工信局;配合单位:市财政局、市统计局;完成时限:2024年6月)",
    );
    expect(r.leadText).toBe("市工信局");
    expect(r.supportUnits).toEqual(["市财政局", "市统计局"]);
    expect(r.deadlineText).toBe("2024年6月");
    expect(r.rest).toBe("新增规上工业企业5家。");
  });

  it("makes 责任单位 supporting when a 牵头单位 is written", () => {
    const r = read("新增高新技术企业10家。（牵头单位：县科技局；责任单位：各乡镇）");
    expect(r.leadUnits).toEqual(["县科技局"]);
    expect(r.supportUnits).toEqual(["各乡镇"]);
  });

  it("keeps several lead units and collective names", () => {
    const r = read(
      "深化“放管服”改革（牵头单位：区发改局、区行政审批局；协同责任单位：各街道（乡镇）、各有关单位；完成时限：长期坚持）",
    );
    expect(r.leadUnits).toEqual(["区发改局", "区行政审批局"]);
    expect(r.supportUnits).toEqual(["各街道（乡镇）", "各有关单位"]);
    expect(r.deadlineText).toBe("长期坚持");
    expect(r.rest).toBe("深化“放管服”改革");
  });

  it("reads 主责单位 and 参与单位", () => {
    const r = read("建设智慧园区（主责单位：经开区管委会；参与单位：市大数据局）");
    expect(r.leadText).toBe("经开区管委会");
    expect(r.supportText).toBe("市大数据局");
  });

  it("reads phrases in brackets: X牵头，Y配合 / 由X牵头 / X负责", () => {
    expect(read("实施科技特派员行动（县科技局牵头，县农业农村局、各乡镇配合）")).toMatchObject({
      leadUnits: ["县科技局"],
      supportUnits: ["县农业农村局", "各乡镇"],
      rest: "实施科技特派员行动",
    });
    expect(read("开展质量提升行动（由市市场监管局牵头）").leadText).toBe("市市场监管局");
    expect(read("开展安全生产大检查（县应急局负责）。")).toMatchObject({
      leadText: "县应急局",
      rest: "开展安全生产大检查。",
    });
  });

  it("leaves ordinary brackets in the text and reads nothing from them", () => {
    const r = read("建成区绿化覆盖率达到40%（含县城新区），完成造林5万亩（其中人工造林2万亩）。");
    expect(r.leadText).toBeNull();
    expect(r.rest).toBe(
      "建成区绿化覆盖率达到40%（含县城新区），完成造林5万亩（其中人工造林2万亩）。",
    );
    expect(r.unreadable).toEqual([]);
  });
});

describe("readResponsibility: lines and phrases", () => {
  it("reads annotation lines under the task", () => {
    const r = read(
      "推进数字乡村建设，建成益农信息社200个。\n牵头单位：县农业农村局\n配合单位：县工信局、各乡镇（街道）\n完成时限：2023年6月底前",
    );
    expect(r).toMatchObject({
      leadText: "县农业农村局",
      supportText: "县工信局、各乡镇（街道）",
      supportUnits: ["县工信局", "各乡镇（街道）"],
      deadlineText: "2023年6月底前",
      rest: "推进数字乡村建设，建成益农信息社200个。",
    });
  });

  it("reads a label tail after the sentence on the same line, and several labels on one line", () => {
    const r = read("完善创新券制度。牵头单位：县科技局  配合单位：县财政局  完成时限：2025年");
    expect(r.leadText).toBe("县科技局");
    expect(r.supportText).toBe("县财政局");
    expect(r.deadlineText).toBe("2025年");
    expect(r.rest).toBe("完善创新券制度。");
  });

  it("责任单位 alone: the first unit leads, the rest support (列第一位的为牵头单位)", () => {
    const r = read("推进数字乡村建设。\n责任单位：县农业农村局、县工信局，各乡镇（街道）");
    expect(r.leadText).toBe("县农业农村局");
    expect(r.leadUnits).toEqual(["县农业农村局"]);
    expect(r.supportUnits).toEqual(["县工信局", "各乡镇（街道）"]);
  });

  it("责任单位 with a unit marked （牵头）: that unit leads", () => {
    const r = read("建设人才公寓。\n责任单位：县财政局、县住建局（牵头）、县人社局");
    expect(r.leadText).toBe("县住建局");
    expect(r.supportUnits).toEqual(["县财政局", "县人社局"]);
  });

  it("reads a trailing sentence X牵头，Y配合 without brackets", () => {
    const r = read("开展科技特派员行动，选派特派员50名。县科技局牵头，县农业农村局配合。");
    expect(r.leadText).toBe("县科技局");
    expect(r.supportText).toBe("县农业农村局");
    expect(r.rest).toBe("开展科技特派员行动，选派特派员50名。");
  });

  it("does not read a prose sentence that mentions 负责 as an annotation", () => {
    const r = read("建立健全工作机制，明确各级政府负责的事项清单。");
    expect(r.leadText).toBeNull();
    expect(r.rest).toBe("建立健全工作机制，明确各级政府负责的事项清单。");
  });

  it("reads traditional characters and keeps them verbatim", () => {
    const r = read(
      "加強職業培訓。（牽頭單位：縣人社局；配合單位：縣財政局；完成時限：2024年底前）",
    );
    expect(r.leadText).toBe("縣人社局");
    expect(r.supportText).toBe("縣財政局");
    expect(r.deadlineText).toBe("2024年底前");
    expect(read("完善鄉村治理。縣民政局負責。").leadText).toBe("縣民政局");
  });

  it("drops people lines (责任领导) from the text without making them units", () => {
    const r = read("推进招商引资。\n牵头单位：县商务局\n责任领导：张三");
    expect(r.leadText).toBe("县商务局");
    expect(r.rest).toBe("推进招商引资。");
  });

  it("reads 按职责分工负责 with 等部门 dropped from the unit, and a deadline clause in a phrase", () => {
    const r = read("支持企业建设研发中心（县工信局、县科技局等部门按职责分工负责）。");
    expect(r).toMatchObject({
      leadText: "县工信局、县科技局等部门",
      leadUnits: ["县工信局", "县科技局"],
      rest: "支持企业建设研发中心。",
    });
    const s = read(
      "引进高层次人才20名。（县委组织部牵头，县人社局、县科技局配合，2024年底前完成）",
    );
    expect(s).toMatchObject({
      leadText: "县委组织部",
      supportUnits: ["县人社局", "县科技局"],
      deadlineText: "2024年底前完成",
      rest: "引进高层次人才20名。",
    });
  });

  it("reads a bracket of unit names closing the item as its 责任单位, and nothing else", () => {
    expect(read("落实研发费用加计扣除政策。（县税务局、县科技局）")).toMatchObject({
      leadText: "县税务局",
      supportText: "县科技局",
      rest: "落实研发费用加计扣除政策。",
    });
    for (const text of [
      "出台科技项目管理办法（试行）。",
      "完善园区配套设施（含县城新区）。",
      "建设创新平台（县科技局）并开展服务。",
    ])
      expect(read(text)).toMatchObject({ leadText: null, rest: text });
  });

  it("reports what looks like an annotation but cannot be split", () => {
    const r = read("加强统筹（县科技局统筹，会同各部门负责）");
    expect(r.leadText).toBeNull();
    expect(r.unreadable).toEqual(["（县科技局统筹，会同各部门负责）"]);
    expect(r.rest).toBe("加强统筹（县科技局统筹，会同各部门负责）");
    const s = read("完善机制，其中牵头单位为县科技局。");
    expect(s.unreadable).toEqual(["完善机制，其中牵头单位为县科技局。"]);
  });

  it("is linear on a long text", () => {
    const long = `${"（牵头单位：县科技局，".repeat(20_000)}推进`;
    const started = performance.now();
    read(long);
    read("（".repeat(100_000));
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("readDeadline", () => {
  const date = (text: string, period?: { start: number; end: number }) =>
    readDeadline(text, period);

  it("reads month, year and quarter ends", () => {
    expect(date("完成时限：2023年6月底前")).toEqual({
      kind: "date",
      date: "2023-06-30",
      text: "完成时限：2023年6月底前",
    });
    expect(date("2024年12月底前")).toMatchObject({ date: "2024-12-31" });
    expect(date("2024年2月")).toMatchObject({ date: "2024-02-29" });
    expect(date("2023年2月")).toMatchObject({ date: "2023-02-28" });
    expect(date("2025年")).toMatchObject({ kind: "date", date: "2025-12-31" });
    expect(date("2025年底前")).toMatchObject({ date: "2025-12-31" });
    expect(date("2023年第三季度")).toMatchObject({ date: "2023-09-30" });
    expect(date("2024年一季度末")).toMatchObject({ date: "2024-03-31" });
    expect(date("2023年上半年")).toMatchObject({ date: "2023-06-30" });
    expect(date("2023年6月15日前")).toMatchObject({ date: "2023-06-15" });
    expect(date("２０２４年１０月")).toMatchObject({ date: "2024-10-31" });
    expect(date("2023—2025年")).toMatchObject({ date: "2025-12-31" });
    expect(date("2025年底前持续推进")).toMatchObject({ kind: "date", date: "2025-12-31" });
    expect(date("2023年至2025年")).toMatchObject({ date: "2025-12-31" });
    expect(date("2023年6月底前启动，2024年底前完成")).toMatchObject({ date: "2024-12-31" });
    expect(date("2024年3月底前出台方案，2023年底前完成调研")).toMatchObject({ date: "2024-03-31" });
  });

  it("reads ongoing and recurring deadlines", () => {
    for (const t of ["长期坚持", "持续推进", "长期", "2023年起长期坚持", "常态化推进"])
      expect(date(t)).toEqual({ kind: "ongoing", text: t });
    expect(date("每季度")).toEqual({ kind: "recurring", every: "quarter", text: "每季度" });
    expect(date("每月")).toMatchObject({ every: "month" });
    expect(date("每年年底前")).toMatchObject({ every: "year" });
    expect(date("每半年")).toMatchObject({ every: "halfYear" });
  });

  it("uses the period for a month without a year (annual document) and for 规划期内", () => {
    expect(date("6月底前", { start: 2023, end: 2023 })).toMatchObject({ date: "2023-06-30" });
    expect(date("6月底前", { start: 2021, end: 2025 })).toBeNull();
    expect(date("6月底前")).toBeNull();
    expect(date("规划期内", { start: 2021, end: 2025 })).toMatchObject({ date: "2025-12-31" });
  });

  it("never invents a date that does not exist", () => {
    expect(date("2023年13月")).toBeNull();
    expect(date("2023年2月30日")).toBeNull();
    expect(date("2023年第五季度")).toBeNull();
    expect(date("尽快")).toBeNull();
    expect(date("")).toBeNull();
  });
});

describe("properties", () => {
  const atoms = fc.constantFrom(
    "（",
    "）",
    "(",
    ")",
    "牵头单位：",
    "配合单位：",
    "责任单位：",
    "完成时限：",
    "牽頭單位：",
    "县科技局",
    "各乡镇（街道）",
    "、",
    "，",
    "；",
    "。",
    "\n",
    "牵头",
    "负责",
    "配合",
    "由",
    "2024年6月底前",
    "2023年13月",
    "长期坚持",
    "推进工作",
    " ",
  );
  const texts = fc.array(atoms, { maxLength: 40 }).map((a) => a.join(""));

  it("never throws; units come from the written text; rest never grows", () => {
    fc.assert(
      fc.property(texts, (text) => {
        const r = readResponsibility(text);
        expect(r.rest.length).toBeLessThanOrEqual(text.length);
        if (r.leadText === null) expect(r.leadUnits).toEqual([]);
        for (const u of [...r.leadUnits, ...r.supportUnits]) expect(u.length).toBeGreaterThan(0);
        if (r.leadText !== null) expect(text).toContain(r.leadUnits[0]?.slice(0, 1) ?? "");
      }),
      { numRuns: 500 },
    );
  });

  it("readDeadline gives real calendar days or null", () => {
    fc.assert(
      fc.property(texts, fc.integer({ min: 2000, max: 2040 }), (text, year) => {
        const d = readDeadline(text, { start: year, end: year });
        if (d?.kind === "date") {
          expect(d.date).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
          expect(new Date(`${d.date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(d.date);
        }
      }),
      { numRuns: 500 },
    );
  });
});
