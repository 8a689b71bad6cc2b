-- Issue #19: per plan and lead unit, the counts the overviews and the cockpit read, kept in the
-- writing transaction instead of recounted from every task on every read.
--
-- How it stays right:
-- * Every statement on "Task" adds, per (plan, lead unit), the difference between the new rows'
--   and the old rows' contributions (counted with today's date in Asia/Shanghai and the
--   jurisdiction's bands). Adding is safe under concurrency: the upsert takes the row lock and
--   adds to the latest committed version.
-- * The schedule-dependent counts (lagging, overdue, lights, due soon, expected progress) move
--   with the calendar, not only with writes: each row says the day it holds for (`asOf`). A
--   difference added to an older row keeps the older day, so the row stays marked stale.
-- * A stale plan is recounted whole by duban_refresh_plan_unit_rollups under an exclusive
--   advisory lock per plan; writers take the same lock shared, so a recount never misses a write
--   committed during it (the recount's statement starts after every writer on the plan committed).
-- * A change of a jurisdiction's traffic-light bands marks its plans' rows stale.

-- The counts of one plan's tasks on `day`, per lead unit (not stored: the recount, the read for a
-- day other than today, and the benchmark's floor all use it).
CREATE FUNCTION duban_plan_unit_rollup_rows(plan_ids uuid[], day date)
RETURNS TABLE (
  "planId" uuid, "departmentId" uuid, total int, completed int, cancelled int, "onSchedule" int,
  lagging int, overdue int, red int, yellow int, green int, "dueSoon" int, "sumProgress" int, "sumExpected" int
) LANGUAGE sql STABLE AS $$
  SELECT t."planId", t."leadDepartmentId",
         count(*)::int,
         count(*) FILTER (WHERE x.state = 'COMPLETED')::int,
         count(*) FILTER (WHERE x.state = 'CANCELLED')::int,
         count(*) FILTER (WHERE x.state = 'ON_SCHEDULE')::int,
         count(*) FILTER (WHERE x.state = 'LAGGING')::int,
         count(*) FILTER (WHERE x.state = 'OVERDUE')::int,
         count(*) FILTER (WHERE x.light = 'RED')::int,
         count(*) FILTER (WHERE x.light = 'YELLOW')::int,
         count(*) FILTER (WHERE x.light = 'GREEN')::int,
         count(*) FILTER (WHERE x.due_soon)::int,
         coalesce(sum(t.progress) FILTER (WHERE x.state <> 'CANCELLED'), 0)::int,
         coalesce(sum(x.ep) FILTER (WHERE x.state <> 'CANCELLED'), 0)::int
    FROM "Task" t
    JOIN "Plan" p ON p.id = t."planId"
    LEFT JOIN "SupervisionSettings" s ON s."jurisdictionId" = p."jurisdictionId"
    CROSS JOIN LATERAL (
      SELECT duban_schedule_state(t.status, t.progress, t."startDate", t."dueDate", day, coalesce(s."yellowLagPoints", 10)) AS state,
             duban_traffic_light(t.status, t.progress, t."startDate", t."dueDate", day, coalesce(s."yellowLagPoints", 10), coalesce(s."redLagPoints", 30), coalesce(s."dueSoonDays", 15)) AS light,
             duban_is_due_soon(t.status, t."dueDate", day, coalesce(s."dueSoonDays", 15)) AS due_soon,
             duban_expected_progress(t."startDate", t."dueDate", day) AS ep
    ) x
   WHERE t."planId" = ANY(plan_ids)
   GROUP BY t."planId", t."leadDepartmentId"
$$;

-- Today in Asia/Shanghai, the day the maintained rows hold for.
CREATE FUNCTION duban_today() RETURNS date LANGUAGE sql STABLE AS $$
  SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date
$$;

-- Advisory lock key of a plan's roll-up rows (namespace 19 = issue #19).
CREATE FUNCTION duban_rollup_lock_key(plan_id uuid) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT hashtext(plan_id::text)
$$;

-- Recount one plan's rows for `day` (stored). Call it in a transaction of its own, one plan at a
-- time: it holds the plan's lock exclusively until commit.
CREATE FUNCTION duban_refresh_plan_unit_rollups(plan_id uuid, day date) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(19, duban_rollup_lock_key(plan_id));
  -- a new statement: its snapshot sees every writer that held the lock shared
  DELETE FROM "PlanUnitRollup" WHERE "planId" = plan_id;
  INSERT INTO "PlanUnitRollup" ("planId", "departmentId", "asOf", total, completed, cancelled, "onSchedule", lagging, overdue, red, yellow, green, "dueSoon", "sumProgress", "sumExpected")
  SELECT r."planId", r."departmentId", day, r.total, r.completed, r.cancelled, r."onSchedule", r.lagging, r.overdue, r.red, r.yellow, r.green, r."dueSoon", r."sumProgress", r."sumExpected"
    FROM duban_plan_unit_rollup_rows(ARRAY[plan_id], day) r;
END $$;

-- The statement trigger on "Task": add the difference of contributions per (plan, lead unit).
CREATE FUNCTION duban_task_rollup_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  src text;
  p uuid;
BEGIN
  -- the changed rows, each with +1 (new) or -1 (old); transition tables are visible to EXECUTE
  src := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT "planId", "leadDepartmentId" AS "departmentId", 1 AS sign, status, progress, "startDate", "dueDate" FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT "planId", "leadDepartmentId" AS "departmentId", -1 AS sign, status, progress, "startDate", "dueDate" FROM old_rows'
    -- an update that leaves the counted columns alone (签收, a rating…) adds nothing and locks nothing
    ELSE 'WITH moved AS (
            SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE (n."planId", n."leadDepartmentId", n.status, n.progress, n."startDate", n."dueDate")
                   IS DISTINCT FROM (o."planId", o."leadDepartmentId", o.status, o.progress, o."startDate", o."dueDate"))
          SELECT "planId", "leadDepartmentId" AS "departmentId", 1 AS sign, status, progress, "startDate", "dueDate" FROM new_rows WHERE id IN (SELECT id FROM moved)
          UNION ALL SELECT "planId", "leadDepartmentId", -1, status, progress, "startDate", "dueDate" FROM old_rows WHERE id IN (SELECT id FROM moved)'
  END;
  -- writers share the plan's lock; a recount takes it exclusively (sorted: no deadlock among writers)
  FOR p IN EXECUTE format('SELECT DISTINCT "planId" FROM (%s) d ORDER BY 1', src) LOOP
    PERFORM pg_advisory_xact_lock_shared(19, duban_rollup_lock_key(p));
  END LOOP;
  EXECUTE format('  INSERT INTO "PlanUnitRollup" AS r ("planId", "departmentId", "asOf", total, completed, cancelled, "onSchedule", lagging, overdue, red, yellow, green, "dueSoon", "sumProgress", "sumExpected")
  SELECT d."planId", d."departmentId", $1,
         coalesce(sum(d.sign), 0)::int,
         coalesce(sum(d.sign) FILTER (WHERE x.state = ''COMPLETED''), 0)::int,
         coalesce(sum(d.sign) FILTER (WHERE x.state = ''CANCELLED''), 0)::int,
         coalesce(sum(d.sign) FILTER (WHERE x.state = ''ON_SCHEDULE''), 0)::int,
         coalesce(sum(d.sign) FILTER (WHERE x.state = ''LAGGING''), 0)::int,
         coalesce(sum(d.sign) FILTER (WHERE x.state = ''OVERDUE''), 0)::int,
         coalesce(sum(d.sign) FILTER (WHERE x.light = ''RED''), 0)::int,
         coalesce(sum(d.sign) FILTER (WHERE x.light = ''YELLOW''), 0)::int,
         coalesce(sum(d.sign) FILTER (WHERE x.light = ''GREEN''), 0)::int,
         coalesce(sum(d.sign) FILTER (WHERE x.due_soon), 0)::int,
         coalesce(sum(d.sign * d.progress) FILTER (WHERE x.state <> ''CANCELLED''), 0)::int,
         coalesce(sum(d.sign * x.ep) FILTER (WHERE x.state <> ''CANCELLED''), 0)::int
    FROM (%s) d
    -- a plan being deleted has no rows left to keep
    JOIN "Plan" p ON p.id = d."planId"
    LEFT JOIN "SupervisionSettings" s ON s."jurisdictionId" = p."jurisdictionId"
    CROSS JOIN LATERAL (
      SELECT duban_schedule_state(d.status, d.progress, d."startDate", d."dueDate", $1, coalesce(s."yellowLagPoints", 10)) AS state,
             duban_traffic_light(d.status, d.progress, d."startDate", d."dueDate", $1, coalesce(s."yellowLagPoints", 10), coalesce(s."redLagPoints", 30), coalesce(s."dueSoonDays", 15)) AS light,
             duban_is_due_soon(d.status, d."dueDate", $1, coalesce(s."dueSoonDays", 15)) AS due_soon,
             duban_expected_progress(d."startDate", d."dueDate", $1) AS ep
    ) x
   GROUP BY d."planId", d."departmentId"
  ON CONFLICT ("planId", "departmentId") DO UPDATE SET
    "asOf" = LEAST(r."asOf", EXCLUDED."asOf"),
    total = r.total + EXCLUDED.total,
    completed = r.completed + EXCLUDED.completed,
    cancelled = r.cancelled + EXCLUDED.cancelled,
    "onSchedule" = r."onSchedule" + EXCLUDED."onSchedule",
    lagging = r.lagging + EXCLUDED.lagging,
    overdue = r.overdue + EXCLUDED.overdue,
    red = r.red + EXCLUDED.red,
    yellow = r.yellow + EXCLUDED.yellow,
    green = r.green + EXCLUDED.green,
    "dueSoon" = r."dueSoon" + EXCLUDED."dueSoon",
    "sumProgress" = r."sumProgress" + EXCLUDED."sumProgress",
    "sumExpected" = r."sumExpected" + EXCLUDED."sumExpected"', src) USING duban_today();
  RETURN NULL;
END $$;

CREATE TRIGGER "Task_rollup_ins" AFTER INSERT ON "Task" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION duban_task_rollup_changed();
CREATE TRIGGER "Task_rollup_upd" AFTER UPDATE ON "Task" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION duban_task_rollup_changed();
CREATE TRIGGER "Task_rollup_del" AFTER DELETE ON "Task" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION duban_task_rollup_changed();

-- New traffic-light bands change the lights of every task of the jurisdiction: mark its plans stale.
CREATE FUNCTION duban_rollup_bands_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "PlanUnitRollup" r SET "asOf" = DATE '1900-01-01'
    FROM "Plan" p WHERE p.id = r."planId" AND p."jurisdictionId" IN (SELECT DISTINCT "jurisdictionId" FROM changed);
  RETURN NULL;
END $$;
CREATE TRIGGER "SupervisionSettings_rollup_ins" AFTER INSERT ON "SupervisionSettings" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION duban_rollup_bands_changed();
CREATE TRIGGER "SupervisionSettings_rollup_upd" AFTER UPDATE ON "SupervisionSettings" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION duban_rollup_bands_changed();

-- The rows of the plans that exist already.
INSERT INTO "PlanUnitRollup" ("planId", "departmentId", "asOf", total, completed, cancelled, "onSchedule", lagging, overdue, red, yellow, green, "dueSoon", "sumProgress", "sumExpected")
SELECT r."planId", r."departmentId", duban_today(), r.total, r.completed, r.cancelled, r."onSchedule", r.lagging, r.overdue, r.red, r.yellow, r.green, r."dueSoon", r."sumProgress", r."sumExpected"
  FROM duban_plan_unit_rollup_rows(ARRAY(SELECT id FROM "Plan"), duban_today()) r;
