import { describe, expect, it } from "vitest";

import { formatDateTime, formatDay, shanghaiToday, shanghaiYear } from "./dates.ts";

// 2026-12-02T16:30Z is 00:30 on 3 December in Shanghai: a CI run at that hour found a 签收 shown
// on the 2nd because the page cut the instant's UTC text.
const AFTER_SHANGHAI_MIDNIGHT = new Date("2026-12-02T16:30:00Z");

describe("days in the UI are Shanghai days", () => {
  it("shows an instant as its Shanghai day, as a Date or as the API's ISO text", () => {
    expect(formatDay(AFTER_SHANGHAI_MIDNIGHT)).toBe("2026-12-03");
    expect(formatDay(AFTER_SHANGHAI_MIDNIGHT.toISOString())).toBe("2026-12-03");
    expect(formatDateTime(AFTER_SHANGHAI_MIDNIGHT)).toBe("2026-12-03 00:30");
  });

  it("shows a calendar date (a `date` column) as the same day", () => {
    expect(formatDay("2026-12-31")).toBe("2026-12-31");
    expect(formatDay(new Date("2026-12-31T00:00:00.000Z"))).toBe("2026-12-31");
    expect(formatDay("2026-12-31T00:00:00.000Z")).toBe("2026-12-31");
  });

  it("shows nothing for no value or for text that is not a date", () => {
    expect(formatDay(null)).toBe("—");
    expect(formatDay("not a date")).toBe("—");
  });

  it("today and this year are Shanghai's on New Year's Eve in UTC", () => {
    const newYearInShanghai = new Date("2026-12-31T17:00:00Z");
    expect(shanghaiToday(newYearInShanghai)).toBe("2027-01-01");
    expect(shanghaiYear(newYearInShanghai)).toBe(2027);
  });
});
