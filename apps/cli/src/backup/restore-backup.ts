import { existsSync } from "node:fs";
import { copyFile, mkdir, rename } from "node:fs/promises";
import path from "node:path";

import pg from "pg";

import { migrationNames } from "@duban/db";

import { CliRefusal } from "../fail.ts";
import { openArchive, removeDir, sha256File } from "./archive.ts";
import { createBackup, evidencePath } from "./create-backup.ts";
import { loadDatabase } from "./load.ts";
import type { Manifest } from "./manifest.ts";
import { hasData, quoteIdent } from "./tables.ts";

export type RestoreOptions = {
  file: string;
  /** the database to replace (need not exist yet) */
  databaseUrl: string;
  evidenceDir: string;
  /** where the safety backup of a non-empty database goes before --force replaces it */
  backupDir: string;
  force: boolean;
  log?: (line: string) => void;
};

const withDatabase = (url: string, database: string) => {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
};

/**
 * Restores a backup file: the database and the evidence files. In this order, so that a failure at
 * any step leaves the current database as it was:
 *  1. the whole file is checked (archive.ts): a corrupted or unknown backup is refused (exit 2);
 *  2. a backup with migrations this Duban does not have (a newer version's) is refused;
 *  3. a target database holding any row is refused unless `force`; with `force` it is first backed
 *     up into `backupDir` (nothing is ever lost to a mistaken restore);
 *  4. the backup is loaded into a new database on the same server and checked (load.ts); on any
 *     failure that database is dropped;
 *  5. evidence files not yet present are copied in (files are named by their hash, so nothing is
 *     overwritten);
 *  6. the new database takes the target's name in one transaction (two ALTER DATABASE … RENAME),
 *     and the old one is dropped. Readers see the old database or the restored one, never a mix.
 * Why a new database and a swap rather than one transaction in the target: a backup from an older
 * schema is loaded into exactly that schema and migrated forward, which one transaction inside a
 * newer schema could not do, and pg_restore needs an empty database anyway.
 */
export async function restoreBackup(options: RestoreOptions): Promise<Manifest> {
  const log = options.log ?? (() => {});
  const staging = path.join(options.backupDir, `.restore-${process.pid}-${Date.now()}`);
  await mkdir(options.backupDir, { recursive: true, mode: 0o700 });
  try {
    const manifest = await openArchive(options.file, staging);
    const known = await migrationNames();
    const unknown = manifest.migrations.filter((m) => !known.includes(m));
    if (unknown.length)
      throw new CliRefusal(
        `此备份来自较新版本的督办（迁移 ${unknown.join(", ")}），请先升级`,
        `this backup comes from a newer Duban (migrations ${unknown.join(", ")}): upgrade first`,
      );
    for (const sha of manifest.files
      .filter((f) => f.path.startsWith("evidence/"))
      .map((f) => f.path.slice(9))) {
      if (
        !/^[0-9a-f]{64}$/.test(sha) ||
        (await sha256File(path.join(staging, "evidence", sha))) !== sha
      )
        throw new CliRefusal(
          `备份中的佐证材料 ${sha} 已损坏`,
          `evidence file ${sha} in the backup is corrupted`,
        );
    }

    const target = decodeURIComponent(new URL(options.databaseUrl).pathname.slice(1));
    if (["postgres", "template0", "template1", ""].includes(target))
      throw new CliRefusal(
        `不会覆盖系统数据库 ${target || "(未指定)"}，请在 DATABASE_URL 中指定督办的数据库`,
        `will not replace the system database ${target || "(none named)"}: name Duban's database in DATABASE_URL`,
      );
    const admin = new pg.Client({
      connectionString: withDatabase(
        options.databaseUrl,
        target === "postgres" ? "template1" : "postgres",
      ),
    });
    await admin.connect();
    try {
      const exists =
        (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [target])).rowCount ===
        1;
      const occupied = exists && (await inDatabase(options.databaseUrl, hasData));
      if (occupied && !options.force) {
        throw new CliRefusal(
          `目标数据库 ${target} 已有数据，未做任何更改。确认要用备份覆盖它，请加 --force（覆盖前会先备份现有数据）`,
          `the target database ${target} is not empty; nothing was changed. To replace it with the backup, add --force (its current data is backed up first)`,
        );
      }
      if (occupied) {
        const safety = await createBackup({
          databaseUrl: options.databaseUrl,
          evidenceDir: options.evidenceDir,
          backupDir: options.backupDir,
          retention: null,
        });
        log(`已先备份现有数据 (current data backed up first): ${safety.file}`);
      }
      const stamp = Date.now().toString(36);
      const fresh = `${target.slice(0, 40)}_restore_${stamp}`;
      await admin.query(`CREATE DATABASE ${quoteIdent(fresh)}`);
      try {
        await loadDatabase(manifest, staging, withDatabase(options.databaseUrl, fresh));
        await copyEvidence(manifest, staging, options.evidenceDir);
        await swap(
          admin,
          target,
          fresh,
          exists ? `${target.slice(0, 40)}_replaced_${stamp}` : null,
        );
      } catch (error) {
        await admin
          .query(`DROP DATABASE IF EXISTS ${quoteIdent(fresh)} WITH (FORCE)`)
          .catch(() => undefined);
        throw error;
      }
    } finally {
      await admin.end();
    }
    return manifest;
  } finally {
    await removeDir(staging);
  }
}

async function inDatabase<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function copyEvidence(manifest: Manifest, staging: string, evidenceDir: string) {
  for (const f of manifest.files.filter((file) => file.path.startsWith("evidence/"))) {
    const sha = f.path.slice("evidence/".length);
    const target = evidencePath(evidenceDir, sha);
    if (existsSync(target)) continue;
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.tmp`;
    await copyFile(path.join(staging, "evidence", sha), temp);
    await rename(temp, target);
  }
}

/** `fresh` takes the name `target` in one transaction; the database it replaces is dropped after. */
async function swap(admin: pg.Client, target: string, fresh: string, replaced: string | null) {
  for (let attempt = 1; ; attempt++) {
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ANY($1) AND pid <> pg_backend_pid()",
      [[target, fresh]],
    );
    try {
      await admin.query("BEGIN");
      if (replaced)
        await admin.query(`ALTER DATABASE ${quoteIdent(target)} RENAME TO ${quoteIdent(replaced)}`);
      await admin.query(`ALTER DATABASE ${quoteIdent(fresh)} RENAME TO ${quoteIdent(target)}`);
      await admin.query("COMMIT");
      break;
    } catch (error) {
      await admin.query("ROLLBACK").catch(() => undefined);
      // 55006: someone connected again between the terminate and the rename
      if ((error as { code?: string }).code !== "55006" || attempt === 5) throw error;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
  if (replaced) await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(replaced)} WITH (FORCE)`);
}
