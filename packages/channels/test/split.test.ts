import fc from "fast-check";
import { describe, expect, test } from "vitest";

import { splitForLimit, utf8Bytes } from "../src/split.ts";

// text built from lines of ASCII, Chinese (3 bytes) and emoji (4 bytes, a surrogate pair)
const piece = fc.constantFrom("a", "进", "度", "🙂", " ", "**", "，");
const line = fc.array(piece, { maxLength: 120 }).map((pieces) => pieces.join(""));
const text = fc.array(line, { minLength: 1, maxLength: 60 }).map((lines) => lines.join("\n"));

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("splitting for a byte limit", () => {
  test("a text within the limit is one unchanged part", () => {
    expect(splitForLimit("进度正常", { maxBytes: 12, maxParts: 3 })).toEqual(["进度正常"]);
  });

  test("every part fits, no character is broken, and the text survives in order", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 64, max: 600 }), (input, maxBytes) => {
        const parts = splitForLimit(input, { maxBytes, maxParts: 1000 });
        for (const part of parts) {
          expect(utf8Bytes(part)).toBeLessThanOrEqual(maxBytes);
          // a lone surrogate would mean a character cut in two
          expect(part).not.toMatch(LONE_SURROGATE);
        }
        if (parts.length === 1) {
          expect(parts[0]).toBe(input);
          return;
        }
        const bodies = parts.map((part, index) => {
          const marker = `(${index + 1}/${parts.length})\n`;
          expect(part.startsWith(marker)).toBe(true);
          return part.slice(marker.length);
        });
        // cuts drop only the line breaks they fell on
        expect(bodies.join("").replace(/\n/g, "")).toBe(input.replace(/\n/g, ""));
      }),
    );
  });

  test("lines that fit are never cut", () => {
    const lines = Array.from({ length: 40 }, (_, index) => `第${index}项：推进科技创新平台建设`);
    const parts = splitForLimit(lines.join("\n"), { maxBytes: 400, maxParts: 100 });
    const received = parts.flatMap((part) => part.split("\n").slice(1));
    expect(received).toEqual(lines);
  });

  test("beyond maxParts, one summary within the limit ends with the link", () => {
    fc.assert(
      fc.property(text, (input) => {
        const parts = splitForLimit(input, {
          maxBytes: 300,
          maxParts: 1,
          url: "https://d.example/t/1",
        });
        expect(parts).toHaveLength(1);
        expect(utf8Bytes(parts[0] ?? "")).toBeLessThanOrEqual(300);
        if (utf8Bytes(input) > 300)
          expect(parts[0]).toMatch(/\[链接\]\(https:\/\/d\.example\/t\/1\)）$/);
      }),
    );
  });
});
