// When a 下达 item counts as decomposed late. One rule for the API (the flag on the
// assignment), the late-decomposition job (who is told), the summaries and the cockpit.
import type { IsoDate } from "../calendar.ts";

/**
 * The decomposition state of an assignment on `today` (Asia/Shanghai calendar days):
 * - `withdrawn`: the office above took it back; never late.
 * - `pending`: not yet decomposed, `today` is on or before `decomposeBy`.
 * - `late`: not yet decomposed and `today` is after `decomposeBy` (the issue: "a county that has
 *   not decomposed an assignment within N days is flagged to both offices").
 * - `on-time` / `decomposed-late`: decomposed on or before / after `decomposeBy`, kept for the record.
 * `decomposedOn` is the Shanghai day of `decomposedAt` (null while pending).
 */
export type DecompositionLateness =
  "withdrawn" | "pending" | "late" | "on-time" | "decomposed-late";

export function decompositionLateness(
  assignment: {
    state: "PENDING" | "DECOMPOSED" | "WITHDRAWN";
    decomposeBy: IsoDate;
    decomposedOn: IsoDate | null;
  },
  today: IsoDate,
): DecompositionLateness {
  if (assignment.state === "WITHDRAWN") return "withdrawn";
  if (assignment.state === "PENDING") return today > assignment.decomposeBy ? "late" : "pending";
  const on = assignment.decomposedOn ?? assignment.decomposeBy;
  return on > assignment.decomposeBy ? "decomposed-late" : "on-time";
}

/**
 * The assignments a receiving office still owes (待分解): PENDING, and not of a task the office
 * above has since cancelled (a cancelled item is no longer to be broken down). A Prisma `where`
 * fragment, so the inbox, the late-decomposition job and the reminders ask the same thing.
 */
export const OWED_ASSIGNMENT_WHERE = {
  state: "PENDING" as const,
  NOT: { parentTask: { is: { status: "CANCELLED" as const } } },
};

/** True when the assignment is still waiting to be decomposed past its deadline (flag both offices). */
export function isDecompositionLate(
  assignment: Parameters<typeof decompositionLateness>[0],
  today: IsoDate,
): boolean {
  return decompositionLateness(assignment, today) === "late";
}
