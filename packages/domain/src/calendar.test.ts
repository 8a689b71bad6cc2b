import { describe, expect, test } from "vitest";

import { shanghaiDay, shanghaiMinute } from "./calendar.ts";

describe("shanghaiMinute", () => {
  test("is the Shanghai wall clock to the minute, across the UTC day boundary", () => {
    expect(shanghaiMinute(new Date("2026-12-03T16:05:59Z"))).toBe("2026-12-04 00:05");
    expect(shanghaiMinute(new Date("2026-12-03T15:59:00Z"))).toBe("2026-12-03 23:59");
    expect(shanghaiMinute(new Date("2026-12-31T16:00:00Z"))).toBe("2027-01-01 00:00");
  });
  test("agrees with shanghaiDay on the day", () => {
    const at = new Date("2026-06-30T17:30:00Z");
    expect(shanghaiMinute(at).slice(0, 10)).toBe(shanghaiDay(at));
  });
});
