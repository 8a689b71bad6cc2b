import { randomBytes } from "node:crypto";

import type { z } from "zod";

import { assertSystem } from "../access.ts";
import { recordAudit } from "../audit.ts";
import type { DomainContext } from "../context.ts";
import { conflict } from "../errors.ts";
import type { ZCreateSystemAdminInput } from "../schemas/admin.ts";
import { hashPassword } from "./passwords.ts";

/** A password for an account created from the command line: 24 random characters, printed once. */
export const generatedPassword = () => randomBytes(18).toString("base64url");

/**
 * Creates a system administrator (系统管理员): an account with `systemAdmin` and no membership, so
 * it may operate the queues (the Bull Board dashboard) and nothing in any jurisdiction. Only the
 * system (the CLI, run by whoever runs the server) may create one: no web form or procedure can,
 * so no office can make itself one. An existing email is a CONFLICT (nobody's account is promoted
 * behind their back).
 */
export async function createSystemAdmin(
  { db, actor }: DomainContext,
  input: z.infer<typeof ZCreateSystemAdminInput>,
) {
  assertSystem(actor, [
    "系统管理员只能由命令行创建",
    "a system administrator is created only from the command line",
  ]);
  const existing = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true },
  });
  if (existing) throw conflict("该邮箱已有账号", "an account with this email exists");
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, passwordHash, systemAdmin: true },
      select: { id: true, email: true, name: true, systemAdmin: true },
    });
    await recordAudit(tx, actor, {
      action: "user.createSystemAdmin",
      entityType: "User",
      entityId: user.id,
      after: { email: user.email, name: user.name, systemAdmin: true },
    });
    return user;
  });
}
