import { describe, expect, it } from "vitest";

import {
  accessFor,
  jobJurisdictions,
  menuFor,
  myDepartmentIds,
  seesEvaluations,
} from "./access.ts";

const j = (id: string) => ({ id, name: id, kind: "COUNTY" as const, parentId: null });
const me = {
  memberships: [
    {
      role: "DEPARTMENT" as const,
      jurisdiction: j("county"),
      department: { id: "keji", name: "科学技术局" },
    },
    { role: "LEADER" as const, jurisdiction: j("city"), department: null },
  ],
};

describe("access", () => {
  it("derives the strongest role per jurisdiction", () => {
    expect(accessFor(me, "county")).toBe("department");
    expect(accessFor(me, "city")).toBe("read");
    expect(
      accessFor({ memberships: [{ role: "OFFICE", jurisdiction: j("x"), department: null }] }, "x"),
    ).toBe("office");
    // a county under the user's city: listed by the server, read only
    expect(accessFor(me, "other-county")).toBe("read");
  });
  it("lists the user's departments", () => {
    expect(myDepartmentIds(me, "county")).toEqual(["keji"]);
    expect(myDepartmentIds(me, "city")).toEqual([]);
  });
  it("shows admin pages only to the office", () => {
    expect(menuFor("department", false, { notifications: true, jobs: true })).not.toContain(
      "users",
    );
    expect(menuFor("department", false, { notifications: true, jobs: true })).not.toContain("jobs");
    expect(menuFor("read", false, { notifications: true, jobs: true })).not.toContain(
      "supervision",
    );
    expect(menuFor("office", true, { notifications: false, jobs: true })).toEqual(
      expect.arrayContaining(["import", "departments", "users", "supervision", "jobs"]),
    );
    expect(menuFor("read", false, { notifications: false, jobs: false })).toEqual([
      "todo",
      "overview",
      "plan",
      "tasks",
      "annual",
      "roadmap",
      "timetable",
      "ledger",
      "indicators",
      "evaluations",
      "bulletins",
      "assessment",
      "inbox",
    ]);
    expect(menuFor("department", false, { notifications: true, jobs: true })).not.toContain(
      "evaluations",
    );
  });
  it("puts 待办 first for every role in the plan's jurisdiction, nothing without a plan", () => {
    for (const access of ["office", "department", "read"] as const)
      expect(menuFor(access, access === "office", { notifications: true, jobs: true })[0]).toBe(
        "todo",
      );
    expect(menuFor(null, true, { notifications: false, jobs: false })).not.toContain("todo");
    // 下达事项: offices and leaders (read-only for them), never department staff
    expect(menuFor("read", false, { notifications: false, jobs: false, cockpit: true })).toContain(
      "assignments",
    );
    expect(menuFor("department", false, { notifications: true, jobs: true })).not.toContain(
      "assignments",
    );
  });
  it("shows 上级下达 to offices only, after the tasks (issue #19)", () => {
    const office = menuFor("office", true, { notifications: false, jobs: false });
    expect(office.indexOf("assignments")).toBe(office.indexOf("tasks") + 1);
    // the office of another jurisdiction reading this plan still has its own assignments
    expect(menuFor("read", true, { notifications: false, jobs: false })).toContain("assignments");
    expect(menuFor(null, true, { notifications: false, jobs: false })).toContain("assignments");
    expect(menuFor("department", false, { notifications: true, jobs: true })).not.toContain(
      "assignments",
    );
    expect(menuFor("read", false, { notifications: true, jobs: true })).not.toContain(
      "assignments",
    );
  });
  it("shows evaluations to the office and readers only, as the server serves them", () => {
    expect(seesEvaluations("office")).toBe(true);
    expect(seesEvaluations("read")).toBe(true);
    expect(seesEvaluations("department")).toBe(false);
    expect(seesEvaluations(null)).toBe(false);
  });
  it("shows the queue dashboard to the system administrator only, never for an office role", () => {
    expect(menuFor("office", true, { notifications: true, jobs: true })).not.toContain("queues");
    expect(
      menuFor("office", true, { notifications: true, jobs: true, systemAdmin: false }),
    ).not.toContain("queues");
    expect(menuFor(null, false, { notifications: true, jobs: true, systemAdmin: true })).toEqual([
      "inbox",
      "notifications",
      "queues",
    ]);
  });
  it("lists an office's jurisdictions for jobs and the outbox: its own and, for a city, the counties below", () => {
    const city = { id: "city", name: "市", kind: "CITY" as const, parentId: null };
    const office = {
      memberships: [{ role: "OFFICE" as const, jurisdiction: city, department: null }],
    };
    const all = [
      city,
      { id: "a", name: "甲县", parentId: "city" },
      { id: "b", name: "乙县", parentId: null },
    ];
    expect(jobJurisdictions(office, all).map((j) => j.id)).toEqual(["city", "a"]);
    expect(jobJurisdictions(me, all)).toEqual([]);
  });
});
