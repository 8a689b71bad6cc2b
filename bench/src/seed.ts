// `pnpm bench:seed --scale province|county`: drops and recreates the benchmark database, applies
// the committed migrations (every index, constraint and trigger production has), and loads the
// volume with set-based SQL (INSERT … SELECT over generate_series). Ids are md5(key) as uuids so the
// benchmark can name its plan, units and users (see scale.ts). No audit rows: the AuditEvent
// chain trigger serialises inserts, and the read paths never read them.
import path from "node:path";
import { fileURLToPath } from "node:url";

import { applyMigrations, createDb, type Db } from "@duban/db";
import { hashPassword } from "@duban/domain";

import { cascadeIndicatorSteps, cascadeTaskSteps, type Step } from "./seed-cascade.ts";
import {
  BENCH_DATABASE_URL,
  BENCH_PASSWORD,
  OPEN_PERIOD,
  parseScale,
  PLAN_END_YEAR,
  PLAN_START_YEAR,
  QUARTERS,
  type Scale,
} from "./scale.ts";

const periodSql = (q: string) =>
  `(${PLAN_START_YEAR} + (${q} - 1) / 4)::text || 'Q' || ((${q} - 1) % 4 + 1)::text`;
const quarterStartSql = (q: string) =>
  `make_date(${PLAN_START_YEAR} + (${q} - 1) / 4, ((${q} - 1) % 4) * 3 + 1, 1)`;

/** Drops and recreates the database at `url` (its name must contain "bench") and applies the migrations. */
export async function recreateDatabase(url: string): Promise<void> {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.slice(1));
  if (!/bench/i.test(name))
    throw new Error(
      `refusing to drop "${name}": the benchmark database's name must contain "bench" (set BENCH_DATABASE_URL)`,
    );
  parsed.pathname = "/postgres";
  const admin = createDb({
    connectionString: parsed.toString(),
    max: 1,
    applicationName: "duban-bench-seed",
  });
  try {
    await admin.$executeRawUnsafe(
      `DROP DATABASE IF EXISTS "${name.replaceAll('"', '""')}" WITH (FORCE)`,
    );
  } finally {
    await admin.$disconnect();
  }
  await applyMigrations(url);
}

function steps(s: Scale, passwordHash: string): Step[] {
  const J = s.jurisdictions,
    D = s.departmentsPerJurisdiction,
    U = s.usersPerJurisdiction,
    P = s.plansPerJurisdiction;
  // 0 the province, 1…C the cities, the rest counties round robin over the cities (cityOfCounty)
  const C = s.cities;
  const kind =
    C === 0
      ? `'COUNTY'`
      : `CASE WHEN j = 0 THEN 'PROVINCE' WHEN j <= ${C} THEN 'CITY' ELSE 'COUNTY' END`;
  const parent =
    C === 0
      ? `NULL`
      : `CASE WHEN j = 0 THEN NULL WHEN j <= ${C} THEN _bench_uuid('j:0') ELSE _bench_uuid('j:' || (1 + (j - ${C + 1}) % ${C})) END`;
  const out: Step[] = [
    // md5 as an RFC 4122 version-4 uuid (the API validates ids), the same as benchUuid in scale.ts
    {
      label: "scratch",
      sql: `CREATE OR REPLACE FUNCTION _bench_uuid(key text) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$ SELECT overlay(overlay(md5(key) placing '4' from 13) placing '8' from 17)::uuid $$`,
    },
    {
      label: "jurisdictions",
      sql: `INSERT INTO "Jurisdiction" (id, name, kind, "parentId") SELECT _bench_uuid('j:' || j), '基准辖区' || j, (${kind})::"JurisdictionKind", ${parent} FROM generate_series(0, ${J - 1}) j`,
    },
    {
      label: "departments",
      sql: `INSERT INTO "Department" (id, "jurisdictionId", name, "shortName", "contactEmails", keywords, "updatedAt")
            SELECT _bench_uuid('d:' || j || ':' || k), _bench_uuid('j:' || j), '基准辖区' || j || '第' || k || '责任单位', '单位' || k,
                   ARRAY['dept' || j || '-' || k || '@bench.duban.test'], '{}', now()
              FROM generate_series(0, ${J - 1}) j, generate_series(0, ${D - 1}) k`,
    },
    {
      label: "users",
      sql: `INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt")
            SELECT _bench_uuid('u:' || j || ':' || k), 'u' || j || '-' || k || '@bench.duban.test', '用户' || j || '-' || k, $1, now()
              FROM generate_series(0, ${J - 1}) j, generate_series(0, ${U - 1}) k`,
      params: [passwordHash],
    },
    {
      label: "memberships",
      sql: `INSERT INTO "Membership" (id, "userId", "jurisdictionId", role, "departmentId")
            SELECT _bench_uuid('m:' || j || ':' || k), _bench_uuid('u:' || j || ':' || k), _bench_uuid('j:' || j),
                   (CASE WHEN k < 2 THEN 'OFFICE' WHEN k < 4 THEN 'LEADER' ELSE 'DEPARTMENT' END)::"Role",
                   CASE WHEN k < 4 THEN NULL ELSE _bench_uuid('d:' || j || ':' || ((k - 4) % ${D})) END
              FROM generate_series(0, ${J - 1}) j, generate_series(0, ${U - 1}) k`,
    },
    { label: "scratch", sql: `DROP TABLE IF EXISTS _bench_plan` },
    {
      label: "scratch",
      sql: `CREATE TABLE _bench_plan AS SELECT j, p, _bench_uuid('p:' || j || ':' || p) AS id, _bench_uuid('j:' || j) AS jid,
                   CASE WHEN j = 0 AND p = 0 THEN ${s.largePlanTasks} ELSE ${s.tasksPerPlan} END AS ntasks
              FROM generate_series(0, ${J - 1}) j, generate_series(0, ${P - 1}) p`,
    },
    {
      label: "plans",
      sql: `INSERT INTO "Plan" (id, "jurisdictionId", title, "periodStart", "periodEnd", status, "sourceFileName", "sourceFormat", "sourceHash", "sourceText", "parserVersion", "parseResult", "updatedAt", "activatedAt")
            SELECT id, jid, '基准辖区' || j || '“十四五”规划' || p, ${PLAN_START_YEAR}, ${PLAN_END_YEAR}, 'ACTIVE', 'bench-' || j || '-' || p || '.txt', 'txt',
                   md5('src:' || j || ':' || p), '', 1, '{}'::jsonb, now(), now()
              FROM _bench_plan`,
    },
    {
      label: "phases",
      sql: `INSERT INTO "Phase" (id, "planId", key, name, "order", "startDate", "endDate")
            SELECT _bench_uuid('ph:' || b.j || ':' || b.p || ':' || n), b.id, 'phase' || n, (ARRAY['启动实施', '中期评估', '全面推进', '总结收官'])[n], n,
                   (ARRAY[date '2022-01-01', date '2023-01-01', date '2024-01-01', date '2025-07-01'])[n],
                   (ARRAY[date '2022-12-31', date '2023-12-31', date '2025-06-30', date '2026-12-31'])[n]
              FROM _bench_plan b, generate_series(1, 4) n`,
    },
    {
      label: "plan nodes",
      sql: `INSERT INTO "PlanNode" (id, "planId", kind, code, number, title, body, "order", "lineStart", "lineEnd")
            SELECT _bench_uuid('n:' || b.j || ':' || b.p || ':' || i), b.id, 'ITEM', '四.（' || (i / 100 + 1) || '）.' || i, i::text, '重点任务' || i, '', i, i, i
              FROM _bench_plan b, generate_series(1, b.ntasks) i`,
    },
    {
      label: "tasks",
      sql: `INSERT INTO "Task" (id, "planId", "sourceNodeId", title, description, "leadDepartmentId", "phaseId", "startDate", "dueDate", "originalDueDate", status, progress, "completedAt", "updatedAt")
            SELECT _bench_uuid('t:' || x.j || ':' || x.p || ':' || x.i), x.id, _bench_uuid('n:' || x.j || ':' || x.p || ':' || x.i),
                   '推进第' || x.i || '项重点任务：' || (ARRAY['建设创新平台', '培育科技型企业', '推动成果转化', '引进高层次人才', '完善科技金融'])[x.i % 5 + 1],
                   '', _bench_uuid('d:' || x.j || ':' || ((x.i * 7 + x.p) % ${D})), _bench_uuid('ph:' || x.j || ':' || x.p || ':' || (x.i % 4 + 1)),
                   x.start, x.due, CASE WHEN x.i % 25 = 0 THEN x.due - 30 ELSE x.due END, x.status::"TaskStatus",
                   CASE x.status WHEN 'COMPLETED' THEN 100 WHEN 'NOT_STARTED' THEN 0 ELSE (x.i * 17) % 100 END,
                   CASE WHEN x.status = 'COMPLETED' THEN x.due::timestamp ELSE NULL END, now()
              FROM (
                SELECT b.j, b.p, b.id, i, d.start, d.start + 180 + (i * 37) % 1600 AS due,
                       CASE WHEN i % 50 = 0 THEN 'CANCELLED'
                            WHEN d.start + 180 + (i * 37) % 1600 < date '2026-06-30' AND i % 4 <> 0 THEN 'COMPLETED'
                            WHEN i % 9 = 0 THEN 'NOT_STARTED' ELSE 'IN_PROGRESS' END AS status
                  FROM _bench_plan b, generate_series(1, b.ntasks) i, LATERAL (SELECT date '2022-01-01' + (i * 13) % 365 AS start) d
              ) x`,
    },
    {
      label: "supporting units",
      sql: `INSERT INTO "TaskSupport" ("taskId", "departmentId")
            SELECT _bench_uuid('t:' || b.j || ':' || b.p || ':' || i), _bench_uuid('d:' || b.j || ':' || ((i * 7 + b.p + o) % ${D}))
              FROM _bench_plan b, generate_series(1, b.ntasks) i, generate_series(1, 2) o
             WHERE (o = 1 AND i % 3 = 0) OR (o = 2 AND i % 5 = 0)`,
    },
    {
      label: "reporting cycles",
      sql: `INSERT INTO "ReportingCycle" (id, "planId", period, "opensAt", "dueAt", "closesAt", state, "openedAt", "closedAt")
            SELECT _bench_uuid('c:' || b.j || ':' || b.p || ':' || q), b.id, ${periodSql("q")},
                   (${quarterStartSql("q")})::timestamp AT TIME ZONE 'Asia/Shanghai',
                   ((${quarterStartSql("q")} + interval '3 months' + interval '10 days')::timestamp AT TIME ZONE 'Asia/Shanghai') - interval '1 second',
                   ((${quarterStartSql("q")} + interval '3 months' + interval '15 days')::timestamp AT TIME ZONE 'Asia/Shanghai') - interval '1 second',
                   (CASE WHEN ${periodSql("q")} = '${OPEN_PERIOD}' THEN 'OPEN' ELSE 'CLOSED' END)::"CycleState",
                   (${quarterStartSql("q")})::timestamp AT TIME ZONE 'Asia/Shanghai',
                   CASE WHEN ${periodSql("q")} = '${OPEN_PERIOD}' THEN NULL ELSE ((${quarterStartSql("q")} + interval '3 months' + interval '15 days')::timestamp AT TIME ZONE 'Asia/Shanghai') END
              FROM _bench_plan b, generate_series(1, ${QUARTERS}) q`,
    },
    ...cascadeTaskSteps(s),
  ];
  // 台账: every open task's lead unit for each closed quarter; supporting units in the last two
  // quarters; the open quarter half reported (the other half is what ledger.submit writes).
  for (let q = 1; q <= QUARTERS; q++) {
    const open = q === QUARTERS;
    const common = (
      dept: string,
      rev: string,
      current: string,
      review: string,
      key: string,
      extra = "",
    ) => `
      INSERT INTO "LedgerEntry" (id, "taskId", "cycleId", period, "departmentId", revision, "isCurrent", "progressText", "percentComplete", status, problems, "nextSteps", "submittedAt", late, "reviewState", "reviewedAt")
      SELECT _bench_uuid(t.id::text || c.id::text || ${dept}::text || '${key}'), t.id, c.id, c.period, ${dept}, ${rev}, ${current},
             '本季度按计划推进，完成阶段性工作，形成进展材料并报送。', least(99, ${q} * 5), 'IN_PROGRESS', '', '继续推进',
             c."dueAt" - interval '3 days' + (CASE WHEN abs(hashtext(t.id::text)) % 7 = 0 THEN interval '4 days' ELSE interval '0' END),
             abs(hashtext(t.id::text)) % 7 = 0, '${review}'::"ReviewState", ${review === "SUBMITTED" ? "NULL" : `c."dueAt"`}
        FROM "Task" t JOIN "ReportingCycle" c ON c."planId" = t."planId" AND c.period = ${periodSql(String(q))} ${extra}`;
    out.push({
      label: `ledger ${q}/${QUARTERS}`,
      sql: `${common(`t."leadDepartmentId"`, "1", "true", open ? "SUBMITTED" : "APPROVED", "lead", `WHERE t.status <> 'CANCELLED'${open ? " AND abs(hashtext(t.id::text)) % 2 = 0" : ""} AND (t.source = 'PLAN' OR t."startDate" < c."dueAt")`)}`,
    });
    if (q >= QUARTERS - 1) {
      out.push({
        label: `ledger ${q}/${QUARTERS} (supporting units)`,
        sql: common(
          `ts."departmentId"`,
          "1",
          "true",
          open ? "SUBMITTED" : "APPROVED",
          "support",
          `JOIN "TaskSupport" ts ON ts."taskId" = t.id WHERE t.status <> 'CANCELLED' AND abs(hashtext(t.id::text)) % 3 = 0`,
        ),
      });
    }
  }
  out.push(
    {
      label: "ledger amendments",
      // a revision 2 for 5 % of the last closed quarter's lead entries; revision 1 stays as history
      sql: `WITH old AS (
              UPDATE "LedgerEntry" e SET "isCurrent" = false, version = version + 1
               WHERE e.period = ${periodSql(String(QUARTERS - 1))} AND e.revision = 1 AND abs(hashtext(e.id::text)) % 20 = 0
               RETURNING e.*)
            INSERT INTO "LedgerEntry" (id, "taskId", "cycleId", period, "departmentId", revision, "isCurrent", "supersedesId", "progressText", "percentComplete", status, problems, "nextSteps", "submittedAt", late, "reviewState", "reviewedAt")
            SELECT _bench_uuid(old.id::text || 'r2'), "taskId", "cycleId", period, "departmentId", 2, true, old.id, "progressText" || '（修改）', "percentComplete", status, problems, "nextSteps", "submittedAt" + interval '1 day', late, 'APPROVED', "reviewedAt" FROM old`,
    },
    {
      label: "cycle department stats",
      sql: `INSERT INTO "CycleDepartmentStat" ("cycleId", "departmentId", expected, submitted, "onTime", late)
            SELECT e."cycleId", e."departmentId", count(*), count(*), count(*) FILTER (WHERE NOT e.late), count(*) FILTER (WHERE e.late)
              FROM "LedgerEntry" e JOIN "ReportingCycle" c ON c.id = e."cycleId" AND c.state = 'CLOSED'
             WHERE e."isCurrent" GROUP BY 1, 2`,
    },
    {
      label: "indicators",
      sql: `INSERT INTO "Indicator" (id, "planId", number, name, unit, category, "baselineYear", "baselineValue", "targetYear", "targetValue", direction, nature, trajectory, accumulation, "responsibleDepartmentId", "updatedAt")
            SELECT _bench_uuid('i:' || b.j || ':' || b.p || ':' || n), b.id, n, '基准指标' || n, '个', '创新能力', ${PLAN_START_YEAR - 1}, 100 + n,
                   ${PLAN_END_YEAR}, CASE WHEN n % 5 = 0 THEN 80 + n ELSE (100 + n) * 1.5 END,
                   (CASE WHEN n % 5 = 0 THEN 'DECREASE' ELSE 'INCREASE' END)::"IndicatorDirection",
                   (CASE WHEN n % 4 = 0 THEN 'BINDING' ELSE 'EXPECTED' END)::"IndicatorNature",
                   (CASE WHEN n % 3 = 0 THEN 'COMPOUND' ELSE 'LINEAR' END)::"TrajectoryMethod", 'LEVEL',
                   _bench_uuid('d:' || b.j || ':' || (n % ${D})), now()
              FROM _bench_plan b, generate_series(1, ${s.indicatorsPerPlan}) n`,
    },
    ...cascadeIndicatorSteps(s),
    {
      label: "indicator observations",
      // 19 quarterly values per indicator plus one superseded correction: 20 rows each
      sql: `INSERT INTO "IndicatorObservation" (id, "indicatorId", period, value, source, "departmentId", "reportedAt", "supersededAt")
            SELECT _bench_uuid(i.id::text || ':' || q || ':' || v), i.id, ${periodSql("q")},
                   round((i."baselineValue" + (i."targetValue" - i."baselineValue") * q / ${QUARTERS}.0 * (0.85 + (abs(hashtext(i.id::text || q)) % 30) / 100.0) + v)::numeric, 2),
                   '统计局', i."responsibleDepartmentId", (${quarterStartSql("q")} + interval '3 months' + interval '5 days')::timestamp + v * interval '1 day',
                   CASE WHEN v = 0 AND q = ${QUARTERS - 1} THEN (${quarterStartSql("q")} + interval '3 months' + interval '6 days')::timestamp ELSE NULL END
              FROM "Indicator" i, generate_series(1, ${QUARTERS - 1}) q, generate_series(0, 1) v
             WHERE v = 1 OR q = ${QUARTERS - 1}`,
    },
    {
      // the maintained roll-ups recounted whole for today (the triggers kept them through the bulk
      // statements already; this makes them right whatever order those ran in)
      label: "roll-ups recounted",
      sql: `SELECT count(duban_refresh_plan_unit_rollups(id, duban_today())) FROM "Plan"`,
    },
    { label: "scratch", sql: `DROP TABLE _bench_plan` },
    { label: "scratch", sql: `DROP FUNCTION _bench_uuid(text)` },
  );
  return out;
}

export async function seed(
  scale: Scale,
  url = BENCH_DATABASE_URL,
  log: (line: string) => void = console.log,
): Promise<{ seconds: number; counts: Record<string, number> }> {
  const started = performance.now();
  log(`seeding ${scale.name} scale into ${url.replace(/\/\/[^@]*@/, "//")}`);
  await recreateDatabase(url);
  const db: Db = createDb({ connectionString: url, max: 2, applicationName: "duban-bench-seed" });
  try {
    // one argon2 hash for every user: hashing 20,000 passwords would take minutes
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    for (const step of steps(scale, passwordHash)) {
      const t = performance.now();
      const rows = await db.$executeRawUnsafe(step.sql, ...(step.params ?? []));
      if (step.label !== "scratch")
        log(
          `  ${step.label.padEnd(34)} ${String(rows).padStart(9)} rows  ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s`,
        );
    }
    const t = performance.now();
    await db.$executeRawUnsafe("VACUUM (ANALYZE)");
    log(
      `  ${"vacuum analyze".padEnd(34)} ${"".padStart(9)}       ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s`,
    );
    const tables = [
      "Jurisdiction",
      "Department",
      "User",
      "Plan",
      "Task",
      "Assignment",
      "PlanUnitRollup",
      "TaskSupport",
      "ReportingCycle",
      "LedgerEntry",
      "Indicator",
      "IndicatorObservation",
    ];
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const [row] = await db.$queryRawUnsafe<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM "${table}"`,
      );
      counts[table] = row?.n ?? 0;
    }
    const seconds = (performance.now() - started) / 1000;
    log(
      `seeded in ${seconds.toFixed(1)} s: ${Object.entries(counts)
        .map(([k, v]) => `${k} ${v.toLocaleString("en")}`)
        .join(", ")}`,
    );
    return { seconds, counts };
  } finally {
    await db.$disconnect();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await seed(parseScale(process.argv.slice(2)));
}
