// The floor for each read path: the same question answered by one hand-written SQL query,
// run through a plain connection pool (no HTTP, no session, no ORM model mapping). 序时进度 and the
// schedule state come from the SQL functions duban_expected_progress / duban_schedule_state /
// duban_traffic_light, as in the product's queries (the planner inlines them), with the bands of the
// plan's jurisdiction (SupervisionSettings, defaults 10 / 30 / 15 when none are set; issue #17 step 8).

/** $1 plan: the traffic-light bands of its jurisdiction (y yellow, r red, ds due-soon days). */
const bands = `SELECT coalesce(s."yellowLagPoints", 10) AS y, coalesce(s."redLagPoints", 30) AS r, coalesce(s."dueSoonDays", 15) AS ds
    FROM "Plan" p LEFT JOIN "SupervisionSettings" s ON s."jurisdictionId" = p."jurisdictionId" WHERE p.id = $1::uuid`;

/** $1 plan, $2 as-of day: per lead unit counts, progress against 序时进度, ledger completeness of the current cycle, and the lagging/overdue list. */
export const completionFloor = `
WITH c AS (SELECT id, "opensAt" FROM "ReportingCycle" WHERE "planId" = $1::uuid AND state IN ('OPEN', 'CLOSED') ORDER BY period DESC LIMIT 1),
b AS (${bands}),
t AS MATERIALIZED (
  SELECT t.id, t.title, t."leadDepartmentId" AS d, t.status, t.progress, t."dueDate",
         duban_expected_progress(t."startDate", t."dueDate", $2::date) AS ep,
         duban_schedule_state(t.status, t.progress, t."startDate", t."dueDate", $2::date, b.y) AS state,
         duban_traffic_light(t.status, t.progress, t."startDate", t."dueDate", $2::date, b.y, b.r, b.ds) AS light,
         duban_is_due_soon(t.status, t."dueDate", $2::date, b.ds) AS due_soon
    FROM "Task" t CROSS JOIN b WHERE t."planId" = $1::uuid),
units AS (
  SELECT t.id, t."leadDepartmentId" AS d, t.status, t."startDate", t."completedAt" FROM "Task" t WHERE t."planId" = $1::uuid
  UNION ALL
  SELECT t.id, s."departmentId", t.status, t."startDate", t."completedAt" FROM "Task" t JOIN "TaskSupport" s ON s."taskId" = t.id WHERE t."planId" = $1::uuid),
e AS (
  SELECT e."taskId", e."departmentId", bool_or(e."isCurrent") AS submitted, bool_or(e.late) FILTER (WHERE e.revision = 1) AS late
    FROM "LedgerEntry" e WHERE e."cycleId" = (SELECT id FROM c) GROUP BY 1, 2),
l AS (
  SELECT u.d, count(*) AS expected, count(*) FILTER (WHERE e.submitted) AS submitted, count(*) FILTER (WHERE e.submitted AND e.late IS NOT TRUE) AS on_time
    FROM units u CROSS JOIN c LEFT JOIN e ON e."taskId" = u.id AND e."departmentId" = u.d
   WHERE u.status <> 'CANCELLED' AND u."startDate" <= ((c."opensAt" AT TIME ZONE 'Asia/Shanghai') + interval '3 months' - interval '1 day')::date
     AND (u."completedAt" IS NULL OR u."completedAt" >= c."opensAt")
   GROUP BY u.d)
SELECT (SELECT json_agg(x) FROM (
          SELECT s.*, dep.name, l.expected, l.submitted, l.on_time
            FROM (SELECT d, count(*) AS total, count(*) FILTER (WHERE state = 'COMPLETED') AS completed, count(*) FILTER (WHERE state = 'ON_SCHEDULE') AS on_schedule,
                         count(*) FILTER (WHERE state = 'LAGGING') AS lagging, count(*) FILTER (WHERE state = 'OVERDUE') AS overdue, count(*) FILTER (WHERE state = 'CANCELLED') AS cancelled,
                         count(*) FILTER (WHERE light = 'RED') AS red, count(*) FILTER (WHERE light = 'YELLOW') AS yellow, count(*) FILTER (WHERE light = 'GREEN') AS green, count(*) FILTER (WHERE due_soon) AS due_soon,
                         round(avg(progress) FILTER (WHERE state <> 'CANCELLED')) AS reported, round(avg(ep) FILTER (WHERE state <> 'CANCELLED')) AS expected_progress
                    FROM t GROUP BY d) s
            JOIN "Department" dep ON dep.id = s.d LEFT JOIN l ON l.d = s.d) x) AS departments,
       (SELECT json_agg(json_build_object('taskId', p.id, 'title', p.title, 'departmentId', p.d, 'schedule', p.state, 'progress', p.progress, 'expectedProgress', p.ep, 'dueDate', p."dueDate") ORDER BY p."dueDate", p.id)
          FROM t p WHERE p.state IN ('LAGGING', 'OVERDUE')) AS problems`;

/** $1 plan, $2 unit: page 1 (20 rows) of the unit's tasks (lead or supporting) in plan order, with its current entries, and the total. */
export const ledgerGridFloor = `
SELECT count(*) OVER () AS total, t.id, t.title, n.code, t.status, t.progress, t."leadDepartmentId" = $2::uuid AS lead,
       coalesce((SELECT json_agg(json_build_object('cycleId', e."cycleId", 'id', e.id, 'state', e."reviewState", 'late', e.late, 'percentComplete', e."percentComplete"))
                   FROM "LedgerEntry" e WHERE e."taskId" = t.id AND e."departmentId" = $2::uuid AND e."isCurrent"), '[]') AS cells
  FROM "Task" t LEFT JOIN "PlanNode" n ON n.id = t."sourceNodeId"
 WHERE t."planId" = $1::uuid AND (t."leadDepartmentId" = $2::uuid OR EXISTS (SELECT 1 FROM "TaskSupport" s WHERE s."taskId" = t.id AND s."departmentId" = $2::uuid))
 ORDER BY n."order", t.title LIMIT 20`;

/** $1 plan, $2 unit, $3 as-of day: page 1 (50) of the unit's lagging tasks, with the total. */
export const taskListFloor = `
SELECT count(*) OVER () AS total, t.id, t.title, t.status, t.progress, t."startDate", t."dueDate", t."originalDueDate", t.version, t."updatedAt",
       json_build_object('id', ld.id, 'name', ld.name, 'shortName', ld."shortName") AS "leadDepartment",
       (SELECT coalesce(json_agg(json_build_object('id', sd.id, 'name', sd.name, 'shortName', sd."shortName")), '[]') FROM "TaskSupport" s JOIN "Department" sd ON sd.id = s."departmentId" WHERE s."taskId" = t.id) AS supporting,
       json_build_object('id', ph.id, 'key', ph.key, 'name', ph.name) AS phase, json_build_object('id', n.id, 'code', n.code) AS "sourceNode",
       (SELECT count(*) FROM "Milestone" m WHERE m."taskId" = t.id) AS milestones
  FROM "Task" t CROSS JOIN (${bands}) b JOIN "Department" ld ON ld.id = t."leadDepartmentId" LEFT JOIN "Phase" ph ON ph.id = t."phaseId" LEFT JOIN "PlanNode" n ON n.id = t."sourceNodeId"
 WHERE t."planId" = $1::uuid AND (t."leadDepartmentId" = $2::uuid OR EXISTS (SELECT 1 FROM "TaskSupport" s WHERE s."taskId" = t.id AND s."departmentId" = $2::uuid))
   AND duban_schedule_state(t.status, t.progress, t."startDate", t."dueDate", $3::date, b.y) = 'LAGGING'
 ORDER BY t."dueDate", t.id LIMIT 50`;

/** $1 plan: indicators in order with their current whole-jurisdiction series. */
export const indicatorFloor = `
SELECT i.*, json_build_object('id', d.id, 'name', d.name) AS "responsibleDepartment",
       coalesce((SELECT json_agg(o ORDER BY o.period) FROM "IndicatorObservation" o WHERE o."indicatorId" = i.id AND o."supersededAt" IS NULL AND o."districtId" IS NULL), '[]') AS observations
  FROM "Indicator" i LEFT JOIN "Department" d ON d.id = i."responsibleDepartmentId"
 WHERE i."planId" = $1::uuid ORDER BY i.number`;
