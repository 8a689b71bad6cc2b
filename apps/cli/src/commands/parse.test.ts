import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { ParseResult } from "@duban/plan-parser";
import { bombs, pdfBomb } from "@duban/test-utils/bombs";

import { parseCommand } from "./parse.ts";

const seed = fileURLToPath(
  new URL("../../../../seeds/xifeng-county-14th-fyp-sti-plan.txt", import.meta.url),
);

let out = "";
let err = "";
let dir = "";

beforeEach(() => {
  out = "";
  err = "";
  dir = mkdtempSync(join(tmpdir(), "duban-parse-"));
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

describe("duban parse", () => {
  it("prints the parse result as JSON", async () => {
    expect(await parseCommand([seed, "--format", "json"])).toBe(0);
    const result = JSON.parse(out) as ParseResult;
    expect(result.version).toBe(1);
    expect(result.stats.sections).toBe(5);
    expect(result.indicatorTables[0]?.rows).toHaveLength(7);
    expect(err).toBe("");
  });

  it("prints an outline with --format tree", async () => {
    expect(await parseCommand([seed, "--format", "tree"])).toBe(0);
    expect(out).toContain("四、主要任务");
    expect(out).toContain("【专栏 1】农业现代化科技");
  });

  it("detects a task-division document, shows its units, and takes --kind", async () => {
    const file = join(dir, "分工方案.txt");
    writeFileSync(
      file,
      [
        "西丰县2023年科技创新重点任务分工方案",
        "一、重点任务",
        "（一）强化企业创新主体地位",
        "1.新增高新技术企业10家。（牵头单位：县科技局；配合单位：县财政局）",
        "（二）优化创新生态",
        "2.建设科技成果转化平台。（牵头单位：县政务大厅；完成时限：2023年6月底前）",
        "",
      ].join("\n"),
    );
    expect(await parseCommand([file, "--format", "json"])).toBe(0);
    const result = JSON.parse(out) as ParseResult;
    expect(result.kind).toBe("division");
    expect(result.candidateTasks.map((t) => [t.nodeCode, t.leadText, t.suggestedLead])).toEqual([
      ["一.（一）.1", "县科技局", "科学技术局"],
      ["一.（二）.2", "县政务大厅", null],
    ]);
    out = "";
    expect(await parseCommand([file, "--format", "tree"])).toBe(0);
    expect(out).toContain("牵头：县科技局 → 科学技术局");
    expect(out).toContain("时限：2023-06-30（2023年6月底前）");
    out = "";
    expect(await parseCommand([file, "--format", "json", "--kind", "plan"])).toBe(0);
    expect((JSON.parse(out) as ParseResult).kind).toBe("plan");
    out = "";
    expect(await parseCommand([file, "--kind", "table"])).toBe(2);
    expect(out).toBe("");
    expect(err).toMatch(/^不支持的文件类型：table.*\(unsupported kind; use plan or division\)\n$/u);
  });

  it("rejects an empty file with one line on stderr and exit code 2", async () => {
    const empty = join(dir, "empty.txt");
    writeFileSync(empty, "");
    expect(await parseCommand([empty])).toBe(2);
    expect(out).toBe("");
    expect(err).toMatch(/^.*文件为空 \(empty file\)\n$/u);
    expect(err.split("\n").filter(Boolean)).toHaveLength(1);
  });

  it("reports a missing file, a bad format and missing arguments without a stack trace", async () => {
    expect(await parseCommand([join(dir, "nope.txt")])).toBe(2);
    expect(err).toMatch(/^找不到文件：.*\(file not found\)\n$/u);
    err = "";
    expect(await parseCommand([seed, "--format", "xml"])).toBe(2);
    expect(err).toContain("不支持的输出格式");
    err = "";
    expect(await parseCommand([])).toBe(2);
    expect(err).toContain("用法 (usage)");
    expect(err).not.toMatch(/\bat \S+ \(/u);
  });

  it("refuses a Word bomb and a PDF bomb with the upload limits, before extracting", async () => {
    const word = join(dir, "plan.docx");
    writeFileSync(word, bombs.docx(1));
    expect(await parseCommand([word])).toBe(2);
    expect(err).toMatch(/plan\.docx：文件解压后超过 64 MB，已拒绝/u);
    err = "";
    const pdf = join(dir, "plan.pdf");
    writeFileSync(pdf, pdfBomb(1));
    expect(await parseCommand([pdf])).toBe(2);
    expect(err).toContain("PDF 解压后超过 256 MB");
    expect(out).toBe("");
  });

  it("rejects unsupported formats", async () => {
    const doc = join(dir, "plan.doc");
    writeFileSync(doc, "科技创新规划");
    expect(await parseCommand([doc])).toBe(2);
    expect(err).toContain("不支持的文件格式");
  });
});

describe("duban parse file.xlsx (Excel 分工表)", () => {
  it("prints the 分工表's tasks with their written units and deadline", async () => {
    const { xlsx } = await import("../../../../packages/plan-parser/test/helpers/xlsx.ts");
    const file = join(dir, "分工表.xlsx");
    writeFileSync(
      file,
      await xlsx([
        {
          name: "Sheet1",
          rows: [
            ["西丰县2024年重点任务分工表"],
            ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
            ["一、优化营商环境"],
            [1, "推行企业开办一网通办。", "县市场监管局", "县税务局", "2024年6月底前"],
          ],
          merges: ["A1:E1", "A3:E3"],
        },
      ]),
    );
    expect(await parseCommand([file, "--format", "json"])).toBe(0);
    const result = JSON.parse(out) as ParseResult;
    expect(result.kind).toBe("division");
    expect(result.title).toBe("西丰县2024年重点任务分工表");
    expect(result.candidateTasks[0]).toMatchObject({
      nodeCode: "一.1",
      leadText: "县市场监管局",
      supportText: "县税务局",
      deadline: { kind: "date", date: "2024-06-30" },
    });
  });

  it("refuses a workbook without a 分工表 header, and an .xlsx bomb before reading it", async () => {
    const { xlsx } = await import("../../../../packages/plan-parser/test/helpers/xlsx.ts");
    const names = join(dir, "名单.xlsx");
    writeFileSync(
      names,
      await xlsx([
        {
          name: "名单",
          rows: [
            ["姓名", "电话"],
            ["张三", "1"],
          ],
        },
      ]),
    );
    expect(await parseCommand([names])).toBe(2);
    expect(err).toContain("未找到分工表表头");
    expect(err).toContain("姓名 | 电话");
    err = "";
    const bomb = join(dir, "bomb.xlsx");
    writeFileSync(bomb, bombs.xlsxSharedStrings(1));
    expect(await parseCommand([bomb])).toBe(2);
    expect(err).toContain("文件解压后超过 64 MB");
    expect(out).toBe("");
  });
});
