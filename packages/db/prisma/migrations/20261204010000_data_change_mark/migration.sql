-- Hand-written (issue #19): the data-change mark. A sequence that every statement changing what a
-- cockpit page's stamp reads (packages/domain/src/cockpit/stamp.ts) advances: plan data versions,
-- plans, the jurisdiction tree, 片区, indicator assignments and their per-district targets. Its
-- value can be read without a lock and without a snapshot (sequences are not transactional), so a
-- cached read compares one number instead of digesting the versions of every plan below the root;
-- the api keeps a stamp only while the mark it was read under holds (read-cache.ts,
-- CockpitStampMemo, which also explains why that is safe with transactions in flight).
CREATE SEQUENCE duban_data_change AS bigint;

CREATE FUNCTION duban_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('duban_data_change');
  RETURN NULL;
END $$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['PlanDataVersion', 'Plan', 'Jurisdiction', 'District', 'Assignment', 'IndicatorDistrict'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION duban_data_changed()', t || '_data_change_mark', t);
  END LOOP;
END $$;
