// A backup taken before the newest migrations restores into its own schema, then migrates forward.
import path from "node:path";

import pg from "pg";
import { expect, onTestFinished, test } from "vitest";

import { applyMigrations, migrationNames } from "@duban/db";
import { startEmbeddedPostgres } from "@duban/local-services";

import { createBackup } from "../src/backup/create-backup.ts";
import { findPgTool } from "../src/backup/pg-tools.ts";
import { restoreBackup } from "../src/backup/restore-backup.ts";
import { dataFolder } from "./cli-process.ts";

test("a backup from an older schema is loaded into that schema and migrated to the current one, rows intact", async () => {
  const dir = await dataFolder("duban-restore-older-");
  // the embedded server is PostgreSQL 18: the built-in COPY dump unless a pg_dump 18 is installed
  const server = await startEmbeddedPostgres(path.join(dir, "pg"));
  onTestFinished(() => server.stop());
  const all = await migrationNames();
  expect(all.length).toBeGreaterThan(1);
  const older = all.slice(0, -1);
  await applyMigrations(server.url("old"), { only: older });
  const client = new pg.Client({ connectionString: server.url("old") });
  await client.connect();
  await client.query(
    `INSERT INTO "Jurisdiction" (id, name, kind) VALUES ('00000000-0000-4000-8000-000000000001', '旧版县', 'COUNTY')`,
  );
  await client.end();

  const { file, manifest } = await createBackup({
    databaseUrl: server.url("old"),
    evidenceDir: path.join(dir, "evidence"),
    backupDir: path.join(dir, "backups"),
  });
  expect(manifest.engine).toBe(
    (await findPgTool("pg_dump", Math.floor(manifest.serverVersionNum / 10_000))).tool
      ? "pg_dump"
      : "copy",
  );
  expect(manifest.migrations).toEqual(older);

  await restoreBackup({
    file,
    databaseUrl: server.url("restored"),
    evidenceDir: path.join(dir, "evidence-restored"),
    backupDir: path.join(dir, "backups"),
    force: false,
  });
  const restored = new pg.Client({ connectionString: server.url("restored") });
  await restored.connect();
  onTestFinished(() => restored.end());
  const applied = await restored.query<{ migration_name: string }>(
    "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1",
  );
  expect(applied.rows.map((r) => r.migration_name)).toEqual(all);
  expect((await restored.query(`SELECT name FROM "Jurisdiction"`)).rows).toEqual([
    { name: "旧版县" },
  ]);
  // no database is left behind but the restored one
  const databases = await restored.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'restored%' OR datname LIKE '%_restore_%'",
  );
  expect(databases.rows.map((r) => r.datname)).toEqual(["restored"]);
}, 180_000);
