import { parseArgs } from "node:util";

import { DomainError, setUserExternalId, systemActor } from "@duban/domain";
import { ZSetUserExternalIdInput } from "@duban/domain/schemas";

import { withDatabase } from "../with-database.ts";

const USAGE = `用法 usage: pnpm duban user link --email <邮箱> --external-id <统一身份认证标识>
       pnpm duban user link --email <邮箱> --unlink
  关联（或取消关联）账号与统一身份认证平台中的标识（DUBAN_OIDC_ID_CLAIM 所指的声明）
  (link an account to its unified identity identifier, the DUBAN_OIDC_ID_CLAIM claim, or unlink it)`;

/**
 * `pnpm duban user link`: provisions an account for unified identity sign-in (issue #20) the way
 * the office does in 用户管理 (admin.setUserExternalId), as the operator, audited. For bulk
 * provisioning before a jurisdiction switches to OIDC. Exit 2 on a bad argument or a refusal.
 */
export async function userCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        email: { type: "string" },
        "external-id": { type: "string" },
        unlink: { type: "boolean" },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { email, unlink } = parsed.values;
  const externalId = parsed.values["external-id"];
  if (
    parsed.positionals.join(" ") !== "link" ||
    !email ||
    Boolean(unlink) === Boolean(externalId)
  ) {
    console.error(USAGE);
    return 2;
  }
  return withDatabase(async (db) => {
    const user = await db.user.findUnique({ where: { email: email.toLowerCase() } });
    if (!user) {
      console.error(`没有该邮箱的账号 (no account with this email): ${email}`);
      return 2;
    }
    const input = ZSetUserExternalIdInput.safeParse({
      userId: user.id,
      externalId: unlink ? null : externalId,
    });
    if (!input.success) {
      console.error(`--external-id: ${input.error.issues[0]!.message}\n${USAGE}`);
      return 2;
    }
    try {
      const done = await setUserExternalId({ db, actor: systemActor("cli") }, input.data);
      console.log(
        done.externalId
          ? `已关联 (linked): ${user.email} ↔ ${done.externalId}`
          : `已取消关联 (unlinked): ${user.email}`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      console.error(`${error.message} (${error.messageEn})`);
      return 2;
    }
  });
}
