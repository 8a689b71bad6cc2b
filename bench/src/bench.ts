// `pnpm bench [--scale province|county] [--quick]`: the read paths through the real HTTP tRPC API
// (the api app as a child process) at 1 and 20 concurrent users beside a hand-written SQL floor,
// ledger.submit throughput, the monitoring jobs, email throughput through the worker, and the
// peak RSS of the api and worker processes. One table on stdout; JSON in bench/results/.
import { mkdirSync, writeFileSync } from "node:fs";
import net from "node:net";
import { cpus, loadavg, totalmem } from "node:os";
import path from "node:path";

import { applyMigrations, createDb, type Db } from "@duban/db";
import { lastEndedPeriod, shanghaiDay } from "@duban/domain";
import { createQueue, JOB_NAMES, runJob, type JobContext, type JobName } from "@duban/jobs";
import { createLogger } from "@duban/logger";

import { cockpitFloor } from "./cockpit-floor.ts";
import { completionFloor, indicatorFloor, ledgerGridFloor, taskListFloor } from "./floors.ts";
import { repoRoot, startApi, startWorker, type Child } from "./processes.ts";
import { startRoundRobinProxy, type Proxy } from "./proxy.ts";
import {
  BENCH_DATABASE_URL,
  BENCH_PASSWORD,
  countiesOfCity,
  emails,
  ids,
  OPEN_PERIOD,
  parseScale,
  SCALES,
  type Scale,
  type ScaleName,
} from "./scale.ts";
import { startSmtpSink } from "./smtp-sink.ts";
import { measure, round, summarize, type Latency } from "./stats.ts";
import { login, type Session } from "./trpc-http.ts";

const REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const USERS = 20;

type ReadRow = {
  name: string;
  api1: Latency;
  api20: Latency;
  floor1: Latency;
  floor20: Latency;
  ratio1: number;
  ratio20: number;
  payloadKb: number;
  /** every call right after a change to the plan's data, so the api's read cache cannot answer */
  uncached1: Latency;
  uncached20: Latency;
  uncachedRatio1: number;
  uncachedRatio20: number;
  /** 20 users who pause 0.5–1.5 s between requests (people reading a page), cached and right after a change */
  paced20: Latency;
  pacedUncached20: Latency;
};

export type BenchOptions = {
  quick: boolean;
  readsOnly?: boolean;
  databaseUrl?: string;
  log?: (line: string) => void;
  /** what to run (default all): read paths by name, `submit` (ledger.submit), `jobs` (jobs and emails) */
  paths?: PathName[];
  /** api (and worker) process counts to run the read paths with, e.g. [1, 2]; more than one api goes behind a round-robin proxy */
  apis?: number[];
};

export const READ_PATHS = ["overview", "grid", "tasks", "indicators", "cockpit"] as const;
export const PATHS = [...READ_PATHS, "submit", "jobs"] as const;
export type PathName = (typeof PATHS)[number];

/** The read paths of one api configuration, with the api processes' peak memory. */
type ApisRun = {
  apis: number;
  reads: ReadRow[];
  /** per api process, MB (VmHWM) */
  apiPeakRssMb: number[];
  workerPeakRssMb: number[];
  /** requests each api answered through the proxy (more than one api) */
  proxied?: number[];
};

export async function runBench(scaleName: ScaleName, options: BenchOptions) {
  const log = options.log ?? ((line: string) => console.error(line));
  const databaseUrl = options.databaseUrl ?? BENCH_DATABASE_URL;
  const scale = SCALES[scaleName];
  const paths = new Set<PathName>(
    options.paths ?? (options.readsOnly ? [...READ_PATHS] : [...PATHS]),
  );
  const apiCounts = options.apis ?? [1];
  const iterations = options.quick
    ? { warm: 1, one: 3, twenty: 1 }
    : { warm: 5, one: 100, twenty: 20 };
  const planId = ids.plan(0, 0);
  const today = shanghaiDay(new Date());
  // a database seeded by an older version gets the newer migrations first
  await applyMigrations(databaseUrl);
  const db: Db = createDb({
    connectionString: databaseUrl,
    max: USERS,
    applicationName: "duban-bench",
  });
  const sink = await startSmtpSink();
  const queuePrefix = `duban-bench-${process.pid}`;
  const children: Child[] = [];
  let proxy: Proxy | undefined;
  const result: Record<string, unknown> = {
    scale: scaleName,
    quick: options.quick,
    paths: [...paths],
    at: new Date().toISOString(),
    asOf: today,
  };
  try {
    // leftovers of an earlier run: the open quarter's benchmark submissions and the outbox
    await db.$executeRawUnsafe(
      `DELETE FROM "LedgerEntry" WHERE "submittedById" IS NOT NULL AND period = $1`,
      OPEN_PERIOD,
    );
    // (with the channel deliveries that reference it, issue #20)
    await db.$executeRawUnsafe(`TRUNCATE "ChannelDelivery", "Notification"`);
    // every run churns these tables, and this machine's PostgreSQL runs with autovacuum off: without
    // this, dead rows pile up run after run (2.5 GB of them in Notification once) and every job slows
    for (const table of ["Notification", "LedgerEntry", "PlanDataVersion", "Session", "JobRun"])
      await db.$executeRawUnsafe(`VACUUM (ANALYZE) "${table}"`);
    const [{ tasks } = { tasks: 0 }] = await db.$queryRawUnsafe<Array<{ tasks: number }>>(
      `SELECT count(*)::int AS tasks FROM "Task" WHERE "planId" = $1::uuid`,
      planId,
    );
    if (!tasks)
      throw new Error(
        `no benchmark data in ${databaseUrl}: run pnpm bench:seed --scale ${scaleName} first`,
      );
    result.machine = await machine(db);
    result.planTasks = tasks;
    const runs: ApisRun[] = [];
    result.runs = runs;

    for (const [runIndex, apiCount] of apiCounts.entries()) {
      // n api processes (behind a round-robin proxy when n > 1) and n workers, one PostgreSQL and one
      // Redis: the compose file's stack scaled to n
      const apis: Array<Child & { url: string }> = [];
      for (let n = 0; n < apiCount; n++) {
        const api = await startApi(databaseUrl, REDIS_URL);
        children.push(api);
        apis.push(api);
      }
      const workers: Child[] = [];
      for (let n = 0; n < apiCount; n++) {
        const worker = await startWorker(databaseUrl, REDIS_URL, sink.url, queuePrefix);
        children.push(worker);
        workers.push(worker);
      }
      proxy = apiCount > 1 ? await startRoundRobinProxy(apis.map((a) => a.url)) : undefined;
      const baseUrl = proxy?.url ?? apis[0]!.url;
      log(
        `${apiCount} api(s) ${apis.map((a) => `${a.url} (pid ${a.proc.pid})`).join(", ")}${proxy ? ` behind ${proxy.url}` : ""}, worker pid(s) ${workers.map((w) => w.proc.pid).join(", ")}, plan ${planId} with ${tasks} tasks`,
      );
      const apiPeak = () => Math.max(...apis.map((a) => a.peakRssMb()));
      // the api's peak resident set after each phase, to tell which one sets it
      const apiPeaks: Record<string, number> = { started: apiPeak() };
      if (runIndex === 0) result.apiPeakRssByPhase = apiPeaks;
      else result[`apiPeakRssByPhase${apiCount}`] = apiPeaks;

      const sessions = await loginAll(baseUrl, scale, paths).catch((error: unknown) => {
        for (const a of apis) log(`api ${a.proc.pid} said:\n${a.output().slice(-3000)}`);
        throw error;
      });
      apiPeaks[`${sessions.count} logins`] = apiPeak();
      const reads: ReadRow[] = [];
      for (const scenario of scenarios(db, scale, sessions, today).filter((x) =>
        paths.has(x.path),
      )) {
        const row = await measureRead(
          scenario,
          options.quick ? iterations : (scenario.samples ?? iterations),
          log,
        );
        reads.push(row);
        apiPeaks[scenario.name.split(" ")[0]! + (scenario.variant ?? "")] = apiPeak();
      }
      runs.push({
        apis: apiCount,
        reads,
        apiPeakRssMb: apis.map((a) => a.peakRssMb()),
        workerPeakRssMb: workers.map((w) => w.peakRssMb()),
        proxied: proxy?.counts(),
      });
      if (runIndex === 0) result.reads = reads;
      log(`  api peak RSS by phase (MB): ${JSON.stringify(apiPeaks)}`);

      if (runIndex === 0 && (paths.has("submit") || paths.has("jobs"))) {
        await otherPaths(db, result, {
          paths,
          staff: sessions.staff,
          today,
          planId,
          options,
          log,
          received: sink.received,
        });
        apiPeaks["ledger.submit, jobs"] = apiPeak();
      }
      result.peakRssMb = {
        api: Math.max(...runs.flatMap((r) => r.apiPeakRssMb)),
        worker: Math.max(...runs.flatMap((r) => r.workerPeakRssMb)),
      };
      await proxy?.close();
      proxy = undefined;
      for (const c of [...apis, ...workers]) await c.stop();
      // the final peaks, read as they exit
      runs[runs.length - 1]!.apiPeakRssMb = apis.map((a) => a.peakRssMb());
      runs[runs.length - 1]!.workerPeakRssMb = workers.map((w) => w.peakRssMb());
    }
    result.peakRssMb = {
      api: Math.max(...runs.flatMap((r) => r.apiPeakRssMb)),
      worker: Math.max(...runs.flatMap((r) => r.workerPeakRssMb)),
    };
  } finally {
    await proxy?.close().catch(() => undefined);
    for (const c of children) await c.stop().catch(() => undefined);
    await sink.close();
    await db.$disconnect();
  }
  return finish(result, scaleName, options, log);
}

type Sessions = {
  count: number;
  /** the province's office and leaders (users 0–3), 5 sessions each: the plan pages' readers */
  readers: Session[];
  /** 20 staff of 20 units of the province */
  staff: Session[];
  /** the province's two leaders, 10 sessions each */
  provinceLeaders: Session[];
  /** the first city's two leaders, 10 sessions each */
  cityLeaders: Session[];
};

/** 20 simulated users per group, each from its own address (the per-address login limit). */
async function loginAll(baseUrl: string, scale: Scale, paths: Set<PathName>): Promise<Sessions> {
  const run = Math.floor(Math.random() * 200) + 20;
  // four at a time: 20 logins at once on a loaded machine starve the api's connection pool (each
  // login is a transaction after an argon2 check) and Prisma answers 500 "Unable to start a
  // transaction in the given time" (P2028); logins are setup here, not what is measured
  const group = async (n: number, email: (w: number) => string) => {
    const out: Session[] = [];
    for (let w = 0; w < USERS; w += 4)
      out.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(4, USERS - w) }, (_, i) =>
            login(baseUrl, email(w + i), BENCH_PASSWORD, `10.${run}.${n}.${w + i + 1}`),
          ),
        )),
      );
    return out;
  };
  const plan = ["overview", "tasks", "indicators"].some((p) => paths.has(p as PathName));
  const readers = plan ? await group(1, (w) => emails.staff(0, w % 4)) : [];
  const staff =
    paths.has("grid") || paths.has("submit") ? await group(2, (w) => emails.staff(0, 4 + w)) : [];
  const cockpit = paths.has("cockpit");
  const provinceLeaders = cockpit ? await group(3, (w) => emails.staff(0, 2 + (w % 2))) : [];
  // the first city (jurisdiction 1) when there are cities, else the county itself
  const cityLeaders =
    cockpit && scale.cities > 0 ? await group(4, (w) => emails.staff(1, 2 + (w % 2))) : [];
  return {
    count: readers.length + staff.length + provinceLeaders.length + cityLeaders.length,
    readers,
    staff,
    provinceLeaders,
    cityLeaders,
  };
}

type Scenario = {
  path: (typeof READ_PATHS)[number];
  name: string;
  variant?: string;
  sessions: Session[];
  read: (w: number) => [path: string, input: unknown];
  floor: (w: number) => Promise<unknown>;
  /** what any committed change to the data the page shows does to its cached answers */
  changed: () => Promise<unknown>;
  /**
   * fewer samples than the other paths (in full mode): an uncached answer costs seconds of CPU.
   * `cachedTwenty`: per user at 20 users for the cached reads, which cost milliseconds (3 per user
   * made the cached p95 the third slowest of 60 answers, and it moved by 50 ms run to run).
   */
  samples?: { warm: number; one: number; twenty: number; cachedTwenty?: number };
};

function scenarios(db: Db, scale: Scale, s: Sessions, today: string): Scenario[] {
  const planId = ids.plan(0, 0);
  const unit = (w: number) => ids.department(0, w);
  // the triggers' own statement after any write to a plan
  const planChanged = (plan: string) => () =>
    db.$executeRawUnsafe(`SELECT duban_bump_plan_versions(ARRAY[$1::uuid])`, plan);
  const out: Scenario[] = [
    {
      path: "overview",
      name: "overview.completion (plan, all units)",
      sessions: s.readers,
      read: () => ["overview.completion", { planId }],
      floor: () => db.$queryRawUnsafe(completionFloor, planId, today),
      changed: planChanged(planId),
    },
    {
      path: "grid",
      name: "ledger.grid (a unit's tasks × 20 quarters, page 1 of 20 rows)",
      sessions: s.staff,
      read: () => ["ledger.grid", { planId, page: 1, pageSize: 20 }],
      floor: (w) => db.$queryRawUnsafe(ledgerGridFloor, planId, unit(w)),
      changed: planChanged(planId),
    },
    {
      path: "tasks",
      name: "task.list (unit + LAGGING, page 1 of 50)",
      sessions: s.readers,
      read: (w) => [
        "task.list",
        { planId, departmentId: unit(w), schedule: "LAGGING", page: 1, pageSize: 50 },
      ],
      floor: (w) => db.$queryRawUnsafe(taskListFloor, planId, unit(w), today),
      changed: planChanged(planId),
    },
    {
      path: "indicators",
      name: "indicator.list (plan)",
      sessions: s.readers,
      read: () => ["indicator.list", { planId }],
      floor: () => db.$queryRawUnsafe(indicatorFloor, planId),
      changed: planChanged(planId),
    },
  ];
  // the cockpit: a change anywhere below shows, so "uncached" writes to a county's plan (the
  // deepest level, inside both the province's and the first city's cockpit)
  const counties = scale.cities > 0 ? countiesOfCity(scale, 1) : [0];
  const deepPlan = ids.plan(counties[0]!, 0);
  const cockpit = (who: string, variant: string, sessions: Session[], j: number): Scenario => ({
    path: "cockpit",
    name: `cockpit.summary (${who})`,
    variant,
    sessions,
    read: () => ["cockpit.summary", { jurisdictionId: ids.jurisdiction(j) }],
    floor: () =>
      db.$queryRawUnsafe(cockpitFloor, ids.jurisdiction(j), today, lastEndedPeriod(today)),
    changed: planChanged(deepPlan),
    samples:
      j === 0
        ? { warm: 2, one: 20, twenty: 3, cachedTwenty: 20 }
        : { warm: 2, one: 40, twenty: 5, cachedTwenty: 20 },
  });
  const plans = (j: number) => {
    const n = j === 0 ? scale.jurisdictions : 1 + countiesOfCity(scale, j).length;
    return `${n} jurisdiction${n > 1 ? "s" : ""}, ${(n * scale.plansPerJurisdiction).toLocaleString("en")} plans`;
  };
  if (s.provinceLeaders.length)
    out.push(
      cockpit(
        scale.cities > 0 ? `province leader, ${plans(0)}` : `county leader, ${plans(0)}`,
        "-province",
        s.provinceLeaders,
        0,
      ),
    );
  if (s.cityLeaders.length)
    out.push(cockpit(`city leader, ${plans(1)}`, "-city", s.cityLeaders, 1));
  return out;
}

const thinkTime = () => new Promise((r) => setTimeout(r, 500 + Math.random() * 1000));

/** One read path measured seven ways (see README, Method). */
async function measureRead(
  scenario: Scenario,
  iterations: { warm: number; one: number; twenty: number; cachedTwenty?: number },
  log: (line: string) => void,
): Promise<ReadRow> {
  const cachedTwenty = iterations.cachedTwenty ?? iterations.twenty;
  const sc = {
    ...scenario,
    api: (s: Session, w: number) => s.query(...scenario.read(w)),
    load: (s: Session, w: number) => s.load(...scenario.read(w)),
  };
  const payloadKb = round(JSON.stringify(await sc.api(sc.sessions[0]!, 0)).length / 1024);
  // every session once at least: the staff sessions are 20 units, 20 pages, and "cached" means
  // the steady state, not the first read of each unit's page
  for (let i = 0; i < Math.max(iterations.warm, sc.samples ? 0 : USERS); i++)
    await Promise.all([sc.api(sc.sessions[i % USERS]!, i % USERS), sc.floor(i % USERS)]);
  const api1 = await measure(1, iterations.one, () => sc.load(sc.sessions[0]!, 0));
  const floor1 = await measure(1, iterations.one, () => sc.floor(0));
  const api20 = await measure(USERS, cachedTwenty, (w) => sc.load(sc.sessions[w]!, w));
  const floor20 = await measure(USERS, iterations.twenty, (w) => sc.floor(w));
  const uncached1 = await measure(1, iterations.one, () => sc.load(sc.sessions[0]!, 0), sc.changed);
  const uncached20 = await measure(
    USERS,
    iterations.twenty,
    (w) => sc.load(sc.sessions[w]!, w),
    sc.changed,
  );
  const paced20 = await measure(USERS, cachedTwenty, (w) => sc.load(sc.sessions[w]!, w), thinkTime);
  const pacedUncached20 = await measure(
    USERS,
    iterations.twenty,
    (w) => sc.load(sc.sessions[w]!, w),
    async () => {
      await thinkTime();
      await sc.changed();
    },
  );
  const row: ReadRow = {
    name: sc.name,
    api1,
    api20,
    floor1,
    floor20,
    ratio1: round(api1.p95 / floor1.p95),
    ratio20: round(api20.p95 / floor20.p95),
    payloadKb,
    uncached1,
    uncached20,
    uncachedRatio1: round(uncached1.p95 / floor1.p95),
    uncachedRatio20: round(uncached20.p95 / floor20.p95),
    paced20,
    pacedUncached20,
  };
  log(
    `  ${sc.name}: p95 ${api1.p95} / ${api20.p95} ms, uncached ${uncached1.p95} / ${uncached20.p95} ms, paced 20u ${paced20.p95} / uncached ${pacedUncached20.p95} ms (floor ${floor1.p95} / ${floor20.p95} ms)`,
  );
  return row;
}

/** ledger.submit throughput, the monitoring jobs in process, emails through the worker(s). */
async function otherPaths(
  db: Db,
  result: Record<string, unknown>,
  c: {
    paths: Set<PathName>;
    staff: Session[];
    today: string;
    planId: string;
    options: BenchOptions;
    log: (line: string) => void;
    received: () => number;
  },
) {
  const { today, planId, options, log } = c;
  const queuePrefix = `duban-bench-${process.pid}`;
  if (c.paths.has("submit")) {
    result.ledgerSubmit = await ledgerSubmit(db, c.staff, options.quick ? 2 : 25);
    log(`  ledger.submit: ${JSON.stringify(result.ledgerSubmit)}`);
    await db.$executeRawUnsafe(
      `DELETE FROM "LedgerEntry" WHERE "submittedById" IS NOT NULL AND period = $1`,
      OPEN_PERIOD,
    );
  }
  if (!c.paths.has("jobs")) return;
  {
    // the jobs, in process through the jobs package (runJob, as the worker and "run now" call them)
    const queues = Object.fromEntries(
      JOB_NAMES.map((name) => [name, createQueue(name, { url: REDIS_URL }, queuePrefix)]),
    ) as Record<JobName, ReturnType<typeof createQueue>>;
    const ctx: JobContext = {
      db,
      log: createLogger("bench-jobs", { level: "silent" }),
      config: { baseUrl: "http://127.0.0.1:3000" },
      dispatch: async (name, data) => void (await queues[name].add(name, data)),
    };
    const jobs: Record<string, { ms: number; summary: unknown }> = {};
    const timeJob = async (label: string, name: JobName, data: Record<string, unknown>) => {
      // a run dated after today is refused unless dry: the clock is set to that day, as if it had come
      const at =
        typeof data.asOf === "string"
          ? { ...ctx, now: () => new Date(`${data.asOf as string}T09:00:00+08:00`) }
          : ctx;
      const t = performance.now();
      const out = await runJob(at, name, { trigger: "bench", ...data });
      jobs[label] = { ms: Math.round(performance.now() - t), summary: out.summary };
      log(`  ${label}: ${jobs[label].ms} ms ${JSON.stringify(out.summary).slice(0, 160)}`);
    };
    await timeJob("overdue-scan (dry run)", "overdue-scan", { dryRun: true });
    await timeJob("overdue-scan (scan + outbox)", "overdue-scan", { dryRun: false });
    // reminders on a day that has work: a week before the busiest open due date, and three days
    // before the open quarter's report deadline (every unit that has not reported is reminded)
    const [{ busiest } = { busiest: today }] = await db.$queryRawUnsafe<Array<{ busiest: string }>>(
      `SELECT to_char("dueDate" - 7, 'YYYY-MM-DD') AS busiest FROM "Task" WHERE status NOT IN ('COMPLETED', 'CANCELLED') AND "dueDate" > $1::date + 7 GROUP BY "dueDate" ORDER BY count(*) DESC, "dueDate" LIMIT 1`,
      today,
    );
    const [{ remindOn } = { remindOn: today }] = await db.$queryRawUnsafe<
      Array<{ remindOn: string }>
    >(
      `SELECT to_char(("dueAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date - 3, 'YYYY-MM-DD') AS "remindOn" FROM "ReportingCycle" WHERE state = 'OPEN' ORDER BY "dueAt" LIMIT 1`,
    );
    await timeJob(`due-soon-reminders (as of ${busiest})`, "due-soon-reminders", {
      dryRun: false,
      asOf: busiest,
    });
    await timeJob(`quarterly-cycle reminders (dry run, as of ${remindOn})`, "quarterly-cycle", {
      dryRun: true,
      asOf: remindOn,
    });
    await timeJob(`quarterly-cycle reminders (as of ${remindOn})`, "quarterly-cycle", {
      dryRun: false,
      asOf: remindOn,
    });
    await timeJob("quarterly-summary (plan, 50 units)", "quarterly-summary", {
      dryRun: false,
      planId,
      period: "2026Q3",
    });
    result.jobs = jobs;

    // emails: the worker drains the outbox the scan filled into the SMTP sink
    await queues["send-notifications"].add("send-notifications", { trigger: "bench" });
    result.emails = await emailRate(db, c.received, options.quick ? 5_000 : 20_000);
    log(`  emails: ${JSON.stringify(result.emails)}`);
    await db.$executeRawUnsafe(
      `UPDATE "Notification" SET state = 'CANCELLED' WHERE state = 'PENDING'`,
    );

    // the big jobs inside the worker process, for its peak memory
    const workerJobs: Record<string, number> = {};
    for (const [name, data] of [
      ["overdue-scan", { dryRun: true }],
      ["quarterly-summary", { dryRun: true, planId, period: "2026Q3" }],
    ] as const) {
      const job = await queues[name].add(name, data);
      const until = Date.now() + 120_000;
      for (;;) {
        const state = await job.getState();
        if (state === "completed" || state === "failed") {
          const done = await queues[name].getJob(job.id!);
          workerJobs[`${name}${state === "failed" ? " (FAILED)" : ""}`] =
            (done?.finishedOn ?? 0) - (done?.processedOn ?? 0);
          break;
        }
        if (Date.now() > until) {
          workerJobs[`${name} (timeout)`] = NaN;
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    result.workerJobs = workerJobs;
    await Promise.all(
      Object.values(queues).map(async (q) => {
        await q.obliterate({ force: true }).catch(() => undefined);
        await q.close();
      }),
    );
  }
}

function finish(
  result: Record<string, unknown>,
  scaleName: string,
  options: BenchOptions,
  log: (line: string) => void,
) {
  // other work on the machine skews every figure: keep the load beside the results
  result.loadAverageAtEnd = loadavg().map((l) => round(l, 2));
  const dir = path.join(repoRoot, "bench/results");
  mkdirSync(dir, { recursive: true });
  const variant = options.readsOnly ? "-reads" : options.quick ? "-quick" : "";
  const file = path.join(
    dir,
    `${new Date().toISOString().slice(0, 10)}-${scaleName}${variant}.json`,
  );
  writeFileSync(file, JSON.stringify(result, null, 2) + "\n");
  console.log(table(result));
  log(`results: ${path.relative(repoRoot, file)}`);
  return result;
}

async function machine(db: Db) {
  const [pg] = await db.$queryRawUnsafe<Array<{ v: string }>>(
    `SELECT current_setting('server_version') AS v`,
  );
  const redis = await new Promise<string>((resolve) => {
    const url = new URL(REDIS_URL);
    const socket = net.connect(Number(url.port || 6379), url.hostname);
    let text = "";
    socket.on("connect", () => socket.write("INFO server\r\n"));
    socket.on("data", (b) => {
      text += b.toString();
      const v = /redis_version:(\S+)/.exec(text);
      if (v) {
        resolve(v[1]!);
        socket.destroy();
      }
    });
    socket.on("error", () => resolve("unknown"));
    setTimeout(() => {
      resolve("unknown");
      socket.destroy();
    }, 2_000);
  });
  return {
    loadAverageAtStart: loadavg().map((l) => round(l, 2)),
    nproc: cpus().length,
    memoryGiB: round(totalmem() / 2 ** 30),
    node: process.version,
    postgres: pg?.v ?? "?",
    redis,
  };
}

/** 20 staff each submit their unit's reports for the open quarter, concurrently. */
async function ledgerSubmit(db: Db, staff: Session[], perUser: number) {
  const todo = await Promise.all(
    staff.map((_, w) =>
      db.$queryRawUnsafe<Array<{ taskId: string; cycleId: string }>>(
        `SELECT t.id::text AS "taskId", c.id::text AS "cycleId" FROM "Task" t JOIN "Plan" p ON p.id = t."planId" AND p."jurisdictionId" = $1::uuid
           JOIN "ReportingCycle" c ON c."planId" = t."planId" AND c.period = $3
          WHERE t."leadDepartmentId" = $2::uuid AND t.status = 'IN_PROGRESS'
            AND NOT EXISTS (SELECT 1 FROM "LedgerEntry" e WHERE e."taskId" = t.id AND e."cycleId" = c.id AND e."departmentId" = t."leadDepartmentId" AND e."isCurrent")
          ORDER BY t.id LIMIT $4`,
        ids.jurisdiction(0),
        ids.department(0, w),
        OPEN_PERIOD,
        perUser,
      ),
    ),
  );
  const samples: number[] = [];
  const t = performance.now();
  await Promise.all(
    staff.map(async (s, w) => {
      for (const item of todo[w]!) {
        const s0 = performance.now();
        await s.mutate("ledger.submit", {
          ...item,
          progressText: "基准测试：本季度按计划推进。",
          percentComplete: 60,
          status: "IN_PROGRESS",
        });
        samples.push(performance.now() - s0);
      }
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  return {
    entries: samples.length,
    seconds: round(seconds, 2),
    perSecond: round(samples.length / seconds),
    latency: summarize(samples),
  };
}

async function emailRate(db: Db, received: () => number, windowMs: number) {
  const [{ pending } = { pending: 0 }] = await db.$queryRawUnsafe<Array<{ pending: number }>>(
    `SELECT count(*)::int AS pending FROM "Notification" WHERE state = 'PENDING'`,
  );
  // wait for the first mail, then count over the window
  const firstBy = Date.now() + 90_000;
  while (received() === 0 && Date.now() < firstBy) await new Promise((r) => setTimeout(r, 100));
  const start = received();
  const t = performance.now();
  await new Promise((r) => setTimeout(r, windowMs));
  const sent = received() - start;
  return {
    outboxPending: pending,
    sentInWindow: sent,
    windowS: windowMs / 1000,
    perSecond: round(sent / ((performance.now() - t) / 1000)),
  };
}

function table(r: Record<string, unknown>): string {
  const runs = (r.runs ?? []) as ApisRun[];
  const lines = [
    `Duban benchmark — ${String(r.scale)} scale${r.quick ? " (quick)" : ""}, ${String(r.planTasks)} tasks in the plan, ${JSON.stringify(r.machine)}`,
    "",
    "Cached: the api's read cache answers (steady state). Uncached: every call right after a change to the plan. 20u: 20 closed loops with no pause;",
    "paced 20u: 20 users pausing 0.5–1.5 s between requests. ×floor: api p95 ÷ the hand-written SQL's p95 at the same concurrency.",
    "",
    "| apis | read path (through HTTP tRPC) | p50 1u | p95 1u | p50 20u | p95 20u | SQL floor p95 1u / 20u | ×floor 1u / 20u | uncached p95 1u / 20u | uncached ×floor 1u / 20u | paced 20u p95 cached / uncached | payload KB |",
    "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...runs.flatMap((run) =>
      run.reads.map(
        (x) =>
          `| ${run.apis} | ${x.name} | ${x.api1.p50} | ${x.api1.p95} | ${x.api20.p50} | ${x.api20.p95} | ${x.floor1.p95} / ${x.floor20.p95} | ${x.ratio1} / ${x.ratio20} | ${x.uncached1.p95} / ${x.uncached20.p95} | ${x.uncachedRatio1} / ${x.uncachedRatio20} | ${x.paced20.p95} / ${x.pacedUncached20.p95} | ${x.payloadKb} |`,
      ),
    ),
    "",
    "| other | figure |",
    "|---|---|",
  ];
  const ls = r.ledgerSubmit as { entries: number; perSecond: number; latency: Latency } | undefined;
  if (ls)
    lines.push(
      `| ledger.submit, 20 units at once | ${ls.perSecond} entries/s (${ls.entries} entries; p50 ${ls.latency.p50} ms, p95 ${ls.latency.p95} ms) |`,
    );
  for (const [k, v] of Object.entries((r.jobs ?? {}) as Record<string, { ms: number }>))
    lines.push(`| ${k} | ${v.ms} ms |`);
  for (const [k, v] of Object.entries((r.workerJobs ?? {}) as Record<string, number>))
    lines.push(`| ${k} in the worker | ${v} ms |`);
  const em = r.emails as { perSecond: number; sentInWindow: number; windowS: number } | undefined;
  if (em)
    lines.push(
      `| emails to a local SMTP server (worker) | ${em.perSecond} /s (${em.sentInWindow} in ${em.windowS} s) |`,
    );
  for (const run of runs)
    lines.push(
      `| peak RSS (VmHWM), ${run.apis} api(s): api / worker | ${run.apiPeakRssMb.join(", ")} MB / ${run.workerPeakRssMb.join(", ")} MB${run.proxied ? ` (requests per api: ${run.proxied.join(", ")})` : ""} |`,
    );
  return lines.join("\n");
}

export async function main(argv: string[]) {
  const scale = parseScale(argv);
  const option = (name: string) =>
    argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ??
    (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
  const pathsArg = option("paths");
  const paths = pathsArg?.split(",").map((p) => p.trim());
  for (const p of paths ?? [])
    if (!(PATHS as readonly string[]).includes(p))
      throw new Error(`--paths: ${p} is not one of ${PATHS.join(", ")}`);
  const apisArg = option("apis");
  const apis = apisArg?.split(",").map(Number);
  if (apis?.some((n) => !Number.isInteger(n) || n < 1 || n > 8))
    throw new Error(`--apis takes counts from 1 to 8, e.g. --apis=2 or --apis=1,2`);
  await runBench(scale.name, {
    quick: argv.includes("--quick"),
    readsOnly: argv.includes("--reads-only"),
    paths: paths as PathName[] | undefined,
    apis,
  });
}
