import { describe, expect, it } from "vitest";

import * as db from "@duban/db";

import * as labels from "./labels.ts";

type Table = Record<string, { zh: string; en: string }>;

/** The enums of the generated Prisma client: frozen objects whose every value is its own key. */
const prismaEnums = (Object.entries(db) as Array<[string, unknown]>).filter(
  (e): e is [string, Record<string, string>] =>
    !!e[1] &&
    typeof e[1] === "object" &&
    Object.keys(e[1]).length > 0 &&
    Object.entries(e[1]).every(([k, v]) => k === v),
);

const tables = (Object.entries(labels) as Array<[string, unknown]>).filter(
  (e): e is [string, Table] => e[0].endsWith("Labels") && e[0] !== "prismaEnumLabels",
);

describe("enum labels", () => {
  it("finds the Prisma enums", () => {
    expect(prismaEnums.map(([name]) => name)).toContain("TaskStatus");
  });

  it.each(prismaEnums)("Prisma enum %s has a label table, or is listed as never shown", (name) => {
    expect(Object.keys(labels.prismaEnumLabels)).toContain(name);
  });

  it.each(prismaEnums)("every value of %s has a zh and an en label", (name, values) => {
    const table = labels.prismaEnumLabels[
      name as keyof typeof labels.prismaEnumLabels
    ] as Table | null;
    if (table === null) return;
    expect(Object.keys(table).sort()).toEqual(Object.keys(values).sort());
  });

  it.each(tables)("%s: every label has non-empty zh and en texts", (_name, table) => {
    for (const [key, label] of Object.entries(table)) {
      expect([key, label.zh.trim()]).not.toEqual([key, ""]);
      expect([key, label.en.trim()]).not.toEqual([key, ""]);
      expect([key, /[\u4e00-\u9fff]/.test(label.en)]).toEqual([key, false]);
    }
  });

  it("labelOf reads one language, Chinese by default", () => {
    expect(labels.labelOf(labels.scheduleLabels, "LAGGING")).toBe("滞后");
    expect(labels.labelOf(labels.scheduleLabels, "LAGGING", "en")).toBe("Lagging");
  });

  it("labels periods", () => {
    expect(labels.periodLabel("2023Q2", "zh-CN")).toBe("2023年第二季度");
    expect(labels.periodLabel("2023Q2", "en")).toBe("2023 Q2");
    expect(labels.periodLabel("2023Q2")).toBe("2023年第二季度");
  });
});
