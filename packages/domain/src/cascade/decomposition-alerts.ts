// The daily cascade pass (job cascade-late-decomposition): 分解 reminders before the deadline
// and the late flag after it. Issue #19: "A county that has not decomposed an assignment within N
// days is flagged to both offices"; "reports and reminders follow the cascade".
import type { Db, Prisma } from "@duban/db";

import { systemActor } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import {
  addDays,
  dateOnly,
  daysBetween,
  shanghaiDay,
  shanghaiMidnight,
  toDbDate,
  type IsoDate,
} from "../calendar.ts";
import { issuingOfficeName } from "../i18n/notice-text.ts";
import { ancestorIdsOfMany } from "../jurisdictions/tree.ts";
import type { JobScope } from "../monitoring/job-scope.ts";
import {
  countFor,
  planned,
  type JurisdictionFigures,
  type PlannedEmail,
} from "../monitoring/types.ts";
import { enqueueNotifications } from "../notifications/outbox.ts";
import { jurisdictionRecipients, type Recipient } from "../notifications/recipients.ts";
import { isDecompositionLate, OWED_ASSIGNMENT_WHERE } from "./lateness.ts";

/** Reminders go to the receiving office 3 days and 1 day before 分解时限 (decomposeBy). */
export const DECOMPOSE_SOON_OFFSETS = [3, 1] as const;

/**
 * What every cascade email says about its assignment (plain JSON, dates YYYY-MM-DD Shanghai).
 * The parent item is the office above's task or indicator: the receiving county may read it
 * (issue #19: "a county sees its parent item (read-only)"), so both offices get the same facts.
 */
export type CascadeItemRef = {
  assignmentId: string;
  kind: "TASK" | "INDICATOR";
  /** the parent task's title, or the parent indicator's name */
  parentTitle: string;
  parentPlanTitle: string;
  /** 遵义市 (assigning) and 汇川区 (receiving) */
  fromJurisdictionName: string;
  toJurisdictionName: string;
  /** the assigning office as printed: 遵义市科技创新工作领导小组办公室 */
  assigningOffice: string;
  decomposeBy: IsoDate;
  note: string;
};

const assignmentSelect = {
  id: true,
  kind: true,
  note: true,
  state: true,
  decomposeBy: true,
  decomposedAt: true,
  lateFlaggedAt: true,
  fromJurisdictionId: true,
  toJurisdictionId: true,
  fromJurisdiction: { select: { name: true } },
  toJurisdiction: { select: { name: true } },
  parentTask: { select: { title: true, plan: { select: { title: true } } } },
  parentIndicator: { select: { name: true, plan: { select: { title: true } } } },
} as const satisfies Prisma.AssignmentSelect;

type AssignmentRow = Prisma.AssignmentGetPayload<{ select: typeof assignmentSelect }>;

function refOf(a: AssignmentRow): CascadeItemRef {
  const parent = a.parentTask ?? a.parentIndicator;
  return {
    assignmentId: a.id,
    kind: a.kind,
    parentTitle: a.parentTask?.title ?? a.parentIndicator?.name ?? "",
    parentPlanTitle: parent?.plan.title ?? "",
    fromJurisdictionName: a.fromJurisdiction.name,
    toJurisdictionName: a.toJurisdiction.name,
    assigningOffice: issuingOfficeName(a.fromJurisdiction.name),
    decomposeBy: dateOnly(a.decomposeBy),
    note: a.note,
  };
}

/**
 * The assignments a run covers: of active plans above, inside the run's scope. A run narrowed to
 * a plan (already checked to lie inside the caller's jurisdictions: narrowToPlan) covers the
 * assignments made from that plan's items and those landing in it; otherwise the receiving
 * jurisdiction must lie inside the scope (the jurisdiction that is late causes the emails).
 */
function assignmentWhere(scope: JobScope): Prisma.AssignmentWhereInput {
  const activeParent: Prisma.AssignmentWhereInput = {
    OR: [
      { parentTask: { plan: { status: "ACTIVE" } } },
      { parentIndicator: { plan: { status: "ACTIVE" } } },
    ],
  };
  if (scope.planId)
    return {
      AND: [
        activeParent,
        {
          OR: [
            { parentTask: { planId: scope.planId } },
            { parentIndicator: { planId: scope.planId } },
            { targetPlanId: scope.planId },
          ],
        },
      ],
    };
  return scope.jurisdictionIds
    ? { AND: [activeParent, { toJurisdictionId: { in: scope.jurisdictionIds } }] }
    : activeParent;
}

/**
 * A flag stands for the deadline it was raised after: an assignment flagged at T for a deadline D
 * is "already told" only while T is on or after the end of D (Shanghai). When the office above
 * later moves decomposeBy to D' > D, the old flag predates the end of D', so the flag re-arms and,
 * if D' is missed too, both offices are told again (the dedupe key names the deadline). The office
 * above's edit may also clear lateFlaggedAt; either way the rule gives the same answer.
 */
export function lateFlagStands(a: { decomposeBy: IsoDate; lateFlaggedAt: Date | null }): boolean {
  if (!a.lateFlaggedAt) return false;
  return a.lateFlaggedAt >= shanghaiMidnight(addDays(a.decomposeBy, 1));
}

/**
 * The offices told about each receiving jurisdiction's assignments: its own office, and the
 * assigning office only when the assigning jurisdiction lies above the receiving one (the one
 * visibility rule: an office above reads the whole subtree, visibility.ts). Returns per
 * assignment the recipients with their audience.
 */
async function officesOf(
  db: Db,
  assignments: AssignmentRow[],
  kind: "cascade-late" | "cascade-decompose-soon",
  both: boolean,
): Promise<Map<string, Array<{ recipient: Recipient; audience: "receiving" | "assigning" }>>> {
  const jurisdictionIds = [
    ...new Set(
      assignments.flatMap((a) =>
        both ? [a.toJurisdictionId, a.fromJurisdictionId] : [a.toJurisdictionId],
      ),
    ),
  ];
  const [offices, ancestors] = await Promise.all([
    jurisdictionRecipients(db, jurisdictionIds, ["OFFICE"], kind),
    both
      ? ancestorIdsOfMany(db, [...new Set(assignments.map((a) => a.toJurisdictionId))])
      : new Map<string, string[]>(),
  ]);
  const out = new Map<
    string,
    Array<{ recipient: Recipient; audience: "receiving" | "assigning" }>
  >();
  for (const a of assignments) {
    const list: Array<{ recipient: Recipient; audience: "receiving" | "assigning" }> = (
      offices.get(a.toJurisdictionId) ?? []
    ).map((recipient) => ({ recipient, audience: "receiving" }));
    const above = ancestors.get(a.toJurisdictionId) ?? [];
    if (both && above.includes(a.fromJurisdictionId))
      for (const recipient of offices.get(a.fromJurisdictionId) ?? [])
        if (!list.some((x) => x.recipient.email === recipient.email))
          list.push({ recipient, audience: "assigning" });
    out.set(a.id, list);
  }
  return out;
}

/** A planned email as the outbox takes it (the dry run's reason dropped). */
const toOutbox = ({ reason: _reason, ...m }: PlannedEmail) => m;

export type CascadeAlertsOutcome = {
  summary: Record<string, unknown>;
  byJurisdiction: JurisdictionFigures;
  /** the emails planned (a dry run lists them; a real run has enqueued them already) */
  emails: PlannedEmail[];
  /** new outbox rows written by a real run */
  enqueued: number;
};

/**
 * The daily cascade pass, as of `asOf` (its Shanghai day is "today"):
 * 1. 分解提醒 ("cascade-decompose-soon"): every PENDING assignment whose decomposeBy is 3 or 1
 *    days ahead (0–3: a run that missed a day catches up; the nearest threshold ≥ days left
 *    decides) to the receiving office; key `cascade-decompose-soon:<id>:<decomposeBy>:<threshold>:<email>`,
 *    so each threshold is told once per deadline.
 * 2. 逾期未分解 ("cascade-late"): every assignment isDecompositionLate (lateness.ts, the one rule)
 *    whose flag does not stand (lateFlagStands) is told to BOTH offices (receiving and assigning,
 *    officesOf), lateFlaggedAt is set and `assignment.lateFlagged` audited, in one transaction per
 *    assignment, guarded by a conditional update so two workers never tell anyone twice; key
 *    `cascade-late:<id>:<decomposeBy>:<email>`. lateFlaggedAt is the job's own mark: it does not
 *    raise the assignment's version (the offices' edits never conflict with it).
 * Every email's causing jurisdiction is the receiving one; inbox copies open the assignment and
 * are cut by the one visibility rule (enqueueInbox). A dry run writes nothing.
 */
export async function collectCascadeAlerts(
  ctx: { db: Db; now?: () => Date },
  options: { asOf: Date; scope: JobScope; dryRun: boolean },
): Promise<CascadeAlertsOutcome> {
  const { db } = ctx;
  const today = shanghaiDay(options.asOf);
  const horizon = addDays(today, Math.max(...DECOMPOSE_SOON_OFFSETS));
  const rows = await db.assignment.findMany({
    where: {
      AND: [
        assignmentWhere(options.scope),
        { ...OWED_ASSIGNMENT_WHERE, decomposeBy: { lte: toDbDate(horizon) } },
      ],
    },
    select: assignmentSelect,
    orderBy: [{ decomposeBy: "asc" }, { id: "asc" }],
  });
  const lateness = (a: AssignmentRow) => ({
    state: a.state,
    decomposeBy: dateOnly(a.decomposeBy),
    decomposedOn: a.decomposedAt ? shanghaiDay(a.decomposedAt) : null,
  });
  const late = rows.filter(
    (a) =>
      isDecompositionLate(lateness(a), today) &&
      !lateFlagStands({ decomposeBy: dateOnly(a.decomposeBy), lateFlaggedAt: a.lateFlaggedAt }),
  );
  const soon = rows.filter((a) => dateOnly(a.decomposeBy) >= today);
  const figures: JurisdictionFigures = {};
  const now = ctx.now?.() ?? new Date();

  const soonOffices = await officesOf(db, soon, "cascade-decompose-soon", false);
  const soonEmails = new Map<string, PlannedEmail[]>();
  for (const a of soon) {
    const mine: PlannedEmail[] = [];
    soonEmails.set(a.id, mine);
    const ref = refOf(a);
    const daysLeft = daysBetween(today, ref.decomposeBy);
    const threshold = Math.min(...DECOMPOSE_SOON_OFFSETS.filter((t) => t >= daysLeft));
    countFor(figures, a.toJurisdictionId, "decomposeSoon");
    for (const { recipient } of soonOffices.get(a.id) ?? [])
      mine.push(
        planned(
          recipient,
          {
            kind: "cascade-decompose-soon",
            jurisdictionId: a.toJurisdictionId,
            dedupeKey: `cascade-decompose-soon:${a.id}:${ref.decomposeBy}:${threshold}:${recipient.email}`,
            subject: `【分解提醒】${ref.fromJurisdictionName}下达事项“${ref.parentTitle}”${daysLeft === 0 ? "今天" : `${daysLeft} 天后`}到分解时限`,
            payload: { ...ref, day: today, daysLeft, threshold },
            inbox: {
              entityType: "Assignment",
              entityId: a.id,
              body: `分解时限 ${ref.decomposeBy}，还剩 ${daysLeft} 天`,
            },
          },
          `${ref.toJurisdictionName}办公室：“${ref.parentTitle}”${daysLeft} 天后到分解时限`,
          now,
        ),
      );
  }

  const lateOffices = await officesOf(db, late, "cascade-late", true);
  const lateEmails = new Map<string, PlannedEmail[]>();
  for (const a of late) {
    const ref = refOf(a);
    const daysLate = daysBetween(ref.decomposeBy, today);
    countFor(figures, a.toJurisdictionId, "late");
    lateEmails.set(
      a.id,
      (lateOffices.get(a.id) ?? []).map(({ recipient, audience }) =>
        planned(
          recipient,
          {
            kind: "cascade-late",
            jurisdictionId: a.toJurisdictionId,
            dedupeKey: `cascade-late:${a.id}:${ref.decomposeBy}:${recipient.email}`,
            subject: `【逾期未分解】${ref.toJurisdictionName}未按时分解“${ref.parentTitle}”`,
            payload: { ...ref, day: today, daysLate, audience },
            inbox: {
              entityType: "Assignment",
              entityId: a.id,
              body: `${ref.toJurisdictionName}：分解时限 ${ref.decomposeBy}，已逾期 ${daysLate} 天`,
            },
          },
          `${audience === "receiving" ? ref.toJurisdictionName : ref.fromJurisdictionName}办公室：“${ref.parentTitle}”逾期 ${daysLate} 天未分解`,
          now,
        ),
      ),
    );
  }

  const emails = [...[...soonEmails.values()].flat(), ...[...lateEmails.values()].flat()];
  const summary = {
    day: today,
    decomposeSoon: soon.length,
    late: late.length,
    recipients: emails.length,
  };
  if (options.dryRun) return { summary, byJurisdiction: figures, emails, enqueued: 0 };

  let enqueued = 0;
  let flagged = 0;
  for (const a of soon) {
    const n = await enqueueNotifications(db, (soonEmails.get(a.id) ?? []).map(toOutbox));
    countFor(figures, a.toJurisdictionId, "enqueued", n);
    enqueued += n;
  }
  const system = systemActor("cascade-late-decomposition");
  for (const a of late) {
    const decomposeBy = dateOnly(a.decomposeBy);
    const n = await db.$transaction(async (tx) => {
      // the guard: only the run that moves the flag tells anyone (a second worker finds it set)
      const moved = await tx.assignment.updateMany({
        where: {
          id: a.id,
          state: "PENDING",
          decomposeBy: a.decomposeBy,
          OR: [
            { lateFlaggedAt: null },
            { lateFlaggedAt: { lt: shanghaiMidnight(addDays(decomposeBy, 1)) } },
          ],
        },
        data: { lateFlaggedAt: now },
      });
      if (moved.count === 0) return -1;
      await recordAudit(tx, system, {
        action: "assignment.lateFlagged",
        entityType: "Assignment",
        entityId: a.id,
        jurisdictionId: a.toJurisdictionId,
        before: { lateFlaggedAt: a.lateFlaggedAt?.toISOString() ?? null },
        after: {
          lateFlaggedAt: now.toISOString(),
          decomposeBy,
          told: (lateEmails.get(a.id) ?? []).map((e) => e.recipientEmail),
        },
      });
      return enqueueNotifications(tx, (lateEmails.get(a.id) ?? []).map(toOutbox));
    });
    if (n < 0) continue;
    flagged++;
    countFor(figures, a.toJurisdictionId, "flagged");
    countFor(figures, a.toJurisdictionId, "enqueued", n);
    enqueued += n;
  }
  return {
    summary: { ...summary, flagged, planned: emails.length, enqueued },
    byJurisdiction: figures,
    emails,
    enqueued,
  };
}
