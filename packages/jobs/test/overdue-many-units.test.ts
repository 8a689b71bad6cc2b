import { expect } from "vitest";

import { test } from "@duban/test-utils";

import { runJob } from "../src/run-job.ts";
import { buildWorld } from "./builders.ts";
import { inlineContext } from "./helpers.ts";

test(
  "overdue-scan over 100,000 tasks: set-based, a few seconds, one row per recipient",
  { timeout: 120_000 },
  async ({ database: { db } }) => {
    const w = await buildWorld(db);
    // 48 more units, each with a contact address
    await db.$executeRaw`
    INSERT INTO "Department" (id, "jurisdictionId", name, "contactEmails", keywords, "updatedAt")
    SELECT gen_random_uuid(), ${w.jurisdiction.id}::uuid, '单位' || g, ARRAY['unit' || g || '@xf.gov.cn'], '{}', now() FROM generate_series(1, 48) g`;
    // 100,000 tasks spread over the 50 units; two in three are overdue on 2023-06-30
    await db.$executeRaw`
    INSERT INTO "Task" (id, "planId", title, "leadDepartmentId", "startDate", "dueDate", "originalDueDate", status, progress, "updatedAt")
    SELECT gen_random_uuid(), ${w.plan.id}::uuid, '任务' || g, d.id, DATE '2021-01-01', DATE '2023-07-30' - (g % 90), DATE '2023-07-30' - (g % 90), 'IN_PROGRESS', 10, now()
      FROM generate_series(1, 100000) g
      JOIN LATERAL (SELECT id FROM "Department" WHERE "jurisdictionId" = ${w.jurisdiction.id}::uuid ORDER BY name OFFSET (g % 50) LIMIT 1) d ON true`;
    const expected = await db.task.count({
      where: { planId: w.plan.id, dueDate: { lt: new Date("2023-06-30T00:00:00Z") } },
    });
    expect(expected).toBeGreaterThan(60_000);

    const ctx = inlineContext(db);
    const started = performance.now();
    const result = await runJob(ctx, "overdue-scan", { asOf: "2023-06-30" });
    const ms = performance.now() - started;
    console.log(
      `overdue-scan: ${expected} overdue of 100,000 tasks → ${JSON.stringify(result.summary)} in ${ms.toFixed(0)} ms`,
    );
    expect(result.summary).toMatchObject({ overdueTasks: expected, departments: 50 });
    expect(ms).toBeLessThan(15_000);
    // 50 contact addresses + 2 staff, plus the office's escalation digest
    expect(await db.notification.count({ where: { kind: "overdue" } })).toBe(52);
    expect(await db.notification.count({ where: { kind: "overdue-escalation" } })).toBe(1);
    const again = performance.now();
    await runJob(ctx, "overdue-scan", { asOf: "2023-06-30" });
    console.log(`second run (all duplicates): ${(performance.now() - again).toFixed(0)} ms`);
    expect(await db.notification.count()).toBe(53);
  },
);
