import type { ScheduleTask } from "../schedule/useSchedule.ts";

/** One dated thing on the timetable: a milestone, a task's due date, or its year item's due date. */
export type TimetableEvent = {
  key: string;
  kind: "milestone" | "due" | "yearDue";
  date: string;
  title: string;
  taskId: string;
  taskTitle: string;
  departmentId: string;
  departmentName: string;
  phaseId: string | null;
  done: boolean;
};

/**
 * The timetable's events of `tasks`. With `window` (the year filter, issue #18: the answer's
 * `year.from`..`year.to`) only what falls in the year: milestones and due dates in it, plus each
 * year item's due date (the year's deadline of a task running on beyond the year).
 */
export function eventsOf(
  tasks: ReadonlyArray<
    Pick<
      ScheduleTask,
      "id" | "title" | "leadDepartment" | "phase" | "dueDate" | "status" | "milestones" | "yearItem"
    >
  >,
  window?: { from: string; to: string } | null,
): TimetableEvent[] {
  const out: TimetableEvent[] = [];
  for (const t of tasks) {
    const base = {
      taskId: t.id,
      taskTitle: t.title,
      departmentId: t.leadDepartment.id,
      departmentName: t.leadDepartment.name,
      phaseId: t.phase?.id ?? null,
    };
    out.push({
      ...base,
      key: `due:${t.id}`,
      kind: "due",
      date: t.dueDate,
      title: t.title,
      done: t.status === "COMPLETED" || t.status === "CANCELLED",
    });
    if (t.yearItem)
      out.push({
        ...base,
        key: `y:${t.yearItem.itemId}`,
        kind: "yearDue",
        date: t.yearItem.dueDate,
        title: `${t.yearItem.deliverable} · ${t.title}`,
        done: t.yearItem.done,
      });
    for (const m of t.milestones)
      out.push({
        ...base,
        key: `m:${m.id}`,
        kind: "milestone",
        date: m.dueDate,
        title: m.title,
        done: !!m.doneAt,
      });
  }
  return out
    .filter((e) => !window || (e.date >= window.from && e.date <= window.to))
    .sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title, "zh-CN"));
}

export type EventFilter = {
  departmentId?: string;
  done?: boolean;
  phaseId?: string;
  period?: string;
};

/** period is a quarter (2027Q2) or a year (2027). */
export function filterEvents(events: TimetableEvent[], f: EventFilter): TimetableEvent[] {
  return events.filter((e) => {
    if (f.departmentId && e.departmentId !== f.departmentId) return false;
    if (f.done !== undefined && e.done !== f.done) return false;
    if (f.phaseId && e.phaseId !== f.phaseId) return false;
    if (f.period) {
      const year = e.date.slice(0, 4);
      const quarter = `${year}Q${Math.ceil(Number(e.date.slice(5, 7)) / 3)}`;
      if (f.period !== year && f.period !== quarter) return false;
    }
    return true;
  });
}
