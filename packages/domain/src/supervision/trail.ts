import type { z } from "zod";

import type {
  ChangeRequestKind,
  ChangeRequestState,
  CompletionState,
  InstructionTarget,
  NoticeLevel,
  Prisma,
  QualityRating,
  ReviewState,
  TaskStatus,
} from "@duban/db";

import { dateOnly } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { noticeTitle } from "../i18n/notice-text.ts";
import type { ZTaskTrailInput } from "../schemas/supervision.ts";
import { loadTaskForActor, taskUnits } from "../tasks/load-task.ts";
import { seesReport, taskRelationIn } from "../visibility.ts";

/** Who did it: a user (name looked up), or null when the system did or the user is gone. */
export type TrailActor = { id: string; name: string } | null;
export type TrailUnit = { id: string; name: string };
/** A file to download from GET /api/evidence/:id. */
export type TrailEvidence = { id: string; fileName: string; size: number; url: string };

type Base = { id: string; at: string; actor: TrailActor };

/**
 * One event of a task's trail (办理轨迹), discriminated by `type`. `at` is an ISO instant; dates of
 * the plan (due dates, reply dates) are YYYY-MM-DD days.
 */
export type TrailEvent =
  | (Base & {
      type: "assigned";
      /** the lead unit given the task; `from` the previous one on a reassignment */
      unit: TrailUnit;
      from: TrailUnit | null;
      via: "created" | "reassigned" | "request";
    })
  | (Base & { type: "acknowledged"; unit: TrailUnit })
  | (Base & {
      type: "reportSubmitted";
      entryId: string;
      period: string;
      unit: TrailUnit;
      revision: number;
      percentComplete: number;
      status: TaskStatus;
      progressText: string;
      late: boolean;
      evidence: TrailEvidence[];
    })
  | (Base & {
      type: "reportReviewed";
      entryId: string;
      period: string;
      unit: TrailUnit;
      revision: number;
      decision: Exclude<ReviewState, "SUBMITTED">;
      comment: string | null;
    })
  | (Base & { type: "redated"; fromDueDate: string; toDueDate: string; reason: string })
  | (Base & {
      type: "noticeIssued";
      noticeId: string;
      /** as printed: 督办通知单〔2026〕第3号 */
      number: string;
      level: NoticeLevel;
      unit: TrailUnit;
      requirement: string;
      replyDueDate: string;
      /** the .docx as issued */
      documentUrl: string;
    })
  | (Base & {
      type: "noticeReplied";
      noticeId: string;
      replyId: string;
      number: string;
      unit: TrailUnit;
      text: string;
      evidence: TrailEvidence[];
    })
  | (Base & {
      type: "changeRequested";
      requestId: string;
      kind: ChangeRequestKind;
      /** the state now (a filed request may since have been decided or withdrawn) */
      state: ChangeRequestState;
      declined: boolean;
      late: boolean;
      unit: TrailUnit;
      reason: string;
      proposedDueDate: string | null;
      proposedUnit: TrailUnit | null;
      proposedTargetValue: number | null;
      evidence: TrailEvidence[];
    })
  | (Base & {
      type: "changeDecided";
      requestId: string;
      kind: ChangeRequestKind;
      /** who decided: the office, or the leader's second approval */
      by: "office" | "leader";
      approved: boolean;
      comment: string | null;
    })
  | (Base & {
      type: "completionApplied";
      applicationId: string;
      state: CompletionState;
      unit: TrailUnit;
      summary: string;
      evidence: TrailEvidence[];
    })
  | (Base & {
      type: "completionDecided";
      applicationId: string;
      approved: boolean;
      rating: QualityRating | null;
      comment: string | null;
    })
  | (Base & {
      type: "instruction";
      instructionId: string;
      target: InstructionTarget;
      text: string;
      /** the period and unit of the report it is written on (target LEDGER_ENTRY) */
      entry: { id: string; period: string; unit: TrailUnit } | null;
      /** the follow-up task the office made of it (立项), if any */
      followUpTaskId: string | null;
    });

export type TrailEventType = TrailEvent["type"];

const fileOf = (f: { id: string; fileName: string; size: number }): TrailEvidence => ({
  id: f.id,
  fileName: f.fileName,
  size: f.size,
  url: `/api/evidence/${f.id}`,
});
const evidenceSelect = {
  select: { id: true, fileName: true, size: true },
  orderBy: [{ uploadedAt: "asc" }, { id: "asc" }],
} satisfies Prisma.EvidenceFileFindManyArgs;

/** tie-break for events at the same instant: the order in which the loop produces them */
const ORDER: TrailEventType[] = [
  "assigned",
  "acknowledged",
  "changeRequested",
  "changeDecided",
  "redated",
  "reportSubmitted",
  "reportReviewed",
  "noticeIssued",
  "noticeReplied",
  "completionApplied",
  "completionDecided",
  "instruction",
];

/**
 * A task's whole trail (办理轨迹, issue #17 "Everywhere"), oldest first: 交办 and every
 * reassignment (audit "task.reassign", approved REASSIGNMENT requests), 签收, ledger reports and
 * their review, re-dates, numbered notices and replies, change requests and each decision,
 * completion applications and sign-off (with the rating), leaders' instructions (with the
 * follow-up task). Each event names its actor (users looked up in one query) and links evidence
 * (/api/evidence/:id) and notice documents (/api/notices/:id/document).
 *
 * Visibility: whoever may see the task (loadTaskForActor; NOT_FOUND otherwise) sees its
 * supervision trail, except reports: a supporting unit sees its own units' reports only
 * (seesReport), and so also the instructions written on them.
 */
export async function taskTrail(
  { db, actor }: DomainContext,
  { taskId }: z.infer<typeof ZTaskTrailInput>,
): Promise<TrailEvent[]> {
  const { task, visibility } = await loadTaskForActor(db, actor, taskId);
  const units = taskUnits(task);
  const seen = (departmentId: string) => seesReport(visibility, units, departmentId);
  const [reassigns, entries, dateChanges, notices, requests, applications, instructions] =
    await Promise.all([
      db.auditEvent.findMany({
        where: { entityType: "Task", entityId: taskId, action: "task.reassign" },
        orderBy: { id: "asc" },
        select: { id: true, at: true, actorUserId: true, before: true, after: true },
      }),
      db.ledgerEntry.findMany({
        where: { taskId },
        orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
        include: { evidence: evidenceSelect },
      }),
      db.taskDateChange.findMany({
        where: { taskId },
        orderBy: [{ changedAt: "asc" }, { id: "asc" }],
      }),
      db.supervisionNotice.findMany({
        where: { taskId },
        orderBy: [{ issuedAt: "asc" }, { id: "asc" }],
        omit: { document: true },
        include: {
          replies: {
            include: { evidence: evidenceSelect },
            orderBy: [{ repliedAt: "asc" }, { id: "asc" }],
          },
        },
      }),
      db.changeRequest.findMany({
        where: { taskId },
        orderBy: [{ requestedAt: "asc" }, { id: "asc" }],
        include: { evidence: evidenceSelect },
      }),
      db.completionApplication.findMany({
        where: { taskId },
        orderBy: [{ appliedAt: "asc" }, { id: "asc" }],
        include: { evidence: evidenceSelect },
      }),
      db.instruction.findMany({
        where: { taskId },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        include: {
          followUp: {
            select: {
              id: true,
              leadDepartmentId: true,
              supportingDepartments: { select: { departmentId: true } },
            },
          },
        },
      }),
    ]);

  const visibleEntries = entries.filter((e) => seen(e.departmentId));
  const entryById = new Map(entries.map((e) => [e.id, e]));
  const visibleInstructions = instructions.filter((i) => {
    if (!i.ledgerEntryId) return true;
    const entry = entryById.get(i.ledgerEntryId);
    return !!entry && seen(entry.departmentId);
  });

  // every user and unit named, looked up once each
  const userIds = new Set<string>();
  const unitIds = new Set<string>([task.leadDepartmentId]);
  const addUser = (id: string | null | undefined) => id && userIds.add(id);
  const addUnit = (id: string | null | undefined) => id && unitIds.add(id);
  const reassignSteps = reassigns.map((a) => {
    const from = (a.before as { leadDepartmentId?: string } | null)?.leadDepartmentId ?? null;
    const to = (a.after as { leadDepartmentId?: string } | null)?.leadDepartmentId ?? null;
    addUser(a.actorUserId);
    addUnit(from);
    addUnit(to);
    return { ...a, from, to };
  });
  const approvedReassignments = requests.flatMap((r) => {
    if (r.kind !== "REASSIGNMENT" || r.state !== "APPROVED" || !r.applied) return [];
    const applied = r.applied as { fromDepartmentId?: string; toDepartmentId?: string };
    if (!applied.toDepartmentId) return [];
    addUnit(applied.fromDepartmentId);
    addUnit(applied.toDepartmentId);
    const decidedAt = r.leaderDecidedAt ?? r.officeDecidedAt ?? r.requestedAt;
    const decidedBy = r.leaderDecidedById ?? r.officeDecidedById;
    return [
      {
        id: r.id,
        at: decidedAt,
        by: decidedBy,
        from: applied.fromDepartmentId ?? null,
        to: applied.toDepartmentId,
      },
    ];
  });
  for (const e of visibleEntries) {
    addUser(e.submittedById);
    addUser(e.reviewedById);
    addUnit(e.departmentId);
  }
  for (const c of dateChanges) addUser(c.changedById);
  for (const n of notices) {
    addUser(n.issuedById);
    addUnit(n.departmentId);
    for (const r of n.replies) {
      addUser(r.repliedById);
      addUnit(r.departmentId);
    }
  }
  for (const r of requests) {
    addUser(r.requestedById);
    addUser(r.officeDecidedById);
    addUser(r.leaderDecidedById);
    addUnit(r.departmentId);
    addUnit(r.proposedDepartmentId);
  }
  for (const a of applications) {
    addUser(a.appliedById);
    addUser(a.decidedById);
    addUnit(a.departmentId);
  }
  for (const i of visibleInstructions) addUser(i.authorId);
  addUser(task.acknowledgedById);
  const [users, departments] = await Promise.all([
    db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } }),
    db.department.findMany({
      where: { id: { in: [...unitIds] } },
      select: { id: true, name: true },
    }),
  ]);
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const unitName = new Map(departments.map((d) => [d.id, d.name]));
  const who = (id: string | null | undefined): TrailActor =>
    id ? { id, name: userName.get(id) ?? "" } : null;
  const unit = (id: string): TrailUnit => ({ id, name: unitName.get(id) ?? "" });
  const iso = (d: Date) => d.toISOString();

  const events: TrailEvent[] = [];
  // 交办: the first lead unit at creation (before the first change of lead), then each change
  const changes = [
    ...reassignSteps
      // a change of lead unit; one an approved request made (if it also wrote task.reassign) shows once, as the request's
      .filter(
        (s) =>
          s.to &&
          s.from !== s.to &&
          !approvedReassignments.some(
            (r) => r.to === s.to && Math.abs(r.at.getTime() - s.at.getTime()) < 60_000,
          ),
      )
      .map((s) => ({
        id: `audit:${s.id}`,
        at: s.at,
        by: s.actorUserId,
        from: s.from,
        to: s.to!,
        via: "reassigned" as const,
      })),
    ...approvedReassignments.map((r) => ({ ...r, id: `request:${r.id}`, via: "request" as const })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  const firstLead = changes[0]?.from ?? task.leadDepartmentId;
  events.push({
    type: "assigned",
    id: `assigned:${task.id}`,
    at: iso(changes.length ? task.createdAt : task.assignedAt),
    actor: null,
    unit: unit(firstLead),
    from: null,
    via: "created",
  });
  for (const c of changes)
    events.push({
      type: "assigned",
      id: c.id,
      at: iso(c.at),
      actor: who(c.by),
      unit: unit(c.to),
      from: c.from ? unit(c.from) : null,
      via: c.via,
    });
  if (task.acknowledgedAt)
    events.push({
      type: "acknowledged",
      id: `acknowledged:${task.id}`,
      at: iso(task.acknowledgedAt),
      actor: who(task.acknowledgedById),
      unit: unit(task.leadDepartmentId),
    });
  for (const e of visibleEntries) {
    events.push({
      type: "reportSubmitted",
      id: `report:${e.id}`,
      at: iso(e.submittedAt),
      actor: who(e.submittedById),
      entryId: e.id,
      period: e.period,
      unit: unit(e.departmentId),
      revision: e.revision,
      percentComplete: e.percentComplete,
      status: e.status,
      progressText: e.progressText,
      late: e.late,
      evidence: e.evidence.map(fileOf),
    });
    if (e.reviewState !== "SUBMITTED" && e.reviewedAt)
      events.push({
        type: "reportReviewed",
        id: `review:${e.id}`,
        at: iso(e.reviewedAt),
        actor: who(e.reviewedById),
        entryId: e.id,
        period: e.period,
        unit: unit(e.departmentId),
        revision: e.revision,
        decision: e.reviewState,
        comment: e.reviewComment,
      });
  }
  for (const c of dateChanges)
    events.push({
      type: "redated",
      id: `redated:${c.id}`,
      at: iso(c.changedAt),
      actor: who(c.changedById),
      fromDueDate: dateOnly(c.fromDueDate),
      toDueDate: dateOnly(c.toDueDate),
      reason: c.reason,
    });
  for (const n of notices) {
    const number = noticeTitle(n.year, n.number);
    events.push({
      type: "noticeIssued",
      id: `notice:${n.id}`,
      at: iso(n.issuedAt),
      actor: who(n.issuedById),
      noticeId: n.id,
      number,
      level: n.level,
      unit: unit(n.departmentId),
      requirement: n.requirement,
      replyDueDate: dateOnly(n.replyDueDate),
      documentUrl: `/api/notices/${n.id}/document`,
    });
    for (const r of n.replies)
      events.push({
        type: "noticeReplied",
        id: `reply:${r.id}`,
        at: iso(r.repliedAt),
        actor: who(r.repliedById),
        noticeId: n.id,
        replyId: r.id,
        number,
        unit: unit(r.departmentId),
        text: r.text,
        evidence: r.evidence.map(fileOf),
      });
  }
  for (const r of requests) {
    events.push({
      type: "changeRequested",
      id: `request:${r.id}`,
      at: iso(r.requestedAt),
      actor: who(r.requestedById),
      requestId: r.id,
      kind: r.kind,
      state: r.state,
      declined: r.declined,
      late: r.late,
      unit: unit(r.departmentId),
      reason: r.reason,
      proposedDueDate: r.proposedDueDate ? dateOnly(r.proposedDueDate) : null,
      proposedUnit: r.proposedDepartmentId ? unit(r.proposedDepartmentId) : null,
      proposedTargetValue: r.proposedTargetValue,
      evidence: r.evidence.map(fileOf),
    });
    if (r.officeDecidedAt)
      events.push({
        type: "changeDecided",
        id: `request-office:${r.id}`,
        at: iso(r.officeDecidedAt),
        actor: who(r.officeDecidedById),
        requestId: r.id,
        kind: r.kind,
        by: "office",
        // the office's approval stands even when the leader then rejects
        approved: r.state !== "REJECTED" || !!r.leaderDecidedAt,
        comment: r.officeComment,
      });
    if (r.leaderDecidedAt)
      events.push({
        type: "changeDecided",
        id: `request-leader:${r.id}`,
        at: iso(r.leaderDecidedAt),
        actor: who(r.leaderDecidedById),
        requestId: r.id,
        kind: r.kind,
        by: "leader",
        approved: r.state === "APPROVED",
        comment: r.leaderComment,
      });
  }
  for (const a of applications) {
    events.push({
      type: "completionApplied",
      id: `completion:${a.id}`,
      at: iso(a.appliedAt),
      actor: who(a.appliedById),
      applicationId: a.id,
      state: a.state,
      unit: unit(a.departmentId),
      summary: a.summary,
      evidence: a.evidence.map(fileOf),
    });
    if (a.decidedAt)
      events.push({
        type: "completionDecided",
        id: `completion-decided:${a.id}`,
        at: iso(a.decidedAt),
        actor: who(a.decidedById),
        applicationId: a.id,
        approved: a.state === "APPROVED",
        rating: a.rating,
        comment: a.comment,
      });
  }
  for (const i of visibleInstructions) {
    const entry = i.ledgerEntryId ? entryById.get(i.ledgerEntryId) : undefined;
    events.push({
      type: "instruction",
      id: `instruction:${i.id}`,
      at: iso(i.createdAt),
      actor: who(i.authorId),
      instructionId: i.id,
      target: i.target,
      text: i.text,
      entry: entry ? { id: entry.id, period: entry.period, unit: unit(entry.departmentId) } : null,
      // the follow-up is a task of its own: linked only for those who may see it
      followUpTaskId:
        i.followUp &&
        taskRelationIn(visibility, {
          leadDepartmentId: i.followUp.leadDepartmentId,
          supportingDepartmentIds: i.followUp.supportingDepartments.map((s) => s.departmentId),
        }) !== "none"
          ? i.followUp.id
          : null,
    });
  }
  return events.sort(
    (a, b) => a.at.localeCompare(b.at) || ORDER.indexOf(a.type) - ORDER.indexOf(b.type),
  );
}
