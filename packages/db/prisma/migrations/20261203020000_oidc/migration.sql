-- Issue #20, sign in with the government's unified identity (统一身份认证, OpenID Connect).
-- User.externalId: the provider's identifier of a person, set by the office or the CLI before
-- the first sign-in; a provider never creates a user. Jurisdiction.requireOidc: its members may
-- not sign in with a password while OIDC is configured.

-- AlterTable
ALTER TABLE "User" ADD COLUMN "externalId" TEXT;

-- AlterTable
ALTER TABLE "Jurisdiction" ADD COLUMN "requireOidc" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE UNIQUE INDEX "User_externalId_key" ON "User"("externalId");
