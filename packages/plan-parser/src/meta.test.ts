import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { parsePlan } from "./index.ts";
import {
  fiveYearPeriod,
  isPlaceName,
  jurisdictionFrom,
  periodFrom,
  titleFromText,
} from "./meta.ts";

describe("meta", () => {
  it("maps five-year plans to years", () => {
    expect(fiveYearPeriod(14)).toEqual({ start: 2021, end: 2025 });
    expect(fiveYearPeriod(15)).toEqual({ start: 2026, end: 2030 });
    expect(periodFrom("某市科技创新规划（2023—2027年）", "")).toEqual({ start: 2023, end: 2027 });
    expect(periodFrom(null, "“十三五”以来成效显著。“十四五”科技创新规划主要目标")).toEqual({
      start: 2021,
      end: 2025,
    });
  });

  it("finds the jurisdiction in the title, the master plan reference, or by frequency", () => {
    expect(jurisdictionFrom("黔东南州“十四五”科技规划", "")).toBe("黔东南州");
    expect(
      jurisdictionFrom(
        null,
        "根据《中共贵州省委关于制定贵州省国民经济和社会发展…》《中共遵义市委关于制定遵义市国民经济和社会发展…》",
      ),
    ).toBe("遵义市");
    expect(
      jurisdictionFrom(null, "全县推进。在湄潭县建设，湄潭县推进，为湄潭县服务，全市、城市"),
    ).toBe("湄潭县");
  });

  it("reads the title named in the preface", () => {
    expect(titleFromText("制定《遵义市“十四五”科技创新发展规划》（以下简称“规划”）")).toBe(
      "遵义市“十四五”科技创新发展规划",
    );
    expect(titleFromText("根据《贵州省“十四五”科技创新规划》，特制定本规划。")).toBeNull();
  });

  it("reads the document a notice forwards", () => {
    expect(titleFromText("现将《西丰县2023年科技工作要点》印发给你们，请认真贯彻执行。")).toBe(
      "西丰县2023年科技工作要点",
    );
    expect(
      titleFromText("县政府办公室关于印发《西丰县科技创新三年行动方案》的通知\n各乡镇："),
    ).toBe("西丰县科技创新三年行动方案");
  });
});

describe("period", () => {
  it.each([
    ["西丰县“十四五”科技创新规划", { start: 2021, end: 2025 }],
    [
      "西丰县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要",
      { start: 2021, end: 2025 },
    ],
    ["第十五个五年规划", { start: 2026, end: 2030 }],
    ["西丰县科技创新规划（2021—2025年）", { start: 2021, end: 2025 }],
    ["西丰县科技创新三年行动方案（2023-2025年）", { start: 2023, end: 2025 }],
    ["2023—2025年西丰县科技创新行动方案", { start: 2023, end: 2025 }],
    ["西丰县2023年至2025年科技创新行动方案", { start: 2023, end: 2025 }],
    ["西丰县2023年科技工作要点", { start: 2023, end: 2023 }],
    ["2024年度重点任务分工方案", { start: 2024, end: 2024 }],
    ["二〇二三年全县科技工作要点", { start: 2023, end: 2023 }],
  ])("%s", (title, period) => {
    expect(periodFrom(title, "")).toEqual(period);
  });

  it("a year reached towards or a horizon is not an annual document", () => {
    expect(periodFrom("到2025年科技创新行动方案", "")).toBeNull();
    expect(periodFrom("西丰县2035年远景目标纲要", "")).toBeNull();
    expect(periodFrom("西丰县关于加快推进科技创新的实施意见", "")).toBeNull();
    expect(periodFrom("西丰县科技计划项目管理办法（2021年修订）", "")).toBeNull();
  });

  it("falls back to the text: 十X五 named next to 规划, else the most mentioned, else 第X个五年", () => {
    expect(periodFrom("关于加快推进科技创新的实施意见", "按照“十四五”规划部署")).toEqual({
      start: 2021,
      end: 2025,
    });
    expect(periodFrom(null, "落实《西丰县国民经济和社会发展第十四个五年规划纲要》")).toEqual({
      start: 2021,
      end: 2025,
    });
  });
});

describe("jurisdiction", () => {
  it("reads place names, not phrases", () => {
    for (const name of [
      "西丰县",
      "遵义市",
      "黔东南州",
      "三明市",
      "浦东新区",
      "内江市",
      "西城区",
      "鄂托克旗",
    ])
      expect(isPlaceName(name), name).toBe(true);
    for (const name of [
      "全市",
      "年内市",
      "区县",
      "本县",
      "各区县",
      "两级市",
      "经济开发区",
      "高新区",
      "农贸市",
      "市辖区",
      "三级县",
      "关于加快推进县",
    ])
      expect(isPlaceName(name), name).toBe(false);
  });

  it("never takes a place from 5年内市、区两级, 全市, 市、县两级 or 区县", () => {
    const text = [
      "力争5年内市、区两级财政科技投入年均增长10%。",
      "5年内市、区两级建成一批创新平台，5年内市、区两级全覆盖。",
      "全市推进，全市落实，全市考核。市、县两级联动，区县协同，各区县落实。",
    ].join("");
    expect(jurisdictionFrom("关于加快推进科技创新的实施意见", text)).toBeNull();
    const r = parsePlan(`关于加快推进科技创新的实施意见\n${text}\n一、总体要求\n坚持创新驱动。`);
    expect(r.jurisdictionName).toBeNull();
    expect(r.warnings.map((w) => w.code)).toContain("JURISDICTION_MISSING");
  });

  it("no arrangement of common phrases that merely contain 市/县/区 gives a place (fast-check)", () => {
    const phrases = [
      "全市",
      "全县",
      "5年内市、区两级",
      "市、县两级",
      "区县",
      "各区县",
      "本市",
      "我县",
      "开发区",
      "高新区",
      "经济开发区",
      "超市",
      "城区",
      "辖区",
      "县域",
      "市场",
      "区域",
      "各乡镇（街道）",
      "市级",
      "县级",
      "三县两区",
      "市直各部门",
      "县直单位",
      "年内市",
      "科技创新",
      "加快推进",
    ];
    const piece = fc.constantFrom(...phrases);
    const stop = fc.constantFrom("，", "。", "、", "", "；", "5", "在", "推动");
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, stop), { minLength: 1, maxLength: 60 }), (parts) => {
        const text = parts.map(([p, s]) => p + s).join("");
        expect(jurisdictionFrom(text.slice(0, 30), text)).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });

  it("takes the lowest of the places leading the title, and the issuer's place", () => {
    expect(jurisdictionFrom("贵阳市息烽县科技创新规划", "")).toBe("息烽县");
    expect(jurisdictionFrom("中共西丰县委关于加快科技创新的意见", "")).toBe("西丰县");
    expect(
      jurisdictionFrom("关于加快推进科技创新的实施意见", "", { issuer: "西丰县人民政府办公室" }),
    ).toBe("西丰县");
  });

  it("prefers a name from the directory: in the title, the issuer, then the most mentioned", () => {
    const directory = ["铁岭市", "西丰县", "黔东南苗族侗族自治州"];
    expect(jurisdictionFrom("黔东南州“十四五”科技规划", "", { directory })).toBe(
      "黔东南苗族侗族自治州",
    );
    expect(
      jurisdictionFrom("关于加快推进科技创新的实施意见", "", {
        directory,
        issuer: "西丰县人民政府",
      }),
    ).toBe("西丰县");
    // 昌图县 reads as a place and is mentioned more, but 西丰县 is the known jurisdiction
    const text = "昌图县经验，昌图县做法，昌图县模式。西丰县学习，西丰县推广。";
    expect(jurisdictionFrom(null, text)).toBe("昌图县");
    expect(jurisdictionFrom(null, text, { directory })).toBe("西丰县");
    expect(
      parsePlan(`${text}\n一、总体要求\n坚持创新驱动。`, { jurisdictions: directory })
        .jurisdictionName,
    ).toBe("西丰县");
    // no directory name at all: the patterns still decide
    expect(jurisdictionFrom("凤城市科技创新规划", "", { directory })).toBe("凤城市");
  });
});
