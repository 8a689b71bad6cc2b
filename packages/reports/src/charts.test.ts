import * as echarts from "echarts";
import { describe, expect, it } from "vitest";

import { completionChart, districtChart, svgToPng, trajectoryChart } from "./charts.ts";

/** width and height of a PNG from its IHDR chunk */
const pngSize = (png: Uint8Array) => {
  const view = new DataView(png.buffer, png.byteOffset);
  return { width: view.getUint32(16), height: view.getUint32(20) };
};

describe("charts rendered on the server (ECharts SSR SVG → resvg PNG)", () => {
  it("an indicator's districts side by side: bars per 片区 and the total; nothing to draw without districts", () => {
    const periods = [
      { key: "2023Q3", label: "2023年第三季度" },
      { key: "2023Q4", label: "2023年第四季度" },
    ];
    const chart = districtChart({
      name: "高新技术企业数",
      unit: "个",
      periods,
      districts: [
        { name: "东片区", values: { "2023Q3": 100, "2023Q4": 100 } },
        { name: "西片区", values: { "2023Q4": 60 } },
      ],
      total: { name: "合计", values: { "2023Q3": null, "2023Q4": 160 } },
    });
    if (!chart) throw new Error("no chart");
    expect([...chart.png.slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    expect(chart).toMatchObject({ widthMm: 150, heightMm: 70 });
    expect(districtChart({ name: "x", unit: null, periods, districts: [] })).toBeNull();
  });
  it("an indicator's trajectory: a PNG of the page size asked for, at 2× 96 dpi", () => {
    const chart = trajectoryChart({
      name: "R&D 经费支出",
      unit: "万元",
      expected: [2020, 2021, 2022, 2023, 2024, 2025].map((year, k) => ({
        year,
        value: 7529.2 + k * 4494,
      })),
      annualTargets: [{ year: 2023, value: 20000 }],
      reported: [
        { year: 2021, value: 9000 },
        { year: 2022, value: 12500 },
      ],
    });
    if (!chart) throw new Error("no chart");
    expect([...chart.png.slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
    expect(chart).toMatchObject({ widthMm: 150, heightMm: 62 });
    expect(pngSize(chart.png)).toEqual({
      width: 2 * Math.round((150 / 25.4) * 96),
      height: 2 * Math.round((62 / 25.4) * 96),
    });
    // small enough for a document with a chart per indicator
    expect(chart.png.length).toBeLessThan(80_000);
  });

  it("completion per unit grows with the number of units and shows at most 20", () => {
    const units = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ name: `单位${i + 1}`, completionRate: 100 - i }));
    const three = completionChart(units(3))!;
    const thirty = completionChart(units(30))!;
    expect(three.heightMm).toBe(16 + 3 * 7);
    // 20 bars at most, and never taller than 150 mm
    expect(thirty.heightMm).toBe(Math.min(150, 16 + 20 * 7));
  });

  it("names that are object keys or markup still draw; text the renderer cannot take costs the picture, not the document", () => {
    for (const name of ["__proto__", "constructor", "<a & b>", "]]>\"'"])
      expect(completionChart([{ name, completionRate: 50 }]), name).not.toBeNull();
    expect(
      trajectoryChart({
        name: "__proto__",
        unit: "__proto__",
        expected: [{ year: 2021, value: 1 }],
        annualTargets: [],
        reported: [],
      }),
    ).not.toBeNull();
    // zrender's text-width cache keyed a plain object by the label: `__proto__` set `prev`/`next`
    // on Object.prototype for the whole process (patches/zrender@6.1.0.patch: a null-prototype map)
    expect(Object.prototype).not.toHaveProperty("prev");
    expect(Object.prototype).not.toHaveProperty("next");
    // a NUL cannot be in SVG: never thrown, at worst no chart (documents clean their text first)
    expect(() => completionChart([{ name: "\u0000", completionRate: 50 }])).not.toThrow();
  });

  it("without any font the chart still renders (its labels are left out)", () => {
    const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: 200, height: 100 });
    chart.setOption({
      animation: false,
      xAxis: { type: "category", data: ["科技局", "发改局"] },
      yAxis: { type: "value" },
      series: [{ type: "bar", data: [1, 2] }],
    });
    const svg = chart.renderToSVGString();
    chart.dispose();
    const png = svgToPng(svg, { loadSystemFonts: false, fontFiles: [] });
    expect(pngSize(png)).toEqual({ width: 400, height: 200 });
  });
});
