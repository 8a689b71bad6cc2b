-- CreateTable
CREATE TABLE "PlanDataVersion" (
    "planId" UUID NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "PlanDataVersion_pkey" PRIMARY KEY ("planId")
);

-- Hand-written: the triggers that raise PlanDataVersion.version. One statement-level trigger per
-- table and operation; the changed rows arrive as the transition table "changed" (new rows for
-- INSERT and UPDATE, old rows for DELETE). Plans are bumped in id order, so two writers that touch
-- several plans lock their rows in the same order and cannot deadlock on them.
CREATE FUNCTION duban_bump_plan_versions(plan_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "PlanDataVersion" ("planId", "version")
  SELECT DISTINCT id, 1 FROM unnest(plan_ids) AS id WHERE id IS NOT NULL ORDER BY id
  ON CONFLICT ("planId") DO UPDATE SET "version" = "PlanDataVersion"."version" + 1
$$;

CREATE FUNCTION duban_plan_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  -- plpgsql plans each branch on first use, per table, so only the branch of this table runs
  IF TG_TABLE_NAME = 'Plan' THEN
    SELECT array_agg(id) INTO ids FROM changed;
  ELSIF TG_TABLE_NAME IN ('PlanNode', 'Phase', 'Indicator', 'Task', 'ReportingCycle', 'Evaluation') THEN
    SELECT array_agg(DISTINCT "planId") INTO ids FROM changed;
  ELSIF TG_TABLE_NAME IN ('TaskSupport', 'TaskDateChange', 'Milestone') THEN
    SELECT array_agg(DISTINCT t."planId") INTO ids FROM (SELECT DISTINCT "taskId" FROM changed) c JOIN "Task" t ON t.id = c."taskId";
  ELSIF TG_TABLE_NAME IN ('LedgerEntry', 'CycleDepartmentStat') THEN
    SELECT array_agg(DISTINCT r."planId") INTO ids FROM (SELECT DISTINCT "cycleId" FROM changed) c JOIN "ReportingCycle" r ON r.id = c."cycleId";
  ELSIF TG_TABLE_NAME = 'IndicatorObservation' THEN
    SELECT array_agg(DISTINCT i."planId") INTO ids FROM (SELECT DISTINCT "indicatorId" FROM changed) c JOIN "Indicator" i ON i.id = c."indicatorId";
  ELSIF TG_TABLE_NAME = 'Department' THEN
    -- unit names appear on every page of the jurisdiction's plans
    SELECT array_agg(p.id) INTO ids FROM "Plan" p WHERE p."jurisdictionId" IN (SELECT DISTINCT "jurisdictionId" FROM changed);
  ELSE
    RAISE EXCEPTION 'duban_plan_data_changed: no rule for table %', TG_TABLE_NAME;
  END IF;
  IF ids IS NOT NULL THEN PERFORM duban_bump_plan_versions(ids); END IF;
  RETURN NULL;
END $$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Plan', 'PlanNode', 'Phase', 'Indicator', 'IndicatorObservation', 'Task', 'TaskSupport', 'TaskDateChange',
                           'Milestone', 'ReportingCycle', 'CycleDepartmentStat', 'LedgerEntry', 'Evaluation', 'Department'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION duban_plan_data_changed()', t || '_data_version_ins', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION duban_plan_data_changed()', t || '_data_version_upd', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION duban_plan_data_changed()', t || '_data_version_del', t);
  END LOOP;
END $$;
