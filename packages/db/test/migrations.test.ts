import { expect } from "vitest";
import pg from "pg";
// relative: @duban/test-utils depends on this package, so it cannot be a dependency of it
import { test } from "../../test-utils/src/index.ts";
import { applyMigrations, pendingMigrationSql } from "../src/index.ts";

test("schema.prisma has no changes that lack a committed migration", async ({ database }) => {
  // `pnpm db:migration:create <name>` writes the migration and moves the snapshot forward
  expect(await pendingMigrationSql(database.url)).toBe("");
});

test("applying migrations again changes nothing", async ({ database }) => {
  expect(await applyMigrations(database.url)).toEqual([]);
});

test("audit rows are append-only and hash-chained", async ({ database }) => {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const inserted = await client.query(
      `INSERT INTO "AuditEvent" ("actorLabel", action, "entityType", "entityId", after)
       VALUES ('test', 'task.create', 'Task', 'a', '{"x":1}'), ('test', 'task.update', 'Task', 'a', '{"x":2}')
       RETURNING id, "prevHash", hash`,
    );
    const [first, second] = inserted.rows as Array<{ id: string; prevHash: string | null; hash: string }>;
    expect(second!.prevHash).toBe(first!.hash);
    expect(first!.hash).toMatch(/^[0-9a-f]{64}$/);
    await expect(client.query(`UPDATE "AuditEvent" SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(client.query(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(client.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    // the stored hash is reproducible from the row, so a row altered behind the trigger's back shows
    const check = await client.query(`SELECT bool_and(hash = duban_audit_row_hash(e)) AS ok FROM "AuditEvent" e`);
    expect(check.rows[0].ok).toBe(true);
  } finally {
    await client.end();
  }
});

test("a task's progress outside 0–100 is refused by the database itself", async ({ database }) => {
  const { db } = database;
  const j = await db.jurisdiction.create({ data: { name: "测试县", kind: "COUNTY" } });
  const d = await db.department.create({ data: { name: "县科技局", jurisdictionId: j.id } });
  const plan = await db.plan.create({
    data: { jurisdictionId: j.id, title: "t", periodStart: 2021, periodEnd: 2025, sourceFileName: "x.txt", sourceFormat: "text", sourceHash: "h", sourceText: "", parserVersion: 1, parseResult: {} },
  });
  const day = new Date("2022-01-01");
  await expect(
    db.task.create({ data: { planId: plan.id, title: "t", leadDepartmentId: d.id, startDate: day, dueDate: day, originalDueDate: day, progress: 101 } }),
  ).rejects.toThrow();
});
