-- CreateEnum
CREATE TYPE "AnnualPlanStatus" AS ENUM ('DRAFT', 'ISSUED');

-- CreateEnum
CREATE TYPE "IndicatorAdjustmentField" AS ENUM ('BASELINE_VALUE', 'BASELINE_YEAR', 'TARGET_VALUE', 'TARGET_YEAR', 'ANNUAL_TARGET');

-- CreateEnum
CREATE TYPE "BulletinState" AS ENUM ('DRAFT', 'ISSUED');

-- AlterEnum
ALTER TYPE "EvaluationKind" ADD VALUE 'ANNUAL';

-- AlterTable
ALTER TABLE "Evaluation" ADD COLUMN     "year" INTEGER;

-- CreateTable
CREATE TABLE "AnnualPlan" (
    "id" UUID NOT NULL,
    "planId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "docNumber" TEXT,
    "status" "AnnualPlanStatus" NOT NULL DEFAULT 'DRAFT',
    "issuedAt" TIMESTAMP(3),
    "issuedById" UUID,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AnnualPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnnualPlanItem" (
    "id" UUID NOT NULL,
    "annualPlanId" UUID NOT NULL,
    "taskId" UUID NOT NULL,
    "deliverable" TEXT NOT NULL,
    "dueDate" DATE NOT NULL,
    "order" INTEGER NOT NULL DEFAULT 0,
    "carriedOverFromId" UUID,
    "carryOverReason" TEXT,
    "doneAt" TIMESTAMP(3),
    "doneById" UUID,
    "explanation" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AnnualPlanItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndicatorAnnualTarget" (
    "id" UUID NOT NULL,
    "indicatorId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "districtId" UUID,
    "departmentId" UUID,
    "value" DOUBLE PRECISION NOT NULL,
    "note" TEXT,
    "setById" UUID,
    "setAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersededAt" TIMESTAMP(3),

    CONSTRAINT "IndicatorAnnualTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndicatorAdjustment" (
    "id" UUID NOT NULL,
    "indicatorId" UUID NOT NULL,
    "field" "IndicatorAdjustmentField" NOT NULL,
    "year" INTEGER,
    "districtId" UUID,
    "departmentId" UUID,
    "fromValue" DOUBLE PRECISION,
    "toValue" DOUBLE PRECISION,
    "reason" TEXT NOT NULL,
    "docRef" TEXT,
    "changeRequestId" UUID,
    "adjustedById" UUID,
    "adjustedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IndicatorAdjustment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentScheme" (
    "id" UUID NOT NULL,
    "jurisdictionId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "components" JSONB NOT NULL,
    "reason" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedAt" TIMESTAMP(3),
    "rowVersion" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AssessmentScheme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScoreAdjustment" (
    "id" UUID NOT NULL,
    "jurisdictionId" UUID NOT NULL,
    "departmentId" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "points" DOUBLE PRECISION NOT NULL,
    "reason" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "revokedById" UUID,
    "revokeReason" TEXT,

    CONSTRAINT "ScoreAdjustment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScorePublication" (
    "id" UUID NOT NULL,
    "jurisdictionId" UUID NOT NULL,
    "schemeId" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "sheet" JSONB NOT NULL,
    "publishedById" UUID,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersededAt" TIMESTAMP(3),

    CONSTRAINT "ScorePublication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Bulletin" (
    "id" UUID NOT NULL,
    "jurisdictionId" UUID NOT NULL,
    "publicationId" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "number" INTEGER,
    "docNumber" TEXT,
    "title" TEXT NOT NULL,
    "text" JSONB NOT NULL,
    "state" "BulletinState" NOT NULL DEFAULT 'DRAFT',
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "issuedAt" TIMESTAMP(3),
    "issuedById" UUID,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Bulletin_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AnnualPlan_planId_year_key" ON "AnnualPlan"("planId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "AnnualPlanItem_carriedOverFromId_key" ON "AnnualPlanItem"("carriedOverFromId");

-- CreateIndex
CREATE INDEX "AnnualPlanItem_taskId_idx" ON "AnnualPlanItem"("taskId");

-- CreateIndex
CREATE UNIQUE INDEX "AnnualPlanItem_annualPlanId_taskId_key" ON "AnnualPlanItem"("annualPlanId", "taskId");

-- CreateIndex
CREATE INDEX "IndicatorAnnualTarget_indicatorId_year_idx" ON "IndicatorAnnualTarget"("indicatorId", "year");

-- CreateIndex
CREATE INDEX "IndicatorAdjustment_indicatorId_adjustedAt_idx" ON "IndicatorAdjustment"("indicatorId", "adjustedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentScheme_jurisdictionId_year_version_key" ON "AssessmentScheme"("jurisdictionId", "year", "version");

-- CreateIndex
CREATE INDEX "ScoreAdjustment_jurisdictionId_period_idx" ON "ScoreAdjustment"("jurisdictionId", "period");

-- CreateIndex
CREATE INDEX "ScorePublication_jurisdictionId_period_idx" ON "ScorePublication"("jurisdictionId", "period");

-- CreateIndex
CREATE INDEX "Bulletin_jurisdictionId_state_idx" ON "Bulletin"("jurisdictionId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "Bulletin_jurisdictionId_year_number_key" ON "Bulletin"("jurisdictionId", "year", "number");

-- AddForeignKey
ALTER TABLE "AnnualPlan" ADD CONSTRAINT "AnnualPlan_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnualPlanItem" ADD CONSTRAINT "AnnualPlanItem_annualPlanId_fkey" FOREIGN KEY ("annualPlanId") REFERENCES "AnnualPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnualPlanItem" ADD CONSTRAINT "AnnualPlanItem_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnualPlanItem" ADD CONSTRAINT "AnnualPlanItem_carriedOverFromId_fkey" FOREIGN KEY ("carriedOverFromId") REFERENCES "AnnualPlanItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorAnnualTarget" ADD CONSTRAINT "IndicatorAnnualTarget_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorAnnualTarget" ADD CONSTRAINT "IndicatorAnnualTarget_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorAnnualTarget" ADD CONSTRAINT "IndicatorAnnualTarget_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorAdjustment" ADD CONSTRAINT "IndicatorAdjustment_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentScheme" ADD CONSTRAINT "AssessmentScheme_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoreAdjustment" ADD CONSTRAINT "ScoreAdjustment_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScorePublication" ADD CONSTRAINT "ScorePublication_schemeId_fkey" FOREIGN KEY ("schemeId") REFERENCES "AssessmentScheme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bulletin" ADD CONSTRAINT "Bulletin_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "ScorePublication"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- One current annual target per indicator, year, 片区 and unit (null = the whole jurisdiction /
-- no particular unit): Prisma cannot express uniqueness over nullable columns.
CREATE UNIQUE INDEX "IndicatorAnnualTarget_current_key" ON "IndicatorAnnualTarget" (
  "indicatorId", "year",
  COALESCE("districtId", '00000000-0000-0000-0000-000000000000'::uuid),
  COALESCE("departmentId", '00000000-0000-0000-0000-000000000000'::uuid)
) WHERE "supersededAt" IS NULL;

-- A manual score adjustment counts in a quarter.
ALTER TABLE "ScoreAdjustment" ADD CONSTRAINT "ScoreAdjustment_period_quarter" CHECK ("period" ~ '^\d{4}Q[1-4]$');
-- A publication is of a quarter (provisional) or a year (final).
ALTER TABLE "ScorePublication" ADD CONSTRAINT "ScorePublication_period_shape" CHECK ("period" ~ '^\d{4}(Q[1-4])?$');
-- An annual evaluation names its year; the others do not.
ALTER TABLE "Evaluation" ADD CONSTRAINT "Evaluation_year_iff_annual" CHECK (("kind"::text = 'ANNUAL') = ("year" IS NOT NULL));

-- The read caches' plan data version also follows the annual plans and the indicators' annual
-- targets and adjustments, which the plan's pages show.
CREATE OR REPLACE FUNCTION duban_plan_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  -- plpgsql plans each branch on first use, per table, so only the branch of this table runs
  IF TG_TABLE_NAME = 'Plan' THEN
    SELECT array_agg(id) INTO ids FROM changed;
  ELSIF TG_TABLE_NAME IN ('PlanNode', 'Phase', 'Indicator', 'Task', 'ReportingCycle', 'Evaluation', 'AnnualPlan') THEN
    SELECT array_agg(DISTINCT "planId") INTO ids FROM changed;
  ELSIF TG_TABLE_NAME IN ('TaskSupport', 'TaskDateChange', 'Milestone', 'ChangeRequest', 'CompletionApplication', 'SupervisionNotice') THEN
    SELECT array_agg(DISTINCT t."planId") INTO ids FROM (SELECT DISTINCT "taskId" FROM changed) c JOIN "Task" t ON t.id = c."taskId";
  ELSIF TG_TABLE_NAME IN ('LedgerEntry', 'CycleDepartmentStat') THEN
    SELECT array_agg(DISTINCT r."planId") INTO ids FROM (SELECT DISTINCT "cycleId" FROM changed) c JOIN "ReportingCycle" r ON r.id = c."cycleId";
  ELSIF TG_TABLE_NAME IN ('IndicatorObservation', 'IndicatorAnnualTarget', 'IndicatorAdjustment') THEN
    SELECT array_agg(DISTINCT i."planId") INTO ids FROM (SELECT DISTINCT "indicatorId" FROM changed) c JOIN "Indicator" i ON i.id = c."indicatorId";
  ELSIF TG_TABLE_NAME = 'AnnualPlanItem' THEN
    SELECT array_agg(DISTINCT a."planId") INTO ids FROM (SELECT DISTINCT "annualPlanId" FROM changed) c JOIN "AnnualPlan" a ON a.id = c."annualPlanId";
  ELSIF TG_TABLE_NAME IN ('Department', 'SupervisionSettings') THEN
    -- unit names and the traffic-light bands appear on every page of the jurisdiction's plans
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
  FOREACH t IN ARRAY ARRAY['AnnualPlan', 'AnnualPlanItem', 'IndicatorAnnualTarget', 'IndicatorAdjustment'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION duban_plan_data_changed()', t || '_data_version_ins', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION duban_plan_data_changed()', t || '_data_version_upd', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION duban_plan_data_changed()', t || '_data_version_del', t);
  END LOOP;
END $$;
