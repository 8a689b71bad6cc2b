import { createHash, randomUUID } from "node:crypto";

import type { z } from "zod";

import { assertOffice } from "../access.ts";
import { systemActor } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import { shanghaiMinute } from "../calendar.ts";
import type { ActorlessContext, DomainContext } from "../context.ts";
import { conflict, DomainError, notFound } from "../errors.ts";
import type { NotificationPayloads } from "../notifications/payloads.ts";
import type { ZSetRequireOidcInput, ZSetUserExternalIdInput } from "../schemas/admin.ts";
import { loginActor, openSession } from "./sessions.ts";

const ACCOUNT_LINKED_SUBJECT = {
  linked: "【督办】您的账号已关联统一身份认证 / Your account was linked to the identity provider",
  changed: "【督办】您的账号的统一身份认证关联已更改 / Your identity provider link was changed",
  unlinked: "【督办】您的账号已解除统一身份认证关联 / Your identity provider link was removed",
} as const;

/** Why a unified identity sign-in was refused; the web login page shows a message per reason. */
export type OidcRefusal = "unknown" | "disabled";

const refusal = (reason: OidcRefusal) =>
  reason === "unknown"
    ? new DomainError(
        "UNAUTHENTICATED",
        "该统一身份认证账号尚未在督办系统开通，请联系领导小组办公室",
        "this unified identity account has no Duban account; ask the leading group office",
        undefined,
        { reason },
      )
    : new DomainError(
        "UNAUTHENTICATED",
        "该账号已停用，请联系领导小组办公室",
        "this account is disabled; ask the leading group office",
        undefined,
        { reason },
      );

/**
 * How an identifier the provider sent is kept in the append-only audit log: it may be a 身份证号,
 * which the log must not hold for ever, so only a masked form (the first 3 and last 4 characters
 * of a long one) and its SHA-256 (hex, 16 digits), which an office can recompute from a value it
 * has, to tell who tried.
 */
export function identifierForAudit(externalId: string) {
  const masked =
    externalId.length > 8
      ? `${externalId.slice(0, 3)}${"*".repeat(Math.min(externalId.length - 7, 12))}${externalId.slice(-4)}`
      : `${"*".repeat(Math.max(externalId.length - 2, 1))}${externalId.slice(-2)}`;
  return {
    externalIdMasked: masked,
    externalIdSha256: createHash("sha256").update(externalId).digest("hex").slice(0, 16),
  };
}

/**
 * How the holder's mail shows a linked identifier: its last 4 characters only, and nothing of one
 * shorter than 8 (a mistaken link would otherwise mail most of someone else's identifier to the
 * holder). `****1234`, or null.
 */
export function identifierForHolder(externalId: string): string | null {
  return externalId.length >= 8 ? `****${externalId.slice(-4)}` : null;
}

/**
 * Signs in the person the unified identity provider vouched for (issue #20). `externalId` is the
 * value of the configured identifier claim of a validated ID token. Only an account the office
 * provisioned (User.externalId) matches: a provider never creates a user nor grants a right.
 * Returns the new session as `login` does. Throws UNAUTHENTICATED with details.reason
 * "unknown" (no such account) or "disabled"; both refusals are audited (`auth.login.refused`).
 */
export async function loginWithExternalId(
  { db, requestId }: ActorlessContext,
  input: { externalId: string; issuer: string; ip?: string; userAgent?: string },
) {
  const user = await db.user.findUnique({ where: { externalId: input.externalId } });
  const reason: OidcRefusal | null = !user ? "unknown" : user.disabledAt ? "disabled" : null;
  if (reason) {
    const seen = identifierForAudit(input.externalId);
    await recordAudit(db, user ? loginActor(user) : systemActor("oidc"), {
      action: "auth.login.refused",
      entityType: "User",
      entityId: user?.id ?? seen.externalIdSha256,
      after: { method: "oidc", reason, issuer: input.issuer, ...seen, ip: input.ip },
      requestId,
    });
    throw refusal(reason);
  }
  return openSession(
    db,
    user!,
    { method: "oidc", ip: input.ip, userAgent: input.userAgent },
    requestId,
  );
}

/**
 * The office links one of its accounts to the unified identity provider, or unlinks it (null).
 * The same account rule as setUserDisabled: only accounts that belong to the office's
 * jurisdictions alone; the system actor (CLI `pnpm duban user link`) any account. Unlinking ends nothing; sessions stay. Every change of
 * the link emails the account's holder (outbox kind `account-linked`, in the same transaction),
 * a disabled account's too: an office that linked an identity of its own could otherwise sign in
 * as the holder unseen (disable, link, enable again). Throws NOT_FOUND, CONFLICT (the identifier belongs to another
 * account).
 */
export async function setUserExternalId(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZSetUserExternalIdInput>,
) {
  const user = await db.user.findUnique({
    where: { id: input.userId },
    include: { memberships: true },
  });
  if (!user) throw notFound("用户", "user");
  const jurisdictions = [...new Set(user.memberships.map((m) => m.jurisdictionId))];
  // the operator (CLI) may link any account, a system administrator's too
  const mayManage =
    actor.kind === "system" ||
    (jurisdictions.length > 0 &&
      jurisdictions.every((j) =>
        actor.memberships.some((m) => m.jurisdictionId === j && m.role === "OFFICE"),
      ));
  if (!mayManage) throw notFound("用户", "user");
  const externalId = input.externalId?.trim() || null;
  if (externalId) {
    const holder = await db.user.findUnique({ where: { externalId }, select: { id: true } });
    if (holder && holder.id !== user.id)
      throw conflict(
        "该统一身份认证标识已关联其他账号",
        "this unified identity identifier belongs to another account",
      );
  }
  await db.$transaction(async (tx) => {
    // the link as it is now, the row locked: a concurrent change is judged against this one
    const [locked] = await tx.$queryRaw<Array<{ externalId: string | null }>>`
      SELECT "externalId" FROM "User" WHERE id = ${user.id}::uuid FOR UPDATE`;
    const before = locked?.externalId ?? null;
    await tx.user.update({ where: { id: user.id }, data: { externalId } });
    if (externalId !== before) {
      // whoever holds the linked identity signs in as this account: its holder hears of every
      // change, by email only (account mail: no inbox copy, no other channel, listed to no one).
      // A disabled account too: disabling, linking and enabling again must not hide the link.
      const change = !externalId ? "unlinked" : before ? "changed" : "linked";
      await tx.notification.create({
        data: {
          kind: "account-linked",
          recipientEmail: user.email.toLowerCase(),
          recipientUserId: user.id,
          dedupeKey: `account-linked:${randomUUID()}`,
          subject: ACCOUNT_LINKED_SUBJECT[change],
          payload: {
            name: user.name,
            change,
            externalIdMasked: externalId ? identifierForHolder(externalId) : null,
            byName: actor.kind === "user" ? actor.name : "系统运维（命令行） / the operator",
            at: shanghaiMinute(new Date()),
          } satisfies NotificationPayloads["account-linked"],
          nextAttemptAt: new Date(),
        },
      });
    }
    await recordAudit(tx, actor, {
      action: "user.setExternalId",
      entityType: "User",
      entityId: user.id,
      jurisdictionId: jurisdictions[0],
      before: { externalId: before },
      after: { externalId },
      requestId,
    });
  });
  return { ok: true as const, externalId };
}

/**
 * The office requires (or stops requiring) the unified identity provider for its members: with
 * OIDC configured, they may no longer sign in with a password (`login`). Turning it on ends the
 * members' open sessions but the deciding office member's (`sessionsEnded` in the answer and the
 * audit row). Throws FORBIDDEN for anyone but the jurisdiction's office.
 */
export async function setRequireOidc(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZSetRequireOidcInput>,
) {
  assertOffice(actor, input.jurisdictionId);
  return db.$transaction(async (tx) => {
    const before = await tx.jurisdiction.findUniqueOrThrow({
      where: { id: input.jurisdictionId },
      select: { requireOidc: true },
    });
    await tx.jurisdiction.update({
      where: { id: input.jurisdictionId },
      data: { requireOidc: input.requireOidc },
    });
    // turning the rule on ends the members' open sessions (a password session would otherwise
    // last its 7 days): they sign in again, through the provider. The office member who decides
    // keeps theirs, so the page they are on goes on working.
    const { count: sessionsEnded } =
      input.requireOidc && !before.requireOidc
        ? await tx.session.updateMany({
            where: {
              revokedAt: null,
              expiresAt: { gt: new Date() },
              user: { memberships: { some: { jurisdictionId: input.jurisdictionId } } },
              ...(actor.kind === "user" ? { userId: { not: actor.userId } } : {}),
            },
            data: { revokedAt: new Date() },
          })
        : { count: 0 };
    await recordAudit(tx, actor, {
      action: "jurisdiction.setRequireOidc",
      entityType: "Jurisdiction",
      entityId: input.jurisdictionId,
      jurisdictionId: input.jurisdictionId,
      before,
      after: { requireOidc: input.requireOidc, sessionsEnded },
      requestId,
    });
    return { ok: true as const, requireOidc: input.requireOidc, sessionsEnded };
  });
}
