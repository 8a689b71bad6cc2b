import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@duban/db";
import { recordAudit } from "../audit.ts";
import { invalid } from "../errors.ts";
import { enqueueNotifications } from "../notifications/outbox.ts";
import { hashPassword } from "./passwords.ts";

export const RESET_TTL_MS = 60 * 60_000;
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Emails a one-hour reset link. Answers the same whether or not the email exists, so the form
 * cannot be used to find accounts.
 */
export async function requestPasswordReset(db: Db, input: { email: string; baseUrl: string; requestId?: string }) {
  const user = await db.user.findUnique({ where: { email: input.email.toLowerCase() } });
  if (!user || user.disabledAt) return;
  const token = randomBytes(32).toString("base64url");
  await db.$transaction(async (tx) => {
    const row = await tx.passwordResetToken.create({ data: { userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + RESET_TTL_MS) } });
    await enqueueNotifications(tx, [{
      kind: "password-reset",
      recipientEmail: user.email,
      recipientUserId: user.id,
      dedupeKey: `password-reset:${row.id}`,
      subject: "【督办】重置密码 / Reset your password",
      payload: { name: user.name, url: `${input.baseUrl.replace(/\/$/, "")}/reset-password?token=${token}`, expiresMinutes: RESET_TTL_MS / 60_000 },
    }]);
    await recordAudit(tx, { kind: "system", label: "password-reset" }, { action: "auth.resetRequested", entityType: "User", entityId: user.id, requestId: input.requestId });
  });
}

/** Sets the new password, uses up the token and ends every session of the user. */
export async function resetPassword(db: Db, input: { token: string; password: string; requestId?: string }) {
  const row = await db.passwordResetToken.findUnique({ where: { tokenHash: hashToken(input.token) }, include: { user: true } });
  if (!row || row.usedAt || row.expiresAt < new Date() || row.user.disabledAt) {
    throw invalid("重置链接无效或已过期，请重新申请", "the reset link is invalid or has expired; request a new one", "token");
  }
  const passwordHash = await hashPassword(input.password);
  await db.$transaction(async (tx) => {
    const used = await tx.passwordResetToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: new Date() } });
    if (used.count === 0) throw invalid("重置链接已被使用", "the reset link was already used", "token");
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
    await tx.session.updateMany({ where: { userId: row.userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { kind: "system", label: "password-reset" }, { action: "auth.passwordReset", entityType: "User", entityId: row.userId, requestId: input.requestId });
  });
}
