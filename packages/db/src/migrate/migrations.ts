import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import type { SchemaEngine } from "@prisma/schema-engine-wasm";

import { ensureDatabase } from "./ensure-database.ts";
import { openSchemaEngine } from "./schema-engine.ts";

const packageRoot = path.resolve(import.meta.dirname, "../..");
export const schemaPath = path.join(packageRoot, "prisma", "schema.prisma");
export const migrationsDir = path.join(packageRoot, "prisma", "migrations");
const lockfileName = "migration_lock.toml";
const filters = { externalTables: [], externalEnums: [] };

type MigrationList = Parameters<SchemaEngine["applyMigrations"]>[0]["migrationsList"];

/** Names of the committed migrations, oldest first (their folder names). */
export async function migrationNames(): Promise<string[]> {
  const entries = existsSync(migrationsDir)
    ? await readdir(migrationsDir, { withFileTypes: true })
    : [];
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

async function readMigrationList(only?: readonly string[]): Promise<MigrationList> {
  const dirs = (await migrationNames()).filter((name) => !only || only.includes(name));
  const lockPath = path.join(migrationsDir, lockfileName);
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: lockfileName,
      content: existsSync(lockPath) ? await readFile(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => ({
        path: dir,
        migrationFile: {
          path: "migration.sql",
          content: {
            tag: "ok" as const,
            value: await readFile(path.join(migrationsDir, dir, "migration.sql"), "utf8"),
          },
        },
      })),
    ),
  };
}

async function withEngine<T>(
  connectionString: string,
  run: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const schemaText = await readFile(schemaPath, "utf8");
  const engine = await openSchemaEngine({ connectionString, schemaPath, schemaText });
  try {
    return await run(engine);
  } finally {
    (engine as unknown as { free?: () => void }).free?.();
  }
}

/**
 * Applies every committed migration not yet applied; creates the database first if needed.
 * `only`: just these (by name), e.g. to rebuild the schema a backup was taken with before loading it.
 */
export async function applyMigrations(
  connectionString: string,
  options: { only?: readonly string[] } = {},
): Promise<string[]> {
  await ensureDatabase(connectionString);
  const migrationsList = await readMigrationList(options.only);
  return withEngine(connectionString, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList, filters });
    return result.appliedMigrationNames;
  });
}

/**
 * The schema as of the newest committed migration. The wasm engine cannot introspect a live
 * PostgreSQL through the driver adapter (it fails on catalog columns of type "char"), so new
 * migrations are computed datamodel-to-datamodel against this snapshot. The engine still opens a
 * connection, so any reachable PostgreSQL will do; nothing is written to it.
 */
export const snapshotPath = path.join(migrationsDir, "schema.snapshot.prisma");

/** SQL that takes the committed migrations' schema to the current schema.prisma ("" when unchanged). */
export async function pendingMigrationSql(connectionString: string): Promise<string> {
  const schemaText = await readFile(schemaPath, "utf8");
  const snapshot = existsSync(snapshotPath) ? await readFile(snapshotPath, "utf8") : null;
  const engine = await openSchemaEngine({ connectionString, schemaPath, schemaText });
  try {
    const from =
      snapshot === null
        ? { tag: "empty" as const }
        : { tag: "schemaDatamodel" as const, files: [{ path: snapshotPath, content: snapshot }] };
    const result = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schemaText }] },
      script: true,
      exitCode: null,
      filters,
    } as Parameters<SchemaEngine["diff"]>[0]);
    const sql = result.stdout ?? "";
    return /^\s*(--.*\n?\s*)*$/.test(sql) || sql.includes("This is an empty migration") ? "" : sql;
  } finally {
    (engine as unknown as { free?: () => void }).free?.();
  }
}

/** Writes prisma/migrations/<timestamp>_<name>/migration.sql and moves the snapshot forward. */
export async function createMigration(
  connectionString: string,
  name: string,
  now = new Date(),
): Promise<string | null> {
  const sql = await pendingMigrationSql(connectionString);
  if (!sql) return null;
  const stamp = now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const dir = path.join(migrationsDir, `${stamp}_${name}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "migration.sql"), sql);
  const lockPath = path.join(migrationsDir, lockfileName);
  if (!existsSync(lockPath)) {
    await writeFile(
      lockPath,
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );
  }
  await writeFile(snapshotPath, await readFile(schemaPath, "utf8"));
  return dir;
}
