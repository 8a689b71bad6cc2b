import { describe, expect, it } from "vitest";

import type { ScheduleTask } from "../schedule/useSchedule.ts";
import { eventsOf, filterEvents, type TimetableEvent } from "./events.ts";

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

describe("timetable events of a year", () => {
  const task = {
    id: "t1",
    title: "建设平台",
    leadDepartment: { id: "d1", name: "科技局" },
    phase: null,
    // the answer's dates are YYYY-MM-DD strings (taskView); its inferred type also says Date
    dueDate: "2025-12-31" as ScheduleTask["dueDate"],
    status: "IN_PROGRESS" as const,
    milestones: [{ id: "m1", title: "节点", dueDate: "2024-06-30", doneAt: null }],
    yearItem: {
      itemId: "i1",
      dueDate: "2024-09-30",
      deliverable: "完成一期",
      carriedOver: false,
      done: true,
      onTime: true,
      overdue: false,
      doneOn: "2024-09-01",
    },
  };
  it("keeps what falls in the year and adds the year item's due date", () => {
    const got = eventsOf([task], { from: "2024-01-01", to: "2024-12-31" });
    expect(got.map((e) => [e.kind, e.date, e.done])).toEqual([
      ["milestone", "2024-06-30", false],
      ["yearDue", "2024-09-30", true],
    ]);
  });
  it("shows every date without a year", () => {
    expect(eventsOf([{ ...task, yearItem: null }]).map((e) => e.kind)).toEqual([
      "milestone",
      "due",
    ]);
  });
});
