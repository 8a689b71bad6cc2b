import { describe, expect, it } from "vitest";

import { en } from "./en.ts";
import { zh } from "./zh.ts";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("UI messages", () => {
  it("zh-CN and en have the same keys", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });
  it("every translation keeps the placeholders of the Chinese text", () => {
    for (const key of Object.keys(zh) as Array<keyof typeof zh>)
      expect([key, placeholders(en[key])]).toEqual([key, placeholders(zh[key])]);
  });
  it("no text is empty", () => {
    for (const text of [...Object.values(zh), ...Object.values(en)])
      expect(text.trim()).not.toBe("");
  });
});
