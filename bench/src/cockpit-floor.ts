// The floor of the cockpit (cockpit.summary, packages/domain/src/cockpit): the same numbers from
// one hand-written statement over the same tables, through a plain pool — no HTTP, session,
// access check, ORM or Node arithmetic. What the cockpit reads:
// - the scope: the root and every jurisdiction below it, their ACTIVE plans;
// - completion per plan (hence per jurisdiction, own and subtree, and the totals): the maintained
//   per-(plan, unit) counters PlanUnitRollup summed (migration 20261201110000_plan_unit_rollups);
// - the 15 units with the most lagging and overdue tasks, and how many units lead a task;
// - the 20 worst lagging or overdue tasks, scanning only the (plan, unit) pairs whose counters
//   show a problem;
// - 台账报送完整率 per jurisdiction for the latest quarter any plan has opened: a closed cycle's
//   recorded figures (CycleDepartmentStat), an open one counted live from the tasks and entries;
// - indicator attainment: each indicator's latest whole-jurisdiction value of an ended quarter and
//   its annual targets (the judging itself is TypeScript; the floor stops at the rows it needs), and
//   the root's indicator shares with each child's latest value.
// $1 root jurisdiction, $2 the day (Asia/Shanghai), $3 the last ended quarter on that day.

export const cockpitFloor = `
WITH RECURSIVE down(id) AS (
  SELECT $1::uuid UNION ALL SELECT j.id FROM down JOIN "Jurisdiction" j ON j."parentId" = down.id
),
pl AS MATERIALIZED (
  SELECT p.id, p."jurisdictionId", p.title FROM "Plan" p WHERE p.status = 'ACTIVE' AND p."jurisdictionId" IN (SELECT id FROM down)
),
r AS MATERIALIZED (SELECT r.* FROM "PlanUnitRollup" r WHERE r."planId" IN (SELECT id FROM pl)),
per_plan AS (
  SELECT pl.id, pl."jurisdictionId", pl.title, sum(r.total) AS total, sum(r.completed) AS completed, sum(r.cancelled) AS cancelled,
         sum(r."onSchedule") AS on_schedule, sum(r.lagging) AS lagging, sum(r.overdue) AS overdue, sum(r.red) AS red,
         sum(r.yellow) AS yellow, sum(r.green) AS green, sum(r."dueSoon") AS due_soon, sum(r."sumProgress") AS sp, sum(r."sumExpected") AS se
    FROM pl LEFT JOIN r ON r."planId" = pl.id GROUP BY pl.id, pl."jurisdictionId", pl.title
),
units AS (
  SELECT r."departmentId", min(d.name) AS name, count(DISTINCT r."planId") AS plans, sum(r.total) AS total, sum(r.completed) AS completed,
         sum(r.lagging) AS lagging, sum(r.overdue) AS overdue, sum(r."sumProgress") AS sp, sum(r."sumExpected") AS se
    FROM r JOIN "Department" d ON d.id = r."departmentId"
   GROUP BY r."departmentId" HAVING sum(r.total) > 0
   ORDER BY sum(r.lagging + r.overdue) DESC, sum(r.completed)::float8 / nullif(sum(r.total - r.cancelled), 0) ASC NULLS LAST, min(d.name), r."departmentId"
   LIMIT 15
),
hot AS (SELECT r."planId", r."departmentId" FROM r WHERE r.lagging + r.overdue > 0),
s AS (
  SELECT t.id, t.title, t."planId", t."leadDepartmentId", t.progress, t."dueDate",
         duban_schedule_state(t.status, t.progress, t."startDate", t."dueDate", $2::date, coalesce(ss."yellowLagPoints", 10)) AS state,
         duban_expected_progress(t."startDate", t."dueDate", $2::date) AS ep
    FROM hot JOIN "Task" t ON t."planId" = hot."planId" AND t."leadDepartmentId" = hot."departmentId"
    JOIN pl ON pl.id = t."planId" LEFT JOIN "SupervisionSettings" ss ON ss."jurisdictionId" = pl."jurisdictionId"
   WHERE t.status NOT IN ('COMPLETED', 'CANCELLED')
),
lagging AS (
  SELECT s.id, s.title, s."planId", s."leadDepartmentId", s.state, s.progress, s.ep, s."dueDate" FROM s
   WHERE s.state IN ('LAGGING', 'OVERDUE')
   ORDER BY (s.state = 'OVERDUE') DESC, greatest($2::date - s."dueDate", 0) DESC, (s.ep - s.progress) DESC, s."dueDate", s.id
   LIMIT 20
),
q AS (
  SELECT period, make_date(substr(period, 1, 4)::int, substr(period, 6, 1)::int * 3, 1) + interval '1 month' - interval '1 day' AS last_day,
         (make_date(substr(period, 1, 4)::int, substr(period, 6, 1)::int * 3 - 2, 1)::timestamp AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'UTC' AS first_instant
    FROM (SELECT max(period) AS period FROM "ReportingCycle" WHERE "planId" IN (SELECT id FROM pl) AND state IN ('OPEN', 'CLOSED')) m
),
c AS MATERIALIZED (
  SELECT rc.id, rc."planId", pl."jurisdictionId",
         rc.state = 'CLOSED' AND EXISTS (SELECT 1 FROM "CycleDepartmentStat" st WHERE st."cycleId" = rc.id) AS recorded
    FROM "ReportingCycle" rc JOIN pl ON pl.id = rc."planId" CROSS JOIN q
   WHERE rc.period = q.period AND rc.state IN ('OPEN', 'CLOSED')
),
reportable AS (
  SELECT c.id AS "cycleId", c."jurisdictionId", t.id AS "taskId", t."leadDepartmentId"
    FROM c JOIN "Task" t ON t."planId" = c."planId" CROSS JOIN q
   WHERE NOT c.recorded AND t.status <> 'CANCELLED' AND t."startDate" <= q.last_day
     AND (t."completedAt" IS NULL OR t."completedAt" >= q.first_instant)
),
u AS (
  SELECT "cycleId", "jurisdictionId", "taskId", "leadDepartmentId" AS d FROM reportable
  UNION ALL
  SELECT r."cycleId", r."jurisdictionId", r."taskId", ts."departmentId" FROM reportable r JOIN "TaskSupport" ts ON ts."taskId" = r."taskId"
),
e AS (
  SELECT e."cycleId", e."taskId", e."departmentId", bool_or(e."isCurrent") AS submitted, bool_or(e.late) FILTER (WHERE e.revision = 1) AS late
    FROM "LedgerEntry" e WHERE e."cycleId" IN (SELECT id FROM c WHERE NOT recorded) GROUP BY 1, 2, 3
),
reporting AS (
  SELECT u."jurisdictionId", count(*) AS expected, count(*) FILTER (WHERE e.submitted) AS submitted,
         count(*) FILTER (WHERE e.submitted AND e.late IS NOT TRUE) AS on_time, count(*) FILTER (WHERE e.submitted AND e.late) AS late
    FROM u LEFT JOIN e ON e."cycleId" = u."cycleId" AND e."taskId" = u."taskId" AND e."departmentId" = u.d
   GROUP BY u."jurisdictionId"
  UNION ALL
  SELECT c."jurisdictionId", sum(st.expected), sum(st.submitted), sum(st."onTime"), sum(st.late)
    FROM c JOIN "CycleDepartmentStat" st ON st."cycleId" = c.id WHERE c.recorded GROUP BY c."jurisdictionId"
),
ind AS (
  SELECT i.id, i."planId", o.period, o.value,
         (SELECT json_agg(json_build_object('year', t.year, 'value', t.value)) FROM "IndicatorAnnualTarget" t
           WHERE t."indicatorId" = i.id AND t."supersededAt" IS NULL AND t."districtId" IS NULL AND t."departmentId" IS NULL) AS targets
    FROM "Indicator" i
    LEFT JOIN LATERAL (SELECT ob.period, ob.value FROM "IndicatorObservation" ob
                        WHERE ob."indicatorId" = i.id AND ob."districtId" IS NULL AND ob."supersededAt" IS NULL AND ob.period <= $3
                        ORDER BY ob.period DESC LIMIT 1) o ON true
   WHERE i."planId" IN (SELECT id FROM pl)
),
shares AS (
  SELECT a."parentIndicatorId", a."toJurisdictionId", c.id AS child, o.period, o.value
    FROM "Assignment" a
    JOIN pl ON pl."jurisdictionId" = $1::uuid
    JOIN "Indicator" p ON p.id = a."parentIndicatorId" AND p."planId" = pl.id
    LEFT JOIN "Indicator" c ON c."assignmentId" = a.id
    LEFT JOIN LATERAL (SELECT ob.period, ob.value FROM "IndicatorObservation" ob
                        WHERE ob."indicatorId" = c.id AND ob."districtId" IS NULL AND ob."supersededAt" IS NULL AND ob.period <= $3
                        ORDER BY ob.period DESC LIMIT 1) o ON true
   WHERE a.kind = 'INDICATOR' AND a.state <> 'WITHDRAWN'
)
SELECT (SELECT json_agg(per_plan) FROM per_plan) AS plans,
       (SELECT json_agg(units) FROM units) AS units,
       (SELECT count(DISTINCT "departmentId") FROM r WHERE total > 0) AS unit_count,
       (SELECT json_agg(lagging) FROM lagging) AS lagging,
       (SELECT json_agg(json_build_object('j', "jurisdictionId", 'e', expected, 's', submitted, 'o', on_time, 'l', late)) FROM reporting) AS reporting,
       (SELECT json_agg(json_build_object('p', "planId", 'period', period, 'value', value, 't', targets)) FROM ind) AS indicators,
       (SELECT json_agg(shares) FROM shares) AS shares`;
