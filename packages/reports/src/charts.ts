import { readdirSync } from "node:fs";
import { join } from "node:path";

import { Resvg, type ResvgRenderOptions } from "@resvg/resvg-js";
import * as echarts from "echarts";

/**
 * The charts a leader looks at instead of reading (issue #18): rendered on the server with
 * ECharts' SSR SVG output (`init(null, null, { renderer: "svg", ssr: true })`,
 * `renderToSVGString()`) and turned into PNG by resvg, so Word, WPS and LibreOffice all show them.
 *
 * Fonts: the SVG asks for the documents' own 仿宋 first, then the CJK fonts a Linux server or a
 * Windows desktop usually has (WenQuanYi Micro Hei is what .ci/run installs); resvg loads the
 * system fonts and takes the first family installed, falling back per glyph. On a machine without
 * any CJK font the picture still renders (axes, lines, bars, Latin digits) but its Chinese labels
 * are left out: resvg draws no glyph it has no font for.
 */
// single quotes: ECharts writes the family into a double-quoted style attribute
const FONT_FAMILY =
  "'仿宋_GB2312', FangSong, STFangsong, 'Noto Serif CJK SC', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', sans-serif";

const FONT_DIRS = [
  "/usr/share/fonts",
  "/usr/local/share/fonts",
  `${process.env.HOME ?? ""}/.fonts`,
  `${process.env.HOME ?? ""}/.local/share/fonts`,
  "C:\\Windows\\Fonts",
  "/System/Library/Fonts",
  "/Library/Fonts",
];
/** file names of the CJK fonts looked for (a 仿宋 is preferred) */
const CJK_FILE =
  /fangsong|simfang|fz.*fs|stfangso|wqy|notoserifcjk|notosanscjk|sourcehan|simsun|msyh|droidsansfallback|pingfang/i;

function fontFiles(dir: string, depth = 0): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() && depth < 3
        ? fontFiles(join(dir, e.name), depth + 1)
        : /\.(ttf|ttc|otf|otc)$/i.test(e.name) && CJK_FILE.test(e.name)
          ? [join(dir, e.name)]
          : [],
    );
  } catch {
    return [];
  }
}

let fontOptions: ResvgRenderOptions["font"] | undefined;
/**
 * The fonts resvg gets, looked up once per process: the CJK font files found by name (loading only
 * these is ~5× faster than letting resvg scan every system font for each chart); when none is
 * found, every system font (the picture then has no Chinese labels if none of them has CJK glyphs).
 */
function chartFonts(): NonNullable<ResvgRenderOptions["font"]> {
  if (!fontOptions) {
    // one CJK font file (it has Latin digits too): resvg parses every file it is given per chart
    const files = FONT_DIRS.flatMap((d) => fontFiles(d)).filter((f) => CJK_FILE.test(f));
    const best = files.find((f) => /fangsong|simfang|fz.*fs|stfangso/i.test(f)) ?? files[0];
    fontOptions = best
      ? { fontFiles: [best], loadSystemFonts: false, defaultFontFamily: "WenQuanYi Micro Hei" }
      : { loadSystemFonts: true };
  }
  return fontOptions;
}

/** pixels per millimetre of the PNG: 2 px per CSS pixel (~192 dpi), sharp on paper, small in the file */
const SCALE = 2;
const PX_PER_MM = 96 / 25.4;

/** A rendered chart: the PNG and its size on the page in millimetres. */
export type ChartImage = { png: Uint8Array; widthMm: number; heightMm: number };

/**
 * The chart as PNG, or null when it cannot be drawn: a chart illustrates a table the document
 * prints anyway, so a label the renderer chokes on (hostile text in a unit's or an indicator's
 * name) costs the picture, never the document.
 */
function render(
  option: echarts.EChartsCoreOption,
  widthMm: number,
  heightMm: number,
): ChartImage | null {
  const width = Math.round(widthMm * PX_PER_MM);
  const height = Math.round(heightMm * PX_PER_MM);
  try {
    const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
    chart.setOption({
      animation: false,
      backgroundColor: "#ffffff",
      textStyle: { fontFamily: FONT_FAMILY, fontSize: 12, color: "#222" },
      ...option,
    });
    const svg = chart.renderToSVGString();
    chart.dispose();
    return { png: svgToPng(svg), widthMm, heightMm };
  } catch {
    return null;
  }
}

/**
 * A category axis whose labels are the given names. The categories themselves are indices: ECharts
 * keys categories by their text, so a name such as `__proto__` would otherwise break the chart.
 */
function namedCategories(names: readonly string[]) {
  return {
    type: "category" as const,
    data: names.map((_, i) => String(i)),
    axisLabel: { formatter: (v: string) => names[Number(v)] ?? "" },
  };
}

/**
 * An ECharts SVG as PNG bytes at twice its CSS size, with `fonts` (by default the CJK font found
 * on the machine, chartFonts). Text whose glyphs no font has is left out; the rest still renders.
 */
export function svgToPng(
  svg: string,
  fonts: ResvgRenderOptions["font"] = chartFonts(),
): Uint8Array {
  const png = new Resvg(svg, {
    fitTo: { mode: "zoom", value: SCALE },
    font: fonts,
    background: "#ffffff",
  })
    .render()
    .asPng();
  return new Uint8Array(png);
}

/** One indicator's series for its trajectory chart. Values in the indicator's unit. */
export type TrajectorySeries = {
  name: string;
  unit: string | null;
  /** the expected path: one point per year-end from the baseline year to the target year */
  expected: Array<{ year: number; value: number | null }>;
  /** 年度目标 set for a year (they replace the trajectory for that year) */
  annualTargets: Array<{ year: number; value: number }>;
  /** the values reported, as the latest per year (the year of the period) */
  reported: Array<{ year: number; value: number }>;
};

/**
 * An indicator's trajectory (expected path, annual targets when set) against its reported values,
 * a line chart 150 × 62 mm with the years on the x axis.
 */
export function trajectoryChart(s: TrajectorySeries): ChartImage | null {
  const years = [
    ...new Set([
      ...s.expected.map((p) => p.year),
      ...s.annualTargets.map((p) => p.year),
      ...s.reported.map((p) => p.year),
    ]),
  ].sort((a, b) => a - b);
  const at = (points: Array<{ year: number; value: number | null }>) =>
    years.map((y) => points.find((p) => p.year === y)?.value ?? null);
  const series: object[] = [
    {
      name: "序时目标",
      type: "line",
      data: at(s.expected),
      lineStyle: { type: "dashed", color: "#8c8c8c" },
      itemStyle: { color: "#8c8c8c" },
      symbol: "none",
      connectNulls: true,
    },
    {
      name: "实际值",
      type: "line",
      data: at(s.reported),
      lineStyle: { width: 2, color: "#c00000" },
      itemStyle: { color: "#c00000" },
      connectNulls: true,
    },
  ];
  if (s.annualTargets.length)
    series.splice(1, 0, {
      name: "年度目标",
      type: "scatter",
      data: at(s.annualTargets),
      symbol: "diamond",
      symbolSize: 9,
      itemStyle: { color: "#1f4e9a" },
    });
  return render(
    {
      legend: { top: 0, itemWidth: 18, itemHeight: 8 },
      grid: { left: 8, right: 16, top: 28, bottom: 4, containLabel: true },
      xAxis: { type: "category", data: years.map(String), boundaryGap: false },
      yAxis: {
        type: "value",
        name: s.unit ?? "",
        scale: true,
        nameTextStyle: { align: "right" },
      },
      series,
    },
    150,
    62,
  );
}

/**
 * Completion per unit: a horizontal bar per unit (completion rate, %), best at the top; at most
 * `limit` units so the picture stays readable (the table lists all of them).
 */
export function completionChart(
  rows: ReadonlyArray<{ name: string; completionRate: number }>,
  limit = 20,
): ChartImage | null {
  return unitBarChart(
    rows.map((r) => ({ name: r.name, value: r.completionRate })),
    { max: 100, suffix: "%", limit },
  );
}

/**
 * Scores per unit (督查通报): a horizontal bar per unit (total points out of 100 plus bonuses),
 * best at the top, at most `limit` units.
 */
export function scoreChart(
  rows: ReadonlyArray<{ name: string; total: number }>,
  limit = 30,
): ChartImage | null {
  const top = Math.max(100, ...rows.map((r) => Math.ceil(r.total)));
  return unitBarChart(
    rows.map((r) => ({ name: r.name, value: Number(r.total.toFixed(2)) })),
    { max: top, suffix: "", limit },
  );
}

/** One horizontal bar per unit, largest at the top: 150 mm wide, its height grows with the bars. */
function unitBarChart(
  rows: ReadonlyArray<{ name: string; value: number }>,
  opts: { max: number; suffix: string; limit: number },
): ChartImage | null {
  const shown = [...rows].sort((a, b) => b.value - a.value).slice(0, opts.limit);
  const heightMm = Math.min(150, 16 + shown.length * 7);
  return render(
    {
      grid: { left: 8, right: 36, top: 8, bottom: 4, containLabel: true },
      xAxis: { type: "value", max: opts.max, axisLabel: { formatter: `{value}${opts.suffix}` } },
      yAxis: { ...namedCategories(shown.map((r) => r.name)), inverse: true },
      series: [
        {
          type: "bar",
          data: shown.map((r) => r.value),
          barMaxWidth: 14,
          itemStyle: { color: "#1f4e9a" },
          label: { show: true, position: "right", formatter: `{c}${opts.suffix}` },
        },
      ],
    },
    150,
    heightMm,
  );
}

/** An indicator's 片区 side by side (issue #19): each 片区's value per quarter, and the total. */
export type DistrictChartSeries = {
  name: string;
  unit: string | null;
  /** the quarters on the x axis, labelled as given (e.g. 2023年第四季度) */
  periods: Array<{ key: string; label: string }>;
  districts: Array<{ name: string; values: Record<string, number | null> }>;
  /** the total by the indicator's rule, drawn as a line on the right axis (a sum dwarfs its parts) */
  total?: { name: string; values: Record<string, number | null> };
};

/**
 * Districts side by side: per quarter one bar per 片区, the total as a line on a second axis;
 * 150 × 70 mm. Null when there is nothing to draw (or the renderer fails: see render).
 */
export function districtChart(s: DistrictChartSeries): ChartImage | null {
  if (!s.periods.length || !s.districts.length) return null;
  const palette = ["#1f4e9a", "#2e8b57", "#d4a017", "#8e44ad", "#16a085", "#d35400", "#7f8c8d"];
  return render(
    {
      legend: { top: 0, itemWidth: 14, itemHeight: 8, type: "plain" },
      grid: { left: 8, right: 8, top: 40, bottom: 4, containLabel: true },
      xAxis: namedCategories(s.periods.map((p) => p.label)),
      yAxis: [
        { type: "value", name: s.unit ?? "", scale: true, nameTextStyle: { align: "right" } },
        ...(s.total ? [{ type: "value", scale: true, splitLine: { show: false } }] : []),
      ],
      series: [
        ...s.districts.map((d, i) => ({
          name: d.name,
          type: "bar",
          itemStyle: { color: palette[i % palette.length] },
          data: s.periods.map((p) => d.values[p.key] ?? null),
        })),
        ...(s.total
          ? [
              {
                name: s.total.name,
                type: "line",
                yAxisIndex: 1,
                lineStyle: { width: 2, color: "#c00000" },
                itemStyle: { color: "#c00000" },
                data: s.periods.map((p) => s.total!.values[p.key] ?? null),
              },
            ]
          : []),
      ],
    },
    150,
    70,
  );
}
