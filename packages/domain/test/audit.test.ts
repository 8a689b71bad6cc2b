import pg from "pg";
import { expect } from "vitest";

import { test } from "@duban/test-utils";

import { recordAudit, systemActor, verifyAuditChain } from "../src/index.ts";

test("the audit hash chain verifies, and shows a row altered behind the trigger's back", async ({
  database,
}) => {
  const { db } = database;
  for (let i = 0; i < 5; i++)
    await recordAudit(db, systemActor("test"), {
      action: "x.change",
      entityType: "X",
      entityId: String(i),
      after: { i },
    });
  expect(await verifyAuditChain({ db })).toEqual({ rows: 5, broken: [] });
  // a superuser who owns the table can switch the guard off: the chain still tells
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER audit_event_no_update`);
    const [third] = (await client.query(`SELECT id FROM "AuditEvent" ORDER BY id OFFSET 2 LIMIT 1`))
      .rows as Array<{ id: string }>;
    await client.query(`UPDATE "AuditEvent" SET after = '{"i": 99}' WHERE id = $1`, [third!.id]);
    const [fifth] = (await client.query(`SELECT id FROM "AuditEvent" ORDER BY id OFFSET 4 LIMIT 1`))
      .rows as Array<{ id: string }>;
    const [fourth] = (
      await client.query(`SELECT id FROM "AuditEvent" ORDER BY id OFFSET 3 LIMIT 1`)
    ).rows as Array<{ id: string }>;
    await client.query(`DELETE FROM "AuditEvent" WHERE id = $1`, [fourth!.id]);
    await client.query(`ALTER TABLE "AuditEvent" ENABLE TRIGGER audit_event_no_update`);
    const report = await verifyAuditChain({ db });
    expect(report.rows).toBe(4);
    expect(report.broken).toEqual([
      { id: String(third!.id), reason: "content" },
      { id: String(fifth!.id), reason: "chain" },
    ]);
  } finally {
    await client.end();
  }
});

test("a role that does not own the tables can write audit rows but never change or remove them", async ({
  database,
}) => {
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  const role = `duban_app_${Math.random().toString(36).slice(2, 8)}`;
  try {
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'app-test-password'`);
    await admin.query(
      `GRANT USAGE ON SCHEMA public TO ${role}; GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}; GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}; REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEvent" FROM ${role};`,
    );
    const url = new URL(database.url);
    url.username = role;
    url.password = "app-test-password";
    const app = new pg.Client({ connectionString: url.toString() });
    await app.connect();
    try {
      await app.query(
        `INSERT INTO "AuditEvent" ("actorLabel", action, "entityType", "entityId") VALUES ('app', 'a', 'X', '1')`,
      );
      await expect(app.query(`UPDATE "AuditEvent" SET action = 'b'`)).rejects.toThrow(
        /permission denied|append-only/,
      );
      await expect(app.query(`DELETE FROM "AuditEvent"`)).rejects.toThrow(
        /permission denied|append-only/,
      );
      await expect(
        app.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER audit_event_no_update`),
      ).rejects.toThrow(/must be owner/);
    } finally {
      await app.end();
    }
  } finally {
    await admin.query(`DROP OWNED BY ${role}; DROP ROLE ${role}`).catch(() => undefined);
    await admin.end();
  }
});
