import { createReadStream } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";

import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

import { applyMigrations } from "@duban/db";

import { CliRefusal } from "../fail.ts";
import type { Manifest } from "./manifest.ts";
import { findPgTool, runPgTool } from "./pg-tools.ts";
import { COPY_SETTINGS, listTables, quoteIdent } from "./tables.ts";

/**
 * Loads an opened backup into the new, empty database at `connectionString`, then applies the
 * migrations committed since the backup, and checks every table's row count against the manifest.
 * pg_dump backups: `pg_restore --single-transaction`. COPY backups: the backup's migrations rebuild
 * its schema, then all tables are loaded in one transaction with triggers and foreign keys off
 * (session_replication_role = replica, as pg_restore's --disable-triggers), so the audit chain's
 * insert trigger keeps the stored hashes and rows load in any order. Needs a superuser, as the
 * embedded server's user is.
 */
export async function loadDatabase(
  manifest: Manifest,
  staging: string,
  connectionString: string,
): Promise<void> {
  if (manifest.engine === "pg_dump") {
    const need = manifest.pgDumpMajor ?? Math.floor(manifest.serverVersionNum / 10_000);
    const { tool, seen } = await findPgTool("pg_restore", need);
    if (!tool) {
      throw new CliRefusal(
        `此备份由 pg_dump ${need} 生成，恢复需要 PostgreSQL ${need} 或更新版本的 pg_restore（找到：${seen.map((t) => t.major).join(", ") || "无"}）。请安装 postgresql-client-${need}`,
        `this backup was made by pg_dump ${need}; restoring it needs pg_restore ${need} or newer (found: ${seen.map((t) => t.major).join(", ") || "none"}): install postgresql-client-${need}`,
      );
    }
    // --dbname names only the database; the rest of the connection (password too) goes by environment
    const database = decodeURIComponent(new URL(connectionString).pathname.slice(1));
    await runPgTool(
      tool,
      [
        "--single-transaction",
        "--exit-on-error",
        "--no-owner",
        "--no-acl",
        `--dbname=${database}`,
        path.join(staging, "database.pgdump"),
      ],
      connectionString,
    );
  } else {
    await applyMigrations(connectionString, { only: manifest.migrations });
    await copyIn(manifest, staging, connectionString);
  }
  await applyMigrations(connectionString);
  await checkCounts(manifest, connectionString);
}

async function copyIn(manifest: Manifest, staging: string, connectionString: string) {
  const client = new pg.Client({ connectionString, application_name: "duban-restore" });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(COPY_SETTINGS);
    await client.query("SET LOCAL session_replication_role = replica");
    for (const table of manifest.tables) {
      const sql = `COPY ${quoteIdent(table.name)} (${table.columns.map(quoteIdent).join(", ")}) FROM STDIN`;
      await pipeline(
        createReadStream(path.join(staging, "tables", `${table.name}.copy.gz`)),
        createGunzip(),
        client.query(copyFrom(sql)),
      );
    }
    for (const seq of manifest.sequences) {
      await client.query("SELECT setval($1::regclass, $2::bigint, $3)", [
        quoteIdent(seq.name),
        seq.lastValue,
        seq.isCalled,
      ]);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    if ((error as { code?: string }).code === "42501") {
      throw new CliRefusal(
        "恢复需要数据库超级用户权限（session_replication_role）",
        "restoring needs a database superuser (session_replication_role)",
      );
    }
    throw error;
  } finally {
    await client.end();
  }
}

async function checkCounts(manifest: Manifest, connectionString: string) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const loaded = new Map((await listTables(client)).map((t) => [t.name, t.rows]));
    const wrong = manifest.tables.filter((t) => loaded.get(t.name) !== t.rows);
    if (wrong.length) {
      const detail = wrong
        .map((t) => `${t.name}: ${loaded.get(t.name) ?? "missing"} ≠ ${t.rows}`)
        .join(", ");
      throw new CliRefusal(
        `恢复后的行数与备份不符，未替换数据库：${detail}`,
        `row counts after loading differ from the backup, the database was not replaced: ${detail}`,
      );
    }
  } finally {
    await client.end();
  }
}
