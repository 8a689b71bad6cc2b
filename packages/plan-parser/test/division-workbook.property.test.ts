// Any grid of cells, merged or not: parseDivisionSheets returns a consistent result or refuses
// with NO_HEADER, and never loses a task row without a warning.
import fc from "fast-check";
import { describe, expect, test } from "vitest";

import {
  parseDivisionSheets,
  PlanInputError,
  workbookText,
  type WorkbookCell,
  type WorkbookSheet,
} from "../src/index.ts";

const WORDS = [
  "序号",
  "重点任务",
  "具体措施",
  "牵头单位",
  "配合单位",
  "责任单位",
  "完成时限",
  "类别",
  "备注",
  "一、优化营商环境",
  "（一）强化科技",
  "一",
  "注：按月报送。",
  "推进项目建设。",
  "县发改局",
  "县科技局、县财政局",
  "2024年6月底前",
  "长期坚持",
  "每季度",
  "1",
  "2",
  "牵头单位：县住建局",
  "X",
  "",
  "",
];

/** a sheet of up to 12 rows × 6 columns; some cells carry the text of a cell above or left (a merge) */
const sheet = fc
  .record({
    name: fc.constantFrom("Sheet1", "分工", "1.1"),
    grid: fc.array(fc.array(fc.constantFrom(...WORDS), { minLength: 6, maxLength: 6 }), {
      minLength: 1,
      maxLength: 12,
    }),
    merges: fc.array(fc.tuple(fc.nat(11), fc.nat(5), fc.boolean()), { maxLength: 6 }),
  })
  .map(({ name, grid, merges }): WorkbookSheet => {
    const master = grid.map((r, i) => r.map((_, j) => [i + 1, j + 1] as [number, number]));
    for (const [i, j, down] of merges) {
      const [ti, tj] = down ? [i + 1, j] : [i, j + 1];
      if (ti < grid.length && tj < 6) master[ti]![tj] = master[i]![j]!;
    }
    const rows = grid.map((r, i) => {
      const cells: WorkbookCell[] = [];
      r.forEach((_, j) => {
        const [mr, mc] = master[i]![j]!;
        const text = grid[mr - 1]![mc - 1]!;
        if (text !== "") cells.push({ col: j + 1, text, masterRow: mr, masterCol: mc });
      });
      return { row: i + 1, line: 0, cells };
    });
    return { name, rows: rows.filter((r) => r.cells.length > 0) };
  });

describe("parseDivisionSheets on arbitrary grids", () => {
  test("a consistent result, or NO_HEADER", () => {
    let read = 0;
    fc.assert(
      fc.property(fc.array(sheet, { minLength: 1, maxLength: 3 }), (sheets) => {
        let line = 0;
        for (const s of sheets) {
          line++;
          const base = line;
          for (const r of s.rows) r.line = base + r.row;
          line = base + (s.rows.at(-1)?.row ?? 0);
        }
        let result;
        try {
          result = parseDivisionSheets(sheets);
        } catch (error) {
          expect(error).toBeInstanceOf(PlanInputError);
          expect((error as PlanInputError).code).toBe("NO_HEADER");
          return;
        }
        if (result.candidateTasks.length > 0) read++;
        const lines = workbookText(sheets).split("\n").length;
        expect(result.stats.lines).toBe(lines);
        const codes = new Set(result.nodes.map((n) => n.code));
        expect(codes.size).toBe(result.nodes.length);
        for (const n of result.nodes) {
          if (n.parentCode) expect(codes.has(n.parentCode)).toBe(true);
          expect(n.lineStart).toBeGreaterThanOrEqual(1);
          expect(n.lineEnd).toBeLessThanOrEqual(lines);
        }
        const items = result.nodes.filter((n) => n.kind === "item").map((n) => n.code);
        expect(result.candidateTasks.map((c) => c.nodeCode)).toEqual(items);
        for (const c of result.candidateTasks) {
          expect(c.title).not.toBe("");
          if (c.leadText) expect(c.leadUnits!.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400 },
    );
    // the grids are not all refused: many have a header and tasks
    expect(read).toBeGreaterThan(20);
  });
});
