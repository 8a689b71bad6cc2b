import {
  addDays,
  dateOnly,
  daysBetween,
  shanghaiDay,
  toDbDate,
  type IsoDate,
} from "../calendar.ts";
import { departmentRecipients } from "../notifications/recipients.ts";
import { unacknowledgedTasks } from "../supervision/unacknowledged.ts";
import { coveredDays } from "./job-runs.ts";
import { activePlanWhere, ALL_JURISDICTIONS, narrowedKey, type JobScope } from "./job-scope.ts";
import {
  byRecipient,
  countFor,
  planned,
  type JurisdictionFigures,
  type MonitoringContext,
  type MonitoringOutcome,
} from "./types.ts";

/** Reminders go out a week before and the day before a due date. */
export const DUE_SOON_OFFSETS = [7, 1] as const;
/** How far back a run looks for reminder days nobody ran (the worker was down) when it finds no earlier run. */
export const DUE_SOON_LOOKBACK_DAYS = 7;

/**
 * The due dates that get a reminder on `today` when the run before was yesterday: plain
 * calendar-day arithmetic in Shanghai, so month, quarter and year ends (and 29 February) need no
 * special case.
 */
export function dueSoonTargets(today: IsoDate): Array<{ dueDate: IsoDate; daysLeft: number }> {
  return DUE_SOON_OFFSETS.map((daysLeft) => ({ dueDate: addDays(today, daysLeft), daysLeft }));
}

/**
 * The reminder days a run covers (catch-up). Its own day always: a second run that day writes the
 * same keys (nothing twice), and reaches whoever the first did not (a task added since). A run
 * dated today (by `now`: the scheduler's runs, and "run now" without a date) also takes every
 * earlier day of the last DUE_SOON_LOOKBACK_DAYS that no earlier run covered, so a day on which the
 * worker was down is made up the next time, and no day twice. A run dated another day (a replay)
 * takes that day only. `days` leaves out the days covered for everyone (and is recorded in the
 * run's summary, so a later run can tell: coveredDays); `forJurisdiction` also leaves out, per
 * jurisdiction, the earlier days its office's own runs covered.
 */
export async function dueSoonDays(
  { db, now }: MonitoringContext,
  options: { asOf: Date },
): Promise<{ days: IsoDate[]; forJurisdiction: (jurisdictionId: string) => ReadonlySet<IsoDate> }> {
  const day = shanghaiDay(options.asOf);
  if (day !== shanghaiDay(now?.() ?? new Date()))
    return { days: [day], forJurisdiction: () => new Set([day]) };
  const first = addDays(day, 1 - DUE_SOON_LOOKBACK_DAYS);
  const covered = await coveredDays(db, "due-soon-reminders", first, addDays(day, -1));
  const days: IsoDate[] = [];
  for (let d = first; d <= day; d = addDays(d, 1))
    if (d === day || !covered.all.has(d)) days.push(d);
  const all = new Set(days);
  const cache = new Map<string, ReadonlySet<IsoDate>>();
  const forJurisdiction = (j: string) => {
    const own = covered.byJurisdiction.get(j);
    if (!own) return all;
    if (!cache.has(j)) cache.set(j, new Set(days.filter((d) => !own.has(d))));
    return cache.get(j)!;
  };
  return { days, forJurisdiction };
}

/**
 * The nearest threshold whose reminder day for `due` is one of `days`, for a due date not yet
 * past on `today`: a task due today whose day-before reminder was missed is still worth a word; one
 * already overdue is the overdue digest's. Null: no reminder.
 */
function thresholdFor(due: IsoDate, days: ReadonlySet<IsoDate>, today: IsoDate): number | null {
  if (due < today) return null;
  const matching = DUE_SOON_OFFSETS.filter((t) => days.has(addDays(due, -t)));
  return matching.length ? Math.min(...matching) : null;
}

export type DueSoonItem = {
  type: "task" | "milestone";
  taskId: string;
  title: string;
  taskTitle: string;
  planTitle: string;
  departmentName: string;
  dueDate: IsoDate;
  daysLeft: number;
  threshold: number;
};

const open = { notIn: ["COMPLETED" as const, "CANCELLED" as const] };

/**
 * Tasks and milestones of active plans in `scope` whose 7-day or 1-day reminder day is one of the
 * run's days (dueSoonDays): each once, with its real days left, in one email per recipient per
 * causing jurisdiction per day (key `due-soon:<jurisdiction>:<email>:<day>`, as before plus the
 * jurisdiction). Since no earlier day is covered twice, each task and threshold is reminded once;
 * a run the same day again writes the same keys.
 */
export async function collectDueSoonReminders(
  ctx: MonitoringContext,
  options: { asOf: Date; scope?: JobScope },
): Promise<MonitoringOutcome> {
  const { db } = ctx;
  const scope = options.scope ?? ALL_JURISDICTIONS;
  const today = shanghaiDay(options.asOf);
  const { days, forJurisdiction } = await dueSoonDays(ctx, options);
  const dueDates = [...new Set(days.flatMap((d) => DUE_SOON_OFFSETS.map((t) => addDays(d, t))))]
    .filter((d) => d >= today)
    .sort();
  const dueIn = dueDates.map(toDbDate);
  const plan = activePlanWhere(scope);
  const taskSelect = {
    id: true,
    title: true,
    leadDepartmentId: true,
    leadDepartment: { select: { name: true } },
    plan: { select: { title: true, jurisdictionId: true } },
  } as const;
  const [tasks, milestones] = dueIn.length
    ? await Promise.all([
        db.task.findMany({
          where: { dueDate: { in: dueIn }, status: open, plan },
          // the emails and their items (equal days and titles) keep this order
          orderBy: [{ dueDate: "asc" }, { id: "asc" }],
          select: { ...taskSelect, dueDate: true },
        }),
        db.milestone.findMany({
          where: { dueDate: { in: dueIn }, doneAt: null, task: { status: open, plan } },
          orderBy: [{ dueDate: "asc" }, { id: "asc" }],
          select: { id: true, title: true, dueDate: true, task: { select: taskSelect } },
        }),
      ])
    : [[], []];
  const groups = new Map<
    string,
    { jurisdictionId: string; departmentId: string; items: DueSoonItem[] }
  >();
  const figures: JurisdictionFigures = {};
  const add = (
    task: (typeof tasks)[number] | (typeof milestones)[number]["task"],
    item: Omit<
      DueSoonItem,
      "daysLeft" | "threshold" | "taskId" | "taskTitle" | "planTitle" | "departmentName"
    >,
  ) => {
    const jurisdictionId = task.plan.jurisdictionId;
    const threshold = thresholdFor(item.dueDate, forJurisdiction(jurisdictionId), today);
    if (threshold === null) return;
    const key = `${jurisdictionId}:${task.leadDepartmentId}`;
    const group = groups.get(key) ?? {
      jurisdictionId,
      departmentId: task.leadDepartmentId,
      items: [],
    };
    group.items.push({
      ...item,
      taskId: task.id,
      taskTitle: task.title,
      planTitle: task.plan.title,
      departmentName: task.leadDepartment.name,
      daysLeft: daysBetween(today, item.dueDate),
      threshold,
    });
    groups.set(key, group);
    countFor(figures, jurisdictionId, item.type === "task" ? "tasks" : "milestones");
  };
  for (const t of tasks) add(t, { type: "task", title: t.title, dueDate: dateOnly(t.dueDate) });
  for (const m of milestones)
    add(m.task, { type: "milestone", title: m.title, dueDate: dateOnly(m.dueDate) });
  const recipients = await departmentRecipients(
    db,
    [...new Set([...groups.values()].map((g) => g.departmentId))],
    "due-soon",
  );
  const perRecipient = byRecipient(
    [...groups.values()].map((g) => ({
      jurisdictionId: g.jurisdictionId,
      recipients: recipients.get(g.departmentId) ?? [],
      items: g.items,
    })),
  );
  const emails = [...perRecipient.values()].map(({ jurisdictionId, recipient, items }) => {
    items.sort((a, b) => a.daysLeft - b.daysLeft || a.title.localeCompare(b.title, "zh-CN"));
    return planned(
      recipient,
      {
        kind: "due-soon",
        jurisdictionId,
        dedupeKey: `due-soon:${jurisdictionId}:${recipient.email}:${today}${narrowedKey(scope)}`,
        subject: `【督办提醒】${items.length} 项任务/节点即将到期`,
        payload: { day: today, items },
      },
      `${items.length} 项将在 ${[...new Set(items.map((i) => i.daysLeft))].join("/")} 天后到期（${[...new Set(items.map((i) => i.departmentName))].join("、")}）`,
    );
  });
  const counted = [...groups.values()].flatMap((g) => g.items);
  const acknowledge = await acknowledgeReminders(ctx, { asOf: options.asOf, scope, figures });
  return {
    summary: {
      day: today,
      days,
      tasks: counted.filter((i) => i.type === "task").length,
      milestones: counted.filter((i) => i.type === "milestone").length,
      departments: new Set([...groups.values()].map((g) => g.departmentId)).size,
      recipients: emails.length,
      unacknowledged: acknowledge.tasks,
      acknowledgeRecipients: acknowledge.emails.length,
    },
    emails: [...emails, ...acknowledge.emails],
    byJurisdiction: figures,
  };
}

/**
 * 签收 reminders (issue #17 step 1), sent with the due-soon run: every task still unacknowledged
 * after its jurisdiction's working days (unacknowledgedTasks, as of the run's day) goes to its lead
 * unit, one "acknowledge-reminder" per recipient per causing jurisdiction per day (key
 * `acknowledge-reminder:<jurisdiction>:<email>:<day>`, so a task is reminded at most once a day,
 * every working day until acknowledged). Counts `unacknowledged` per jurisdiction into `figures`.
 */
async function acknowledgeReminders(
  { db }: MonitoringContext,
  options: { asOf: Date; scope: JobScope; figures: JurisdictionFigures },
) {
  const today = shanghaiDay(options.asOf);
  const tasks = await unacknowledgedTasks(db, {
    jurisdictionIds: options.scope.jurisdictionIds,
    planId: options.scope.planId,
    asOf: options.asOf,
  });
  const groups = new Map<
    string,
    {
      jurisdictionId: string;
      departmentId: string;
      items: typeof tasks;
    }
  >();
  for (const t of tasks) {
    const key = `${t.jurisdictionId}:${t.leadDepartmentId}`;
    const group = groups.get(key) ?? {
      jurisdictionId: t.jurisdictionId,
      departmentId: t.leadDepartmentId,
      items: [],
    };
    group.items.push(t);
    groups.set(key, group);
    countFor(options.figures, t.jurisdictionId, "unacknowledged");
  }
  const recipients = await departmentRecipients(
    db,
    [...new Set(tasks.map((t) => t.leadDepartmentId))],
    "acknowledge-reminder",
  );
  const perRecipient = byRecipient(
    [...groups.values()].map((g) => ({
      jurisdictionId: g.jurisdictionId,
      recipients: recipients.get(g.departmentId) ?? [],
      items: g.items,
    })),
  );
  const emails = [...perRecipient.values()].map(({ jurisdictionId, recipient, items }) =>
    planned(
      recipient,
      {
        kind: "acknowledge-reminder",
        jurisdictionId,
        dedupeKey: `acknowledge-reminder:${jurisdictionId}:${recipient.email}:${today}${narrowedKey(options.scope)}`,
        subject: `【签收提醒】${items.length} 项交办任务尚未签收`,
        payload: {
          day: today,
          items: items.map((i) => ({
            taskId: i.taskId,
            taskTitle: i.taskTitle,
            planTitle: i.planTitle,
            departmentName: i.departmentName,
            assignedOn: i.assignedOn,
            workingDaysWaiting: i.workingDaysWaiting,
          })),
        },
        inbox: {
          entityType: "Task",
          entityId: items[0]!.taskId,
          taskId: items[0]!.taskId,
          body: items.map((i) => i.taskTitle).join("；"),
        },
      },
      `${items.length} 项交办后超过 ${items[0]!.limit} 个工作日未签收（${[...new Set(items.map((i) => i.departmentName))].join("、")}）`,
    ),
  );
  return { tasks: tasks.length, emails };
}
