import { describe, expect, it } from "vitest";

import { fiveYearPeriod, jurisdictionFrom, periodFrom, titleFromText } from "./meta.ts";

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
});
