import { createHash, randomBytes } from "node:crypto";

import type { z } from "zod";

import type { Role } from "@duban/db";

import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import type { ActorlessContext, DomainContext } from "../context.ts";
import { DomainError } from "../errors.ts";
import type { ZLoginInput } from "../schemas/auth.ts";
import { dummyHash, verifyPassword } from "./passwords.ts";

export const SESSION_TTL_MS = 7 * 24 * 3600_000;
/** a session unused this long ends even before its absolute expiry */
export const SESSION_IDLE_MS = 12 * 3600_000;

export const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

const badLogin = () =>
  new DomainError("UNAUTHENTICATED", "邮箱或密码错误", "wrong email or password", "password");

/**
 * Checks the password and opens a new session (a fresh token each time: sessions rotate on login).
 * Unknown emails, wrong passwords and disabled accounts look the same from outside.
 * `oidc`: the host's unified identity provider, by its display names (DUBAN_OIDC_NAME, e.g.
 * 贵州省统一身份认证平台), when one is configured; then members of a jurisdiction with
 * `requireOidc` are refused a password sign-in (issue #20), told to use that provider by name,
 * checked only after the password is right so the refusal tells a stranger nothing.
 * Throws UNAUTHENTICATED (bad credentials) or FORBIDDEN (provider required).
 */
export async function login(
  { db, requestId }: ActorlessContext,
  input: z.infer<typeof ZLoginInput> & {
    userAgent?: string;
    ip?: string;
    oidc?: { name: string; nameEn: string };
  },
) {
  const user = await db.user.findUnique({ where: { email: input.email.toLowerCase() } });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), input.password);
  if (!user || !ok || user.disabledAt) throw badLogin();
  if (input.oidc) {
    const required = await db.membership.findFirst({
      where: { userId: user.id, jurisdiction: { requireOidc: true } },
      select: { jurisdictionId: true },
    });
    if (required) {
      await recordAudit(db, loginActor(user), {
        action: "auth.login.refused",
        entityType: "User",
        entityId: user.id,
        jurisdictionId: required.jurisdictionId,
        after: { method: "password", reason: "oidcRequired", ip: input.ip },
        requestId,
      });
      throw new DomainError(
        "FORBIDDEN",
        `本级要求使用${input.oidc.name}登录，不能使用密码登录，请点击“使用${input.oidc.name}登录”`,
        `your jurisdiction requires sign-in with ${input.oidc.nameEn}; passwords are not accepted: use “Sign in with ${input.oidc.nameEn}”`,
        "password",
        { reason: "oidcRequired" },
      );
    }
  }
  return openSession(
    db,
    user,
    { method: "password", ip: input.ip, userAgent: input.userAgent },
    requestId,
  );
}

/** the person signing in, as the actor of their own login's audit event (no rights needed) */
export const loginActor = (user: { id: string; email: string; name: string }): Actor => ({
  kind: "user",
  userId: user.id,
  email: user.email,
  name: user.name,
  memberships: [],
});

/**
 * Building block of every sign-in (password, unified identity): creates the session row and the
 * `auth.login` audit event in one transaction. Returns the token (shown once, stored hashed), its
 * absolute expiry and the user id.
 */
export async function openSession(
  db: ActorlessContext["db"],
  user: { id: string; email: string; name: string },
  how: { method: "password" | "oidc"; ip?: string; userAgent?: string },
  requestId?: string,
) {
  const token = randomBytes(32).toString("base64url");
  const now = Date.now();
  await db.$transaction(async (tx) => {
    await tx.session.create({
      data: {
        tokenHash: tokenHash(token),
        userId: user.id,
        expiresAt: new Date(now + SESSION_TTL_MS),
        userAgent: how.userAgent?.slice(0, 300),
        ip: how.ip,
      },
    });
    await recordAudit(tx, loginActor(user), {
      action: "auth.login",
      entityType: "User",
      entityId: user.id,
      after: { ip: how.ip, method: how.method },
      requestId,
    });
  });
  return { token, expiresAt: new Date(now + SESSION_TTL_MS), userId: user.id };
}

export async function logout(
  { db, actor, requestId }: DomainContext,
  { token }: { token: string },
) {
  await db.$transaction(async (tx) => {
    const ended = await tx.session.updateMany({
      where: { tokenHash: tokenHash(token), revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (ended.count && actor.kind === "user")
      await recordAudit(tx, actor, {
        action: "auth.logout",
        entityType: "User",
        entityId: actor.userId,
        requestId,
      });
  });
}

type SessionRow = {
  id: string;
  expiresAt: Date;
  lastSeenAt: Date;
  revokedAt: Date | null;
  userId: string;
  email: string;
  name: string;
  disabledAt: Date | null;
  systemAdmin: boolean;
  memberships: Array<{ jurisdictionId: string; role: Role; departmentId: string | null }>;
};

/** The actor behind a session token, or null when the session is unknown, revoked, expired, idle or its user disabled. */
export async function actorFromSession(
  { db, now = new Date() }: ActorlessContext,
  { token }: { token: string },
): Promise<Extract<Actor, { kind: "user" }> | null> {
  // every request starts here: one statement (the ORM's include took three round trips)
  const [session] = await db.$queryRaw<SessionRow[]>`
    SELECT s.id::text AS id, s."expiresAt", s."lastSeenAt", s."revokedAt", u.id::text AS "userId", u.email, u.name, u."disabledAt", u."systemAdmin",
           coalesce((SELECT json_agg(json_build_object('jurisdictionId', m."jurisdictionId", 'role', m.role, 'departmentId', m."departmentId") ORDER BY m.id)
                       FROM "Membership" m WHERE m."userId" = u.id), '[]') AS memberships
      FROM "Session" s JOIN "User" u ON u.id = s."userId"
     WHERE s."tokenHash" = ${tokenHash(token)}`;
  if (!session || session.revokedAt || session.expiresAt < now || session.disabledAt) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > SESSION_IDLE_MS) return null;
  // refresh the idle clock at most once a minute, not on every request
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  return {
    kind: "user",
    userId: session.userId,
    email: session.email,
    name: session.name,
    memberships: session.memberships,
    ...(session.systemAdmin ? { systemAdmin: true } : {}),
  };
}
