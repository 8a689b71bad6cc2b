import type { DbOrTx, QualityRating, TaskStatus } from "@duban/db";

/**
 * Inserts many rows in one statement with one parameter: the rows as JSON, expanded by PostgreSQL
 * (json_populate_recordset over the table's row type, so enums, dates and JSON columns convert
 * there). The columns named by any row are written — a row without one of them writes NULL there,
 * so give every row the same keys — and the others take their defaults; the table's triggers run
 * as for any insert (the audit chain, the plan data version).
 * Much faster than createMany's thousands of bound parameters for the demo's history.
 */
export async function insertRows(db: DbOrTx, table: string, rows: Array<Record<string, unknown>>) {
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].map((c) => `"${c}"`).join(", ");
  const json = JSON.stringify(rows, (_k, v: unknown) => (v === undefined ? null : v));
  await db.$executeRawUnsafe(
    `INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::"${table}", $1::json)`,
    json,
  );
}

/** A task's state at the end of the demo's history (dates as YYYY-MM-DD or instants). */
export type TaskRow = {
  id: string;
  status: TaskStatus;
  progress: number;
  version: number;
  dueDate: string;
  assignedAt: Date;
  acknowledgedAt: Date;
  acknowledgedById: string | null;
  completedAt: Date | null;
  rating: QualityRating | null;
  ratingComment: string | null;
  ratedAt: Date | null;
  ratedById: string | null;
};

/** Sets every task's end state in one statement (the rows as JSON, as insertRows). */
export async function updateTasks(db: DbOrTx, rows: TaskRow[]) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).filter((c) => c !== "id");
  const set = columns.map((c) => `"${c}" = j."${c}"`).join(", ");
  await db.$executeRawUnsafe(
    `UPDATE "Task" t SET ${set}, "updatedAt" = now() FROM json_populate_recordset(NULL::"Task", $1::json) j WHERE t.id = j.id`,
    JSON.stringify(rows),
  );
}
