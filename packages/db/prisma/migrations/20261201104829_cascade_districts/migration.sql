-- CreateEnum
CREATE TYPE "DepartmentKind" AS ENUM ('DEPARTMENT', 'TOWN');

-- CreateEnum
CREATE TYPE "RollupRule" AS ENUM ('SUM', 'MEAN', 'OWN');

-- CreateEnum
CREATE TYPE "AssignmentKind" AS ENUM ('TASK', 'INDICATOR');

-- CreateEnum
CREATE TYPE "AssignmentState" AS ENUM ('PENDING', 'DECOMPOSED', 'WITHDRAWN');

-- AlterTable
ALTER TABLE "Department" ADD COLUMN     "kind" "DepartmentKind" NOT NULL DEFAULT 'DEPARTMENT';

-- AlterTable
ALTER TABLE "District" ADD COLUMN     "active" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "childJurisdictionId" UUID,
ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "departmentId" UUID,
ADD COLUMN     "order" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Indicator" ADD COLUMN     "assignmentId" UUID,
ADD COLUMN     "byDistrict" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "districtTotalRule" "RollupRule" NOT NULL DEFAULT 'OWN',
ADD COLUMN     "shareRollupRule" "RollupRule" NOT NULL DEFAULT 'SUM';

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "assignmentId" UUID,
ADD COLUMN     "derivedProgress" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "parentTaskId" UUID,
ADD COLUMN     "rollupWeight" DOUBLE PRECISION NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "IndicatorDistrict" (
    "id" UUID NOT NULL,
    "indicatorId" UUID NOT NULL,
    "districtId" UUID NOT NULL,
    "baselineValue" DOUBLE PRECISION,
    "targetValue" DOUBLE PRECISION,
    "responsibleDepartmentId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "IndicatorDistrict_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" UUID NOT NULL,
    "kind" "AssignmentKind" NOT NULL,
    "fromJurisdictionId" UUID NOT NULL,
    "toJurisdictionId" UUID NOT NULL,
    "parentTaskId" UUID,
    "parentIndicatorId" UUID,
    "shareBaseline" DOUBLE PRECISION,
    "shareTarget" DOUBLE PRECISION,
    "targetPlanId" UUID,
    "weight" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "note" TEXT NOT NULL DEFAULT '',
    "decomposeBy" DATE NOT NULL,
    "state" "AssignmentState" NOT NULL DEFAULT 'PENDING',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "assignedById" UUID,
    "assignedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decomposedAt" TIMESTAMP(3),
    "withdrawnAt" TIMESTAMP(3),
    "withdrawnReason" TEXT,
    "lateFlaggedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanUnitRollup" (
    "planId" UUID NOT NULL,
    "departmentId" UUID NOT NULL,
    "asOf" DATE NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,
    "completed" INTEGER NOT NULL DEFAULT 0,
    "cancelled" INTEGER NOT NULL DEFAULT 0,
    "onSchedule" INTEGER NOT NULL DEFAULT 0,
    "lagging" INTEGER NOT NULL DEFAULT 0,
    "overdue" INTEGER NOT NULL DEFAULT 0,
    "red" INTEGER NOT NULL DEFAULT 0,
    "yellow" INTEGER NOT NULL DEFAULT 0,
    "green" INTEGER NOT NULL DEFAULT 0,
    "dueSoon" INTEGER NOT NULL DEFAULT 0,
    "sumProgress" INTEGER NOT NULL DEFAULT 0,
    "sumExpected" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "PlanUnitRollup_pkey" PRIMARY KEY ("planId","departmentId")
);

-- CreateIndex
CREATE INDEX "IndicatorDistrict_districtId_idx" ON "IndicatorDistrict"("districtId");

-- CreateIndex
CREATE UNIQUE INDEX "IndicatorDistrict_indicatorId_districtId_key" ON "IndicatorDistrict"("indicatorId", "districtId");

-- CreateIndex
CREATE INDEX "Assignment_toJurisdictionId_state_idx" ON "Assignment"("toJurisdictionId", "state");

-- CreateIndex
CREATE INDEX "Assignment_fromJurisdictionId_state_idx" ON "Assignment"("fromJurisdictionId", "state");

-- CreateIndex
CREATE INDEX "Assignment_parentTaskId_idx" ON "Assignment"("parentTaskId");

-- CreateIndex
CREATE INDEX "Assignment_parentIndicatorId_idx" ON "Assignment"("parentIndicatorId");

-- CreateIndex
CREATE INDEX "PlanUnitRollup_departmentId_idx" ON "PlanUnitRollup"("departmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Indicator_assignmentId_key" ON "Indicator"("assignmentId");

-- CreateIndex
CREATE INDEX "Task_parentTaskId_idx" ON "Task"("parentTaskId");

-- CreateIndex
CREATE INDEX "Task_assignmentId_idx" ON "Task"("assignmentId");

-- AddForeignKey
ALTER TABLE "District" ADD CONSTRAINT "District_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "District" ADD CONSTRAINT "District_childJurisdictionId_fkey" FOREIGN KEY ("childJurisdictionId") REFERENCES "Jurisdiction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorDistrict" ADD CONSTRAINT "IndicatorDistrict_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorDistrict" ADD CONSTRAINT "IndicatorDistrict_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorDistrict" ADD CONSTRAINT "IndicatorDistrict_responsibleDepartmentId_fkey" FOREIGN KEY ("responsibleDepartmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_parentTaskId_fkey" FOREIGN KEY ("parentTaskId") REFERENCES "Task"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_fromJurisdictionId_fkey" FOREIGN KEY ("fromJurisdictionId") REFERENCES "Jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_toJurisdictionId_fkey" FOREIGN KEY ("toJurisdictionId") REFERENCES "Jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_parentTaskId_fkey" FOREIGN KEY ("parentTaskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_parentIndicatorId_fkey" FOREIGN KEY ("parentIndicatorId") REFERENCES "Indicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_targetPlanId_fkey" FOREIGN KEY ("targetPlanId") REFERENCES "Plan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanUnitRollup" ADD CONSTRAINT "PlanUnitRollup_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanUnitRollup" ADD CONSTRAINT "PlanUnitRollup_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- An assignment names what it hands down: a task (kind TASK) or an indicator's share (INDICATOR).
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_kind_subject" CHECK (
  ("kind"::text = 'TASK' AND "parentTaskId" IS NOT NULL AND "parentIndicatorId" IS NULL AND "shareTarget" IS NULL)
  OR ("kind"::text = 'INDICATOR' AND "parentIndicatorId" IS NOT NULL AND "parentTaskId" IS NULL)
);
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_not_to_itself" CHECK ("fromJurisdictionId" <> "toJurisdictionId");
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_weight_range" CHECK ("weight" > 0 AND "weight" <= 100);
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_progress_range" CHECK ("progress" BETWEEN 0 AND 100);
ALTER TABLE "Task" ADD CONSTRAINT "Task_rollupWeight_range" CHECK ("rollupWeight" > 0 AND "rollupWeight" <= 100);
ALTER TABLE "Task" ADD CONSTRAINT "Task_not_own_parent" CHECK ("parentTaskId" IS NULL OR "parentTaskId" <> "id");

-- One live (not withdrawn) assignment of a task or an indicator per child jurisdiction.
CREATE UNIQUE INDEX "Assignment_live_task_key" ON "Assignment" ("parentTaskId", "toJurisdictionId")
  WHERE "parentTaskId" IS NOT NULL AND "state" <> 'WITHDRAWN';
CREATE UNIQUE INDEX "Assignment_live_indicator_key" ON "Assignment" ("parentIndicatorId", "toJurisdictionId")
  WHERE "parentIndicatorId" IS NOT NULL AND "state" <> 'WITHDRAWN';
-- the late-decomposition scan reads the pending ones by deadline
CREATE INDEX "Assignment_pending_deadline_idx" ON "Assignment" ("decomposeBy") WHERE "state" = 'PENDING';
