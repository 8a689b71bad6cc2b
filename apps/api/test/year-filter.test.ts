import { describe, expect } from "vitest";

import type { Db } from "@duban/db";
import { toDbDate } from "@duban/domain";

import { loginAs, outcome, type Client } from "./harness.ts";
import { test, type World } from "./served-world.ts";
import { PASSWORD } from "./world.ts";

// Issue #18: the ledger, overview, task list, roadmap and timetable can be filtered to a year.
// With a year plan (年度工作要点) the year's tasks are its items (issued; a draft for the office
// only); without one, the tasks whose span meets the year. The filter only narrows what each
// user already sees.
//
// The world (world.ts): T1 (科技局 leads, 市场监管局 supports) and T2 (农业农村局) run 2021–2025.
// Added here: T3 (科技局, 2023 only, signed off 2023-06-01), T4 (市场监管局, 2027 only), a
// milestone of T1 in 2025, an issued 2025 plan with T1 (due 2025-06-30, confirmed 2025-05-01) and
// T2 (due 2025-09-30, not done), and a 2024 draft with T2 alone.

type Extra = { t3: string; t4: string; plan2025: string; draft2024: string };
const extras = new WeakMap<World, Promise<Extra>>();

async function addYearData(db: Db, world: World): Promise<Extra> {
  const task = (title: string, lead: string, start: string, due: string, done?: string) =>
    db.task.create({
      data: {
        planId: world.planId,
        title,
        leadDepartmentId: lead,
        status: done ? "COMPLETED" : "IN_PROGRESS",
        progress: done ? 100 : 20,
        completedAt: done ? new Date(`${done}T04:00:00Z`) : null,
        startDate: toDbDate(start),
        dueDate: toDbDate(due),
        originalDueDate: toDbDate(due),
      },
    });
  const t3 = await task("任务三（2023）", world.d1.id, "2023-01-01", "2023-12-31", "2023-06-01");
  const t4 = await task("任务四（2027）", world.d2.id, "2027-01-01", "2027-06-30");
  await db.milestone.create({
    data: { taskId: world.t1, title: "2025年度目标", dueDate: toDbDate("2025-06-30") },
  });
  const plan2025 = await db.annualPlan.create({
    data: {
      planId: world.planId,
      year: 2025,
      title: "2025年工作要点",
      status: "ISSUED",
      issuedAt: new Date("2025-01-20T02:00:00Z"),
      items: {
        create: [
          {
            taskId: world.t1,
            deliverable: "建成平台",
            dueDate: toDbDate("2025-06-30"),
            doneAt: new Date("2025-05-01T02:00:00Z"),
          },
          { taskId: world.t2, deliverable: "完成示范", dueDate: toDbDate("2025-09-30") },
        ],
      },
    },
  });
  const draft2024 = await db.annualPlan.create({
    data: {
      planId: world.planId,
      year: 2024,
      title: "2024年工作要点（草稿）",
      items: {
        create: [{ taskId: world.t2, deliverable: "推进示范", dueDate: toDbDate("2024-10-31") }],
      },
    },
  });
  return { t3: t3.id, t4: t4.id, plan2025: plan2025.id, draft2024: draft2024.id };
}

/** The extra data, made once per file by whichever test needs it first. */
function setup(db: Db, world: World): Promise<Extra> {
  let made = extras.get(world);
  if (!made) {
    made = addYearData(db, world);
    extras.set(world, made);
  }
  return made;
}

const listIds = async (c: Client, planId: string, year?: number) =>
  (await c.task.list.query({ planId, page: 1, pageSize: 50, year })).items.map((t) => t.id).sort();

describe("the year filter", () => {
  test("task list: all years; a year without a plan (span); a year with an issued plan (its items, with the year's due dates)", async ({
    api,
    world,
    database: { db },
  }) => {
    const x = await setup(db, world);
    const office = await loginAs(api, "office@a.test", PASSWORD);
    expect(await listIds(office, world.planId)).toEqual([world.t1, world.t2, x.t3, x.t4].sort());
    // 2023: no plan, the tasks running in 2023 (T4 runs in 2027 only)
    const y2023 = await office.task.list.query({
      planId: world.planId,
      page: 1,
      pageSize: 50,
      year: 2023,
    });
    expect(y2023.items.map((t) => t.id).sort()).toEqual([world.t1, world.t2, x.t3].sort());
    expect(y2023.year).toMatchObject({ year: 2023, basis: "SPAN", annualPlan: null });
    expect(y2023.items.every((t) => t.yearItem === null)).toBe(true);
    // 2025: the issued plan's items, each with the year's due date beside the task's own
    const y2025 = await office.task.list.query({
      planId: world.planId,
      page: 1,
      pageSize: 50,
      year: 2025,
    });
    expect(y2025.year).toMatchObject({
      basis: "ANNUAL_PLAN",
      annualPlan: { id: x.plan2025, status: "ISSUED" },
    });
    const rows = Object.fromEntries(y2025.items.map((t) => [t.id, [t.dueDate, t.yearItem]]));
    expect(rows).toEqual({
      [world.t1]: [
        "2025-12-31",
        expect.objectContaining({
          dueDate: "2025-06-30",
          deliverable: "建成平台",
          done: true,
          onTime: true,
        }),
      ],
      [world.t2]: [
        "2025-12-31",
        expect.objectContaining({ dueDate: "2025-09-30", done: false, overdue: true }),
      ],
    });
    // the other filters still apply within the year
    expect(
      (
        await office.task.list.query({
          planId: world.planId,
          page: 1,
          pageSize: 50,
          year: 2025,
          departmentId: world.d3.id,
        })
      ).items.map((t) => t.id),
    ).toEqual([world.t2]);
    // a year outside 2000–2100 is refused, not ignored
    expect(await outcome(() => listIds(office, world.planId, 1999))).toBe("BAD_REQUEST");
  });

  test("a draft year plan counts for the office only; leaders and units get the span", async ({
    api,
    world,
    database: { db },
  }) => {
    await setup(db, world);
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const leader = await loginAs(api, "leader@a.test", PASSWORD);
    const lead = await loginAs(api, "lead@a.test", PASSWORD);
    expect(await listIds(office, world.planId, 2024)).toEqual([world.t2]);
    expect(await listIds(leader, world.planId, 2024)).toEqual([world.t1, world.t2].sort());
    expect(await listIds(lead, world.planId, 2024)).toEqual([world.t1]);
    const y = await leader.task.schedule.query({ planId: world.planId, year: 2024 });
    expect([y.year?.basis, y.year?.annualPlan]).toEqual(["SPAN", null]);
  });

  test("a unit's view stays within its visibility in every filtered page", async ({
    api,
    world,
    database: { db },
  }) => {
    const x = await setup(db, world);
    // 科技局 leads T1 and T3; 市场监管局 supports T1 and leads T4; 农业农村局 leads T2
    const lead = await loginAs(api, "lead@a.test", PASSWORD);
    const support = await loginAs(api, "support@a.test", PASSWORD);
    const other = await loginAs(api, "other@a.test", PASSWORD);
    expect(await listIds(lead, world.planId, 2025)).toEqual([world.t1]);
    expect(await listIds(lead, world.planId, 2023)).toEqual([world.t1, x.t3].sort());
    expect(await listIds(support, world.planId, 2025)).toEqual([world.t1]);
    expect(await listIds(support, world.planId, 2027)).toEqual([x.t4]);
    expect(await listIds(other, world.planId, 2025)).toEqual([world.t2]);
    const schedule = await lead.task.schedule.query({ planId: world.planId, year: 2025 });
    expect(schedule.tasks.map((t) => t.id)).toEqual([world.t1]);
    const grid = await support.ledger.grid.query({ planId: world.planId, year: 2025 });
    expect(grid.rows.map((r) => [r.taskId, r.role])).toEqual([[world.t1, "support"]]);
    // per-unit figures only for the unit's own rows, counted over its own tasks of the year
    const overview = await other.overview.completion.query({ planId: world.planId, year: 2025 });
    expect(overview.departments.map((d) => [d.departmentId, d.total, d.year])).toEqual([
      [world.d3.id, 1, expect.objectContaining({ items: 1, due: 1, done: 0, overdue: 1, rate: 0 })],
    ]);
    expect(overview.problems.map((p) => p.taskId)).toEqual([world.t2]);
    // another county sees nothing, year or not
    const b = await loginAs(api, "office@b.test", PASSWORD);
    expect(
      await outcome(() =>
        b.task.list.query({ planId: world.planId, page: 1, pageSize: 5, year: 2025 }),
      ),
    ).toBe("NOT_FOUND");
  });

  test("for every role and year, each filtered page is a subset of the same page for all years", async ({
    api,
    world,
    database: { db },
  }) => {
    await setup(db, world);
    const planId = world.planId;
    const users = [
      "office@a.test",
      "leader@a.test",
      "lead@a.test",
      "support@a.test",
      "other@a.test",
      "leader@city.test",
    ];
    for (const email of users) {
      const c = await loginAs(api, email, PASSWORD);
      const pages = async (year?: number) => ({
        tasks: await listIds(c, planId, year),
        schedule: (await c.task.schedule.query({ planId, year })).tasks.map((t) => t.id),
        ledger: (await c.ledger.grid.query({ planId, year, pageSize: 200 })).rows.map(
          (r) => `${r.taskId}:${r.departmentId}`,
        ),
        units: (await c.overview.completion.query({ planId, year })).departments.map(
          (d) => d.departmentId,
        ),
      });
      const all = await pages();
      for (const year of [2023, 2024, 2025, 2027]) {
        const y = await pages(year);
        for (const key of ["tasks", "schedule", "ledger", "units"] as const)
          expect(
            y[key].filter((id) => !all[key].includes(id)),
            `${email} ${year} ${key}`,
          ).toEqual([]);
        // the list and the roadmap/timetable agree on the year's tasks
        expect([...y.schedule].sort(), `${email} ${year}`).toEqual(y.tasks);
      }
    }
  });

  test("ledger grid: the year's four quarters and the year's tasks", async ({
    api,
    world,
    database: { db },
  }) => {
    const x = await setup(db, world);
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const all = await office.ledger.grid.query({ planId: world.planId });
    expect(all.periods[0]).toBe("2021Q1");
    expect(all.periods).toContain("2025Q4");
    expect(all.year).toBeNull();
    const y2023 = await office.ledger.grid.query({ planId: world.planId, year: 2023 });
    expect(y2023.periods).toEqual(["2023Q1", "2023Q2", "2023Q3", "2023Q4"]);
    expect(y2023.rows.map((r) => r.taskId).sort()).toEqual([world.t1, world.t2, x.t3].sort());
    expect(y2023.rows.every((r) => r.cells.length === 4)).toBe(true);
    const y2025 = await office.ledger.grid.query({ planId: world.planId, year: 2025 });
    expect(y2025.periods).toEqual(["2025Q1", "2025Q2", "2025Q3", "2025Q4"]);
    expect(y2025.rows.map((r) => [r.taskId, r.yearItem?.dueDate]).sort()).toEqual(
      [
        [world.t1, "2025-06-30"],
        [world.t2, "2025-09-30"],
      ].sort(),
    );
    // the open cycle of 2025Q4 is the year's last cell
    expect(y2025.rows[0]!.cells[3]).toMatchObject({ period: "2025Q4", cycleId: world.cycleId });
  });

  test("roadmap and timetable: the year's tasks, milestones in the year, the year's due dates", async ({
    api,
    world,
    database: { db },
  }) => {
    const x = await setup(db, world);
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const all = await office.task.schedule.query({ planId: world.planId });
    expect(all.year).toBeNull();
    expect(all.tasks.find((t) => t.id === world.t1)!.milestones.map((m) => m.dueDate)).toEqual([
      "2021-12-31",
      "2025-06-30",
    ]);
    const y2021 = await office.task.schedule.query({ planId: world.planId, year: 2021 });
    expect(y2021.year).toMatchObject({ from: "2021-01-01", to: "2021-12-31", basis: "SPAN" });
    expect(y2021.tasks.map((t) => t.id).sort()).toEqual([world.t1, world.t2].sort());
    expect(y2021.tasks.find((t) => t.id === world.t1)!.milestones.map((m) => m.dueDate)).toEqual([
      "2021-12-31",
    ]);
    const y2025 = await office.task.schedule.query({ planId: world.planId, year: 2025 });
    expect(y2025.total).toBe(2);
    const t1 = y2025.tasks.find((t) => t.id === world.t1)!;
    expect([t1.milestones.map((m) => m.dueDate), t1.yearItem?.dueDate]).toEqual([
      ["2025-06-30"],
      "2025-06-30",
    ]);
    const y2027 = await office.task.schedule.query({ planId: world.planId, year: 2027 });
    expect(y2027.tasks.map((t) => t.id)).toEqual([x.t4]);
  });

  test("overview: ranking and problems of the year's tasks; the year's completion next to the five-year one", async ({
    api,
    world,
    database: { db },
  }) => {
    const x = await setup(db, world);
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const all = await office.overview.completion.query({ planId: world.planId });
    expect(all.year).toBeNull();
    expect(all.departments.every((d) => d.year === null)).toBe(true);
    expect(all.totals.total).toBe(4);
    // 2025 (issued plan): T1 confirmed done on time, T2 overdue; five-year figures beside them
    const y2025 = await office.overview.completion.query({ planId: world.planId, year: 2025 });
    expect(y2025.year).toMatchObject({ basis: "ANNUAL_PLAN", asOf: "2025-12-31" });
    expect(y2025.totals.total).toBe(2);
    const row = (id: string) => y2025.departments.find((d) => d.departmentId === id);
    // the five-year figure counts all the unit's tasks (T1 open, T3 completed), the year's T1 only
    expect(row(world.d1.id)).toMatchObject({
      total: 1,
      year: {
        items: 1,
        due: 1,
        done: 1,
        onTime: 1,
        overdue: 0,
        rate: 100,
        fiveYear: { tasks: 2, completed: 1, rate: 50 },
      },
    });
    expect(row(world.d3.id)?.year).toMatchObject({ items: 1, done: 0, overdue: 1, rate: 0 });
    expect(row(world.d2.id)).toBeUndefined();
    expect(y2025.cycle?.period).toBe("2025Q4");
    // 2023 (no plan): T1, T2 and T3 ranked; the year's completion counts tasks due in 2023 (T3,
    // signed off within the year)
    const y2023 = await office.overview.completion.query({ planId: world.planId, year: 2023 });
    expect(y2023.totals.total).toBe(3);
    expect(y2023.departments.find((d) => d.departmentId === world.d1.id)).toMatchObject({
      total: 2,
      completed: 1,
      year: { items: 1, due: 1, done: 1, onTime: 1, rate: 100 },
    });
    expect(y2023.departments.find((d) => d.departmentId === world.d3.id)?.year).toMatchObject({
      items: 0,
      rate: null,
    });
    // no cycle in 2023: no ledger figures rather than another year's
    expect(y2023.cycle).toBeNull();
    expect(y2023.problems.map((p) => p.taskId)).not.toContain(x.t4);
  });

  test("the read cache keys each year apart and follows a changed year plan at once", async ({
    api,
    world,
    database: { db },
  }) => {
    await setup(db, world);
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const ids = async (year?: number) => listIds(office, world.planId, year);
    // the same page twice (the second from the cache), then other years: each its own answer
    expect(await ids(2022)).toEqual([world.t1, world.t2].sort());
    expect(await ids(2022)).toEqual([world.t1, world.t2].sort());
    expect((await ids()).length).toBe(4);
    expect(await ids(2025)).toEqual([world.t1, world.t2].sort());
    // an issued 2022 plan with T1 alone: the cached 2022 page is not served any more
    await db.annualPlan.create({
      data: {
        planId: world.planId,
        year: 2022,
        title: "2022年工作要点",
        status: "ISSUED",
        items: {
          create: [{ taskId: world.t1, deliverable: "立项", dueDate: toDbDate("2022-12-31") }],
        },
      },
    });
    expect(await ids(2022)).toEqual([world.t1]);
    const overview = await office.overview.completion.query({ planId: world.planId, year: 2022 });
    expect(overview.departments.map((d) => d.departmentId)).toEqual([world.d1.id]);
  });
});
