-- Hand-written: the schedule rule (序时进度 and schedule state) as SQL functions, so every query that
-- classifies tasks calls one definition. The in-memory twin is packages/domain/src/progress.ts
-- (expectedProgress, scheduleState, LAG_TOLERANCE); packages/domain/test/schedule-rule.test.ts holds
-- the two, and every query that classifies, to the same answer on random tasks and dates.
--
-- Both are LANGUAGE sql, IMMUTABLE and a single expression, so the planner inlines them into the calling
-- query: a call costs what the CASE written out in place costs.

-- 序时进度 in whole points 0-100: 0 on or before the start day, 100 on or after the due day, otherwise the
-- days elapsed times 100 over the days from start to due, rounded half up, in whole numbers (57 of 200
-- days is exactly 28.5, so 29): floor((100 e + t/2) / t) = (200 e + t) / (2 t) in integer division.
CREATE FUNCTION duban_expected_progress(start_date date, due_date date, as_of date) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN as_of <= start_date THEN 0
              WHEN as_of >= due_date THEN 100
              ELSE ((as_of - start_date) * 200 + (due_date - start_date)) / (2 * (due_date - start_date)) END
$$;

-- Whether a task is overdue on day as_of: open (neither COMPLETED nor CANCELLED) and as_of after the due
-- day. A plain AND of column conditions, so as a filter the planner splits it, estimates each part from
-- the column statistics and can use the due-date index (duban_schedule_state(...) = 'OVERDUE' is one
-- opaque CASE to it, estimated at 0.5 % of the rows). The overdue scan filters with it.
CREATE FUNCTION duban_is_overdue(status "TaskStatus", due_date date, as_of date) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT status NOT IN ('COMPLETED', 'CANCELLED') AND as_of > due_date
$$;

-- The schedule state of a task on day as_of: CANCELLED and COMPLETED by status; otherwise OVERDUE after
-- the due day (duban_is_overdue); LAGGING when progress + 10 (LAG_TOLERANCE) is below 序时进度; else
-- ON_SCHEDULE.
CREATE FUNCTION duban_schedule_state(status "TaskStatus", progress integer, start_date date, due_date date, as_of date) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN status = 'CANCELLED' THEN 'CANCELLED'
              WHEN status = 'COMPLETED' THEN 'COMPLETED'
              WHEN duban_is_overdue(status, due_date, as_of) THEN 'OVERDUE'
              WHEN progress + 10 < duban_expected_progress(start_date, due_date, as_of) THEN 'LAGGING'
              ELSE 'ON_SCHEDULE' END
$$;

COMMENT ON FUNCTION duban_expected_progress(date, date, date) IS '序时进度 0-100; twin of expectedProgress() in packages/domain/src/progress.ts';
COMMENT ON FUNCTION duban_is_overdue("TaskStatus", date, date) IS 'open and past the due day; twin of isOverdue() in packages/domain/src/progress.ts';
COMMENT ON FUNCTION duban_schedule_state("TaskStatus", integer, date, date, date) IS 'COMPLETED | CANCELLED | OVERDUE | LAGGING | ON_SCHEDULE; twin of scheduleState() in packages/domain/src/progress.ts';
