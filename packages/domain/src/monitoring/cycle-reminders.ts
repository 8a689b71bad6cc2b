import type { DbOrTx } from "@duban/db";

import { addDays, shanghaiDay, type IsoDate } from "../calendar.ts";
import { periodLabel } from "../i18n/labels.ts";
import { reportableTaskWhere } from "../ledger/cycles.ts";
import { departmentRecipients } from "../notifications/recipients.ts";
import { byRecipient, planned, type MonitoringContext, type PlannedEmail } from "./types.ts";

/** Days before the report due date on which units that have not reported are reminded. */
export const DEFAULT_CYCLE_REMINDER_DAYS = 3;

export type MissingReport = { taskId: string; title: string; role: "lead" | "support" };

/**
 * Per department, the reports a cycle still expects from it: every reportable task it leads or
 * supports without a current ledger entry from that department. Units that reported everything
 * do not appear.
 */
export async function missingReports(
  db: DbOrTx,
  cycle: { id: string; planId: string; period: string },
): Promise<Map<string, MissingReport[]>> {
  const [tasks, entries] = await Promise.all([
    db.task.findMany({
      where: reportableTaskWhere(cycle.planId, cycle.period),
      // the reminders list the units, and each unit's items, in this order
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        title: true,
        leadDepartmentId: true,
        supportingDepartments: { select: { departmentId: true }, orderBy: { departmentId: "asc" } },
      },
    }),
    db.ledgerEntry.findMany({
      where: { cycleId: cycle.id, isCurrent: true },
      select: { taskId: true, departmentId: true },
    }),
  ]);
  const submitted = new Set(entries.map((e) => `${e.taskId}:${e.departmentId}`));
  const out = new Map<string, MissingReport[]>();
  const owe = (departmentId: string, item: MissingReport) => {
    if (submitted.has(`${item.taskId}:${departmentId}`)) return;
    const owed = out.get(departmentId);
    if (owed) owed.push(item);
    else out.set(departmentId, [item]);
  };
  for (const t of tasks) {
    owe(t.leadDepartmentId, { taskId: t.id, title: t.title, role: "lead" });
    for (const s of t.supportingDepartments)
      owe(s.departmentId, { taskId: t.id, title: t.title, role: "support" });
  }
  return out;
}

/** True from `days` days before the due day up to the due instant: late runs still remind, once. */
export function isReminderWindow(cycle: { dueAt: Date }, asOf: Date, days: number): boolean {
  const dueDay: IsoDate = shanghaiDay(cycle.dueAt);
  return shanghaiDay(asOf) >= addDays(dueDay, -days) && asOf <= cycle.dueAt;
}

/** Reminders to the units of an open cycle that have not reported; one per recipient per cycle, caused by the plan's jurisdiction. */
export async function collectCycleReminders(
  { db }: MonitoringContext,
  {
    cycle,
  }: {
    cycle: {
      id: string;
      planId: string;
      period: string;
      dueAt: Date;
      plan: { title: string; jurisdictionId: string };
    };
  },
): Promise<PlannedEmail[]> {
  const missing = await missingReports(db, cycle);
  const recipients = await departmentRecipients(db, [...missing.keys()], "cycle-reminder");
  const departments = await db.department.findMany({
    where: { id: { in: [...missing.keys()] } },
    select: { id: true, name: true },
  });
  const names = new Map(departments.map((d) => [d.id, d.name]));
  const jurisdictionId = cycle.plan.jurisdictionId;
  const perRecipient = byRecipient(
    [...missing].map(([departmentId, items]) => ({
      jurisdictionId,
      recipients: recipients.get(departmentId) ?? [],
      items: items.map((i) => ({ ...i, departmentName: names.get(departmentId) ?? "" })),
    })),
  );
  const dueDay = shanghaiDay(cycle.dueAt);
  return [...perRecipient.values()].map(({ recipient, items }) =>
    planned(
      recipient,
      {
        kind: "cycle-reminder",
        jurisdictionId,
        dedupeKey: `cycle-reminder:${cycle.id}:${recipient.email}`,
        subject: `【台账催报】${periodLabel(cycle.period)}尚有 ${items.length} 项台账未填报，截止 ${dueDay}`,
        payload: {
          planTitle: cycle.plan.title,
          period: cycle.period,
          periodLabel: periodLabel(cycle.period),
          dueDate: dueDay,
          items,
        },
      },
      `${[...new Set(items.map((i) => i.departmentName))].join("、")} 未报 ${items.length} 项，截止 ${dueDay}`,
    ),
  );
}
