import { addDays, daysBetween, shanghaiMidnight, type IsoDate } from "../calendar.ts";

/** A small deterministic generator, so the demo looks the same on every machine. */
export function prng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** FNV-1a over a text: a stable seed per plan (its title), so each plan has its own history. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return h;
}

export type Random = () => number;

/** An instant on `day` at `hour` o'clock Shanghai time. */
export const at = (day: IsoDate, hour: number) =>
  new Date(shanghaiMidnight(day).getTime() + hour * 3_600_000);

/**
 * What becomes of one task over the plan period: when its lead unit applies for completion
 * (null = not finished), whether it was carried over past the plan's end (结转, re-dated into the
 * following year) and the day progress would reach 100 % (drives the quarterly percentages).
 */
export type TaskFate = {
  finish: IsoDate | null;
  redate: { on: IsoDate; to: IsoDate } | null;
  progressEnd: IsoDate;
};

/**
 * The demo's model of a plan's five years, relative to the task's own dates and the plan's end:
 * 72 % finish before their due date, 14 % finish late (within the plan period), the rest run past
 * the plan's end and, once that is behind `today`, are carried over (结转) into the following year
 * — due at mid-year (30 %) or at its end — where nearly half of them finish.
 */
export function taskFate(
  rnd: Random,
  task: { start: IsoDate; due: IsoDate },
  planEndYear: number,
  today: IsoDate,
): TaskFate {
  const planEnd = `${planEndYear}-12-31`;
  const span = Math.max(90, daysBetween(task.start, task.due));
  const r = rnd();
  let finish: IsoDate | null =
    r < 0.72
      ? addDays(task.due, -Math.floor(rnd() * Math.min(240, span - 60)))
      : r < 0.86
        ? addDays(task.due, 20 + Math.floor(rnd() * 260))
        : null;
  if (finish && finish > planEnd) finish = null;
  let redate: TaskFate["redate"] = null;
  if (!finish && today > addDays(planEnd, 20)) {
    const next = planEndYear + 1;
    redate = { on: `${next}-01-20`, to: rnd() < 0.3 ? `${next}-06-30` : `${next}-12-31` };
    finish = rnd() < 0.45 ? addDays(`${next}-01-01`, 40 + Math.floor(rnd() * 300)) : null;
  }
  // an unfinished task is either nearly there (on schedule for its new date) or lagging: it would
  // need one to three more years at its pace so far
  const slack = rnd() < 0.5 ? Math.floor(rnd() * 60) : 200 + Math.floor(rnd() * 800);
  const progressEnd = finish ?? addDays(redate?.to ?? planEnd, slack);
  return { finish, redate, progressEnd };
}

/**
 * The share of the work done on `day` (0–95 before the application; never 100, which only the
 * completion sign-off gives), moving steadily from the task's start to `progressEnd`.
 */
export function progressOn(task: { start: IsoDate }, fate: TaskFate, day: IsoDate): number {
  const total = Math.max(30, daysBetween(task.start, fate.progressEnd));
  const share = daysBetween(task.start, day) / total;
  return Math.max(5, Math.min(95, Math.round(share * 100)));
}
