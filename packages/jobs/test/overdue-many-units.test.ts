import { expect } from "vitest";

import { test } from "@duban/test-utils";

import { runJob } from "../src/run-job.ts";
import { buildWorld } from "./builders.ts";
import { inlineContext } from "./helpers.ts";

// The timing of this scan at 100,000 tasks is a benchmark: bench/overdue.bench.ts (`pnpm --filter
// @duban/bench run overdue`). Here, at 1,000 tasks, what it must do: one digest per unit recipient,
// one escalation to the office, nothing new on a second run.
test("overdue-scan over 1,000 tasks of 50 units: one digest per recipient, one escalation, a second run adds nothing", async ({
  database: { db },
}) => {
  const w = await buildWorld(db);
  // 48 more units, each with a contact address
  await db.$executeRaw`
    INSERT INTO "Department" (id, "jurisdictionId", name, "contactEmails", keywords, "updatedAt")
    SELECT gen_random_uuid(), ${w.jurisdiction.id}::uuid, '单位' || g, ARRAY['unit' || g || '@xf.gov.cn'], '{}', now() FROM generate_series(1, 48) g`;
  // 1,000 tasks spread over the 50 units; two in three are overdue on 2023-06-30
  await db.$executeRaw`
    INSERT INTO "Task" (id, "planId", title, "leadDepartmentId", "startDate", "dueDate", "originalDueDate", status, progress, "updatedAt")
    SELECT gen_random_uuid(), ${w.plan.id}::uuid, '任务' || g, d.id, DATE '2021-01-01', DATE '2023-07-30' - (g % 90), DATE '2023-07-30' - (g % 90), 'IN_PROGRESS', 10, now()
      FROM generate_series(1, 1000) g
      JOIN LATERAL (SELECT id FROM "Department" WHERE "jurisdictionId" = ${w.jurisdiction.id}::uuid ORDER BY name OFFSET (g % 50) LIMIT 1) d ON true`;
  const expected = await db.task.count({
    where: { planId: w.plan.id, dueDate: { lt: new Date("2023-06-30T00:00:00Z") } },
  });
  expect(expected).toBeGreaterThan(600);

  const ctx = inlineContext(db);
  const result = await runJob(ctx, "overdue-scan", { asOf: "2023-06-30" });
  expect(result.summary).toMatchObject({ overdueTasks: expected, departments: 50 });
  // 50 contact addresses + 2 staff, plus the office's escalation digest
  expect(await db.notification.count({ where: { kind: "overdue" } })).toBe(52);
  expect(await db.notification.count({ where: { kind: "overdue-escalation" } })).toBe(1);
  await runJob(ctx, "overdue-scan", { asOf: "2023-06-30" });
  expect(await db.notification.count()).toBe(53);
});
