import type { z } from "zod";

import { assertCanRead, assertOffice } from "../access.ts";
import { recordAudit } from "../audit.ts";
import { maskMobile } from "../channels/mobile.ts";
import type { DomainContext } from "../context.ts";
import { unitsWithoutRecipients } from "../departments/deactivation.ts";
import { conflict, forbidden, invalid, notFound } from "../errors.ts";
import { subtreeJurisdictionIds } from "../jurisdictions/tree.ts";
import type {
  ZCreateUserInput,
  ZJurisdictionIdInput,
  ZSetUserDisabledInput,
} from "../schemas/admin.ts";
import type { ZChangePasswordInput } from "../schemas/auth.ts";
import { mayManageAccount } from "./managed-accounts.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";

const publicUser = {
  id: true,
  email: true,
  name: true,
  disabledAt: true,
  createdAt: true,
  locale: true,
  externalId: true,
} as const;

export async function listUsers(
  { db, actor }: DomainContext,
  { jurisdictionId }: z.infer<typeof ZJurisdictionIdInput>,
) {
  assertOffice(actor, jurisdictionId);
  const users = await db.user.findMany({
    where: { memberships: { some: { jurisdictionId } } },
    select: {
      ...publicUser,
      mobile: true,
      memberships: {
        where: { jurisdictionId },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { role: true, department: { select: { id: true, name: true } } },
      },
    },
    orderBy: { email: "asc" },
  });
  // the office sees a member's number masked, as every list does (setMemberMobile sets it)
  return users.map((u) => ({ ...u, mobile: maskMobile(u.mobile) }));
}

/** The office creates an account in its own jurisdiction (one role there). */
export async function createUser(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZCreateUserInput>,
) {
  assertOffice(actor, input.jurisdictionId);
  if (input.role === "DEPARTMENT") {
    const dept = await db.department.findFirst({
      where: { id: input.departmentId, jurisdictionId: input.jurisdictionId },
    });
    if (!dept)
      throw invalid(
        "所选单位不属于本级",
        "the department is not in this jurisdiction",
        "departmentId",
      );
  }
  const existing = await db.user.findUnique({ where: { email: input.email } });
  if (existing) throw conflict("该邮箱已有账号", "an account with this email exists");
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, passwordHash },
      select: publicUser,
    });
    await tx.membership.create({
      data: {
        userId: user.id,
        jurisdictionId: input.jurisdictionId,
        role: input.role,
        departmentId: input.role === "DEPARTMENT" ? input.departmentId : null,
      },
    });
    await recordAudit(tx, actor, {
      action: "user.create",
      entityType: "User",
      entityId: user.id,
      jurisdictionId: input.jurisdictionId,
      after: {
        email: input.email,
        name: input.name,
        role: input.role,
        departmentId: input.departmentId,
      },
      requestId,
    });
    return user;
  });
}

/**
 * Disabling a user ends their sessions at once. Never refused for the units they staff: the answer
 * names the units that no email reaches any more (no other staff, no contact address), so the
 * office can add one (departments/deactivation.ts, unitsWithoutRecipients).
 */
export async function setUserDisabled(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZSetUserDisabledInput>,
): Promise<{ unitsWithoutRecipients: Array<{ id: string; name: string }> }> {
  const user = await db.user.findUnique({
    where: { id: input.userId },
    include: { memberships: true },
  });
  if (!user) throw notFound("用户", "user");
  const jurisdictions = [...new Set(user.memberships.map((m) => m.jurisdictionId))];
  // the office may only act on accounts that belong to its jurisdictions alone
  if (!mayManageAccount(actor, jurisdictions)) throw notFound("用户", "user");
  if (actor.kind === "user" && actor.userId === user.id)
    throw forbidden("不能停用自己的账号", "you cannot disable your own account");
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { disabledAt: input.disabled ? new Date() : null },
    });
    if (input.disabled)
      await tx.session.updateMany({
        where: { userId: user.id, revokedAt: null },
        data: { revokedAt: new Date() },
      });
    await recordAudit(tx, actor, {
      action: input.disabled ? "user.disable" : "user.enable",
      entityType: "User",
      entityId: user.id,
      jurisdictionId: jurisdictions[0],
      before: { disabledAt: user.disabledAt },
      after: { disabled: input.disabled },
      requestId,
    });
  });
  const units = user.memberships.flatMap((m) =>
    m.role === "DEPARTMENT" && m.departmentId ? [m.departmentId] : [],
  );
  return { unitsWithoutRecipients: input.disabled ? await unitsWithoutRecipients(db, units) : [] };
}

export async function changePassword(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZChangePasswordInput>,
) {
  if (actor.kind !== "user") throw forbidden("需要登录", "sign in first");
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId } });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword)))
    throw invalid("当前密码不正确", "the current password is wrong", "currentPassword");
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await recordAudit(tx, actor, {
      action: "user.changePassword",
      entityType: "User",
      entityId: user.id,
      requestId,
    });
  });
}

/** What the signed-in user's session shows: name, roles, jurisdictions and departments. */
export async function me({ db, actor }: DomainContext) {
  if (actor.kind !== "user") return null;
  const user = await db.user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: {
      ...publicUser,
      systemAdmin: true,
      memberships: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          role: true,
          jurisdiction: { select: { id: true, name: true, kind: true, parentId: true } },
          department: { select: { id: true, name: true } },
        },
      },
    },
  });
  return user;
}

export async function listJurisdictions({ db, actor }: DomainContext) {
  if (actor.kind !== "user") return db.jurisdiction.findMany({ orderBy: { name: "asc" } });
  // the same set as visibleJurisdictionIds: its own and everything below, at any depth
  const ids = await subtreeJurisdictionIds(
    db,
    actor.memberships.map((m) => m.jurisdictionId),
  );
  return db.jurisdiction.findMany({ where: { id: { in: ids } }, orderBy: { name: "asc" } });
}

export { assertCanRead };
