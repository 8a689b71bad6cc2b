-- CreateEnum
CREATE TYPE "TaskSource" AS ENUM ('PLAN', 'MEETING', 'LEADER_INSTRUCTION', 'HIGHER_LEVEL', 'OTHER');

-- CreateEnum
CREATE TYPE "QualityRating" AS ENUM ('EXCELLENT', 'GOOD', 'FAIR', 'POOR');

-- CreateEnum
CREATE TYPE "ChangeRequestKind" AS ENUM ('EXTENSION', 'REASSIGNMENT', 'SUSPENSION', 'CANCELLATION', 'TARGET_CHANGE');

-- CreateEnum
CREATE TYPE "ChangeRequestState" AS ENUM ('PENDING', 'OFFICE_APPROVED', 'APPROVED', 'REJECTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "CompletionState" AS ENUM ('PENDING', 'APPROVED', 'RETURNED');

-- CreateEnum
CREATE TYPE "NoticeLevel" AS ENUM ('BLUE', 'YELLOW', 'RED');

-- CreateEnum
CREATE TYPE "InstructionTarget" AS ENUM ('TASK', 'LEDGER_ENTRY', 'INDICATOR');

-- AlterEnum
ALTER TYPE "TaskStatus" ADD VALUE 'PENDING_REVIEW';

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "acknowledgedAt" TIMESTAMP(3),
ADD COLUMN     "acknowledgedById" UUID,
ADD COLUMN     "assignedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "instructionId" UUID,
ADD COLUMN     "ratedAt" TIMESTAMP(3),
ADD COLUMN     "ratedById" UUID,
ADD COLUMN     "rating" "QualityRating",
ADD COLUMN     "ratingComment" TEXT,
ADD COLUMN     "source" "TaskSource" NOT NULL DEFAULT 'PLAN',
ADD COLUMN     "sourceDocNumber" TEXT,
ADD COLUMN     "sourceNote" TEXT;

-- AlterTable
ALTER TABLE "EvidenceFile" ADD COLUMN     "changeRequestId" UUID,
ADD COLUMN     "completionApplicationId" UUID,
ADD COLUMN     "noticeReplyId" UUID,
ALTER COLUMN "ledgerEntryId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "SupervisionSettings" (
    "jurisdictionId" UUID NOT NULL,
    "acknowledgeWorkingDays" INTEGER NOT NULL DEFAULT 3,
    "yellowLagPoints" INTEGER NOT NULL DEFAULT 10,
    "redLagPoints" INTEGER NOT NULL DEFAULT 30,
    "dueSoonDays" INTEGER NOT NULL DEFAULT 15,
    "escalationDays" INTEGER NOT NULL DEFAULT 14,
    "leaderApprovalRequired" BOOLEAN NOT NULL DEFAULT false,
    "allowLateRequests" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" UUID,

    CONSTRAINT "SupervisionSettings_pkey" PRIMARY KEY ("jurisdictionId")
);

-- CreateTable
CREATE TABLE "ChangeRequest" (
    "id" UUID NOT NULL,
    "taskId" UUID NOT NULL,
    "jurisdictionId" UUID NOT NULL,
    "departmentId" UUID NOT NULL,
    "kind" "ChangeRequestKind" NOT NULL,
    "state" "ChangeRequestState" NOT NULL DEFAULT 'PENDING',
    "declined" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT NOT NULL,
    "proposedDueDate" DATE,
    "fromDueDate" DATE,
    "proposedDepartmentId" UUID,
    "indicatorId" UUID,
    "proposedTargetValue" DOUBLE PRECISION,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "requestedById" UUID,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "officeDecidedById" UUID,
    "officeDecidedAt" TIMESTAMP(3),
    "officeComment" TEXT,
    "leaderDecidedById" UUID,
    "leaderDecidedAt" TIMESTAMP(3),
    "leaderComment" TEXT,
    "applied" JSONB,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ChangeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CompletionApplication" (
    "id" UUID NOT NULL,
    "taskId" UUID NOT NULL,
    "departmentId" UUID NOT NULL,
    "summary" TEXT NOT NULL,
    "state" "CompletionState" NOT NULL DEFAULT 'PENDING',
    "appliedById" UUID,
    "appliedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(3),
    "comment" TEXT,
    "rating" "QualityRating",
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CompletionApplication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionNotice" (
    "id" UUID NOT NULL,
    "jurisdictionId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "level" "NoticeLevel" NOT NULL,
    "taskId" UUID NOT NULL,
    "departmentId" UUID NOT NULL,
    "requirement" TEXT NOT NULL,
    "replyDueDate" DATE NOT NULL,
    "issuingOffice" TEXT NOT NULL,
    "issuedById" UUID,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "document" BYTEA NOT NULL,

    CONSTRAINT "SupervisionNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeCounter" (
    "jurisdictionId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "NoticeCounter_pkey" PRIMARY KEY ("jurisdictionId","year")
);

-- CreateTable
CREATE TABLE "NoticeReply" (
    "id" UUID NOT NULL,
    "noticeId" UUID NOT NULL,
    "departmentId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "repliedById" UUID,
    "repliedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NoticeReply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Instruction" (
    "id" UUID NOT NULL,
    "jurisdictionId" UUID NOT NULL,
    "target" "InstructionTarget" NOT NULL,
    "taskId" UUID,
    "ledgerEntryId" UUID,
    "indicatorId" UUID,
    "text" TEXT NOT NULL,
    "authorId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Instruction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboxMessage" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "jurisdictionId" UUID,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "entityType" TEXT,
    "entityId" TEXT,
    "taskId" UUID,
    "dedupeKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "InboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChangeRequest_taskId_requestedAt_idx" ON "ChangeRequest"("taskId", "requestedAt");

-- CreateIndex
CREATE INDEX "ChangeRequest_jurisdictionId_state_idx" ON "ChangeRequest"("jurisdictionId", "state");

-- CreateIndex
CREATE INDEX "CompletionApplication_taskId_appliedAt_idx" ON "CompletionApplication"("taskId", "appliedAt");

-- CreateIndex
CREATE INDEX "CompletionApplication_state_idx" ON "CompletionApplication"("state");

-- CreateIndex
CREATE INDEX "SupervisionNotice_taskId_idx" ON "SupervisionNotice"("taskId");

-- CreateIndex
CREATE INDEX "SupervisionNotice_departmentId_issuedAt_idx" ON "SupervisionNotice"("departmentId", "issuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SupervisionNotice_jurisdictionId_year_number_key" ON "SupervisionNotice"("jurisdictionId", "year", "number");

-- CreateIndex
CREATE INDEX "NoticeReply_noticeId_idx" ON "NoticeReply"("noticeId");

-- CreateIndex
CREATE INDEX "Instruction_taskId_idx" ON "Instruction"("taskId");

-- CreateIndex
CREATE INDEX "Instruction_indicatorId_idx" ON "Instruction"("indicatorId");

-- CreateIndex
CREATE INDEX "Instruction_jurisdictionId_createdAt_idx" ON "Instruction"("jurisdictionId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "InboxMessage_dedupeKey_key" ON "InboxMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "InboxMessage_userId_readAt_createdAt_idx" ON "InboxMessage"("userId", "readAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Task_instructionId_key" ON "Task"("instructionId");

-- CreateIndex
CREATE INDEX "EvidenceFile_changeRequestId_idx" ON "EvidenceFile"("changeRequestId");

-- CreateIndex
CREATE INDEX "EvidenceFile_completionApplicationId_idx" ON "EvidenceFile"("completionApplicationId");

-- CreateIndex
CREATE INDEX "EvidenceFile_noticeReplyId_idx" ON "EvidenceFile"("noticeReplyId");

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_instructionId_fkey" FOREIGN KEY ("instructionId") REFERENCES "Instruction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_changeRequestId_fkey" FOREIGN KEY ("changeRequestId") REFERENCES "ChangeRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_completionApplicationId_fkey" FOREIGN KEY ("completionApplicationId") REFERENCES "CompletionApplication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_noticeReplyId_fkey" FOREIGN KEY ("noticeReplyId") REFERENCES "NoticeReply"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionSettings" ADD CONSTRAINT "SupervisionSettings_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompletionApplication" ADD CONSTRAINT "CompletionApplication_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionNotice" ADD CONSTRAINT "SupervisionNotice_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeReply" ADD CONSTRAINT "NoticeReply_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "SupervisionNotice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Instruction" ADD CONSTRAINT "Instruction_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboxMessage" ADD CONSTRAINT "InboxMessage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Tasks that exist before the supervision loop were taken on in practice: they count as 交办 and
-- 签收 when created, so no unit is asked to acknowledge years-old work.
UPDATE "Task" SET "assignedAt" = "createdAt", "acknowledgedAt" = "createdAt";

-- An evidence file belongs to exactly one thing.
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_one_owner"
  CHECK (num_nonnulls("ledgerEntryId", "changeRequestId", "completionApplicationId", "noticeReplyId") = 1);

-- The read caches' plan data version (20261123151601_plan_data_version) also follows the loop's
-- tables that task pages show, and the jurisdiction's supervision settings (traffic-light bands).
CREATE OR REPLACE FUNCTION duban_plan_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  -- plpgsql plans each branch on first use, per table, so only the branch of this table runs
  IF TG_TABLE_NAME = 'Plan' THEN
    SELECT array_agg(id) INTO ids FROM changed;
  ELSIF TG_TABLE_NAME IN ('PlanNode', 'Phase', 'Indicator', 'Task', 'ReportingCycle', 'Evaluation') THEN
    SELECT array_agg(DISTINCT "planId") INTO ids FROM changed;
  ELSIF TG_TABLE_NAME IN ('TaskSupport', 'TaskDateChange', 'Milestone', 'ChangeRequest', 'CompletionApplication', 'SupervisionNotice') THEN
    SELECT array_agg(DISTINCT t."planId") INTO ids FROM (SELECT DISTINCT "taskId" FROM changed) c JOIN "Task" t ON t.id = c."taskId";
  ELSIF TG_TABLE_NAME IN ('LedgerEntry', 'CycleDepartmentStat') THEN
    SELECT array_agg(DISTINCT r."planId") INTO ids FROM (SELECT DISTINCT "cycleId" FROM changed) c JOIN "ReportingCycle" r ON r.id = c."cycleId";
  ELSIF TG_TABLE_NAME = 'IndicatorObservation' THEN
    SELECT array_agg(DISTINCT i."planId") INTO ids FROM (SELECT DISTINCT "indicatorId" FROM changed) c JOIN "Indicator" i ON i.id = c."indicatorId";
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
  FOREACH t IN ARRAY ARRAY['ChangeRequest', 'CompletionApplication', 'SupervisionNotice', 'SupervisionSettings'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION duban_plan_data_changed()', t || '_data_version_ins', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION duban_plan_data_changed()', t || '_data_version_upd', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION duban_plan_data_changed()', t || '_data_version_del', t);
  END LOOP;
END $$;
