import { describe, expect, it } from "vitest";

import { DEFAULT_DEPARTMENTS } from "./departments.ts";
import { isCollectiveUnit, matchUnit, splitUnits } from "./units.ts";

describe("matchUnit", () => {
  const dir = [...DEFAULT_DEPARTMENTS, { name: "政务服务中心", aliases: ["县政务大厅"] }];
  it("matches full names, short names, aliases and place-prefixed forms", () => {
    expect(matchUnit("科学技术局", dir)).toEqual({ name: "科学技术局", how: "name" });
    expect(matchUnit("科技局", dir)).toEqual({ name: "科学技术局", how: "shortName" });
    expect(matchUnit("县科技局", dir)).toEqual({ name: "科学技术局", how: "prefix" });
    expect(matchUnit("西丰县科技局", dir)).toEqual({ name: "科学技术局", how: "prefix" });
    expect(matchUnit("市 场 监 管 局", dir)?.name).toBe("市场监督管理局");
    expect(matchUnit("县政务大厅", dir)).toEqual({ name: "政务服务中心", how: "alias" });
  });
  it("never guesses: a near name or a collective name matches nothing", () => {
    expect(matchUnit("县科协会", dir)).toBeNull();
    expect(matchUnit("县政务服务中心大厅", dir)).toBeNull();
    expect(matchUnit("各乡镇（街道）", dir)).toBeNull();
    expect(matchUnit("各有关单位", dir)).toBeNull();
    expect(matchUnit("", dir)).toBeNull();
  });
});

describe("splitUnits", () => {
  it("splits on the usual separators and keeps brackets and 和 inside names", () => {
    expect(splitUnits("县科技局、县发改局，县财政局；各乡镇（街道、园区）")).toEqual([
      "县科技局",
      "县发改局",
      "县财政局",
      "各乡镇（街道、园区）",
    ]);
    expect(splitUnits("县人力资源和社会保障局")).toEqual(["县人力资源和社会保障局"]);
    expect(splitUnits("县工业和信息化局")).toEqual(["县工业和信息化局"]);
    expect(splitUnits("县科技局和县财政局")).toEqual(["县科技局", "县财政局"]);
    expect(splitUnits("县科技局、县科技局")).toEqual(["县科技局"]);
  });
  it("knows collective names", () => {
    expect(isCollectiveUnit("各乡镇")).toBe(true);
    expect(isCollectiveUnit("各县（市、区）")).toBe(true);
    expect(isCollectiveUnit("县科技局")).toBe(false);
  });
});
