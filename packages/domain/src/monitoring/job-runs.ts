import type { Db, JobRunModel as JobRun, Prisma } from "@duban/db";

import type { Actor } from "../actor.ts";
import type { IsoDate } from "../calendar.ts";
import { forbidden } from "../errors.ts";
import { officeJobJurisdictions, type JobScope } from "./job-scope.ts";
import type { JurisdictionFigures } from "./types.ts";

/** Only offices (and the system) work with jobs; what each office sees of them is narrowed below. */
export function assertAnyOffice(actor: Actor): void {
  if (actor.kind === "system") return;
  if (!actor.memberships.some((m) => m.role === "OFFICE"))
    throw forbidden(
      "只有领导小组办公室可以管理定时任务",
      "only a leading group office may manage scheduled jobs",
    );
}

/** Records a run as RUNNING with its scope. `startedAt` is the job's clock (tests move it), not the database's. */
export async function startJobRun(
  { db }: { db: Db },
  input: {
    jobName: string;
    trigger: string;
    dryRun: boolean;
    asOf: Date;
    scope: JobScope;
    startedAt?: Date;
  },
) {
  return db.jobRun.create({
    data: {
      jobName: input.jobName,
      trigger: input.trigger,
      dryRun: input.dryRun,
      asOf: input.asOf,
      state: "RUNNING",
      allJurisdictions: input.scope.jurisdictionIds === null,
      jurisdictionIds: input.scope.jurisdictionIds ?? [],
      planId: input.scope.planId,
      ...(input.startedAt ? { startedAt: input.startedAt } : {}),
    },
  });
}

const json = (value: unknown) =>
  value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);

export async function finishJobRun(
  { db }: { db: Db },
  {
    id,
    ...outcome
  }: { id: string } & (
    { ok: true; summary: unknown } | { ok: false; error: string; summary?: unknown }
  ) & {
      byJurisdiction?: JurisdictionFigures;
      finishedAt?: Date;
    },
) {
  const finishedAt = outcome.finishedAt ?? new Date();
  const common = {
    finishedAt,
    summary: json(outcome.summary),
    byJurisdiction: json(outcome.byJurisdiction),
  };
  return db.jobRun.update({
    where: { id },
    data: outcome.ok
      ? { state: "SUCCEEDED", ...common }
      : { state: "FAILED", error: outcome.error.slice(0, 4000), ...common },
  });
}

/** Reminder days already covered: by whole runs (`all`), and by an office's runs for each of its jurisdictions. */
export type CoveredDays = { all: Set<IsoDate>; byJurisdiction: Map<string, Set<IsoDate>> };

/**
 * The reminder days in [`from`, `through`] (Shanghai calendar days) that real runs of `jobName`
 * have already covered, as recorded in their summary's `days` (runs recorded before it: their own
 * asOf day): runs over every jurisdiction cover them for all, an office's runs for its
 * jurisdictions. Dry runs, failed runs and runs over one plan cover nothing (their emails carry a
 * key of their own, see narrowedKey).
 */
export async function coveredDays(
  db: Db,
  jobName: string,
  from: IsoDate,
  through: IsoDate,
): Promise<CoveredDays> {
  const rows = await db.$queryRaw<Array<{ day: string; all: boolean; jurisdictionIds: string[] }>>`
    SELECT d.day, d.all, d."jurisdictionIds" FROM (
      SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(summary->'days') = 'array' THEN summary->'days'
                                           ELSE jsonb_build_array(to_char(("asOf" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD')) END) AS day,
             "allJurisdictions" AS all, "jurisdictionIds"::text[] AS "jurisdictionIds"
        FROM "JobRun"
       WHERE "jobName" = ${jobName} AND state = 'SUCCEEDED' AND NOT "dryRun" AND "planId" IS NULL
         AND ("asOf" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date >= ${from}::date
    ) d
     WHERE d.day BETWEEN ${from} AND ${through}`;
  const out: CoveredDays = { all: new Set(), byJurisdiction: new Map() };
  for (const r of rows) {
    if (r.all) out.all.add(r.day);
    else
      for (const j of r.jurisdictionIds)
        out.byJurisdiction.set(j, (out.byJurisdiction.get(j) ?? new Set()).add(r.day));
  }
  return out;
}

/**
 * A run as an office may see it. Runs wholly inside the office's jurisdictions show everything.
 * Runs that also covered others (the scheduler's, the CLI's, a city office's run over its counties
 * as seen by a county) show when and how they ran, and of their figures only the office's own
 * share; their summary and error text, which speak of every jurisdiction, stay hidden.
 */
export type JobRunView = Pick<
  JobRun,
  "id" | "jobName" | "dryRun" | "state" | "asOf" | "startedAt" | "finishedAt" | "planId"
> & {
  trigger: string;
  /** OWN: inside the viewer's jurisdictions; SHARED: also covered others (figures are the viewer's share) */
  coverage: "OWN" | "SHARED";
  allJurisdictions: boolean;
  summary: Record<string, unknown> | null;
  error: string | null;
};

function viewOf(run: JobRun, mine: string[] | null): JobRunView {
  const base = {
    id: run.id,
    jobName: run.jobName,
    dryRun: run.dryRun,
    state: run.state,
    asOf: run.asOf,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    planId: run.planId,
    allJurisdictions: run.allJurisdictions,
  };
  const own =
    mine === null || (!run.allJurisdictions && run.jurisdictionIds.every((j) => mine.includes(j)));
  if (own)
    return {
      ...base,
      trigger: run.trigger,
      coverage: "OWN",
      summary: (run.summary as Record<string, unknown> | null) ?? null,
      error: run.error,
    };
  const share: Record<string, number> = {};
  const figures = (run.byJurisdiction ?? {}) as JurisdictionFigures;
  for (const j of mine)
    for (const [k, v] of Object.entries(figures[j] ?? {})) share[k] = (share[k] ?? 0) + v;
  // who started someone else's run is theirs to know: only how (schedule, manual, cli, after:…)
  const how = run.trigger.startsWith("manual:") ? "manual" : run.trigger;
  return {
    ...base,
    trigger: how,
    coverage: "SHARED",
    summary: share,
    error:
      run.state === "FAILED"
        ? "运行失败，详情见系统日志 (the run failed; details are in the system log)"
        : null,
  };
}

/** Runs that touched any of `mine`: the whole ones, and those whose jurisdictions overlap. */
const visibleWhere = (mine: string[] | null): Prisma.JobRunWhereInput =>
  mine === null ? {} : { OR: [{ allJurisdictions: true }, { jurisdictionIds: { hasSome: mine } }] };

/** Recent runs the actor may see, newest first, each as `JobRunView`. Offices (and the system) only: FORBIDDEN otherwise. */
export async function listJobRuns(
  { db, actor }: { db: Db; actor: Actor },
  input: { jobName?: string; limit: number },
): Promise<JobRunView[]> {
  assertAnyOffice(actor);
  const mine = await officeJobJurisdictions(db, actor);
  const rows = await db.jobRun.findMany({
    where: { AND: [input.jobName ? { jobName: input.jobName } : {}, visibleWhere(mine)] },
    orderBy: [{ startedAt: "desc" }, { id: "asc" }],
    take: input.limit,
  });
  return rows.map((r) => viewOf(r, mine));
}

/** The latest run of each named job that the actor may see (the jobs page shows it beside the next run). */
export async function lastJobRuns(
  { db, actor }: { db: Db; actor: Actor },
  { jobNames }: { jobNames: readonly string[] },
): Promise<Map<string, JobRunView | null>> {
  const mine = await officeJobJurisdictions(db, actor);
  const rows = await Promise.all(
    jobNames.map((jobName) =>
      db.jobRun.findFirst({
        where: { AND: [{ jobName }, visibleWhere(mine)] },
        orderBy: { startedAt: "desc" },
      }),
    ),
  );
  return new Map(jobNames.map((name, i) => [name, rows[i] ? viewOf(rows[i], mine) : null]));
}
