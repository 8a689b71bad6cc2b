import { createHash } from "node:crypto";

// The two data volumes the benchmark runs at, and the deterministic ids and logins the seed
// gives them, so the benchmark can find its plan, units and users without a manifest.

export type ScaleName = "province" | "county";

export type Scale = {
  name: ScaleName;
  jurisdictions: number;
  departmentsPerJurisdiction: number;
  usersPerJurisdiction: number;
  plansPerJurisdiction: number;
  /** tasks of the one large plan (jurisdiction 0, plan 0): the worst case the read paths meet */
  largePlanTasks: number;
  /** tasks of every other plan */
  tasksPerPlan: number;
  indicatorsPerPlan: number;
};

export const SCALES: Record<ScaleName, Scale> = {
  // 100 jurisdictions, 1,000 plans, 100,000 tasks, 5,000 units, 20,000 users, 20,000 indicators
  province: {
    name: "province",
    jurisdictions: 100,
    departmentsPerJurisdiction: 50,
    usersPerJurisdiction: 200,
    plansPerJurisdiction: 10,
    largePlanTasks: 5_000,
    tasksPerPlan: 95,
    indicatorsPerPlan: 20,
  },
  // one county: 10 plans, 1,000 tasks, 50 units, 200 users, 200 indicators
  county: {
    name: "county",
    jurisdictions: 1,
    departmentsPerJurisdiction: 50,
    usersPerJurisdiction: 200,
    plansPerJurisdiction: 10,
    largePlanTasks: 100,
    tasksPerPlan: 100,
    indicatorsPerPlan: 20,
  },
};

export function parseScale(argv: string[]): Scale {
  const i = argv.indexOf("--scale");
  const name =
    (i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith("--scale="))?.slice(8)) ?? "province";
  if (name !== "province" && name !== "county")
    throw new Error(`--scale must be province or county, not ${name}`);
  return SCALES[name];
}

export const BENCH_DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/duban_bench";
export const BENCH_PASSWORD = "bench-password-2026";

/** 20 quarters, 2022Q1 … 2026Q4; the last one is open on the seed's "today" (2026-11-23). */
export const PLAN_START_YEAR = 2022;
export const PLAN_END_YEAR = 2026;
export const QUARTERS = 20;
export const OPEN_PERIOD = "2026Q4";

/** md5-based version-4 uuids, computed the same way by _bench_uuid(key) in the seed's SQL. */
export function benchUuid(key: string): string {
  const md5 = createHash("md5").update(key).digest("hex");
  const h = `${md5.slice(0, 12)}4${md5.slice(13, 16)}8${md5.slice(17)}`;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const ids = {
  jurisdiction: (j: number) => benchUuid(`j:${j}`),
  department: (j: number, k: number) => benchUuid(`d:${j}:${k}`),
  plan: (j: number, p: number) => benchUuid(`p:${j}:${p}`),
};

/** Users per jurisdiction: 0–1 office, 2–3 leaders, 4… staff of unit (k − 4) mod departments. */
export const emails = {
  office: (j: number) => `u${j}-0@bench.duban.test`,
  leader: (j: number) => `u${j}-2@bench.duban.test`,
  staff: (j: number, k: number) => `u${j}-${k}@bench.duban.test`,
};
