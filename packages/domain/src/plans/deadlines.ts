// Browser-safe (no database, no Node built-ins): part of the import wizard's drafts.
import type { z } from "zod";

import { endOfMonth } from "@duban/plan-parser/deadline";

import type { IsoDate } from "../calendar.ts";
import type { zDeadline } from "./phases.ts";

export type DraftDeadline = z.infer<typeof zDeadline>;
export type RecurringEvery = "month" | "quarter" | "halfYear" | "year";

/** Something the drafting changed or decided that the office should see on the row. */
export type DraftNote =
  /** the written date lies outside the plan period: the due date was moved to its nearest day */
  | { code: "deadlineClamped"; written: IsoDate; dueDate: IsoDate }
  /** a recurring deadline gave too many milestones for the plan: a coarser period was used */
  | { code: "recurringCoarsened"; every: RecurringEvery; used: RecurringEvery }
  /** several 牵头单位 written: the first matched leads, the others are listed as supporting */
  | { code: "severalLeads"; names: string[] };

/**
 * At most this many milestones from one recurring deadline. A 5-year plan reported 每季度 gives
 * 20; 每月 over 5 years (60) would bury the task under reminders, so it falls back to quarters.
 * ZMilestoneDraft allows 40 per task.
 */
export const MAX_RECURRING_MILESTONES = 20;

const COARSER: Record<RecurringEvery, RecurringEvery | null> = {
  month: "quarter",
  quarter: "halfYear",
  halfYear: "year",
  year: null,
};
const MONTHS: Record<RecurringEvery, number> = { month: 1, quarter: 3, halfYear: 6, year: 12 };

function periodTitle(every: RecurringEvery, year: number, month: number): string {
  if (every === "month") return `${year}年${month}月`;
  if (every === "quarter") return `${year}年第${month / 3}季度`;
  if (every === "halfYear") return `${year}年${month === 6 ? "上半年" : "下半年"}`;
  return `${year}年度`;
}

/**
 * The end of every period (month, quarter, half year or year: calendar periods, in Asia/Shanghai
 * days) from `from` to `to`, both inclusive, with a title such as `2024年第2季度`.
 */
export function recurringMilestones(
  every: RecurringEvery,
  from: IsoDate,
  to: IsoDate,
): Array<{ title: string; dueDate: IsoDate }> {
  const out: Array<{ title: string; dueDate: IsoDate }> = [];
  const step = MONTHS[every];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (let month = step; month <= 12; month += step) {
      const day = endOfMonth(year, month);
      if (day >= from && day <= to)
        out.push({ title: periodTitle(every, year, month), dueDate: day });
    }
  }
  return out;
}

/**
 * What a written 完成时限 makes of a task's dates inside the plan period [first, last]:
 * - a date: due that day; a day outside the period is moved to the period's first or last day,
 *   with a `deadlineClamped` note (the server refuses a date outside the plan);
 * - ongoing (长期坚持, 持续推进): due at the plan's end, no milestones;
 * - recurring (每季度, 每年年底前): due at the plan's end, with a milestone at the end of every
 *   period from the plan's start, at most MAX_RECURRING_MILESTONES (a coarser period beyond, noted).
 * Source: issue #16, "Deadlines".
 */
export function datesFromDeadline(
  deadline: DraftDeadline,
  first: IsoDate,
  last: IsoDate,
): {
  dueDate: IsoDate;
  milestones: Array<{ title: string; dueDate: IsoDate }>;
  notes: DraftNote[];
} {
  if (deadline.kind === "date") {
    const dueDate = [first, deadline.date, last].sort()[1]!;
    const notes: DraftNote[] =
      dueDate === deadline.date
        ? []
        : [{ code: "deadlineClamped", written: deadline.date, dueDate }];
    return { dueDate, milestones: [], notes };
  }
  if (deadline.kind === "ongoing") return { dueDate: last, milestones: [], notes: [] };
  let used: RecurringEvery | null = deadline.every;
  let milestones = recurringMilestones(used, first, last);
  while (milestones.length > MAX_RECURRING_MILESTONES && used && COARSER[used]) {
    used = COARSER[used];
    milestones = recurringMilestones(used!, first, last);
  }
  const notes: DraftNote[] =
    used === deadline.every
      ? []
      : [{ code: "recurringCoarsened", every: deadline.every, used: used! }];
  return { dueDate: last, milestones: milestones.slice(0, MAX_RECURRING_MILESTONES), notes };
}
