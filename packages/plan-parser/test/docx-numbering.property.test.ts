// Odd numbering never breaks a .docx import: whatever numbering.xml and styles.xml say (undefined
// lists, levels out of range, cyclic style links, numbers that are not numbers), numbering the
// document neither throws nor changes or drops any of its text; it only adds numbers in front.
import fc from "fast-check";
import { describe, expect, test } from "vitest";

import { readListDefinitions, withListNumbers } from "../src/docx-numbering.ts";

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
// mostly ids and levels that exist, so that most documents do get numbers
const id = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("1", "2") },
  { weight: 1, arbitrary: fc.constantFrom("0", "3", "x", "-1", "") },
);
const ilvl = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("0", "1") },
  { weight: 1, arbitrary: fc.constantFrom("2", "8", "9", "-3", "a") },
);
const format = fc.constantFrom(
  "decimal",
  "chineseCounting",
  "chineseCountingThousand",
  "ideographTraditional",
  "bullet",
  "none",
  "upperRoman",
  "lowerLetter",
  "decimalEnclosedCircle",
  "hebrew1",
);
const lvlText = fc.constantFrom("%1、", "（%2）", "%1.%2.%3", "%9", "", "%", "&amp;%1");

const level = fc
  .record({ ilvl, format, lvlText, start: fc.constantFrom("0", "1", "5", "-2", "x") })
  .chain((l) =>
    fc
      .constantFrom("", '<w:lvlRestart w:val="0"/>', '<w:lvlRestart w:val="1"/>')
      .map(
        (restart) =>
          `<w:lvl w:ilvl="${l.ilvl}"><w:start w:val="${l.start}"/><w:numFmt w:val="${l.format}"/>` +
          `${restart}<w:lvlText w:val="${l.lvlText}"/></w:lvl>`,
      ),
  );
const abstractNum = fc
  .tuple(
    id,
    fc.array(level, { minLength: 1, maxLength: 4 }),
    fc.option(fc.constantFrom("L1", "L2")),
  )
  .map(
    ([a, levels, link]) =>
      `<w:abstractNum w:abstractNumId="${a}">${levels.join("")}` +
      `${link ? `<w:numStyleLink w:val="${link}"/>` : ""}</w:abstractNum>`,
  );
const num = fc
  .tuple(id, id, fc.option(fc.tuple(ilvl, fc.constantFrom("1", "3", "z"))))
  .map(
    ([n, a, o]) =>
      `<w:num w:numId="${n}"><w:abstractNumId w:val="${a}"/>` +
      `${o ? `<w:lvlOverride w:ilvl="${o[0]}"><w:startOverride w:val="${o[1]}"/></w:lvlOverride>` : ""}</w:num>`,
  );
const style = fc
  .tuple(fc.constantFrom("S1", "S2", "L1", "L2"), fc.constantFrom("S1", "S2"), id, fc.boolean())
  .map(
    ([s, based, n, numbering]) =>
      `<w:style w:type="${numbering ? "numbering" : "paragraph"}" w:styleId="${s}">` +
      `<w:basedOn w:val="${based}"/><w:pPr><w:numPr><w:numId w:val="${n}"/></w:numPr></w:pPr></w:style>`,
  );
const paragraph = fc
  .tuple(fc.option(fc.constantFrom("S1", "S2")), fc.option(id), fc.option(ilvl), fc.boolean())
  .map(([s, n, l, text]) => {
    const numPr =
      n === null && l === null
        ? ""
        : `<w:numPr>${l === null ? "" : `<w:ilvl w:val="${l}"/>`}${n === null ? "" : `<w:numId w:val="${n}"/>`}</w:numPr>`;
    const pPr = `<w:pPr>${s ? `<w:pStyle w:val="${s}"/>` : ""}${numPr}</w:pPr>`;
    return { xml: `<w:p>${pPr}<w:r><w:t>${text ? "工作" : ""}</w:t></w:r></w:p>`, text };
  });

describe("numbering of any definitions", () => {
  test("never throws, keeps every paragraph's text and adds numbers only in front", () => {
    let numbered = 0;
    fc.assert(
      fc.property(
        fc.array(abstractNum, { maxLength: 4 }),
        fc.array(num, { maxLength: 4 }),
        fc.array(style, { maxLength: 4 }),
        fc.array(paragraph, { minLength: 1, maxLength: 12 }),
        (abstracts, nums, styles, paragraphs) => {
          const defs = readListDefinitions(
            `<w:numbering ${W}>${abstracts.join("")}${nums.join("")}</w:numbering>`,
            `<w:styles ${W}>${styles.join("")}</w:styles>`,
          );
          const doc = `<w:document ${W}><w:body>${paragraphs.map((p) => p.xml).join("")}</w:body></w:document>`;
          const out = withListNumbers(doc, defs) ?? doc;
          if (out !== doc) numbered++;
          const texts = out
            .split("</w:p>")
            .slice(0, -1)
            .map((p) => p.replace(/<[^>]+>/gu, ""));
          expect(texts).toHaveLength(paragraphs.length);
          texts.forEach((t, i) => {
            const p = paragraphs[i];
            expect(t.endsWith(p?.text ? "工作" : "")).toBe(true);
            // a paragraph without text never gets a number of its own
            if (!p?.text) expect(t).toBe("");
          });
        },
      ),
      { numRuns: 300 },
    );
    // the generator does reach numbered paragraphs, so the property is about numbers added
    expect(numbered).toBeGreaterThan(20);
  });
});
