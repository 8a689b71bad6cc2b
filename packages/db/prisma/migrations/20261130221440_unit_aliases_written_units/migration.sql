-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "deadlineText" TEXT,
ADD COLUMN     "leadText" TEXT,
ADD COLUMN     "supportText" TEXT;

-- CreateTable
CREATE TABLE "DepartmentAlias" (
    "id" UUID NOT NULL,
    "jurisdictionId" UUID NOT NULL,
    "departmentId" UUID NOT NULL,
    "alias" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID,

    CONSTRAINT "DepartmentAlias_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DepartmentAlias_departmentId_idx" ON "DepartmentAlias"("departmentId");

-- CreateIndex
CREATE UNIQUE INDEX "DepartmentAlias_jurisdictionId_alias_key" ON "DepartmentAlias"("jurisdictionId", "alias");

-- AddForeignKey
ALTER TABLE "DepartmentAlias" ADD CONSTRAINT "DepartmentAlias_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DepartmentAlias" ADD CONSTRAINT "DepartmentAlias_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE CASCADE ON UPDATE CASCADE;
