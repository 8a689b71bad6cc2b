import pg from "pg";
import { expect } from "vitest";

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
    const [first, second] = inserted.rows as Array<{
      id: string;
      prevHash: string | null;
      hash: string;
    }>;
    expect(second!.prevHash).toBe(first!.hash);
    expect(first!.hash).toMatch(/^[0-9a-f]{64}$/);
    await expect(client.query(`UPDATE "AuditEvent" SET action = 'forged'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(client.query(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(client.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    // the stored hash is reproducible from the row, so a row altered behind the trigger's back shows
    const check = await client.query(
      `SELECT bool_and(hash = duban_audit_row_hash(e)) AS ok FROM "AuditEvent" e`,
    );
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
    data: {
      jurisdictionId: j.id,
      title: "t",
      periodStart: 2021,
      periodEnd: 2025,
      sourceFileName: "x.txt",
      sourceFormat: "text",
      sourceHash: "h",
      sourceText: "",
      parserVersion: 1,
      parseResult: {},
    },
  });
  const day = new Date("2022-01-01");
  await expect(
    db.task.create({
      data: {
        planId: plan.id,
        title: "t",
        leadDepartmentId: d.id,
        startDate: day,
        dueDate: day,
        originalDueDate: day,
        progress: 101,
      },
    }),
  ).rejects.toThrow();
});

test("every committed change to a plan's data raises that plan's data version, and only that plan's", async ({
  database,
}) => {
  const { db } = database;
  const version = async (planId: string) =>
    Number((await db.planDataVersion.findUnique({ where: { planId } }))?.version ?? 0);
  const j = await db.jurisdiction.create({ data: { name: "版本县", kind: "COUNTY" } });
  const other = await db.jurisdiction.create({ data: { name: "邻县", kind: "COUNTY" } });
  const d = await db.department.create({ data: { name: "县科技局", jurisdictionId: j.id } });
  const d2 = await db.department.create({ data: { name: "县财政局", jurisdictionId: j.id } });
  const planData = (jurisdictionId: string, hash: string) => ({
    jurisdictionId,
    title: "t",
    periodStart: 2021,
    periodEnd: 2025,
    sourceFileName: "x.txt",
    sourceFormat: "text",
    sourceHash: hash,
    sourceText: "",
    parserVersion: 1,
    parseResult: {},
  });
  const plan = await db.plan.create({ data: planData(j.id, "a") });
  const sibling = await db.plan.create({ data: planData(j.id, "b") });
  const elsewhere = await db.plan.create({ data: planData(other.id, "c") });
  const day = new Date("2022-01-01");
  const elsewhereBefore = await version(elsewhere.id);

  let last = await version(plan.id);
  const raised = async (what: string) => {
    const now = await version(plan.id);
    expect(now, what).toBeGreaterThan(last);
    last = now;
  };
  const task = await db.task.create({
    data: {
      planId: plan.id,
      title: "t",
      leadDepartmentId: d.id,
      startDate: day,
      dueDate: day,
      originalDueDate: day,
    },
  });
  await raised("task insert");
  await db.task.update({ where: { id: task.id }, data: { progress: 40 } });
  await raised("task update");
  await db.taskSupport.create({ data: { taskId: task.id, departmentId: d2.id } });
  await raised("supporting unit added");
  const cycle = await db.reportingCycle.create({
    data: {
      planId: plan.id,
      period: "2022Q1",
      opensAt: day,
      dueAt: day,
      closesAt: day,
      state: "OPEN",
    },
  });
  await raised("cycle insert");
  await db.ledgerEntry.create({
    data: {
      taskId: task.id,
      cycleId: cycle.id,
      period: "2022Q1",
      departmentId: d.id,
      progressText: "x",
      percentComplete: 40,
      status: "IN_PROGRESS",
    },
  });
  await raised("ledger entry");
  const indicator = await db.indicator.create({
    data: {
      planId: plan.id,
      number: 1,
      name: "R&D",
      unit: "%",
      baselineYear: 2020,
      targetYear: 2025,
    },
  });
  await raised("indicator");
  await db.indicatorObservation.create({
    data: { indicatorId: indicator.id, period: "2022Q1", value: 1 },
  });
  await raised("observation");
  const siblingBefore = await version(sibling.id);
  await db.department.update({ where: { id: d.id }, data: { name: "县科学技术局" } });
  await raised("unit renamed");
  expect(
    await version(sibling.id),
    "a unit rename reaches every plan of the jurisdiction",
  ).toBeGreaterThan(siblingBefore);

  // a rolled-back change raises nothing; another jurisdiction's plan never moves
  await db
    .$transaction(async (tx) => {
      await tx.task.update({ where: { id: task.id }, data: { progress: 90 } });
      throw new Error("rollback");
    })
    .catch(() => undefined);
  expect(await version(plan.id)).toBe(last);
  expect(await version(elsewhere.id)).toBe(elsewhereBefore);
  await db.task.delete({ where: { id: task.id } });
  await raised("task deleted (with its entries by cascade)");
});

test("the outbox rows written before emails carried their jurisdiction get it from their payload", async ({
  database,
}) => {
  const { db } = database;
  const { readdir, readFile } = await import("node:fs/promises");
  const path = await import("node:path");
  const dir = path.resolve(import.meta.dirname, "../prisma/migrations");
  const folder = (await readdir(dir)).find((f) => f.endsWith("_job_tenancy_and_system_admin"))!;
  const sql = await readFile(path.join(dir, folder, "migration.sql"), "utf8");
  const backfill = sql.slice(sql.indexOf("-- Hand-written"));
  const a = await db.jurisdiction.create({ data: { name: "回填甲县", kind: "COUNTY" } });
  const b = await db.jurisdiction.create({ data: { name: "回填乙县", kind: "COUNTY" } });
  const plan = (j: { id: string }, hash: string) =>
    db.plan.create({
      data: {
        jurisdictionId: j.id,
        title: "t",
        periodStart: 2021,
        periodEnd: 2025,
        status: "ACTIVE",
        sourceFileName: "x.txt",
        sourceFormat: "text",
        sourceHash: hash,
        sourceText: "",
        parserVersion: 1,
        parseResult: {},
      },
    });
  const [pa, pb] = [await plan(a, "ha"), await plan(b, "hb")];
  const dept = await db.department.create({ data: { name: "县科技局", jurisdictionId: a.id } });
  const deptB = await db.department.create({ data: { name: "县科技局", jurisdictionId: b.id } });
  const day = new Date("2022-01-01");
  const task = async (planId: string, departmentId: string) =>
    (
      await db.task.create({
        data: {
          planId,
          title: "t",
          leadDepartmentId: departmentId,
          startDate: day,
          dueDate: day,
          originalDueDate: day,
        },
      })
    ).id;
  const [ta, tb] = [await task(pa.id, dept.id), await task(pb.id, deptB.id)];
  const row = (key: string, kind: string, payload: object) => ({
    kind,
    recipientEmail: "x@test",
    dedupeKey: key,
    subject: "s",
    payload,
  });
  await db.notification.createMany({
    data: [
      row("due", "due-soon", { items: [{ taskId: ta }] }),
      row("digest", "overdue", { _delivery: "DIGEST", items: [{ taskId: tb }, { taskId: tb }] }),
      row("mixed", "overdue", { items: [{ taskId: ta }, { taskId: tb }] }),
      row("summary", "quarterly-summary", { jurisdictionId: b.id, planId: pb.id }),
      row("reset", "password-reset", { url: "https://x/reset?token=t" }),
      row("odd", "overdue", { items: [{ taskId: "not-a-uuid" }] }),
    ],
  });
  await db.$executeRawUnsafe(backfill);
  const got = Object.fromEntries(
    (await db.notification.findMany()).map((n) => [n.dedupeKey, n.jurisdictionId]),
  );
  expect(got).toEqual({
    due: a.id,
    digest: b.id,
    mixed: null,
    summary: b.id,
    reset: null,
    odd: null,
  });
});
