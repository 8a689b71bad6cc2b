// The calendar years the plans' year filter and annual layer accept (issue #18), without zod: the
// web's side menu and bottom bar check `?year=` with it, and they load before any page, so they
// must not take the input schemas (and zod) along (issue #20: the phone's first load).

/** the first and last year accepted (zYear in schemas/annual.ts refuses the others) */
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;

/** Whether `n` is a year zYear accepts: a whole number from YEAR_MIN to YEAR_MAX. */
export function isAcceptedYear(n: number): boolean {
  return Number.isInteger(n) && n >= YEAR_MIN && n <= YEAR_MAX;
}
