// Assessment benchmark (not a test): `pnpm --filter @duban/bench run scoring [--units N]`.
// Scoring a province's year (issue #18 考核评分): N units (default 5,000) in counties of 50, each
// county with an ACTIVE plan of 20 tasks per unit, its 2026 annual plan (half the tasks), four
// reporting cycles (2026Q1–Q3 closed with their completeness, Q4 open so its counts are live),
// every task's quarterly reports (5 % returned and amended), 20 indicators with four quarters of
// values and half with a 2026 target, ratings on half the finished tasks, two notices and one
// 加减分 per unit, and a seven-component scheme. Builds its own database
// (`<BENCH_DATABASE_URL>_scoring`, or BENCH_SCORING_DATABASE_URL), then prints, in milliseconds,
// the year's final scores of every county (computeScores, as assessment.scores and publication
// call it) one after another and all loaded together (computeScoresMany), the slowest county,
// and the ratio to the 10 s goal. Timings are printed, never enforced.
import { loadavg } from "node:os";

import { createDb, type Db } from "@duban/db";
import { computeScores, computeScoresMany } from "@duban/domain";

import { BENCH_DATABASE_URL } from "./src/scale.ts";
import { recreateDatabase } from "./src/seed.ts";

const GOAL_MS = 10_000;
const UNITS_PER_COUNTY = 50;
const TASKS_PER_UNIT = 20;
/** scored as on 31 December 2026, so the year is complete whatever today is */
const NOW = new Date("2026-12-31T12:00:00+08:00");

function databaseUrl(): string {
  if (process.env.BENCH_SCORING_DATABASE_URL) return process.env.BENCH_SCORING_DATABASE_URL;
  const url = new URL(BENCH_DATABASE_URL);
  url.pathname = `${url.pathname}_scoring`;
  return url.toString();
}

/** The province's data, all `INSERT … SELECT` over generate_series; returns the row counts. */
async function build(db: Db, counties: number) {
  const run = (sql: string) => db.$executeRawUnsafe(sql);
  await run(`INSERT INTO "Jurisdiction" (id, name, kind)
    SELECT gen_random_uuid(), '基准县' || lpad(g::text, 3, '0'), 'COUNTY' FROM generate_series(1, ${counties}) g`);
  await run(`INSERT INTO "Department" (id, "jurisdictionId", name, "contactEmails", keywords, "updatedAt")
    SELECT gen_random_uuid(), j.id, '单位' || lpad(u::text, 2, '0'), '{}', '{}', now()
      FROM "Jurisdiction" j, generate_series(1, ${UNITS_PER_COUNTY}) u`);
  await run(`INSERT INTO "Plan" (id, "jurisdictionId", title, "periodStart", "periodEnd", status, "sourceFileName", "sourceFormat", "sourceHash", "sourceText", "parserVersion", "parseResult", "updatedAt")
    SELECT gen_random_uuid(), j.id, '基准规划', 2021, 2026, 'ACTIVE', 'plan.txt', 'txt', j.id::text, '…', 1, '{}', now() FROM "Jurisdiction" j`);
  // tasks: n = 1..20 per unit; due over 2026; 40 % finished in 2026, half of those rated
  await run(`INSERT INTO "Task" (id, "planId", title, "leadDepartmentId", "startDate", "dueDate", "originalDueDate", status, progress, "completedAt", rating, "ratedAt", "updatedAt")
    SELECT gen_random_uuid(), p.id, d.name || '任务' || n, d.id, DATE '2025-01-01',
           DATE '2026-01-31' + (n * 17), DATE '2026-01-31' + (n * 17),
           CASE WHEN n % 5 < 2 THEN 'COMPLETED'::"TaskStatus" ELSE 'IN_PROGRESS'::"TaskStatus" END,
           CASE WHEN n % 5 < 2 THEN 100 ELSE 30 + (n * 7) % 70 END,
           CASE WHEN n % 5 < 2 THEN TIMESTAMP '2026-01-20 10:00' + (n * 16 || ' days')::interval END,
           CASE WHEN n % 5 = 0 THEN (ARRAY['EXCELLENT','GOOD','FAIR','POOR'])[1 + n % 4]::"QualityRating" END,
           CASE WHEN n % 5 = 0 THEN TIMESTAMP '2026-01-25 10:00' + (n * 16 || ' days')::interval END,
           now()
      FROM "Department" d JOIN "Plan" p ON p."jurisdictionId" = d."jurisdictionId", generate_series(1, ${TASKS_PER_UNIT}) n`);
  await run(`INSERT INTO "AnnualPlan" (id, "planId", year, title, status, "updatedAt")
    SELECT gen_random_uuid(), p.id, 2026, '2026年工作要点', 'ISSUED', now() FROM "Plan" p`);
  await run(`INSERT INTO "AnnualPlanItem" (id, "annualPlanId", "taskId", deliverable, "dueDate")
    SELECT gen_random_uuid(), a.id, t.id, '年度目标', t."dueDate"
      FROM "Task" t JOIN "AnnualPlan" a ON a."planId" = t."planId" WHERE t.progress % 2 = 0 OR t.status = 'COMPLETED'`);
  await run(`INSERT INTO "ReportingCycle" (id, "planId", period, "opensAt", "dueAt", "closesAt", state)
    SELECT gen_random_uuid(), p.id, '2026Q' || q, now(), now(), now(),
           CASE WHEN q = 4 THEN 'OPEN'::"CycleState" ELSE 'CLOSED'::"CycleState" END
      FROM "Plan" p, generate_series(1, 4) q`);
  // every task's quarterly report by its lead unit (the open quarter: two in three so far);
  // one in twenty returned and amended
  await run(`INSERT INTO "LedgerEntry" (id, "taskId", "cycleId", period, "departmentId", revision, "isCurrent", "progressText", "percentComplete", status, late, "reviewState")
    SELECT gen_random_uuid(), t.id, c.id, c.period, t."leadDepartmentId", 1, NOT (t.progress % 20 = 0),
           '进展', t.progress, 'IN_PROGRESS', t.progress % 9 = 0,
           CASE WHEN t.progress % 20 = 0 THEN 'RETURNED'::"ReviewState" WHEN c.state = 'OPEN' THEN 'SUBMITTED'::"ReviewState" ELSE 'APPROVED'::"ReviewState" END
      FROM "Task" t JOIN "ReportingCycle" c ON c."planId" = t."planId"
     WHERE c.state = 'CLOSED' OR t.progress % 3 <> 0`);
  await run(`INSERT INTO "LedgerEntry" (id, "taskId", "cycleId", period, "departmentId", revision, "isCurrent", "progressText", "percentComplete", status, "reviewState")
    SELECT gen_random_uuid(), e."taskId", e."cycleId", e.period, e."departmentId", 2, true, '修改后', e."percentComplete", 'IN_PROGRESS', 'APPROVED'
      FROM "LedgerEntry" e WHERE e.revision = 1 AND NOT e."isCurrent"`);
  await run(`INSERT INTO "CycleDepartmentStat" ("cycleId", "departmentId", expected, submitted, "onTime", late)
    SELECT c.id, d.id, ${TASKS_PER_UNIT}, ${TASKS_PER_UNIT} - (q.n % 3), ${TASKS_PER_UNIT} - (q.n % 3) - (q.n % 4), q.n % 4
      FROM "ReportingCycle" c JOIN "Plan" p ON p.id = c."planId"
      JOIN (SELECT id, "jurisdictionId", row_number() OVER (PARTITION BY "jurisdictionId" ORDER BY name) AS n FROM "Department") q ON q."jurisdictionId" = p."jurisdictionId"
      JOIN "Department" d ON d.id = q.id
     WHERE c.state = 'CLOSED'`);
  await run(`INSERT INTO "Indicator" (id, "planId", number, name, "baselineYear", "baselineValue", "targetYear", "targetValue", "responsibleDepartmentId", "updatedAt")
    SELECT gen_random_uuid(), p.id, i, '指标' || i, 2020, 100, 2025, 100 + i * 10,
           (SELECT id FROM "Department" d WHERE d."jurisdictionId" = p."jurisdictionId" ORDER BY name OFFSET (i * 7) % ${UNITS_PER_COUNTY} LIMIT 1), now()
      FROM "Plan" p, generate_series(1, 20) i`);
  await run(`INSERT INTO "IndicatorObservation" (id, "indicatorId", period, value)
    SELECT gen_random_uuid(), i.id, q.period, i."targetValue" * (0.8 + (i.number % 5) * 0.05)
      FROM "Indicator" i, unnest(ARRAY['2025Q4','2026Q1','2026Q2','2026Q3']) q(period)`);
  await run(`INSERT INTO "IndicatorAnnualTarget" (id, "indicatorId", year, value)
    SELECT gen_random_uuid(), i.id, 2026, i."targetValue" * 1.05 FROM "Indicator" i WHERE i.number % 2 = 0`);
  await run(`INSERT INTO "SupervisionNotice" (id, "jurisdictionId", year, number, level, "taskId", "departmentId", requirement, "replyDueDate", "issuingOffice", "issuedAt", document)
    SELECT gen_random_uuid(), p."jurisdictionId", 2026, row_number() OVER (PARTITION BY p."jurisdictionId" ORDER BY t.id),
           (ARRAY['BLUE','YELLOW','RED'])[1 + t.progress % 3]::"NoticeLevel", t.id, t."leadDepartmentId", '请加快推进',
           DATE '2026-06-30', '办公室', TIMESTAMP '2026-06-15 10:00', '\\x00'
      FROM "Task" t JOIN "Plan" p ON p.id = t."planId"
     WHERE t.status = 'IN_PROGRESS' AND t.title ~ '任务(1|2)$'`);
  await run(`INSERT INTO "ScoreAdjustment" (id, "jurisdictionId", "departmentId", period, points, reason)
    SELECT gen_random_uuid(), d."jurisdictionId", d.id, '2026Q' || (1 + length(d.name) % 4), CASE WHEN d.name ~ '[13579]$' THEN 1 ELSE -0.5 END, '基准'
      FROM "Department" d`);
  await run(`INSERT INTO "AssessmentScheme" (id, "jurisdictionId", year, version, name, components)
    SELECT gen_random_uuid(), j.id, 2026, 1, '2026年度考核方案', '${JSON.stringify([
      { kind: "ITEM_COMPLETION", weight: 30 },
      { kind: "REPORTING", weight: 20 },
      { kind: "REVIEW_PASS", weight: 10 },
      { kind: "INDICATOR_ATTAINMENT", weight: 15 },
      { kind: "TRAFFIC_LIGHT", weight: 10 },
      { kind: "RATING", weight: 10 },
      { kind: "NOTICES", weight: 5 },
    ])}'::jsonb FROM "Jurisdiction" j`);
  await run(`VACUUM (ANALYZE)`);
  const count = async (table: string) =>
    Number(
      (await db.$queryRawUnsafe<Array<{ n: bigint }>>(`SELECT count(*) AS n FROM "${table}"`))[0]!
        .n,
    );
  const out: Record<string, number> = {};
  for (const t of [
    "Department",
    "Task",
    "AnnualPlanItem",
    "LedgerEntry",
    "CycleDepartmentStat",
    "Indicator",
    "IndicatorObservation",
    "SupervisionNotice",
    "ScoreAdjustment",
  ])
    out[t] = await count(t);
  return out;
}

/** Builds the province, scores each county's 2026 once to warm up, then times the whole province. */
export async function runScoringBench(options: { units: number; url?: string; reuse?: boolean }) {
  const url = options.url ?? databaseUrl();
  const counties = Math.max(1, Math.ceil(options.units / UNITS_PER_COUNTY));
  if (!options.reuse) await recreateDatabase(url);
  const db = createDb({ connectionString: url, max: 4, applicationName: "duban-bench-scoring" });
  try {
    const t0 = performance.now();
    const rows = options.reuse ? {} : await build(db, counties);
    const buildMs = performance.now() - t0;
    const ids = (await db.jurisdiction.findMany({ select: { id: true } })).map((j) => j.id);
    // warm-up: one county (connections, Prisma's query plans)
    await computeScores(db, ids[0]!, "2026", NOW);
    const perCounty: number[] = [];
    let units = 0;
    const start = performance.now();
    for (const id of ids) {
      const t = performance.now();
      const { sheet } = await computeScores(db, id, "2026", NOW);
      perCounty.push(performance.now() - t);
      units += sheet.units.length;
    }
    const totalMs = performance.now() - start;
    // the same, every county loaded together (computeScoresMany: a dozen queries for the province)
    const startParallel = performance.now();
    const together = await computeScoresMany(db, ids, "2026", NOW);
    if (together.reduce((n, r) => n + r.sheet.units.length, 0) !== units)
      throw new Error("the province's sheets together differ from the counties' one by one");
    const parallelMs = performance.now() - startParallel;
    const q3 = performance.now();
    await computeScores(db, ids[0]!, "2026Q3", NOW);
    const quarterMs = performance.now() - q3;
    perCounty.sort((a, b) => a - b);
    const figures = {
      units,
      counties,
      rows,
      buildMs: Math.round(buildMs),
      provinceYearMs: Math.round(totalMs),
      provinceYearParallelMs: Math.round(parallelMs),
      loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
      perCountyMedianMs: Math.round(perCounty[Math.floor(perCounty.length / 2)]!),
      perCountyMaxMs: Math.round(perCounty.at(-1)!),
      oneCountyQuarterMs: Math.round(quarterMs),
      ratioToGoal: Math.round((Math.min(totalMs, parallelMs) / GOAL_MS) * 100) / 100,
    };
    console.log(`scoring a province's year: ${units} units in ${counties} counties`);
    console.table({
      "whole province, 2026 final, one county after another (ms)": figures.provinceYearMs,
      "whole province, loaded together (ms)": figures.provinceYearParallelMs,
      "per county, median / max (ms)": `${figures.perCountyMedianMs} / ${figures.perCountyMaxMs}`,
      "one county, 2026Q3 (ms)": figures.oneCountyQuarterMs,
      "× the 10 s goal (the better of the two)": figures.ratioToGoal,
      "load average (1, 5, 15 min)": figures.loadAverage.join(" / "),
      "seeding (ms)": figures.buildMs,
    });
    console.log(JSON.stringify(rows));
    return figures;
  } finally {
    await db.$disconnect();
  }
}

const direct = process.argv[1]?.endsWith("scoring.bench.ts");
if (direct) {
  const i = process.argv.indexOf("--units");
  const units = i >= 0 ? Number(process.argv[i + 1]) : 5_000;
  await runScoringBench({ units, reuse: process.argv.includes("--reuse") });
}
