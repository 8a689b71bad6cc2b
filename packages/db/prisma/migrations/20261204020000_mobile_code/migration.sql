-- CreateTable
CREATE TABLE "MobileCode" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "mobile" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MobileCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MobileCode_userId_createdAt_idx" ON "MobileCode"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "MobileCode_mobile_createdAt_idx" ON "MobileCode"("mobile", "createdAt");

-- AddForeignKey
ALTER TABLE "MobileCode" ADD CONSTRAINT "MobileCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
