import { describe, expect, it } from "vitest";

import { MATCH_THRESHOLD, normaliseTitle, titleSimilarity } from "./title-match.ts";

describe("matching a 分工方案 item to a plan task by title", () => {
  it("drops numbering, brackets and punctuation before comparing", () => {
    expect(normaliseTitle("3.推进科技成果转化（牵头单位：县科技局）。")).toBe("推进科技成果转化");
    expect(titleSimilarity("（一）建设县级科技成果转化中心", "建设县级科技成果转化中心")).toBe(1);
  });
  it("matches a row quoting the task's title, and a close rewording", () => {
    expect(
      titleSimilarity("加快建设县级科技成果转化中心，年内投入运行", "建设县级科技成果转化中心"),
    ).toBeGreaterThanOrEqual(0.9);
    expect(titleSimilarity("培育高新技术企业", "培育认定高新技术企业")).toBeGreaterThanOrEqual(
      MATCH_THRESHOLD,
    );
  });
  it("does not match different work", () => {
    expect(titleSimilarity("开展科普宣传月活动", "建设县级科技成果转化中心")).toBeLessThan(
      MATCH_THRESHOLD,
    );
    expect(titleSimilarity("", "任务")).toBe(0);
  });
});
