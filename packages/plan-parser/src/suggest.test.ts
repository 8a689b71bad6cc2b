import { describe, expect, it } from "vitest";

import { DEFAULT_DEPARTMENTS, DEFAULT_KEYWORD_RULES } from "./departments.ts";
import { suggestDepartments, suggestPhase } from "./suggest.ts";

const dir = { entries: DEFAULT_DEPARTMENTS, rules: DEFAULT_KEYWORD_RULES };

describe("suggestions", () => {
  it("counts keyword hits: best → lead, others → supporting", () => {
    const s = suggestDepartments(
      dir,
      "加强知识产权保护",
      "推进专利导航，培育高价值专利，支持企业开展知识产权质押融资和专利保险。",
    );
    expect(s.lead).toBe("市场监督管理局");
    expect(s.supporting).toContain("地方金融监督管理局");
    expect(s.reasons[0]).toContain("关键词“知识产权”");
  });

  it("defaults to 科技局 and honours a custom directory", () => {
    expect(suggestDepartments(dir, "弘扬科学家精神", "营造崇尚创新的氛围。")).toMatchObject({
      lead: "科学技术局",
      supporting: [],
    });
    const custom = {
      entries: [{ name: "县科技和工业信息化局", shortName: "科工局" }],
      rules: [{ keywords: ["企业"], department: "科工局" }],
    };
    expect(suggestDepartments(custom, "服务企业", "").lead).toBe("县科技和工业信息化局");
    expect(suggestDepartments({ entries: [], rules: [] }, "x", "").lead).toBeNull();
  });

  it("guesses the phase", () => {
    expect(suggestPhase("建立科技管理统筹协调机制", "").phase).toBe("LAUNCH");
    expect(suggestPhase("加强规划实施监测评估", "开展中期评估").phase).toBe("MIDTERM");
    expect(suggestPhase("开展总结验收", "").phase).toBe("CLOSE");
    expect(suggestPhase("培育科技型企业", "").phase).toBe("ADVANCE");
  });
});
