-- Issue #20 follow-ups.
-- ChannelRobot.deletedAt: removing a robot hides it and stops its posts, and keeps its delivery
-- history (a hard delete cascaded to its deliveries).
-- ChannelDelivery.partsSent: parts of a split robot message already accepted; a retry resumes
-- after them instead of posting the whole message again.
-- ChannelDelivery.smsCountedAt: an SMS takes its slot of the recipient's daily cap in the same
-- locked statement that checks the cap, so two concurrent sends cannot both pass it. SMS sent
-- before this migration count from their sentAt.

-- AlterTable
ALTER TABLE "ChannelRobot" ADD COLUMN     "deletedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ChannelDelivery" ADD COLUMN     "partsSent" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "smsCountedAt" TIMESTAMP(3);

UPDATE "ChannelDelivery" SET "smsCountedAt" = "sentAt" WHERE channel = 'SMS' AND state = 'SENT';

-- CreateIndex
CREATE INDEX "ChannelDelivery_recipientUserId_smsCountedAt_idx" ON "ChannelDelivery"("recipientUserId", "smsCountedAt");
