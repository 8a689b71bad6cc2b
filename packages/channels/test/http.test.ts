import { describe, expect, test } from "vitest";

import { parseRetryAfter } from "../src/http.ts";

describe("Retry-After", () => {
  const now = Date.parse("2026-12-02T05:00:00Z");
  test.each([
    ["120", 120_000],
    [" 0 ", 0],
    ["Wed, 02 Dec 2026 05:00:30 GMT", 30_000],
    ["Wed, 02 Dec 2026 04:59:00 GMT", 0], // a date in the past: no wait
    ["soon", undefined],
    [null, undefined],
  ])("%j → %j ms", (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
