import { dateOnly, shanghaiDay, type IsoDate } from "../calendar.ts";

/** What the year's outcome of an annual-plan item depends on. */
export type AnnualItemFacts = {
  year: number;
  /** this year's due date (AnnualPlanItem.dueDate) */
  dueDate: Date;
  /** the office confirmed the year's deliverable done (AnnualPlanItem.doneAt) */
  doneAt: Date | null;
  task: { status: string; completedAt: Date | null };
};

export type AnnualItemOutcome = {
  /** the year's deliverable is done by `asOf` */
  done: boolean;
  /** done no later than this year's due date (Asia/Shanghai days) */
  onTime: boolean;
  /** not done and the due date has passed at `asOf` */
  overdue: boolean;
  /** the day it was done (YYYY-MM-DD), or null */
  doneOn: IsoDate | null;
};

/**
 * The outcome of one annual-plan item on `asOf` (YYYY-MM-DD, Asia/Shanghai), the one rule the
 * annual plan page, the year filter, the scores (ITEM_COMPLETION) and the 年度评估 share (issue #18).
 * An item is done when the office confirmed this year's deliverable (doneAt), or when its task was
 * signed off (COMPLETED) within the year — whichever came first, and only if on or before `asOf`.
 * A task finished in an earlier year does not make a later year's item done by itself: the office
 * would not carry a finished task over.
 */
export function annualItemOutcome(item: AnnualItemFacts, asOf: IsoDate): AnnualItemOutcome {
  const candidates: IsoDate[] = [];
  if (item.doneAt) candidates.push(shanghaiDay(item.doneAt));
  if (item.task.status === "COMPLETED" && item.task.completedAt) {
    const day = shanghaiDay(item.task.completedAt);
    if (Number(day.slice(0, 4)) === item.year) candidates.push(day);
  }
  const doneOn = candidates.filter((d) => d <= asOf).sort()[0] ?? null;
  const due = dateOnly(item.dueDate);
  return {
    done: doneOn !== null,
    onTime: doneOn !== null && doneOn <= due,
    overdue: doneOn === null && asOf > due,
    doneOn,
  };
}
