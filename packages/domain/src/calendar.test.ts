import { describe, expect, it } from "vitest";

import { addWorkingDays, isWorkingDay } from "./calendar.ts";

describe("working days (签收期限, issue #17)", () => {
  it("Monday to Friday are working days, weekends are not", () => {
    // 2026-11-23 is a Monday
    expect(
      ["23", "24", "25", "26", "27", "28", "29"].map((d) => isWorkingDay(`2026-11-${d}`)),
    ).toEqual([true, true, true, true, true, false, false]);
  });
  it("counts working days after the day, skipping weekends", () => {
    expect(addWorkingDays("2026-11-20", 0)).toBe("2026-11-20");
    expect(addWorkingDays("2026-11-20", 1)).toBe("2026-11-23"); // Friday → Monday
    expect(addWorkingDays("2026-11-21", 1)).toBe("2026-11-23"); // Saturday → Monday
    expect(addWorkingDays("2026-11-23", 3)).toBe("2026-11-26");
    expect(addWorkingDays("2026-11-26", 3)).toBe("2026-12-01"); // Thu → Tue, across month and weekend
    expect(addWorkingDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});
