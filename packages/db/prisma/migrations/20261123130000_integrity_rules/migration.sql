-- Hand-written rules that schema.prisma cannot express. The datamodel diff never sees them,
-- so later generated migrations leave them alone.

-- 1. AuditEvent is append-only, for every role: UPDATE, DELETE and TRUNCATE raise.
CREATE FUNCTION duban_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only (审计日志只能追加)' USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION duban_audit_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION duban_audit_append_only();

-- 2. A hash chain over audit rows: each row's hash covers its content and the previous row's hash.
-- The advisory lock orders concurrent writers; the id is re-drawn under the lock so that id order
-- is chain order.
CREATE FUNCTION duban_audit_row_hash(e "AuditEvent") RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws('|',
    coalesce(e."prevHash", ''), e.id::text, extract(epoch FROM e."at")::text,
    coalesce(e."actorUserId"::text, ''), e."actorLabel", e."action", e."entityType", e."entityId",
    coalesce(e."jurisdictionId"::text, ''), coalesce(e."before"::text, ''), coalesce(e."after"::text, ''),
    coalesce(e."requestId", '')), 'UTF8')), 'hex')
$$;

CREATE FUNCTION duban_audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7215001);
  NEW.id := nextval(pg_get_serial_sequence('"AuditEvent"', 'id'));
  SELECT "hash" INTO NEW."prevHash" FROM "AuditEvent" ORDER BY id DESC LIMIT 1;
  NEW."hash" := duban_audit_row_hash(NEW);
  RETURN NEW;
END $$;

CREATE TRIGGER audit_event_chain BEFORE INSERT ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION duban_audit_chain();

-- 3. One current ledger entry per task, cycle and reporting unit (older revisions stay as history).
CREATE UNIQUE INDEX "LedgerEntry_current_key" ON "LedgerEntry" ("taskId", "cycleId", "departmentId") WHERE "isCurrent";

-- 4. One current observation per indicator, period and district (none = the whole jurisdiction).
CREATE UNIQUE INDEX "IndicatorObservation_current_key" ON "IndicatorObservation"
  ("indicatorId", "period", coalesce("districtId", '00000000-0000-0000-0000-000000000000'::uuid)) WHERE "supersededAt" IS NULL;

-- 5. Ranges the application also validates, enforced where the data lives.
ALTER TABLE "Task" ADD CONSTRAINT "Task_progress_range" CHECK ("progress" BETWEEN 0 AND 100);
ALTER TABLE "Task" ADD CONSTRAINT "Task_dates_order" CHECK ("startDate" <= "dueDate");
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_percent_range" CHECK ("percentComplete" BETWEEN 0 AND 100);
