/** How many years after its period a plan takes annual plans: the server's YEARS_AFTER_PERIOD. */
export const YEARS_AFTER_PERIOD = 5;

/** The years the year picker offers for a plan: its first year to five after its last, newest first. */
export function yearOptions(plan: { periodStart: number; periodEnd: number }): number[] {
  const years: number[] = [];
  for (let y = plan.periodEnd + YEARS_AFTER_PERIOD; y >= plan.periodStart; y--) years.push(y);
  return years;
}

/**
 * The year the page opens on: the one asked for (?year=) when the plan takes it, else this year
 * when it does, else the plan's last year with an annual plan, else the plan's last year.
 */
export function defaultYear(
  plan: { periodStart: number; periodEnd: number },
  today: number,
  existing: readonly number[],
  asked?: number | null,
): number {
  const years = yearOptions(plan);
  if (asked && years.includes(asked)) return asked;
  if (years.includes(today)) return today;
  return [...existing].sort((a, b) => b - a)[0] ?? plan.periodEnd;
}

/** The words of an item's outcome (annualItemOutcome) for the status column, or null: the task's status says it. */
export function outcomeKey(outcome: {
  done: boolean;
  onTime: boolean;
  overdue: boolean;
}): "annual.outcome.done" | "annual.outcome.late" | "annual.outcome.overdue" | null {
  if (outcome.done) return outcome.onTime ? "annual.outcome.done" : "annual.outcome.late";
  return outcome.overdue ? "annual.outcome.overdue" : null;
}
