import { readFile } from "node:fs/promises";
import path from "node:path";

import { expect } from "vitest";

import { test } from "@duban/test-utils";

import { listTasks, loadDemo, systemActor, type Actor, type DemoSeed } from "../src/index.ts";

const seeds = path.resolve(import.meta.dirname, "../../../seeds");
const SCHEDULES = [undefined, "LAGGING", "ON_SCHEDULE", "OVERDUE", "COMPLETED"] as const;

test("the task list's unit and schedule filters pick exactly the tasks the whole list shows with that unit and state", async ({
  database: { db },
}) => {
  const demo: DemoSeed[] = [
    {
      fileName: "xifeng.txt",
      bytes: new Uint8Array(
        await readFile(path.join(seeds, "xifeng-county-14th-fyp-sti-plan.txt")),
      ),
      jurisdiction: "息烽县",
      kind: "COUNTY",
      parent: "贵阳市",
      slug: "xifeng",
      title: "息烽县“十四五”科技创新规划",
    },
  ];
  await loadDemo(
    { db, now: new Date("2026-11-23T10:00:00+08:00") },
    { seeds: demo, password: "demo-password-1", layers: false },
  );
  const plan = await db.plan.findFirstOrThrow();
  // early 2026 in the demo: most tasks done; of those carried into 2026, some on schedule, some lagging
  const asOf = "2026-03-31";
  const all = await listTasks(
    { db, actor: systemActor("test") },
    {
      planId: plan.id,
      page: 1,
      pageSize: 200,
      asOf,
    },
  );
  expect(all.total).toBe(all.items.length);
  const involves = (t: (typeof all.items)[number], unit: string) =>
    t.leadDepartment.id === unit || t.supportingDepartments.some((s) => s.department.id === unit);
  const memberships = await db.membership.findMany({
    where: { role: "DEPARTMENT", jurisdictionId: plan.jurisdictionId },
    include: { user: true },
  });
  const units = [
    ...new Set(
      all.items.flatMap((t) => [
        t.leadDepartment.id,
        ...t.supportingDepartments.map((s) => s.department.id),
      ]),
    ),
  ];
  expect(units.length).toBeGreaterThan(3);
  const seen = new Set<string>();
  for (const schedule of SCHEDULES) {
    for (const unit of units) {
      const expected = all.items
        .filter((t) => involves(t, unit) && (!schedule || t.schedule === schedule))
        .map((t) => t.id);
      const got = await listTasks(
        { db, actor: systemActor("test") },
        {
          planId: plan.id,
          departmentId: unit,
          schedule,
          page: 1,
          pageSize: 200,
          asOf,
        },
      );
      expect(
        got.items.map((t) => t.id),
        `${unit} ${schedule ?? "any"}`,
      ).toEqual(expected);
      expect(got.total).toBe(expected.length);
      if (expected.length) seen.add(schedule ?? "any");
    }
    // department staff see their own units' tasks only, whatever the filter
    for (const m of memberships.slice(0, 4)) {
      const staff: Actor = {
        kind: "user",
        userId: m.userId,
        email: m.user.email,
        name: m.user.name,
        memberships: [
          { jurisdictionId: m.jurisdictionId, role: m.role, departmentId: m.departmentId },
        ],
      };
      const expected = all.items
        .filter((t) => involves(t, m.departmentId!) && (!schedule || t.schedule === schedule))
        .map((t) => t.id);
      const got = await listTasks(
        { db, actor: staff },
        {
          planId: plan.id,
          schedule,
          page: 1,
          pageSize: 200,
          asOf,
        },
      );
      expect(
        got.items.map((t) => t.id),
        `staff of ${m.departmentId} ${schedule ?? "any"}`,
      ).toEqual(expected);
    }
  }
  // the filters were tried on tasks that have those states, not only on empty lists
  for (const s of ["any", "LAGGING", "ON_SCHEDULE"]) expect(seen).toContain(s);
});
