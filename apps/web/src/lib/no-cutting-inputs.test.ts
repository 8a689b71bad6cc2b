// antd cuts a paste at `maxLength` without a word (and at `count.exceedFormatter`): user text lost.
// Every text input takes its limit from the server's schema through LimitedInput, which counts and
// refuses instead. This fails when a cutting limit or a hand-written count comes back anywhere.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

const src = path.resolve(import.meta.dirname, "..");
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? files(path.join(dir, e.name))
      : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)
        ? [path.join(dir, e.name)]
        : [],
  );
const SHARED = path.join(src, "components", "LimitedInput.tsx");

describe("no input cuts what is typed or pasted", () => {
  it("finds the app's sources (not vacuous)", () => {
    expect(files(src).length).toBeGreaterThan(50);
    expect(readFileSync(SHARED, "utf8")).toContain("count={countOf(schema, field)}");
  });

  it("no maxLength or exceedFormatter anywhere, and counts only in the shared LimitedInput", () => {
    const found: string[] = [];
    for (const file of files(src)) {
      const text = readFileSync(file, "utf8");
      text.split("\n").forEach((line, i) => {
        const at = `${path.relative(src, file)}:${i + 1}`;
        if (/\bmaxLength\s*[=:]/.test(line))
          found.push(`${at}: maxLength cuts text; use LimitedInput with the server's schema`);
        if (/exceedFormatter/.test(line)) found.push(`${at}: exceedFormatter cuts text`);
        if (/\bcount=\{\{/.test(line) && file !== SHARED)
          found.push(
            `${at}: a hand-written count; use LimitedInput (its limit comes from the schema)`,
          );
      });
    }
    expect(found).toEqual([]);
  });
});
