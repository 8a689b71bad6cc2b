import type { Db } from "@duban/db";
import { addDays, dateOnly, shanghaiDay, toDbDate, type IsoDate } from "../calendar.ts";
import { departmentRecipients } from "../notifications/recipients.ts";
import { byRecipient, planned, type MonitoringOutcome } from "./types.ts";

/** Reminders go out a week before and the day before a due date. */
export const DUE_SOON_OFFSETS = [7, 1] as const;

/**
 * The due dates that get a reminder on `today`: plain calendar-day arithmetic in Shanghai, so
 * month, quarter and year ends (and 29 February) need no special case.
 */
export function dueSoonTargets(today: IsoDate): Array<{ dueDate: IsoDate; daysLeft: number }> {
  return DUE_SOON_OFFSETS.map((daysLeft) => ({ dueDate: addDays(today, daysLeft), daysLeft }));
}

export type DueSoonItem = { type: "task" | "milestone"; taskId: string; title: string; taskTitle: string; planTitle: string; departmentName: string; dueDate: IsoDate; daysLeft: number };

const open = { notIn: ["COMPLETED" as const, "CANCELLED" as const] };

/** Tasks and milestones of active plans due in exactly 7 or 1 days, one email per recipient per day. */
export async function planDueSoonReminders(db: Db, options: { asOf: Date }): Promise<MonitoringOutcome> {
  const today = shanghaiDay(options.asOf);
  const targets = dueSoonTargets(today);
  const daysLeft = new Map(targets.map((t) => [t.dueDate, t.daysLeft]));
  const dueIn = targets.map((t) => toDbDate(t.dueDate));
  const taskSelect = { id: true, title: true, leadDepartmentId: true, leadDepartment: { select: { name: true } }, plan: { select: { title: true } } } as const;
  const [tasks, milestones] = await Promise.all([
    db.task.findMany({ where: { dueDate: { in: dueIn }, status: open, plan: { status: "ACTIVE" } }, select: { ...taskSelect, dueDate: true } }),
    db.milestone.findMany({ where: { dueDate: { in: dueIn }, doneAt: null, task: { status: open, plan: { status: "ACTIVE" } } }, select: { id: true, title: true, dueDate: true, task: { select: taskSelect } } }),
  ]);
  const byDepartment = new Map<string, DueSoonItem[]>();
  const add = (departmentId: string, item: DueSoonItem) => byDepartment.set(departmentId, [...(byDepartment.get(departmentId) ?? []), item]);
  for (const t of tasks) {
    const due = dateOnly(t.dueDate);
    add(t.leadDepartmentId, { type: "task", taskId: t.id, title: t.title, taskTitle: t.title, planTitle: t.plan.title, departmentName: t.leadDepartment.name, dueDate: due, daysLeft: daysLeft.get(due) ?? 0 });
  }
  for (const m of milestones) {
    const due = dateOnly(m.dueDate);
    add(m.task.leadDepartmentId, { type: "milestone", taskId: m.task.id, title: m.title, taskTitle: m.task.title, planTitle: m.task.plan.title, departmentName: m.task.leadDepartment.name, dueDate: due, daysLeft: daysLeft.get(due) ?? 0 });
  }
  const recipients = await departmentRecipients(db, [...byDepartment.keys()], "due-soon");
  const perRecipient = byRecipient([...byDepartment].map(([id, items]) => ({ recipients: recipients.get(id) ?? [], items })));
  const emails = [...perRecipient.values()].map(({ recipient, items }) => {
    items.sort((a, b) => a.daysLeft - b.daysLeft || a.title.localeCompare(b.title, "zh-CN"));
    return planned(recipient, {
      kind: "due-soon",
      dedupeKey: `due-soon:${recipient.email}:${today}`,
      subject: `【督办提醒】${items.length} 项任务/节点即将到期`,
      payload: { day: today, items },
    }, `${items.length} 项将在 ${[...new Set(items.map((i) => i.daysLeft))].join("/")} 天后到期（${[...new Set(items.map((i) => i.departmentName))].join("、")}）`);
  });
  return { summary: { day: today, targets, tasks: tasks.length, milestones: milestones.length, departments: byDepartment.size, recipients: emails.length }, emails };
}
