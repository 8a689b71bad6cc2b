// 层层分解 in the benchmark's data (issue #19): each city's plans hand every `assignEvery`-th task
// and their first indicators to the city's counties (Assignment rows landing in the county's plan
// of the same index), the counties decompose them into their own tasks (Task.assignmentId), and
// some of those are decomposed again inside the county (Task.parentTaskId, towns as units).
// Set-based SQL like the rest of the seed. The derived figures (a parent's progress and status from
// its children's, Assignment.progress) are kept by the cascade's statement triggers (migration
// 20261202020000_cascade_rollups) during these very inserts; recomputeCascadeSteps runs the same
// functions once more bottom-up, which changes nothing when the triggers did their work (and puts
// right a database seeded before that migration). The seed then recounts PlanUnitRollup.
import type { Scale } from "./scale.ts";

export type Step = { label: string; sql: string; params?: unknown[] };

/** A leaf's status from its due date and a hash, as the plans' own tasks get theirs. */
const leafStatus = (due: string, h: string) =>
  `CASE WHEN ${due} < date '2026-06-30' AND ${h} % 4 <> 0 THEN 'COMPLETED' WHEN ${h} % 9 = 0 THEN 'NOT_STARTED' ELSE 'IN_PROGRESS' END`;
const leafProgress = (status: string, h: string) =>
  `CASE ${status} WHEN 'COMPLETED' THEN 100 WHEN 'NOT_STARTED' THEN 0 ELSE ((${h} % 1000) * 17) % 100 END`;

/** Steps after the plans' tasks, phases and cycles exist (they need the ledger steps after them). */
export function cascadeTaskSteps(s: Scale): Step[] {
  if (s.cities === 0) return [];
  const C = s.cities,
    J = s.jurisdictions,
    D = s.departmentsPerJurisdiction,
    P = s.plansPerJurisdiction,
    { assignEvery, tasksPerAssignment, subtaskEvery, subtasks } = s.cascade;
  const taskColumns = `id, "planId", title, description, "leadDepartmentId", "phaseId", "startDate", "dueDate", "originalDueDate", status, progress, "completedAt", "updatedAt", source, "sourceNote"`;
  return [
    { label: "scratch", sql: `DROP TABLE IF EXISTS _bench_asg` },
    {
      label: "scratch",
      // county k, its city c, plan index p, city task i; 5 % wait to be decomposed (half of them
      // past their 分解时限), 2 % were withdrawn
      sql: `CREATE TABLE _bench_asg AS
            SELECT _bench_uuid('a:' || k || ':' || p || ':' || i) AS id, c, k, p, i, h,
                   _bench_uuid('t:' || c || ':' || p || ':' || i) AS parent_task, _bench_uuid('p:' || k || ':' || p) AS target_plan,
                   CASE WHEN h % 20 = 0 THEN 'PENDING' WHEN h % 50 = 1 THEN 'WITHDRAWN' ELSE 'DECOMPOSED' END AS state
              FROM generate_series(${C + 1}, ${J - 1}) k
              CROSS JOIN LATERAL (SELECT 1 + (k - ${C + 1}) % ${C} AS c) cc
              CROSS JOIN generate_series(0, ${P - 1}) p
              CROSS JOIN generate_series(1, ${s.tasksPerPlan}) i
              CROSS JOIN LATERAL (SELECT abs(hashtext('a:' || k || ':' || p || ':' || i)::bigint) AS h) hh
             WHERE i % ${assignEvery} = 0 AND i % 50 <> 0`,
    },
    {
      label: "assignments (tasks)",
      sql: `INSERT INTO "Assignment" (id, kind, "fromJurisdictionId", "toJurisdictionId", "parentTaskId", "targetPlanId", weight, note, "decomposeBy", state, progress, "assignedById", "assignedAt", "decomposedAt", "withdrawnAt", "withdrawnReason")
            SELECT a.id, 'TASK', _bench_uuid('j:' || a.c), _bench_uuid('j:' || a.k), a.parent_task, a.target_plan, 1, '请结合本地实际细化落实',
                   CASE WHEN a.state = 'PENDING' AND (a.h / 20) % 2 = 0 THEN current_date + 20 ELSE t."startDate" + 30 END,
                   a.state::"AssignmentState", 0, _bench_uuid('u:' || a.c || ':0'), t."startDate"::timestamp,
                   CASE WHEN a.state = 'DECOMPOSED' THEN (t."startDate" + 25)::timestamp END,
                   CASE WHEN a.state = 'WITHDRAWN' THEN (t."startDate" + 40)::timestamp END,
                   CASE WHEN a.state = 'WITHDRAWN' THEN '任务调整，改由市级统筹' END
              FROM _bench_asg a JOIN "Task" t ON t.id = a.parent_task`,
    },
    {
      label: "county tasks (decomposed)",
      sql: `INSERT INTO "Task" (${taskColumns}, "assignmentId")
            SELECT x.id, x.plan, x.title, '', x.lead, x.phase, x.start, x.due, x.due, x.status::"TaskStatus", ${leafProgress("x.status", "x.h")},
                   CASE WHEN x.status = 'COMPLETED' THEN x.due::timestamp END, now(), 'HIGHER_LEVEL', '市级下达', x.aid
              FROM (
                SELECT y.*, ${leafStatus("y.due", "y.h")} AS status FROM (
                  SELECT _bench_uuid('ct:' || a.id || ':' || n) AS id, a.target_plan AS plan, a.id AS aid,
                         '分解落实：' || t.title || '（' || n || '）' AS title,
                         _bench_uuid('d:' || a.k || ':' || ((a.i * 7 + a.p + n) % ${D})) AS lead,
                         _bench_uuid('ph:' || a.k || ':' || a.p || ':' || (a.i % 4 + 1)) AS phase,
                         t."startDate" + 30 AS start, greatest(t."dueDate" - 30 * (n - 1), t."startDate" + 90) AS due,
                         abs(hashtext(a.id::text || n)::bigint) AS h
                    FROM _bench_asg a JOIN "Task" t ON t.id = a.parent_task CROSS JOIN generate_series(1, ${tasksPerAssignment}) n
                   WHERE a.state = 'DECOMPOSED') y) x`,
    },
    {
      label: "town tasks (decomposed again)",
      sql: `INSERT INTO "Task" (${taskColumns}, "parentTaskId")
            SELECT x.id, x."planId", x.title, '', x.lead, x."phaseId", x.start, x.due, x.due, x.status::"TaskStatus", ${leafProgress("x.status", "x.h")},
                   CASE WHEN x.status = 'COMPLETED' THEN x.due::timestamp END, now(), 'HIGHER_LEVEL', '县级分解', x.parent
              FROM (
                SELECT y.*, ${leafStatus("y.due", "y.h")} AS status FROM (
                  SELECT _bench_uuid('st:' || ct.id || ':' || m) AS id, ct."planId", ct."phaseId", ct.id AS parent,
                         ct.title || '—乡镇' || m AS title, _bench_uuid('d:' || a.k || ':' || (${D} - m)) AS lead,
                         ct."startDate" + 10 AS start, greatest(ct."dueDate" - 20 * (m - 1), ct."startDate" + 60) AS due,
                         abs(hashtext(ct.id::text || m)::bigint) AS h
                    FROM "Task" ct JOIN _bench_asg a ON a.id = ct."assignmentId" CROSS JOIN generate_series(1, ${subtasks}) m
                   WHERE abs(hashtext(ct.id::text)::bigint) % ${subtaskEvery} = 0) y) x`,
    },
    ...recomputeCascadeSteps(),
    { label: "scratch", sql: `DROP TABLE _bench_asg` },
  ];
}

/**
 * The cascade's own roll-up functions over every parent, bottom-up: town tasks' parents (county
 * tasks), then assignments, then the city tasks above them. Each only writes rows whose derived
 * values differ, and each write cascades upward through the triggers.
 */
export function recomputeCascadeSteps(): Step[] {
  return [
    {
      label: "derived: county tasks from towns",
      sql: `SELECT duban_cascade_recompute_tasks(array_agg(DISTINCT "parentTaskId")) FROM "Task" WHERE "parentTaskId" IS NOT NULL`,
    },
    {
      label: "derived: assignments from county tasks",
      sql: `SELECT duban_cascade_recompute_assignments(array_agg(id)) FROM "Assignment" WHERE kind = 'TASK'`,
    },
    {
      label: "derived: city tasks from assignments",
      sql: `SELECT duban_cascade_recompute_tasks(array_agg(DISTINCT "parentTaskId")) FROM "Assignment" WHERE "parentTaskId" IS NOT NULL`,
    },
  ];
}

/** Steps after the plans' indicators exist and before their observations are made. */
export function cascadeIndicatorSteps(s: Scale): Step[] {
  if (s.cities === 0 || s.cascade.indicatorShares === 0) return [];
  const C = s.cities,
    J = s.jurisdictions,
    P = s.plansPerJurisdiction,
    n = s.cascade.indicatorShares;
  const perCity = (J - 1 - C) / C;
  const shares = `FROM generate_series(${C + 1}, ${J - 1}) k
              CROSS JOIN LATERAL (SELECT 1 + (k - ${C + 1}) % ${C} AS c) cc
              CROSS JOIN generate_series(0, ${P - 1}) p
              CROSS JOIN generate_series(1, ${n}) q
              JOIN "Indicator" i ON i.id = _bench_uuid('i:' || c || ':' || p || ':' || q)`;
  return [
    {
      label: "assignments (indicator shares)",
      sql: `INSERT INTO "Assignment" (id, kind, "fromJurisdictionId", "toJurisdictionId", "parentIndicatorId", "shareBaseline", "shareTarget", "targetPlanId", note, "decomposeBy", state, "assignedById", "assignedAt", "decomposedAt")
            SELECT _bench_uuid('ai:' || k || ':' || p || ':' || q), 'INDICATOR', _bench_uuid('j:' || c), _bench_uuid('j:' || k), i.id,
                   round((i."baselineValue" / ${perCity})::numeric, 2), round((i."targetValue" / ${perCity})::numeric, 2), _bench_uuid('p:' || k || ':' || p),
                   '按各县（市、区）分解', date '2022-03-31', 'DECOMPOSED', _bench_uuid('u:' || c || ':0'), timestamp '2022-02-15', timestamp '2022-03-20'
              ${shares}`,
    },
    {
      label: "county indicators (shares)",
      sql: `INSERT INTO "Indicator" (id, "planId", number, name, unit, category, "baselineYear", "baselineValue", "targetYear", "targetValue", direction, nature, trajectory, accumulation, "responsibleDepartmentId", "updatedAt", "assignmentId")
            SELECT _bench_uuid('i:' || k || ':' || p || ':s' || q), _bench_uuid('p:' || k || ':' || p), ${s.indicatorsPerPlan} + q, i.name || '（市级分解）', i.unit, i.category,
                   i."baselineYear", round((i."baselineValue" / ${perCity})::numeric, 2), i."targetYear", round((i."targetValue" / ${perCity})::numeric, 2),
                   i.direction, i.nature, i.trajectory, i.accumulation, _bench_uuid('d:' || k || ':' || (q % ${s.departmentsPerJurisdiction})), now(),
                   _bench_uuid('ai:' || k || ':' || p || ':' || q)
              ${shares}`,
    },
  ];
}
