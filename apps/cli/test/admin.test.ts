import { spawnSync } from "node:child_process";
import path from "node:path";

import { expect } from "vitest";

import { verifyPassword } from "@duban/domain";
import { test } from "@duban/test-utils";

const cliDir = path.resolve(import.meta.dirname, "..");

function duban(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "src/bin.ts", ...args], {
    cwd: cliDir,
    env: { ...process.env, DUBAN_ADMIN_PASSWORD: "", ...env },
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test("admin create: a system administrator with no jurisdiction role, its password printed once or taken from the environment", async ({
  database,
}) => {
  const env = { DATABASE_URL: database.url, INIT_CWD: cliDir };
  const { db } = database;
  expect(duban(["admin", "create", "--email", "ops@duban.test"], env)).toMatchObject({
    code: 2,
    stderr: expect.stringContaining("--name"),
  });

  const created = duban(["admin", "create", "--email", "Ops@Duban.test", "--name", "运维"], env);
  expect(created.stderr).toBe("");
  expect(created.code).toBe(0);
  const password = /initial password, shown once\): (\S+)/.exec(created.stdout)?.[1];
  expect(password).toMatch(/^[\w-]{20,}$/);
  const user = await db.user.findUniqueOrThrow({
    where: { email: "ops@duban.test" },
    include: { memberships: true },
  });
  expect(user).toMatchObject({ systemAdmin: true, memberships: [] });
  expect(await verifyPassword(user.passwordHash, password!)).toBe(true);
  expect(
    await db.auditEvent.count({
      where: { action: "user.createSystemAdmin", entityId: user.id, actorLabel: "system:cli" },
    }),
  ).toBe(1);

  // the same address again: refused, nobody's account changes
  expect(
    duban(["admin", "create", "--email", "ops@duban.test", "--name", "运维"], env),
  ).toMatchObject({ code: 2, stderr: expect.stringContaining("已有账号") });

  // from the environment: nothing printed but the address
  const fromEnv = duban(["admin", "create", "--email", "ops2@duban.test", "--name", "运维二"], {
    ...env,
    DUBAN_ADMIN_PASSWORD: "a-chosen-long-password",
  });
  expect(fromEnv.code).toBe(0);
  expect(fromEnv.stdout).not.toContain("a-chosen-long-password");
  const second = await db.user.findUniqueOrThrow({ where: { email: "ops2@duban.test" } });
  expect(await verifyPassword(second.passwordHash, "a-chosen-long-password")).toBe(true);
  expect(
    duban(["admin", "create", "--email", "ops3@duban.test", "--name", "x"], {
      ...env,
      DUBAN_ADMIN_PASSWORD: "short",
    }),
  ).toMatchObject({ code: 2, stderr: expect.stringContaining("DUBAN_ADMIN_PASSWORD") });
});
