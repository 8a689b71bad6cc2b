// The schedule rule (序时进度, schedule state, traffic light, 临期) has one SQL home, the functions
// duban_expected_progress / duban_schedule_state / duban_traffic_light / duban_is_due_soon
// (migrations 20261130193000_schedule_state_functions, 20261201013000_traffic_lights), and one
// in-memory twin, expectedProgress / scheduleState / trafficLight / isDueSoon (src/progress.ts).
// These properties hold the twin, the functions and every query that still classifies tasks to the
// same answer on random tasks, days and jurisdiction bands (issue #17 step 8), so changing any one
// copy fails here.
import fc from "fast-check";
import { describe, expect } from "vitest";

import type { Db, TaskStatus } from "@duban/db";
import { test } from "@duban/test-utils";

import {
  addDays,
  ALL_JURISDICTIONS,
  collectOverdueAlerts,
  completionByDepartment,
  daysBetween,
  DEFAULT_BANDS,
  expectedProgress,
  isDueSoon,
  isOverdue,
  listTasks,
  scheduleState,
  systemActor,
  toDbDate,
  trafficLight,
  type IsoDate,
  type LightBands,
  type ScheduleState,
  type TrafficLight,
} from "../src/index.ts";

const STATUSES: TaskStatus[] = [
  "NOT_STARTED",
  "IN_PROGRESS",
  "COMPLETED",
  "SUSPENDED",
  "CANCELLED",
];
const STATES: ScheduleState[] = ["COMPLETED", "ON_SCHEDULE", "LAGGING", "OVERDUE", "CANCELLED"];
const LEAP_DAYS: IsoDate[] = ["2020-02-28", "2020-02-29", "2020-03-01", "2024-02-29", "2023-02-28"];

/** A day between 2019-12-01 and about 2025-06: random, or one around a leap day. */
const day = fc.oneof(
  fc.integer({ min: 0, max: 2000 }).map((n) => addDays("2019-12-01", n)),
  fc.constantFrom(...LEAP_DAYS),
);
/** `from` moved by a few days (often 0 or ±1) or by up to `min`…`max` days. */
const around = (from: IsoDate, min: number, max: number) =>
  fc.oneof(fc.constantFrom(0, 1, -1), fc.integer({ min, max })).map((n) => addDays(from, n));
/** A jurisdiction's bands as the settings allow them: yellow 1–99, red above it up to 100, 临期 0–90 days. */
const bandsArb: fc.Arbitrary<LightBands> = fc
  .oneof(
    fc.constant({ ...DEFAULT_BANDS }),
    fc.integer({ min: 1, max: 99 }).chain((yellowLagPoints) =>
      fc.record({
        yellowLagPoints: fc.constant(yellowLagPoints),
        redLagPoints: fc.integer({ min: yellowLagPoints + 1, max: 100 }),
        dueSoonDays: fc.oneof(fc.constantFrom(0, 1, 15), fc.integer({ min: 0, max: 90 })),
      }),
    ),
  )
  .map((b) => ({ ...b }));

/**
 * progress 0–100, drawn half the time from exactly around a boundary of the bands: expected −
 * yellow ± 1 (LAGGING, 黄) or expected − red ± 1 (红).
 */
const progressFor = (expected: number, bands: LightBands) =>
  fc
    .oneof(
      fc.integer({ min: 0, max: 100 }),
      fc.integer({ min: -1, max: 1 }).map((d) => expected - bands.yellowLagPoints + d),
      fc.integer({ min: -1, max: 1 }).map((d) => expected - bands.redLagPoints + d),
    )
    .map((p) => Math.min(100, Math.max(0, p)));

type Task = { status: TaskStatus; progress: number; startDate: IsoDate; dueDate: IsoDate };
type Case = Task & { asOf: IsoDate; bands: LightBands };

/**
 * A task judged on day `asOf`: it starts up to four years before (or shortly after) `asOf`, is due
 * on, just before or just after `asOf` or up to four years after its start (start == due too), and
 * its progress sits on the lagging boundary half the time. `dueBeforeStart` lets due precede start
 * (the Task table's check forbids it, the functions must still agree).
 */
const taskOn = (asOf: IsoDate, dueBeforeStart: boolean, bands: LightBands): fc.Arbitrary<Task> =>
  around(asOf, -1500, 60).chain((startDate) =>
    fc
      .oneof(
        around(startDate, dueBeforeStart ? -60 : 0, 1500),
        around(asOf, -2, 2),
        // around the end of the due-soon band
        fc.integer({ min: -1, max: 1 }).map((d) => addDays(asOf, bands.dueSoonDays + d)),
      )
      .map((due) => (dueBeforeStart || due >= startDate ? due : startDate))
      .chain((dueDate) =>
        fc.record({
          status: fc.constantFrom(...STATUSES),
          progress: progressFor(expectedProgress(startDate, dueDate, asOf), bands),
          startDate: fc.constant(startDate),
          dueDate: fc.constant(dueDate),
        }),
      ),
  );
const caseArb = fc
  .tuple(day, bandsArb)
  .chain(([asOf, bands]) => taskOn(asOf, true, bands).map((t): Case => ({ ...t, asOf, bands })));

const twin = (c: Case) => ({
  expected: expectedProgress(c.startDate, c.dueDate, c.asOf),
  state: scheduleState(c, c.asOf, c.bands),
  overdue: isOverdue(c, c.asOf),
  light: trafficLight(c, c.asOf, c.bands),
  dueSoon: isDueSoon(c, c.asOf, c.bands.dueSoonDays),
});

/** The SQL functions over a batch of cases, in one statement. */
async function sqlRule(db: Db, cases: Case[]) {
  const rows = await db.$queryRaw<
    Array<{
      expected: number;
      state: ScheduleState;
      overdue: boolean;
      light: TrafficLight | null;
      dueSoon: boolean;
    }>
  >`
    SELECT duban_expected_progress(c.s, c.d, c.a) AS expected,
           duban_schedule_state(c.st::"TaskStatus", c.p, c.s, c.d, c.a, c.y) AS state,
           duban_is_overdue(c.st::"TaskStatus", c.d, c.a) AS overdue,
           duban_traffic_light(c.st::"TaskStatus", c.p, c.s, c.d, c.a, c.y, c.r, c.ds) AS light,
           duban_is_due_soon(c.st::"TaskStatus", c.d, c.a, c.ds) AS "dueSoon"
      FROM unnest(${cases.map((c) => c.startDate)}::date[], ${cases.map((c) => c.dueDate)}::date[],
                  ${cases.map((c) => c.asOf)}::date[], ${cases.map((c) => c.status)}::text[],
                  ${cases.map((c) => c.progress)}::int[], ${cases.map((c) => c.bands.yellowLagPoints)}::int[],
                  ${cases.map((c) => c.bands.redLagPoints)}::int[], ${cases.map((c) => c.bands.dueSoonDays)}::int[])
           WITH ORDINALITY AS c(s, d, a, st, p, y, r, ds, i)
     ORDER BY c.i`;
  return rows;
}

describe("schedule rule: one definition, every copy agrees", () => {
  test("the SQL functions and the TypeScript twin agree on random tasks, days and bands (due < start too)", async ({
    database: { db },
  }) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(caseArb, { minLength: 1, maxLength: 100, size: "max" }),
        async (cases) => {
          expect(await sqlRule(db, cases)).toEqual(cases.map(twin));
        },
      ),
      { numRuns: 40 },
    );
  });

  test("序时进度: the SQL function and the twin agree on every day of every span up to 400 days, and of 4- and 5-year spans", async ({
    database: { db },
  }) => {
    // every exact half (57 of 200 days, …) and every rounding edge of these spans, not a sample
    const spans = [...Array.from({ length: 401 }, (_, i) => i), 1461, 1826];
    const start = "2020-01-01";
    const rows = await db.$queryRaw<Array<{ total: number; eps: number[] }>>`
      SELECT s.total, array_agg(duban_expected_progress(${start}::date, ${start}::date + s.total, ${start}::date + e) ORDER BY e) AS eps
        FROM unnest(${spans}::int[]) AS s(total) CROSS JOIN LATERAL generate_series(-1, s.total + 1) AS e
       GROUP BY s.total ORDER BY s.total`;
    expect(rows.map((r) => r.total)).toEqual(spans);
    for (const { total, eps } of rows) {
      const due = addDays(start, total);
      const twinEps = Array.from({ length: total + 3 }, (_, i) =>
        expectedProgress(start, due, addDays(start, i - 1)),
      );
      expect(eps, `span of ${total} days`).toEqual(twinEps);
    }
  });

  test("the boundary cases are covered (default bands): behind equal to a band, exact halves, start == due, 临期", async ({
    database: { db },
  }) => {
    const cases: Case[] = (
      [
        // 57 of 200 days: exactly 28.5, rounded half up to 29 (float64's 57 / 200 * 100 would give
        // 28.499999999999996, so 28: the rule multiplies first); progress 19 + 10 = 29 is not lagging
        {
          status: "IN_PROGRESS",
          progress: 19,
          startDate: "2021-01-01",
          dueDate: "2021-07-20",
          asOf: "2021-02-27",
        },
        {
          status: "IN_PROGRESS",
          progress: 18,
          startDate: "2021-01-01",
          dueDate: "2021-07-20",
          asOf: "2021-02-27",
        },
        // half of 2020 (leap year, 366 days): 183 of 366 = 50
        {
          status: "NOT_STARTED",
          progress: 40,
          startDate: "2020-01-01",
          dueDate: "2021-01-01",
          asOf: "2020-07-02",
        },
        {
          status: "NOT_STARTED",
          progress: 39,
          startDate: "2020-01-01",
          dueDate: "2021-01-01",
          asOf: "2020-07-02",
        },
        // start == due: 0 on the day, overdue the day after
        {
          status: "IN_PROGRESS",
          progress: 0,
          startDate: "2024-02-29",
          dueDate: "2024-02-29",
          asOf: "2024-02-29",
        },
        {
          status: "IN_PROGRESS",
          progress: 0,
          startDate: "2024-02-29",
          dueDate: "2024-02-29",
          asOf: "2024-03-01",
        },
        // 50 − 20 = 30 points behind: 黄; 31: 红
        {
          status: "IN_PROGRESS",
          progress: 20,
          startDate: "2020-01-01",
          dueDate: "2021-01-01",
          asOf: "2020-07-02",
        },
        {
          status: "IN_PROGRESS",
          progress: 19,
          startDate: "2020-01-01",
          dueDate: "2021-01-01",
          asOf: "2020-07-02",
        },
        // due in exactly 15 days, on schedule: 黄 (临期); in 16 days: 绿
        {
          status: "IN_PROGRESS",
          progress: 100,
          startDate: "2020-01-01",
          dueDate: "2020-07-17",
          asOf: "2020-07-02",
        },
        {
          status: "IN_PROGRESS",
          progress: 100,
          startDate: "2020-01-01",
          dueDate: "2020-07-18",
          asOf: "2020-07-02",
        },
      ] satisfies Array<Omit<Case, "bands">>
    ).map((c) => ({ ...c, bands: { ...DEFAULT_BANDS } }));
    const sql = await sqlRule(db, cases);
    expect(sql).toEqual(cases.map(twin));
    expect(
      sql.map((r) => `${r.expected} ${r.state} ${r.light}${r.dueSoon ? " 临期" : ""}`),
    ).toEqual([
      "29 ON_SCHEDULE GREEN",
      "29 LAGGING YELLOW",
      "50 ON_SCHEDULE GREEN",
      "50 LAGGING YELLOW",
      "0 ON_SCHEDULE YELLOW 临期",
      "100 OVERDUE RED",
      "50 LAGGING YELLOW",
      "50 LAGGING RED",
      "92 ON_SCHEDULE YELLOW 临期",
      "92 ON_SCHEDULE GREEN",
    ]);
  });

  test("the task list's filter, the overview's counts and the overdue scan classify as the twin does, with the jurisdiction's random bands", async ({
    database: { db },
  }) => {
    const jurisdiction = await db.jurisdiction.create({ data: { name: "规则县", kind: "COUNTY" } });
    const units = await Promise.all(
      ["甲局", "乙局", "丙局"].map((name, i) =>
        db.department.create({
          data: { jurisdictionId: jurisdiction.id, name, contactEmails: [`unit${i}@rule.gov.cn`] },
        }),
      ),
    );
    const plan = await db.plan.create({
      data: {
        jurisdictionId: jurisdiction.id,
        title: "规则规划",
        periodStart: 2020,
        periodEnd: 2025,
        status: "ACTIVE",
        sourceFileName: "plan.txt",
        sourceFormat: "txt",
        sourceHash: "rule",
        sourceText: "…",
        parserVersion: 1,
        parseResult: {},
      },
    });
    const actor = systemActor("schedule-rule test");
    const escalationDays = 14;
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(day, bandsArb).chain(([asOf, bands]) =>
          fc.tuple(
            fc.constant(asOf),
            fc.constant(bands),
            fc.array(fc.tuple(taskOn(asOf, false, bands), fc.nat({ max: units.length - 1 })), {
              minLength: 1,
              maxLength: 40,
              size: "max",
            }),
          ),
        ),
        async ([asOf, bands, drawn]) => {
          await db.task.deleteMany({ where: { planId: plan.id } });
          await db.supervisionSettings.upsert({
            where: { jurisdictionId: jurisdiction.id },
            create: { jurisdictionId: jurisdiction.id, ...bands },
            update: bands,
          });
          const tasks = drawn.map(([t, unit], i) => ({
            ...t,
            id: crypto.randomUUID(),
            title: `任务${i}`,
            leadDepartmentId: units[unit]!.id,
          }));
          await db.task.createMany({
            data: tasks.map((t) => ({
              id: t.id,
              planId: plan.id,
              title: t.title,
              leadDepartmentId: t.leadDepartmentId,
              status: t.status,
              progress: t.progress,
              startDate: toDbDate(t.startDate),
              dueDate: toDbDate(t.dueDate),
              originalDueDate: toDbDate(t.dueDate),
            })),
          });
          const judged = tasks.map((t) => ({ ...t, ...twin({ ...t, asOf, bands }) }));
          const ids = (state: ScheduleState) =>
            judged
              .filter((t) => t.state === state)
              .map((t) => t.id)
              .sort();
          const idsWhere = (keep: (t: (typeof judged)[number]) => boolean) =>
            judged
              .filter(keep)
              .map((t) => t.id)
              .sort();

          // the SQL function over the stored rows
          const stored = await db.$queryRaw<Array<{ id: string; state: ScheduleState }>>`
            SELECT id::text, duban_schedule_state(status, progress, "startDate", "dueDate", ${asOf}::date, ${bands.yellowLagPoints}::int) AS state
              FROM "Task" WHERE "planId" = ${plan.id}::uuid`;
          expect(new Map(stored.map((r) => [r.id, r.state]))).toEqual(
            new Map(judged.map((t) => [t.id, t.state])),
          );

          // the task list, filtered by each state
          for (const schedule of STATES) {
            const page = await listTasks(
              { db, actor },
              {
                planId: plan.id,
                schedule,
                asOf,
                page: 1,
                pageSize: 200,
              },
            );
            expect(page.items.map((t) => t.id).sort(), schedule).toEqual(ids(schedule));
            expect(page.total).toBe(ids(schedule).length);
          }
          // … by each light and by 临期, and each row's light and 临期
          const pageOf = (filter: { light?: TrafficLight; dueSoon?: boolean }) =>
            listTasks({ db, actor }, { planId: plan.id, asOf, page: 1, pageSize: 200, ...filter });
          for (const light of ["RED", "YELLOW", "GREEN"] as const) {
            const page = await pageOf({ light });
            expect(page.items.map((t) => t.id).sort(), light).toEqual(
              idsWhere((t) => t.light === light),
            );
            expect(page.bands).toEqual(bands);
          }
          for (const dueSoon of [true, false]) {
            const page = await pageOf({ dueSoon });
            expect(page.items.map((t) => t.id).sort(), `dueSoon ${dueSoon}`).toEqual(
              idsWhere((t) => t.dueSoon === dueSoon),
            );
          }
          const all = await pageOf({});
          for (const row of all.items) {
            const t = judged.find((j) => j.id === row.id)!;
            expect({ light: row.light, dueSoon: row.dueSoon, schedule: row.schedule }).toEqual({
              light: t.light,
              dueSoon: t.dueSoon,
              schedule: t.state,
            });
          }

          // the overview: counts and 序时进度 per lead unit, and the problem list
          const overview = await completionByDepartment(
            { db, actor },
            { planId: plan.id, asOf, problemLimit: 200 },
          );
          for (const unit of units) {
            const own = judged.filter((t) => t.leadDepartmentId === unit.id);
            const row = overview.departments.find((d) => d.departmentId === unit.id);
            if (!own.length) {
              expect(row).toBeUndefined();
              continue;
            }
            const count = (s: ScheduleState) => own.filter((t) => t.state === s).length;
            const active = own.filter((t) => t.state !== "CANCELLED");
            expect(row).toMatchObject({
              total: own.length,
              completed: count("COMPLETED"),
              onSchedule: count("ON_SCHEDULE"),
              lagging: count("LAGGING"),
              overdue: count("OVERDUE"),
              cancelled: count("CANCELLED"),
              red: own.filter((t) => t.light === "RED").length,
              yellow: own.filter((t) => t.light === "YELLOW").length,
              green: own.filter((t) => t.light === "GREEN").length,
              dueSoon: own.filter((t) => t.dueSoon).length,
              expectedProgress: active.length
                ? Math.round(active.reduce((s, t) => s + t.expected, 0) / active.length)
                : 0,
            });
          }
          expect(overview.problems.map((p) => p.taskId).sort()).toEqual(
            [...ids("LAGGING"), ...ids("OVERDUE")].sort(),
          );
          for (const p of overview.problems)
            expect(p.expectedProgress).toBe(judged.find((t) => t.id === p.taskId)!.expected);

          // the overdue scan: which tasks each unit's digest lists, and which escalate
          const scan = await collectOverdueAlerts(
            { db },
            {
              asOf: new Date(`${asOf}T12:00:00+08:00`),
              escalationDays,
              scope: ALL_JURISDICTIONS,
            },
          );
          const listed = scan.emails
            .filter((e) => e.kind === "overdue")
            .flatMap((e) => (e.payload as { items: Array<{ taskId: string }> }).items)
            .map((i) => i.taskId)
            .sort();
          expect(listed).toEqual(ids("OVERDUE"));
          expect(scan.summary).toMatchObject({
            overdueTasks: ids("OVERDUE").length,
            escalatedTasks: judged.filter(
              (t) => t.state === "OVERDUE" && daysBetween(t.dueDate, asOf) >= escalationDays,
            ).length,
          });
        },
      ),
      { numRuns: 30 },
    );
  });
});
