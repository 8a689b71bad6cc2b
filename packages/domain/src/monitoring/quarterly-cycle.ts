import { systemActor } from "../actor.ts";
import { shanghaiDay } from "../calendar.ts";
import { mapConcurrent } from "../concurrency.ts";
import { DomainError } from "../errors.ts";
import { closeCycle, lastReportingYear, openCycle } from "../ledger/cycles.ts";
import { periodOfDay } from "../periods.ts";
import {
  collectCycleReminders,
  DEFAULT_CYCLE_REMINDER_DAYS,
  isReminderWindow,
} from "./cycle-reminders.ts";
import { activePlanWhere, ALL_JURISDICTIONS, type JobScope } from "./job-scope.ts";
import { assertRunDate } from "./run-date.ts";
import {
  countFor,
  type JurisdictionFigures,
  type MonitoringContext,
  type MonitoringOutcome,
} from "./types.ts";

const actor = systemActor("quarterly-cycle");

/** Another worker (or the office by hand) got there first: the state we wanted is already there. */
const isConflict = (e: unknown) => e instanceof DomainError && e.code === "CONFLICT";

/** plans whose reminders are worked out at once (each takes up to two pooled connections) */
const REMINDER_CONCURRENCY = 4;

/**
 * The daily walk of the reporting calendar for the active plans in `scope`: open the current
 * quarter's window, remind units that have not reported as the due date nears, close windows whose
 * time is up (closeCycle records completeness and timeliness per unit). Returns the cycles it
 * closed, so the caller can trigger their quarterly summaries. A dry run changes nothing; a real
 * run dated after today (by `now`) is refused (assertRunDate), so no window of another
 * jurisdiction, nor one whose day has not come, is ever opened or closed.
 *
 * A cycle reminder's key is per cycle and person, not per day: its content does not depend on the
 * run's date, and only a run dated inside the reminder window (so on a day that has come) writes
 * it, so a run dated in the past can only send, earlier, the reminder the schedule would send.
 */
export async function runQuarterlyCycle(
  ctx: MonitoringContext,
  options: { asOf: Date; reminderDays?: number; dryRun: boolean; scope?: JobScope },
): Promise<MonitoringOutcome & { closed: Array<{ planId: string; period: string }> }> {
  const { db } = ctx;
  assertRunDate({ ...options, now: ctx.now?.() });
  const scope = options.scope ?? ALL_JURISDICTIONS;
  const today = shanghaiDay(options.asOf);
  const period = periodOfDay(today);
  const year = Number(period.slice(0, 4));
  const reminderDays = options.reminderDays ?? DEFAULT_CYCLE_REMINDER_DAYS;
  const figures: JurisdictionFigures = {};
  const plans = await db.plan.findMany({
    where: activePlanWhere(scope),
    // the run's summary lists the opened cycles in this order
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      jurisdictionId: true,
      periodStart: true,
      periodEnd: true,
      cycles: { where: { period }, select: { state: true } },
    },
  });
  const opened: Array<{ planId: string; period: string }> = [];
  for (const plan of plans) {
    if (year < plan.periodStart) continue;
    if (year > plan.periodEnd && year > (await lastReportingYear(db, plan))) continue;
    if (plan.cycles[0] && plan.cycles[0].state !== "SCHEDULED") continue;
    if (!options.dryRun) {
      try {
        await openCycle({ db, actor }, { planId: plan.id, period });
      } catch (e) {
        if (!isConflict(e)) throw e;
        continue;
      }
    }
    opened.push({ planId: plan.id, period });
    countFor(figures, plan.jurisdictionId, "opened");
  }
  const openCycles = await db.reportingCycle.findMany({
    where: { state: "OPEN", plan: activePlanWhere(scope) },
    orderBy: [{ period: "asc" }, { id: "asc" }],
    select: {
      id: true,
      planId: true,
      period: true,
      dueAt: true,
      closesAt: true,
      plan: { select: { title: true, jurisdictionId: true } },
    },
  });
  const closed: Array<{ planId: string; period: string }> = [];
  const reminding: typeof openCycles = [];
  for (const cycle of openCycles) {
    if (options.asOf > cycle.closesAt) {
      if (!options.dryRun) {
        try {
          await closeCycle({ db, actor }, { cycleId: cycle.id });
        } catch (e) {
          if (!isConflict(e)) throw e;
          continue;
        }
      }
      closed.push({ planId: cycle.planId, period: cycle.period });
      countFor(figures, cycle.plan.jurisdictionId, "closed");
    } else if (isReminderWindow(cycle, options.asOf, reminderDays)) {
      reminding.push(cycle);
    }
  }
  // a province has a thousand open cycles, each a few small queries: four plans at a time took the
  // reminders over its 100,000 tasks (118,924 emails, dry run) from 14–15 s to 8–10 s
  const emails = (
    await mapConcurrent(reminding, REMINDER_CONCURRENCY, (cycle) =>
      collectCycleReminders(ctx, { cycle }),
    )
  ).flat();
  return {
    summary: { day: today, period, opened, closed, reminderDays, reminders: emails.length },
    emails,
    closed,
    byJurisdiction: figures,
  };
}
