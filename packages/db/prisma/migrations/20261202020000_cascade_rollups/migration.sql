-- Issue #19, the cascade (层层分解): progress rolls up the task tree in the writing transaction.
--
-- The tree: a task's children are its sub-tasks (Task.parentTaskId, same plan) and its live
-- assignments to the child jurisdictions (Assignment.parentTaskId, state not WITHDRAWN); an
-- assignment's children are the child jurisdiction's tasks that decompose it (Task.assignmentId).
--
-- The rule (README "Roll-ups"):
-- * Assignment.progress = the rollupWeight-weighted mean of its tasks' progress, cancelled tasks
--   left out; 0 while it has none; 100 only when every one of them is COMPLETED, else at most 99.
-- * A task with at least one live child is derived ("derivedProgress"): its progress is the
--   weighted mean of its children (sub-tasks by rollupWeight, cancelled ones left out;
--   assignments by Assignment.weight, a PENDING one counting 0), 100 and COMPLETED only when
--   every child is completed (a sub-task COMPLETED, an assignment DECOMPOSED at 100), else at
--   most 99 (only a completed task is at 100: progressForStatus). Its status follows: COMPLETED
--   when every child is, back to IN_PROGRESS when a child reopens, NOT_STARTED → IN_PROGRESS
--   once progress is above 0; SUSPENDED and CANCELLED (the office's plan adjustments) stay. The
--   schedule state (lagging, overdue) then follows from the derived progress by the existing
--   duban_schedule_state, like any task's, and the PlanUnitRollup triggers count it.
-- * A task whose last live child goes (withdrawn, cancelled) is no longer derived and keeps the
--   progress and status it had; its lead unit reports it again.
-- * Weighted means are rounded half up to whole points.
--
-- How it stays right under concurrency: a change to a child recomputes its parent in the same
-- transaction, and that update recomputes the grandparent, up to the root (nested statement
-- triggers). Each recompute first locks the parent rows (sorted by id), then reads the children
-- in a new statement, so under READ COMMITTED it sees every child change committed by a writer
-- that held the parent before it: two units reporting sibling tasks at once never lose one
-- report in the parent. Locks go up the tree (child, parent, grandparent), and the cascade
-- triggers run after the PlanUnitRollup triggers of the same statement (trigger names sort
-- "Task_rollup_*" before "Task_tree_*"), so a writer takes its own plan's advisory lock and
-- counts before its ancestors' (the same order as duban_task_rollup_changed, plan by plan). A
-- remaining deadlock between two writers is refused by PostgreSQL (40P01) and reaches the user as
-- a CONFLICT to retry (db-conflicts.ts).
--
-- Refusals raised here carry a message 'duban:cascade:<code>' (SQLSTATE P0001) that
-- packages/domain/src/cascade/db-guards.ts turns into a DomainError in zh and en.

-- A task decomposes either a task of its own plan or an assignment from above, never both.
ALTER TABLE "Task" ADD CONSTRAINT "Task_one_parent" CHECK ("parentTaskId" IS NULL OR "assignmentId" IS NULL);

-- Guards on Task rows: sub-tasks stay in their parent's plan, no cycles, an assignment's tasks
-- are in its child jurisdiction, and a derived task's progress is only set by the roll-up.
CREATE FUNCTION duban_cascade_task_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parent_plan uuid;
  cur uuid;
  steps int := 0;
  assigned_to uuid;
  plan_jurisdiction uuid;
BEGIN
  IF NEW."parentTaskId" IS NOT NULL AND (TG_OP = 'INSERT'
      OR (NEW."parentTaskId", NEW."planId") IS DISTINCT FROM (OLD."parentTaskId", OLD."planId")) THEN
    SELECT "planId" INTO parent_plan FROM "Task" WHERE id = NEW."parentTaskId";
    IF parent_plan IS DISTINCT FROM NEW."planId" THEN
      RAISE EXCEPTION 'duban:cascade:subtask-plan' USING HINT = 'a sub-task is in its parent''s plan';
    END IF;
    cur := NEW."parentTaskId";
    WHILE cur IS NOT NULL LOOP
      IF cur = NEW.id OR steps > 10000 THEN
        RAISE EXCEPTION 'duban:cascade:cycle' USING HINT = 'a task cannot be below itself';
      END IF;
      steps := steps + 1;
      SELECT "parentTaskId" INTO cur FROM "Task" WHERE id = cur;
    END LOOP;
  END IF;
  IF NEW."assignmentId" IS NOT NULL AND (TG_OP = 'INSERT'
      OR (NEW."assignmentId", NEW."planId") IS DISTINCT FROM (OLD."assignmentId", OLD."planId")) THEN
    SELECT "toJurisdictionId" INTO assigned_to FROM "Assignment" WHERE id = NEW."assignmentId";
    SELECT "jurisdictionId" INTO plan_jurisdiction FROM "Plan" WHERE id = NEW."planId";
    IF assigned_to IS DISTINCT FROM plan_jurisdiction THEN
      RAISE EXCEPTION 'duban:cascade:assignment-plan' USING HINT = 'an assignment is decomposed in its child jurisdiction''s plan';
    END IF;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD."derivedProgress" AND NEW."derivedProgress"
      AND NEW.progress IS DISTINCT FROM OLD.progress
      AND coalesce(current_setting('duban.cascade_rollup', true), '') <> 'on' THEN
    RAISE EXCEPTION 'duban:cascade:derived-progress' USING HINT = 'progress of a task with children is derived from them';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "Task_tree_guard" BEFORE INSERT OR UPDATE ON "Task"
  FOR EACH ROW EXECUTE FUNCTION duban_cascade_task_guard();

-- Guards on Assignment rows: only to a direct child jurisdiction, of an item of the giving
-- jurisdiction's plan, landing in a plan of the child.
CREATE FUNCTION duban_cascade_assignment_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  j uuid;
BEGIN
  IF TG_OP = 'UPDATE' AND (NEW."fromJurisdictionId", NEW."toJurisdictionId", NEW."parentTaskId", NEW."parentIndicatorId", NEW."targetPlanId")
      IS NOT DISTINCT FROM (OLD."fromJurisdictionId", OLD."toJurisdictionId", OLD."parentTaskId", OLD."parentIndicatorId", OLD."targetPlanId") THEN
    RETURN NEW;
  END IF;
  SELECT "parentId" INTO j FROM "Jurisdiction" WHERE id = NEW."toJurisdictionId";
  IF j IS DISTINCT FROM NEW."fromJurisdictionId" THEN
    RAISE EXCEPTION 'duban:cascade:not-direct-child' USING HINT = 'an assignment goes to a direct child jurisdiction';
  END IF;
  IF NEW."parentTaskId" IS NOT NULL THEN
    SELECT p."jurisdictionId" INTO j FROM "Task" t JOIN "Plan" p ON p.id = t."planId" WHERE t.id = NEW."parentTaskId";
    IF j IS DISTINCT FROM NEW."fromJurisdictionId" THEN
      RAISE EXCEPTION 'duban:cascade:subject-jurisdiction' USING HINT = 'the assigned item belongs to the giving jurisdiction';
    END IF;
  END IF;
  IF NEW."parentIndicatorId" IS NOT NULL THEN
    SELECT p."jurisdictionId" INTO j FROM "Indicator" i JOIN "Plan" p ON p.id = i."planId" WHERE i.id = NEW."parentIndicatorId";
    IF j IS DISTINCT FROM NEW."fromJurisdictionId" THEN
      RAISE EXCEPTION 'duban:cascade:subject-jurisdiction' USING HINT = 'the assigned item belongs to the giving jurisdiction';
    END IF;
  END IF;
  IF NEW."targetPlanId" IS NOT NULL THEN
    SELECT "jurisdictionId" INTO j FROM "Plan" WHERE id = NEW."targetPlanId";
    IF j IS DISTINCT FROM NEW."toJurisdictionId" THEN
      RAISE EXCEPTION 'duban:cascade:target-plan' USING HINT = 'the target plan belongs to the child jurisdiction';
    END IF;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "Assignment_tree_guard" BEFORE INSERT OR UPDATE ON "Assignment"
  FOR EACH ROW EXECUTE FUNCTION duban_cascade_assignment_guard();

-- Recompute assignments' progress from their tasks (withdrawn ones keep their last value).
CREATE FUNCTION duban_cascade_recompute_assignments(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  -- lock first; the next statement's snapshot then sees every child committed before the lock
  PERFORM 1 FROM "Assignment" WHERE id = ANY(ids) AND state <> 'WITHDRAWN' ORDER BY id FOR NO KEY UPDATE;
  UPDATE "Assignment" a SET progress = x.progress
    FROM (
      SELECT a2.id,
             CASE WHEN count(t.id) = 0 THEN 0
                  WHEN bool_and(t.status = 'COMPLETED') THEN 100
                  ELSE least(99, round((sum(t."rollupWeight" * t.progress) / sum(t."rollupWeight"))::numeric))::int
             END AS progress
        FROM "Assignment" a2
        LEFT JOIN "Task" t ON t."assignmentId" = a2.id AND t.status <> 'CANCELLED'
       WHERE a2.id = ANY(ids) AND a2.state <> 'WITHDRAWN'
       GROUP BY a2.id
    ) x
   WHERE a.id = x.id AND a.progress IS DISTINCT FROM x.progress;
END $$;

-- Recompute tasks from their children (see the rule above).
CREATE FUNCTION duban_cascade_recompute_tasks(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM 1 FROM "Task" WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  -- the guard lets the roll-up (and only it) set a derived task's progress
  PERFORM set_config('duban.cascade_rollup', 'on', true);
  WITH kids AS (
    SELECT c."parentTaskId" AS pid, c."rollupWeight" AS w, c.progress AS p, c.status = 'COMPLETED' AS done
      FROM "Task" c
     WHERE c."parentTaskId" = ANY(ids) AND c.status <> 'CANCELLED'
    UNION ALL
    SELECT a."parentTaskId", a.weight,
           CASE WHEN a.state = 'PENDING' THEN 0 ELSE a.progress END,
           a.state = 'DECOMPOSED' AND a.progress = 100
      FROM "Assignment" a
     WHERE a."parentTaskId" = ANY(ids) AND a.state <> 'WITHDRAWN'
  ), agg AS (
    SELECT pid, least(99, round((sum(w * p) / sum(w))::numeric))::int AS mean, bool_and(done) AS all_done
      FROM kids GROUP BY pid
  ), target AS (
    SELECT t.id,
           agg.pid IS NOT NULL AS derived,
           CASE WHEN agg.pid IS NULL OR t.status IN ('CANCELLED', 'SUSPENDED') THEN t.status
                WHEN agg.all_done THEN 'COMPLETED'::"TaskStatus"
                WHEN t.status = 'COMPLETED' THEN 'IN_PROGRESS'::"TaskStatus"
                WHEN t.status = 'NOT_STARTED' AND agg.mean > 0 THEN 'IN_PROGRESS'::"TaskStatus"
                ELSE t.status END AS status,
           CASE WHEN agg.pid IS NULL OR t.status = 'CANCELLED' THEN t.progress
                WHEN agg.all_done AND t.status <> 'SUSPENDED' THEN 100
                ELSE agg.mean END AS progress
      FROM "Task" t LEFT JOIN agg ON agg.pid = t.id
     WHERE t.id = ANY(ids)
  )
  UPDATE "Task" t
     SET "derivedProgress" = x.derived,
         status = x.status,
         progress = x.progress,
         "completedAt" = CASE WHEN x.status <> 'COMPLETED' THEN NULL
                              WHEN t.status = 'COMPLETED' THEN t."completedAt"
                              ELSE now() END
    FROM target x
   WHERE t.id = x.id
     AND (t."derivedProgress", t.status, t.progress) IS DISTINCT FROM (x.derived, x.status, x.progress);
  PERFORM set_config('duban.cascade_rollup', '', true);
END $$;

-- After a statement on Task: the parents (tasks, assignments) whose children moved.
CREATE FUNCTION duban_cascade_task_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parents uuid[];
  assignments uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT "parentTaskId") FILTER (WHERE "parentTaskId" IS NOT NULL),
           array_agg(DISTINCT "assignmentId") FILTER (WHERE "assignmentId" IS NOT NULL)
      INTO parents, assignments FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT "parentTaskId") FILTER (WHERE "parentTaskId" IS NOT NULL),
           array_agg(DISTINCT "assignmentId") FILTER (WHERE "assignmentId" IS NOT NULL)
      INTO parents, assignments FROM old_rows;
  ELSE
    -- only the columns a parent reads: 签收, a title, a date change add nothing
    WITH moved AS (
      SELECT n."parentTaskId" AS np, o."parentTaskId" AS op, n."assignmentId" AS na, o."assignmentId" AS oa
        FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n."parentTaskId", n."assignmentId", n.status, n.progress, n."rollupWeight")
             IS DISTINCT FROM (o."parentTaskId", o."assignmentId", o.status, o.progress, o."rollupWeight")
    ), ends AS (
      SELECT np AS pid, na AS aid FROM moved UNION ALL SELECT op, oa FROM moved
    )
    SELECT array_agg(DISTINCT pid) FILTER (WHERE pid IS NOT NULL),
           array_agg(DISTINCT aid) FILTER (WHERE aid IS NOT NULL)
      INTO parents, assignments FROM ends;
  END IF;
  PERFORM duban_cascade_recompute_assignments(assignments);
  PERFORM duban_cascade_recompute_tasks(parents);
  RETURN NULL;
END $$;

CREATE TRIGGER "Task_tree_ins" AFTER INSERT ON "Task" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION duban_cascade_task_changed();
CREATE TRIGGER "Task_tree_upd" AFTER UPDATE ON "Task" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION duban_cascade_task_changed();
CREATE TRIGGER "Task_tree_del" AFTER DELETE ON "Task" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION duban_cascade_task_changed();

-- After a statement on Assignment: the parent tasks whose children moved.
CREATE FUNCTION duban_cascade_assignment_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parents uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT "parentTaskId") FILTER (WHERE "parentTaskId" IS NOT NULL) INTO parents FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT "parentTaskId") FILTER (WHERE "parentTaskId" IS NOT NULL) INTO parents FROM old_rows;
  ELSE
    WITH moved AS (
      SELECT n."parentTaskId" AS np, o."parentTaskId" AS op
        FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n."parentTaskId", n.state, n.progress, n.weight)
             IS DISTINCT FROM (o."parentTaskId", o.state, o.progress, o.weight)
    ), ends AS (SELECT np AS pid FROM moved UNION ALL SELECT op FROM moved)
    SELECT array_agg(DISTINCT pid) FILTER (WHERE pid IS NOT NULL) INTO parents FROM ends;
  END IF;
  PERFORM duban_cascade_recompute_tasks(parents);
  RETURN NULL;
END $$;

CREATE TRIGGER "Assignment_tree_ins" AFTER INSERT ON "Assignment" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION duban_cascade_assignment_changed();
CREATE TRIGGER "Assignment_tree_upd" AFTER UPDATE ON "Assignment" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION duban_cascade_assignment_changed();
CREATE TRIGGER "Assignment_tree_del" AFTER DELETE ON "Assignment" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION duban_cascade_assignment_changed();
