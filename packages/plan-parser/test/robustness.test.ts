// parsePlan must return a result for any string, quickly. Property tests over random text and
// over mutations of the seed plans (truncation, shuffled lines, deep heading ladders).
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { formatTree, parsePlan, type ParseResult } from "../src/index.ts";
import { LONGLI, XIFENG, ZUNYI } from "./helpers/seeds.ts";

const assertSane = (r: ParseResult) => {
  expect(r.version).toBe(1);
  expect(r.warnings.map((w) => w.code)).not.toContain("INTERNAL_ERROR");
  const codes = new Set(r.nodes.map((n) => n.code));
  expect(codes.size).toBe(r.nodes.length);
  for (const n of r.nodes) {
    if (n.parentCode !== null) expect(codes.has(n.parentCode)).toBe(true);
    expect(n.lineEnd).toBeGreaterThanOrEqual(n.lineStart);
  }
  expect(typeof formatTree(r)).toBe("string");
  JSON.stringify(r);
};

const seedLines = [XIFENG, ZUNYI, LONGLI].map((t) => t.split("\n"));

const headingAtoms = fc.constantFrom(
  "第一部分 总则",
  "第二章 任务",
  "一、目标",
  "二、任务",
  "（一）企业",
  "（二）人才",
  "1.平台",
  "2.项目",
  "专栏 1：工程",
  "专栏1-2 行动",
  "序号 指标 2020 年 2025 年",
  "1 R&D 经费（万元） 1 2",
  "2 专利（件） - 3",
  "图 1 示意",
  "表 2 清单",
  "则",
  "落实。",
  "13",
  "",
);

describe("parsePlan never throws", () => {
  it("on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => assertSane(parsePlan(s))),
      { numRuns: 300 },
    );
  });

  it("on arbitrary full-unicode strings, lone surrogates included", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (s) => assertSane(parsePlan(s))),
      { numRuns: 300 },
    );
  });

  it("on random ladders of heading-like lines", () => {
    fc.assert(
      fc.property(fc.array(headingAtoms, { maxLength: 120 }), (lines) =>
        assertSane(parsePlan(lines.join("\n"))),
      ),
      { numRuns: 200 },
    );
  });

  it("on truncated and shuffled seed text", () => {
    fc.assert(
      fc.property(fc.nat(2), fc.nat(), fc.nat(), fc.boolean(), (which, a, b, shuffle) => {
        const lines = seedLines[which] ?? [];
        const start = a % Math.max(1, lines.length);
        const end = start + (b % Math.max(1, lines.length - start + 1));
        let part = lines.slice(start, end);
        if (shuffle)
          part = [...part].sort((x, y) => ((x.length * 31 + a) % 17) - ((y.length * 31 + a) % 17));
        assertSane(parsePlan(part.join("\n")));
      }),
      { numRuns: 60 },
    );
  });

  it("on seed text cut at an arbitrary character", () => {
    fc.assert(
      fc.property(fc.nat(ZUNYI.length), (cut) => assertSane(parsePlan(ZUNYI.slice(0, cut)))),
      { numRuns: 30 },
    );
  });

  it("on deep and repeated numbering (duplicate codes get #2 and a warning)", () => {
    const text = [
      "一、甲",
      "（一）乙",
      "1.丙",
      "一、甲",
      "（一）乙",
      "第一章 丁",
      "第一章 丁",
      "专栏 1：戊",
      "专栏 1：戊",
    ].join("\n");
    const r = parsePlan(text);
    assertSane(r);
    expect(r.nodes.map((n) => n.code)).toContain("第一章#2");
    expect(r.nodes.map((n) => n.code)).toContain("专栏1#2");
    expect(r.warnings.filter((w) => w.code === "DUPLICATE_CODE").length).toBeGreaterThan(0);
  });

  it("returns an empty result for empty and non-string input", () => {
    expect(parsePlan("").stats.lines).toBe(0);
    expect(parsePlan(undefined as unknown as string).nodes).toEqual([]);
  });
});

describe("parsePlan stays fast", () => {
  it("parses a 10 MB single line in well under the timeout", () => {
    const line = "科技创新（一）1.2020 年专栏 1：序号 指标，".repeat(400_000).slice(0, 10_000_000);
    const started = performance.now();
    assertSane(parsePlan(line));
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it("parses 100k short lines without quadratic blow-up", () => {
    const text = Array.from({ length: 100_000 }, (_, i) =>
      i % 50 === 0 ? `${((i / 50) % 9) + 1}.条目${i}` : `第${i}行正文，继续推进科技创新工作`,
    ).join("\n");
    const started = performance.now();
    assertSane(parsePlan(text));
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
