// Overdue-scan benchmark (not a test): `pnpm --filter @duban/bench run overdue [--tasks N]`.
// The scan's worst case: one ACTIVE plan with N tasks (default 100,000) over 50 units, two in three
// of them overdue on the scan's day. Builds its own database (`<BENCH_DATABASE_URL>_overdue`, or
// BENCH_OVERDUE_DATABASE_URL), then prints, in milliseconds: the floor (the overdue selection alone,
// one SQL statement grouped per unit, best of three), the scan as a dry run, the scan into the
// outbox, and a second scan that finds every digest already sent, each with its ratio to the floor.
// The goal (under 5 s at 100,000 tasks) is printed, never enforced: timings belong here, not in
// `pnpm test`. Until this file, the timing was an assertion in the jobs package's unit tests.
import { createDb, type Db } from "@duban/db";
import { runJob, type JobContext } from "@duban/jobs";
import { createLogger } from "@duban/logger";

import { BENCH_DATABASE_URL } from "./src/scale.ts";
import { recreateDatabase } from "./src/seed.ts";

const AS_OF = "2023-06-30";
const GOAL_MS = 5_000;

function databaseUrl(): string {
  if (process.env.BENCH_OVERDUE_DATABASE_URL) return process.env.BENCH_OVERDUE_DATABASE_URL;
  const url = new URL(BENCH_DATABASE_URL);
  url.pathname = `${url.pathname}_overdue`;
  return url.toString();
}

/** A county, 50 units each with a contact address, an office user, an ACTIVE plan and its tasks. */
async function build(db: Db, tasks: number): Promise<{ overdue: number }> {
  const { id: j } = await db.jurisdiction.create({ data: { name: "基准县", kind: "COUNTY" } });
  await db.$executeRaw`
    INSERT INTO "Department" (id, "jurisdictionId", name, "contactEmails", keywords, "updatedAt")
    SELECT gen_random_uuid(), ${j}::uuid, '单位' || g, ARRAY['unit' || g || '@bench.gov.cn'], '{}', now() FROM generate_series(1, 50) g`;
  const office = await db.user.create({
    data: { email: "office@bench.gov.cn", name: "办公室", passwordHash: "x" },
  });
  await db.membership.create({ data: { userId: office.id, jurisdictionId: j, role: "OFFICE" } });
  const plan = await db.plan.create({
    data: {
      jurisdictionId: j,
      title: "基准规划",
      periodStart: 2021,
      periodEnd: 2025,
      status: "ACTIVE",
      sourceFileName: "plan.txt",
      sourceFormat: "txt",
      sourceHash: "bench-overdue",
      sourceText: "…",
      parserVersion: 1,
      parseResult: {},
    },
  });
  // due dates over the 90 days up to 2023-07-30, so two in three are overdue on 2023-06-30
  await db.$executeRaw`
    INSERT INTO "Task" (id, "planId", title, "leadDepartmentId", "startDate", "dueDate", "originalDueDate", status, progress, "updatedAt")
    SELECT gen_random_uuid(), ${plan.id}::uuid, '任务' || g, d.id, DATE '2021-01-01', DATE '2023-07-30' - (g % 90), DATE '2023-07-30' - (g % 90), 'IN_PROGRESS', 10, now()
      FROM generate_series(1, ${tasks}::int) g
      JOIN (SELECT id, row_number() OVER (ORDER BY name) - 1 AS n FROM "Department" WHERE "jurisdictionId" = ${j}::uuid) d ON d.n = g % 50`;
  await db.$executeRawUnsafe(`VACUUM (ANALYZE) "Task"`);
  const [{ n } = { n: 0 }] = await db.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM "Task" WHERE duban_is_overdue(status, "dueDate", ${AS_OF}::date)`;
  return { overdue: n };
}

async function time<T>(run: () => Promise<T>): Promise<{ ms: number; out: T }> {
  const t = performance.now();
  const out = await run();
  return { ms: performance.now() - t, out };
}

/** Builds the world, times the floor and the scan, prints one table; returns the figures. */
export async function runOverdueBench(options: { tasks: number; url?: string }) {
  const url = options.url ?? databaseUrl();
  await recreateDatabase(url);
  const db = createDb({ connectionString: url, max: 4, applicationName: "duban-bench-overdue" });
  try {
    const built = await time(() => build(db, options.tasks));
    // the floor: the best of three runs of the selection alone (the first also warms the connection)
    const floorOnce = () =>
      time(
        () => db.$queryRaw`
          SELECT t."leadDepartmentId", count(*)::int FROM "Task" t JOIN "Plan" p ON p.id = t."planId"
           WHERE p.status = 'ACTIVE' AND duban_is_overdue(t.status, t."dueDate", ${AS_OF}::date)
           GROUP BY 1`,
      );
    const floor = { ms: Infinity };
    for (let i = 0; i < 3; i++) floor.ms = Math.min(floor.ms, (await floorOnce()).ms);
    const ctx: JobContext = {
      db,
      log: createLogger("bench-overdue", { level: "silent" }),
      config: { baseUrl: "http://127.0.0.1:3000" },
      dispatch: async () => undefined,
    };
    const scan = (dryRun: boolean) =>
      time(() => runJob(ctx, "overdue-scan", { trigger: "bench", asOf: AS_OF, dryRun }));
    const dry = await scan(true);
    const real = await scan(false);
    const again = await scan(false);
    const rows = [
      ["floor: the overdue selection, one statement", floor.ms],
      ["overdue-scan (dry run)", dry.ms],
      ["overdue-scan (digests into the outbox)", real.ms],
      ["overdue-scan again (every digest a duplicate)", again.ms],
    ] as const;
    console.log(
      `overdue-scan over ${options.tasks.toLocaleString("en")} tasks, ${built.out.overdue.toLocaleString("en")} overdue on ${AS_OF}, 50 units (built in ${(built.ms / 1000).toFixed(1)} s)`,
    );
    for (const [label, ms] of rows)
      console.log(
        `  ${label.padEnd(48)} ${ms.toFixed(0).padStart(7)} ms  ×floor ${(ms / floor.ms).toFixed(1).padStart(6)}`,
      );
    console.log(`  summary ${JSON.stringify(real.out.summary)}`);
    if (options.tasks >= 100_000)
      console.log(
        `  goal: under ${GOAL_MS / 1000} s at 100,000 tasks: ${real.ms < GOAL_MS ? "met" : "NOT met"}`,
      );
    return { floorMs: floor.ms, dryMs: dry.ms, realMs: real.ms, againMs: again.ms };
  } finally {
    await db.$disconnect();
  }
}

if (process.argv[1]?.endsWith("overdue.bench.ts")) {
  const i = process.argv.indexOf("--tasks");
  await runOverdueBench({ tasks: i > 0 ? Number(process.argv[i + 1]) : 100_000 });
}
