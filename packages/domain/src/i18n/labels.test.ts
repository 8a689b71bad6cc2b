import { describe, expect, it } from "vitest";

import * as labels from "./labels.ts";

const tables = Object.entries(labels).filter(([, v]) => typeof v === "object") as Array<
  [string, Record<string, Record<string, string>>]
>;

describe("i18n labels", () => {
  it.each(tables)("%s has the same keys in zh-CN and en, none empty", (_name, table) => {
    expect(Object.keys(table.en ?? {}).sort()).toEqual(Object.keys(table["zh-CN"] ?? {}).sort());
    for (const locale of Object.values(table))
      for (const text of Object.values(locale)) expect(text.trim()).not.toBe("");
  });
  it("labels periods", () => {
    expect(labels.periodLabel("2023Q2", "zh-CN")).toBe("2023年第二季度");
    expect(labels.periodLabel("2023Q2", "en")).toBe("2023 Q2");
  });
});
