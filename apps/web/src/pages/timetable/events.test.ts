import { describe, expect, it } from "vitest";

import { filterEvents, type TimetableEvent } from "./events.ts";

const ev = (date: string, patch: Partial<TimetableEvent> = {}): TimetableEvent => ({
  key: date,
  kind: "milestone",
  date,
  title: date,
  taskId: "t",
  taskTitle: "t",
  departmentId: "d1",
  departmentName: "科技局",
  phaseId: "p1",
  done: false,
  ...patch,
});

describe("timetable filters", () => {
  const events = [
    ev("2027-02-01"),
    ev("2027-05-10", { departmentId: "d2" }),
    ev("2028-12-31", { done: true, phaseId: "p2" }),
  ];
  it("filters by quarter or year", () => {
    expect(filterEvents(events, { period: "2027Q1" }).map((e) => e.date)).toEqual(["2027-02-01"]);
    expect(filterEvents(events, { period: "2027" })).toHaveLength(2);
  });
  it("filters by department, status and phase", () => {
    expect(filterEvents(events, { departmentId: "d2" })).toHaveLength(1);
    expect(filterEvents(events, { done: true }).map((e) => e.date)).toEqual(["2028-12-31"]);
    expect(filterEvents(events, { phaseId: "p1" })).toHaveLength(2);
  });
});
