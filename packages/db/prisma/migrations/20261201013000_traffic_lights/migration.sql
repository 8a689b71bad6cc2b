-- Hand-written: the traffic lights (红黄绿灯) of issue #17 step 8, with each jurisdiction's bands
-- (SupervisionSettings.yellowLagPoints, redLagPoints, dueSoonDays). The in-memory twins are
-- scheduleState / isDueSoon / trafficLight in packages/domain/src/progress.ts;
-- packages/domain/test/schedule-rule.test.ts holds the two to the same answer on random bands.
-- Like 20261130193000_schedule_state_functions: LANGUAGE sql, IMMUTABLE, one expression, so the
-- planner inlines them into the calling query.

-- behind = 序时进度 − progress, in points. LAGGING when behind > yellow_lag_points.
CREATE FUNCTION duban_schedule_state(status "TaskStatus", progress integer, start_date date, due_date date, as_of date, yellow_lag_points integer) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN status = 'CANCELLED' THEN 'CANCELLED'
              WHEN status = 'COMPLETED' THEN 'COMPLETED'
              WHEN duban_is_overdue(status, due_date, as_of) THEN 'OVERDUE'
              WHEN duban_expected_progress(start_date, due_date, as_of) - progress > yellow_lag_points THEN 'LAGGING'
              ELSE 'ON_SCHEDULE' END
$$;

-- The old five-argument form keeps working with the default band (黄 from 10 points behind); every
-- query of the product passes its jurisdiction's band to the six-argument form.
CREATE OR REPLACE FUNCTION duban_schedule_state(status "TaskStatus", progress integer, start_date date, due_date date, as_of date) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT duban_schedule_state(status, progress, start_date, due_date, as_of, 10)
$$;

-- 临期: open (neither COMPLETED nor CANCELLED), not yet overdue, and due within due_soon_days days of
-- as_of (0 = due that very day).
CREATE FUNCTION duban_is_due_soon(status "TaskStatus", due_date date, as_of date, due_soon_days integer) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT status NOT IN ('COMPLETED', 'CANCELLED') AND due_date >= as_of AND due_date - as_of <= due_soon_days
$$;

-- The light: NULL for closed tasks (COMPLETED, CANCELLED); RED when overdue or behind > red_lag_points;
-- YELLOW when behind > yellow_lag_points or due soon; else GREEN.
CREATE FUNCTION duban_traffic_light(status "TaskStatus", progress integer, start_date date, due_date date, as_of date, yellow_lag_points integer, red_lag_points integer, due_soon_days integer) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN status IN ('COMPLETED', 'CANCELLED') THEN NULL
              WHEN duban_is_overdue(status, due_date, as_of)
                OR duban_expected_progress(start_date, due_date, as_of) - progress > red_lag_points THEN 'RED'
              WHEN duban_expected_progress(start_date, due_date, as_of) - progress > yellow_lag_points
                OR duban_is_due_soon(status, due_date, as_of, due_soon_days) THEN 'YELLOW'
              ELSE 'GREEN' END
$$;

COMMENT ON FUNCTION duban_schedule_state("TaskStatus", integer, date, date, date, integer) IS 'COMPLETED | CANCELLED | OVERDUE | LAGGING | ON_SCHEDULE with the jurisdiction''s yellow band; twin of scheduleState() in packages/domain/src/progress.ts';
COMMENT ON FUNCTION duban_schedule_state("TaskStatus", integer, date, date, date) IS 'duban_schedule_state with the default yellow band (10 points)';
COMMENT ON FUNCTION duban_is_due_soon("TaskStatus", date, date, integer) IS 'open, not overdue, due within N days; twin of isDueSoon() in packages/domain/src/progress.ts';
COMMENT ON FUNCTION duban_traffic_light("TaskStatus", integer, date, date, date, integer, integer, integer) IS 'RED | YELLOW | GREEN, NULL when closed; twin of trafficLight() in packages/domain/src/progress.ts';

-- The settings' bounds, as the input schema (ZSupervisionSettingsInput) has them: a row written by
-- any other path (SQL console, a seed) still cannot make the lights meaningless.
ALTER TABLE "SupervisionSettings"
  ADD CONSTRAINT "SupervisionSettings_bands_check" CHECK (
    "yellowLagPoints" BETWEEN 1 AND 100 AND "redLagPoints" BETWEEN 1 AND 100 AND "redLagPoints" > "yellowLagPoints"
    AND "dueSoonDays" BETWEEN 0 AND 90 AND "escalationDays" BETWEEN 1 AND 365 AND "acknowledgeWorkingDays" BETWEEN 1 AND 30);
