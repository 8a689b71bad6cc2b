import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";

import pg from "pg";
import { to as copyTo } from "pg-copy-streams";

import { CliRefusal } from "../fail.ts";
import type { Manifest } from "./manifest.ts";
import { findPgTool, runPgTool } from "./pg-tools.ts";
import { appliedMigrations, COPY_SETTINGS, listTables, quoteIdent } from "./tables.ts";

export type DumpResult = Pick<
  Manifest,
  "engine" | "serverVersionNum" | "pgDumpMajor" | "migrations" | "tables" | "sequences"
> & { evidence: string[] };

/**
 * Dumps the database into `staging`, everything read in one snapshot (a REPEATABLE READ, READ ONLY
 * transaction): row counts, the evidence files' hashes, and the data. With a pg_dump of at least
 * the server's version (pg-tools.ts) that is `pg_dump -Fc --snapshot=…` of the same snapshot;
 * without one (the embedded server is PostgreSQL 18 and its package ships no pg_dump), every
 * table is written with COPY as gzipped text, plus the sequences' positions. The schema of such a
 * dump is the list of migrations, which rebuild it exactly (every table, trigger and rule of the
 * database comes from a committed migration).
 */
export async function dumpDatabase(
  connectionString: string,
  staging: string,
  log: (line: string) => void,
): Promise<DumpResult> {
  const client = new pg.Client({ connectionString, application_name: "duban-backup" });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await client.query(COPY_SETTINGS);
    const serverVersionNum = Number(
      (await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v"))
        .rows[0]!.v,
    );
    const migrations = await appliedMigrations(client);
    if (!migrations)
      throw new CliRefusal(
        "该数据库不是督办数据库（没有迁移记录），未备份",
        "this is not a Duban database (no migration log): nothing backed up",
      );
    const tables = await listTables(client);
    const evidence = (
      await client.query<{ sha256: string }>(
        'SELECT DISTINCT "sha256" FROM "EvidenceFile" ORDER BY 1',
      )
    ).rows.map((r) => r.sha256);
    const serverMajor = Math.floor(serverVersionNum / 10_000);
    const { tool, seen } = await findPgTool("pg_dump", serverMajor);
    let result: DumpResult;
    if (tool) {
      const snapshot = (await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id"))
        .rows[0]!.id;
      await runPgTool(
        tool,
        [
          "--format=custom",
          `--snapshot=${snapshot}`,
          "--no-owner",
          "--no-acl",
          `--file=${path.join(staging, "database.pgdump")}`,
        ],
        connectionString,
      );
      log(`pg_dump ${tool.major} (${tool.path})`);
      result = {
        engine: "pg_dump",
        serverVersionNum,
        pgDumpMajor: tool.major,
        migrations,
        tables,
        sequences: [],
        evidence,
      };
    } else {
      const found = seen.length ? seen.map((t) => `pg_dump ${t.major}`).join(", ") : "none";
      log(
        `未找到 PostgreSQL ${serverMajor} 或更新版本的 pg_dump（找到 found: ${found}），使用内置的逻辑备份 (no pg_dump ≥ ${serverMajor}: using the built-in COPY dump)`,
      );
      await mkdir(path.join(staging, "tables"), { recursive: true });
      for (const table of tables) {
        const sql = `COPY ${quoteIdent(table.name)} (${table.columns.map(quoteIdent).join(", ")}) TO STDOUT`;
        await pipeline(
          client.query(copyTo(sql)),
          createGzip(),
          createWriteStream(path.join(staging, "tables", `${table.name}.copy.gz`), { mode: 0o600 }),
        );
      }
      result = {
        engine: "copy",
        serverVersionNum,
        migrations,
        tables,
        sequences: await readSequences(client),
        evidence,
      };
    }
    await client.query("COMMIT");
    return result;
  } finally {
    await client.end();
  }
}

async function readSequences(client: pg.Client): Promise<Manifest["sequences"]> {
  const { rows } = await client.query<{ name: string }>(
    "SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY 1",
  );
  const sequences: Manifest["sequences"] = [];
  for (const { name } of rows) {
    const state = (
      await client.query<{ last_value: string; is_called: boolean }>(
        `SELECT last_value::text, is_called FROM ${quoteIdent(name)}`,
      )
    ).rows[0]!;
    sequences.push({ name, lastValue: state.last_value, isCalled: state.is_called });
  }
  return sequences;
}
