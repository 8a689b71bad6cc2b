import { createHash, randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

import pg from "pg";

import { applyMigrations } from "@duban/db";

const migrationsDir = path.resolve(import.meta.dirname, "../../db/prisma/migrations");

async function migrationsFingerprint(): Promise<string> {
  const hash = createHash("sha256");
  const dirs = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const dir of dirs)
    hash.update(dir).update(await readFile(path.join(migrationsDir, dir, "migration.sql")));
  return hash.digest("hex").slice(0, 12);
}

async function withAdmin<T>(adminUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * A migrated template database, named after the migrations it holds, so every test file can get a
 * fresh copy in milliseconds (CREATE DATABASE … TEMPLATE) instead of migrating again.
 */
export async function ensureTemplateDatabase(
  postgresUrl: (database: string) => string,
): Promise<string> {
  const name = `duban_tpl_${await migrationsFingerprint()}`;
  const admin = postgresUrl("postgres");
  const exists = await withAdmin(
    admin,
    async (c) => (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount,
  );
  if (exists) return name;
  // Build under a temporary name and rename, so a half-migrated template is never used.
  const building = `${name}_build_${randomBytes(3).toString("hex")}`;
  await applyMigrations(postgresUrl(building));
  await withAdmin(admin, async (c) => {
    await c.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [building],
    );
    try {
      await c.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
    } catch (error) {
      // a parallel run built the same template first
      if ((error as { code?: string }).code !== "42P04") throw error;
      await c.query(`DROP DATABASE IF EXISTS "${building}"`);
    }
    // Several checkouts on one server (git worktrees of parallel branches) each need their own
    // template: DUBAN_TEST_KEEP_TEMPLATES=1 keeps the others instead of dropping them as stale.
    if (process.env.DUBAN_TEST_KEEP_TEMPLATES === "1") return;
    const stale = await c.query(
      "SELECT datname FROM pg_database WHERE datname LIKE 'duban\\_tpl\\_%' AND datname <> $1 AND datname NOT LIKE '%\\_build\\_%'",
      [name],
    );
    for (const row of stale.rows as Array<{ datname: string }>)
      await c.query(`DROP DATABASE IF EXISTS "${row.datname}"`).catch(() => undefined);
  });
  return name;
}

/** A fresh database cloned from the template; drop it with the returned function. */
export async function createTestDatabase(
  postgresUrl: (database: string) => string,
  template: string,
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `duban_t_${randomBytes(6).toString("hex")}`;
  const admin = postgresUrl("postgres");
  await withAdmin(admin, async (c) => {
    // CREATE DATABASE … TEMPLATE fails if another clone is being made at the same instant
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== "55006" || attempt > 20) throw error;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
    }
  });
  return {
    name,
    url: postgresUrl(name),
    drop: () =>
      withAdmin(admin, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }),
  };
}
