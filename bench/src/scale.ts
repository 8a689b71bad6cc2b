import { createHash } from "node:crypto";

// The two data volumes the benchmark runs at, and the deterministic ids and logins the seed
// gives them, so the benchmark can find its plan, units and users without a manifest.

export type ScaleName = "province" | "county" | "tiny";

export type Scale = {
  name: ScaleName;
  /** 1 province, `cities` cities, then `jurisdictions - 1 - cities` counties split evenly among them; 0 cities: one county */
  jurisdictions: number;
  cities: number;
  departmentsPerJurisdiction: number;
  usersPerJurisdiction: number;
  plansPerJurisdiction: number;
  /** tasks of the one large plan (jurisdiction 0, plan 0): the worst case the read paths meet */
  largePlanTasks: number;
  /** tasks of every other plan */
  tasksPerPlan: number;
  indicatorsPerPlan: number;
  /**
   * 层层分解 (issue #19), with cities only: every `assignEvery`-th task of each city plan p (not
   * cancelled) is assigned to each of the city's counties, landing in the county's plan p; a
   * decomposed assignment becomes `tasksPerAssignment` county tasks, and every `subtaskEvery`-th of
   * those is decomposed again into `subtasks` tasks of the same plan (towns as units). The city's
   * first `indicatorShares` indicators of each plan are shared out the same way.
   */
  cascade: {
    assignEvery: number;
    tasksPerAssignment: number;
    subtaskEvery: number;
    subtasks: number;
    indicatorShares: number;
  };
};

const CASCADE = {
  assignEvery: 5,
  tasksPerAssignment: 2,
  subtaskEvery: 4,
  subtasks: 3,
  indicatorShares: 2,
};

export const SCALES: Record<ScaleName, Scale> = {
  // 100 jurisdictions (1 province, 9 cities of 10 counties each), 1,000 plans, 100,000 tasks of the
  // plans' own and about 50,000 more from the cascade, 5,000 units, 20,000 users, 20,000 indicators
  province: {
    name: "province",
    jurisdictions: 100,
    cities: 9,
    departmentsPerJurisdiction: 50,
    usersPerJurisdiction: 200,
    plansPerJurisdiction: 10,
    largePlanTasks: 5_000,
    tasksPerPlan: 95,
    indicatorsPerPlan: 20,
    cascade: CASCADE,
  },
  // one county: 10 plans, 1,000 tasks, 50 units, 200 users, 200 indicators
  county: {
    name: "county",
    jurisdictions: 1,
    cities: 0,
    departmentsPerJurisdiction: 50,
    usersPerJurisdiction: 200,
    plansPerJurisdiction: 10,
    largePlanTasks: 100,
    tasksPerPlan: 100,
    indicatorsPerPlan: 20,
    cascade: CASCADE,
  },
  // bench:smoke: a province, one city and its two counties, with the cascade (every path, in seconds)
  tiny: {
    name: "tiny",
    jurisdictions: 4,
    cities: 1,
    departmentsPerJurisdiction: 20,
    usersPerJurisdiction: 30,
    plansPerJurisdiction: 3,
    largePlanTasks: 200,
    tasksPerPlan: 40,
    indicatorsPerPlan: 5,
    cascade: CASCADE,
  },
};

export function parseScale(argv: string[]): Scale {
  const i = argv.indexOf("--scale");
  const name =
    (i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith("--scale="))?.slice(8)) ?? "province";
  if (name !== "province" && name !== "county" && name !== "tiny")
    throw new Error(`--scale must be province, county or tiny, not ${name}`);
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

/** The jurisdictions' tree: 0 the province, 1…cities the cities, then the counties (round robin over the cities). */
export function cityOfCounty(s: Scale, j: number): number {
  return 1 + ((j - s.cities - 1) % s.cities);
}
export function countiesOfCity(s: Scale, city: number): number[] {
  const out: number[] = [];
  for (let j = s.cities + 1; j < s.jurisdictions; j++) if (cityOfCounty(s, j) === city) out.push(j);
  return out;
}

/** Users per jurisdiction: 0–1 office, 2–3 leaders, 4… staff of unit (k − 4) mod departments. */
export const emails = {
  office: (j: number) => `u${j}-0@bench.duban.test`,
  leader: (j: number) => `u${j}-2@bench.duban.test`,
  staff: (j: number, k: number) => `u${j}-${k}@bench.duban.test`,
};
