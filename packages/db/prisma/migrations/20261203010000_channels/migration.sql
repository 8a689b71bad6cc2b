-- Issue #20: notifications on channels beyond email (企业微信/钉钉 group robots, SMS).
-- The Notification row stays the logical notification and its email; each other channel is a
-- ChannelDelivery with its own state, attempts, backoff and dedupe key (README "Other channels").

-- CreateEnum
CREATE TYPE "ChannelKind" AS ENUM ('WECOM_ROBOT', 'DINGTALK_ROBOT', 'SMS');

-- CreateEnum
CREATE TYPE "ChannelDeliveryState" AS ENUM ('PENDING', 'SENDING', 'SENT', 'FAILED', 'SKIPPED');

-- CreateEnum
CREATE TYPE "RobotPlatform" AS ENUM ('WECOM', 'DINGTALK');

-- AlterTable
ALTER TABLE "Jurisdiction" ADD COLUMN     "forceEscalations" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "mobile" TEXT;

-- AlterTable
ALTER TABLE "NotificationSetting" ADD COLUMN     "email" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "inbox" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "sms" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ChannelRobot" (
    "id" UUID NOT NULL,
    "jurisdictionId" UUID NOT NULL,
    "departmentId" UUID,
    "platform" "RobotPlatform" NOT NULL,
    "name" TEXT NOT NULL,
    "keyCipher" TEXT NOT NULL,
    "keyLast4" TEXT NOT NULL,
    "secretCipher" TEXT,
    "secretLast4" TEXT,
    "kinds" TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "lastError" TEXT,
    "misconfiguredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChannelRobot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChannelDelivery" (
    "id" UUID NOT NULL,
    "notificationId" UUID,
    "channel" "ChannelKind" NOT NULL,
    "robotId" UUID,
    "recipientUserId" UUID,
    "phone" TEXT,
    "jurisdictionId" UUID,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "linkPath" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "state" "ChannelDeliveryState" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedUntil" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "providerMessageId" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChannelDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChannelRobot_jurisdictionId_idx" ON "ChannelRobot"("jurisdictionId");

-- CreateIndex
CREATE INDEX "ChannelRobot_departmentId_idx" ON "ChannelRobot"("departmentId");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelDelivery_dedupeKey_key" ON "ChannelDelivery"("dedupeKey");

-- CreateIndex
CREATE INDEX "ChannelDelivery_state_nextAttemptAt_idx" ON "ChannelDelivery"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "ChannelDelivery_notificationId_idx" ON "ChannelDelivery"("notificationId");

-- CreateIndex
CREATE INDEX "ChannelDelivery_recipientUserId_channel_sentAt_idx" ON "ChannelDelivery"("recipientUserId", "channel", "sentAt");

-- CreateIndex
CREATE INDEX "ChannelDelivery_robotId_sentAt_idx" ON "ChannelDelivery"("robotId", "sentAt");

-- CreateIndex
CREATE INDEX "ChannelDelivery_jurisdictionId_createdAt_idx" ON "ChannelDelivery"("jurisdictionId", "createdAt");

-- AddForeignKey
ALTER TABLE "ChannelRobot" ADD CONSTRAINT "ChannelRobot_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelRobot" ADD CONSTRAINT "ChannelRobot_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelDelivery" ADD CONSTRAINT "ChannelDelivery_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "Notification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelDelivery" ADD CONSTRAINT "ChannelDelivery_robotId_fkey" FOREIGN KEY ("robotId") REFERENCES "ChannelRobot"("id") ON DELETE CASCADE ON UPDATE CASCADE;
