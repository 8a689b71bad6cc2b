import type pg from "pg";

import type { TableInfo } from "./manifest.ts";

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Session settings of both ends of a COPY, as pg_dump sets them: dates and times in one unambiguous
 * text form, floats with every digit.
 */
export const COPY_SETTINGS =
  "SET LOCAL DateStyle = ISO; SET LOCAL IntervalStyle = postgres; SET LOCAL TimeZone = 'UTC'; SET LOCAL extra_float_digits = 3; SET LOCAL client_encoding = 'UTF8'";

/** The application's tables (schema public, without Prisma's migration log), their stored columns and row counts. */
export async function listTables(client: pg.Client): Promise<TableInfo[]> {
  const { rows } = await client.query<{ name: string; columns: string[] }>(`
    SELECT c.relname AS name, array_agg(a.attname::text ORDER BY a.attnum) AS columns
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT c.relispartition AND c.relname <> '_prisma_migrations'
    GROUP BY c.relname ORDER BY c.relname`);
  const tables: TableInfo[] = [];
  for (const { name, columns } of rows) {
    const count = await client.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM ${quoteIdent(name)}`,
    );
    tables.push({ name, columns, rows: Number(count.rows[0]!.n) });
  }
  return tables;
}

/** Migrations applied to the database, by name, oldest first; null when it has no migration log. */
export async function appliedMigrations(client: pg.Client): Promise<string[] | null> {
  const exists = await client.query(
    "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = '_prisma_migrations'",
  );
  if (!exists.rowCount) return null;
  const { rows } = await client.query<{ name: string }>(
    "SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name",
  );
  return rows.map((r) => r.name);
}

/** True when any application table holds a row. */
export async function hasData(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ name: string }>(
    "SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'",
  );
  for (const { name } of rows) {
    if ((await client.query(`SELECT 1 FROM ${quoteIdent(name)} LIMIT 1`)).rowCount) return true;
  }
  return false;
}
