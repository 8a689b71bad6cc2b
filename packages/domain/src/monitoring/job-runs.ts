import type { Db, Prisma } from "@duban/db";
import type { Actor } from "../actor.ts";
import { forbidden } from "../errors.ts";

/** Job runs concern every jurisdiction at once: any office may look at them and start them. */
export function assertAnyOffice(actor: Actor): void {
  if (actor.kind === "system") return;
  if (!actor.memberships.some((m) => m.role === "OFFICE")) throw forbidden("只有领导小组办公室可以管理定时任务", "only a leading group office may manage scheduled jobs");
}

export async function startJobRun(db: Db, input: { jobName: string; trigger: string; dryRun: boolean; asOf: Date }) {
  return db.jobRun.create({ data: { jobName: input.jobName, trigger: input.trigger, dryRun: input.dryRun, asOf: input.asOf, state: "RUNNING" } });
}

export async function finishJobRun(db: Db, id: string, outcome: { ok: true; summary: unknown } | { ok: false; error: string; summary?: unknown }) {
  const summary = outcome.summary === undefined ? undefined : (JSON.parse(JSON.stringify(outcome.summary)) as Prisma.InputJsonValue);
  return db.jobRun.update({
    where: { id },
    data: outcome.ok ? { state: "SUCCEEDED", finishedAt: new Date(), summary } : { state: "FAILED", finishedAt: new Date(), error: outcome.error.slice(0, 4000), summary },
  });
}

export async function listJobRuns(db: Db, actor: Actor, input: { jobName?: string; limit: number }) {
  assertAnyOffice(actor);
  return db.jobRun.findMany({ where: input.jobName ? { jobName: input.jobName } : {}, orderBy: { startedAt: "desc" }, take: input.limit });
}

/** The latest run of each named job (the jobs page shows it beside the next run). */
export async function lastJobRuns(db: Db, jobNames: readonly string[]) {
  const rows = await Promise.all(jobNames.map((jobName) => db.jobRun.findFirst({ where: { jobName }, orderBy: { startedAt: "desc" } })));
  return new Map(jobNames.map((name, i) => [name, rows[i] ?? null]));
}
