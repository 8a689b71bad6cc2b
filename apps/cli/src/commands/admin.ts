import { parseArgs } from "node:util";

import { createSystemAdmin, generatedPassword, systemActor } from "@duban/domain";
import { ZCreateSystemAdminInput } from "@duban/domain/schemas";

import { withDatabase } from "../with-database.ts";

const USAGE = `用法 usage: pnpm duban admin create --email <邮箱> --name <姓名>
  密码取自环境变量 DUBAN_ADMIN_PASSWORD；未设置时生成随机密码并只显示这一次
  (the password comes from DUBAN_ADMIN_PASSWORD; without it a random one is printed, once)`;

/**
 * `pnpm duban admin create`: a system administrator (系统管理员), the only role that may open the
 * queue dashboard (/admin/queues). It holds no jurisdiction role. Only this command creates one:
 * whoever runs it already controls the server. The password is read from DUBAN_ADMIN_PASSWORD
 * (kept out of the shell history and the process list) or generated and printed once.
 */
export async function adminCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { email: { type: "string" }, name: { type: "string" } },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (parsed.positionals[0] !== "create" || parsed.positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const missing = (["email", "name"] as const).filter((f) => !parsed.values[f]);
  if (missing.length) {
    console.error(`缺少 (missing): ${missing.map((f) => `--${f}`).join(" ")}\n${USAGE}`);
    return 2;
  }
  const fromEnv = process.env.DUBAN_ADMIN_PASSWORD;
  const input = ZCreateSystemAdminInput.safeParse({
    email: parsed.values.email,
    name: parsed.values.name,
    password: fromEnv || generatedPassword(),
  });
  if (!input.success) {
    const issue = input.error.issues[0]!;
    const field = String(issue.path[0]);
    console.error(
      `${field === "password" ? "DUBAN_ADMIN_PASSWORD" : `--${field}`}: ${issue.message}\n${USAGE}`,
    );
    return 2;
  }
  return withDatabase(async (db) => {
    const user = await createSystemAdmin({ db, actor: systemActor("cli") }, input.data);
    console.log(`已创建系统管理员 (system administrator created): ${user.email}`);
    if (!fromEnv)
      console.log(`初始密码（只显示这一次）(initial password, shown once): ${input.data.password}`);
    return 0;
  });
}
