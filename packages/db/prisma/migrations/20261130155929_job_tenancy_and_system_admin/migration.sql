-- AlterTable
ALTER TABLE "User" ADD COLUMN     "systemAdmin" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "jurisdictionId" UUID;

-- AlterTable
ALTER TABLE "JobRun" ADD COLUMN     "allJurisdictions" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "byJurisdiction" JSONB,
ADD COLUMN     "jurisdictionIds" UUID[] DEFAULT ARRAY[]::UUID[],
ADD COLUMN     "planId" UUID;

-- CreateIndex
CREATE INDEX "Notification_jurisdictionId_createdAt_idx" ON "Notification"("jurisdictionId", "createdAt");

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written: the causing jurisdiction of the emails already in the outbox. A quarterly summary
-- names its jurisdiction in its payload; the other monitoring emails list tasks (payload.items[].
-- taskId), whose plan's jurisdiction caused them. A row whose tasks span several jurisdictions
-- (one digest to an address listed by two counties) cannot be given to either and stays NULL, as
-- do password resets: no office's outbox view lists a NULL row. Job runs recorded before this
-- migration acted on every jurisdiction, which the column defaults (allJurisdictions) say.
UPDATE "Notification"
   SET "jurisdictionId" = j.id
  FROM "Jurisdiction" j
 WHERE "Notification".kind = 'quarterly-summary'
   AND j.id::text = "Notification".payload->>'jurisdictionId';

WITH causes AS (
  SELECT n.id, min(p."jurisdictionId"::text) AS "jurisdictionId", count(DISTINCT p."jurisdictionId") AS n
    FROM "Notification" n
    CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(n.payload->'items') = 'array' THEN n.payload->'items' ELSE '[]'::jsonb END) AS item
    JOIN "Task" t ON t.id::text = item->>'taskId'
    JOIN "Plan" p ON p.id = t."planId"
   WHERE n."jurisdictionId" IS NULL AND n.kind <> 'password-reset'
   GROUP BY n.id
)
UPDATE "Notification" SET "jurisdictionId" = causes."jurisdictionId"::uuid
  FROM causes
 WHERE causes.id = "Notification".id AND causes.n = 1;
