import { describe, expect, it } from "vitest";

import type { ScoreSheet, UnitScore } from "../schemas/assessment.ts";
import {
  bulletinDocNumber,
  bulletinTitle,
  defaultBulletinText,
  jurisdictionStem,
  laggingUnits,
  praisedUnits,
  type LaggingItem,
} from "./bulletin-text.ts";

const u = (name: string, rank: number, total: number): UnitScore => ({
  departmentId: name,
  departmentName: name,
  rank,
  total,
  bonus: 0,
  deduction: 0,
  components: [],
});
const ranked = (n: number) =>
  Array.from({ length: n }, (_, i) => u(`单位${i + 1}`, i + 1, 100 - i));

describe("督查通报 text rules", () => {
  it("titles and numbers a bulletin", () => {
    expect(bulletinTitle("2026Q3")).toBe("关于2026年第三季度科技创新规划实施情况的通报");
    expect(bulletinTitle("2026")).toBe("关于2026年度科技创新规划实施情况的通报");
    expect(jurisdictionStem("息烽县")).toBe("息烽");
    expect(jurisdictionStem("西山区")).toBe("西山");
    expect(jurisdictionStem("县")).toBe("县");
    expect(bulletinDocNumber("息烽县", 2026, 3)).toBe("息烽科督通〔2026〕3号");
  });

  it("praises the best three below 15 units, the best 20 % from 15 on, ties at the cut included", () => {
    expect(praisedUnits(ranked(7))).toMatchObject({ rule: "TOP3" });
    expect(praisedUnits(ranked(7)).units.map((x) => x.rank)).toEqual([1, 2, 3]);
    expect(praisedUnits(ranked(4)).units).toHaveLength(2);
    expect(praisedUnits(ranked(1)).units).toEqual([]);
    const twenty = praisedUnits(ranked(20));
    expect(twenty.rule).toBe("TOP20");
    expect(twenty.units).toHaveLength(4);
    const tied = [
      u("甲", 1, 90),
      u("乙", 2, 80),
      u("丙", 3, 70),
      u("丁", 3, 70),
      u("戊", 5, 60),
      u("己", 6, 50),
      u("庚", 7, 40),
    ];
    expect(praisedUnits(tied).units.map((x) => x.departmentName)).toEqual(["甲", "乙", "丙", "丁"]);
  });

  it("criticises the last three, never a praised unit", () => {
    const units = ranked(7);
    expect(laggingUnits(units, praisedUnits(units).units).map((x) => x.rank)).toEqual([5, 6, 7]);
    const two = ranked(2);
    expect(laggingUnits(two, praisedUnits(two).units).map((x) => x.rank)).toEqual([2]);
  });

  it("praises and criticises only units that stand out: not ties at the bottom, not unscored units", () => {
    // every unit tied (e.g. all at 0): nobody is praised, nobody criticised
    const allTied = ["甲", "乙", "丙", "丁"].map((n) => u(n, 1, 0));
    expect(praisedUnits(allTied).units).toEqual([]);
    expect(laggingUnits(allTied, praisedUnits(allTied).units)).toEqual([]);
    // a tie the cut would split is not criticised by the order of the names
    const split = [u("甲", 1, 90), u("乙", 2, 70), u("丙", 2, 70), u("丁", 2, 70)];
    expect(praisedUnits(split).units.map((x) => x.departmentName)).toEqual(["甲"]);
    expect(laggingUnits(split, praisedUnits(split).units)).toEqual([]);
    // a unit with nothing applicable scores 0 but is neither praised nor criticised
    const none = {
      ...u("空", 5, 0),
      components: [
        {
          kind: "ITEM_COMPLETION" as const,
          weight: 100,
          effectiveWeight: 0,
          ratio: null,
          points: 0,
          numerator: 0,
          denominator: 0,
        },
      ],
    };
    const withEmpty = [...ranked(4), none];
    expect(praisedUnits(withEmpty).units.map((x) => x.rank)).toEqual([1, 2]);
    expect(laggingUnits(withEmpty, praisedUnits(withEmpty).units).map((x) => x.rank)).toEqual([
      3, 4,
    ]);
    expect(praisedUnits([none, none]).units).toEqual([]);
  });

  it("names at most five lagging items and counts the rest", () => {
    const sheet: ScoreSheet = {
      jurisdictionId: "j",
      period: "2026Q3",
      kind: "QUARTER",
      schemeId: "s",
      schemeVersion: 1,
      asOf: "2026-09-30",
      computedAt: "2026-10-01T00:00:00Z",
      units: ranked(6),
    };
    const items: LaggingItem[] = Array.from({ length: 7 }, (_, i) => ({
      title: `事项${i + 1}`,
      kind: "OVERDUE_TASK",
      dueDate: "2026-03-31",
    }));
    const text = defaultBulletinText(sheet, {
      items: { due: 0, done: 0 },
      lagging: new Map([["单位6", items]]),
    });
    const last = text.criticism.at(-1)!;
    expect(last).toContain("“事项5”");
    expect(last).not.toContain("“事项6”");
    expect(last).toContain("等7项");
    expect(text.opening[0]).toContain("年度工作要点暂无到期事项");
    expect(text.criticism.find((p) => p.startsWith("单位5"))).toContain(
      "暂无逾期或未完成的具体事项",
    );
  });
});
