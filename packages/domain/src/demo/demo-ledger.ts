import { randomUUID } from "node:crypto";

import type { Prisma, ReviewState, TaskStatus } from "@duban/db";

import { addDays, shanghaiDay, type IsoDate } from "../calendar.ts";
import { defaultCycleWindow } from "../ledger/cycles.ts";
import { periodEnd, periodStart } from "../periods.ts";
import { at, progressOn, type Random, type TaskFate } from "./demo-fates.ts";

export type DemoTask = {
  id: string;
  start: IsoDate;
  due: IsoDate;
  leadDepartmentId: string;
  supportIds: string[];
  fate: TaskFate;
  /** approval of the completion application (completedAt), when signed off before now */
  completedAt: Date | null;
  appliedAt: Date | null;
};
export type AuditRow = Prisma.AuditEventCreateManyInput;
export type People = {
  jurisdictionId: string;
  office: { id: string; email: string };
  users: Map<string, { id: string; email: string }>;
};

/** One approved lead report that moved the task (reviewLedgerEntry's rule), in time order. */
export type TaskMove = { taskId: string; at: Date; percent: number; entryId: string };

const TEXT = {
  done: "已按计划完成全部建设内容，相关成果已通过验收。",
  going: "按计划推进中，已完成阶段性建设内容。",
  problem: ["项目资金到位较慢。", "用地手续办理进度滞后。", "专业技术人才不足。", ""],
  next: "加快推进剩余建设内容，确保按期完成。",
  returned: "请补充佐证材料，并细化本季度完成的具体工作量。",
};

/**
 * The ledger of one quarter for one plan: each task's lead unit reports (and its supporting units,
 * most of the time) after the quarter ends — a few late, a few missing, one in twenty returned and
 * amended — and the office reviews. Nothing dated at or after `now` is written: the open quarter
 * has only the early reports, awaiting review — at least the first two lead units' (when the
 * quarter began before today), so the office's review queue is never empty in the demo. Rows and
 * audit events go to `out`.
 */
export function quarterLedger(
  rnd: Random,
  cycle: { id: string; period: string },
  tasks: DemoTask[],
  people: People,
  now: Date,
  out: {
    entries: Prisma.LedgerEntryCreateManyInput[];
    audit: AuditRow[];
    moves: TaskMove[];
  },
) {
  const window = defaultCycleWindow(cycle.period);
  const start = periodStart(cycle.period);
  const end = periodEnd(cycle.period);
  const openNow = window.closesAt > now;
  let earlyLeads = 0;
  for (const task of tasks) {
    if (task.start > end) continue;
    if (task.completedAt && task.completedAt < at(start, 0)) continue;
    const units = [task.leadDepartmentId, ...task.supportIds];
    for (const departmentId of units) {
      const lead = departmentId === task.leadDepartmentId;
      const roll = rnd();
      // a fifth of the supporting units and one lead unit in fifty never report the quarter
      if (roll < (lead ? 0.02 : 0.2)) continue;
      const tardy = rnd() < 0.08;
      let day = addDays(end, tardy ? 11 + Math.floor(rnd() * 4) : 1 + Math.floor(rnd() * 9));
      // in a window still open, a few units report early; the rest have not yet
      if (openNow && at(day, 9) >= now) {
        const sure = lead && earlyLeads < 2;
        if (rnd() > 0.12 && !sure) continue;
        const early = addDays(shanghaiDay(now), -Math.floor(rnd() * 10) - 1);
        day = early < start ? start : early;
        if (at(day, 9) >= now) continue;
        if (lead) earlyLeads++;
      }
      const submittedAt = at(day, 9 + rnd() * 8);
      const late = submittedAt > window.dueAt;
      const done = task.completedAt !== null && task.completedAt <= submittedAt;
      const applied = task.appliedAt !== null && task.appliedAt <= submittedAt;
      const percent = done
        ? 100
        : applied
          ? 95
          : progressOn(task, task.fate, day < end ? day : end);
      const status: TaskStatus = done ? "COMPLETED" : "IN_PROGRESS";
      const user = people.users.get(departmentId);
      const base = {
        taskId: task.id,
        cycleId: cycle.id,
        period: cycle.period,
        departmentId,
        progressText: done ? TEXT.done : TEXT.going,
        percentComplete: percent,
        status,
        problems: done ? "" : TEXT.problem[Math.floor(rnd() * TEXT.problem.length)]!,
        nextSteps: done ? "" : TEXT.next,
        submittedById: user?.id ?? null,
        revision: 1,
        isCurrent: true,
        supersedesId: null,
        reviewState: "SUBMITTED" as ReviewState,
        reviewedById: null,
        reviewedAt: null,
        reviewComment: null,
        version: 0,
      };
      const returned = rnd() < 0.05;
      const actor = { actorUserId: user?.id ?? null, actorLabel: user?.email ?? "system:demo" };
      const office = { actorUserId: people.office.id, actorLabel: people.office.email };
      const jurisdictionId = people.jurisdictionId;
      const firstId = randomUUID();
      const reviewAt = (from: Date) => new Date(from.getTime() + (1 + rnd() * 4) * 86_400_000);
      const firstReview = reviewAt(submittedAt);
      const review = (
        entryId: string,
        when: Date,
        decision: ReviewState,
      ): Partial<Prisma.LedgerEntryCreateManyInput> => {
        // not yet reviewed (after now): awaiting the office
        if (when >= now) return {};
        out.audit.push({
          ...office,
          at: when,
          action: decision === "APPROVED" ? "ledger.approve" : "ledger.return",
          entityType: "LedgerEntry",
          entityId: entryId,
          jurisdictionId,
          before: { reviewState: "SUBMITTED" },
          after: { reviewState: decision, comment: decision === "RETURNED" ? TEXT.returned : "" },
        });
        // reviewLedgerEntry moves the task only while it awaits no completion decision
        if (decision === "APPROVED" && lead && !(task.appliedAt && task.appliedAt <= when))
          out.moves.push({ taskId: task.id, at: when, percent, entryId });
        return {
          reviewState: decision,
          reviewedById: people.office.id,
          reviewedAt: when,
          reviewComment: decision === "RETURNED" ? TEXT.returned : null,
          version: 1,
        };
      };
      out.audit.push({
        ...actor,
        at: submittedAt,
        action: "ledger.submit",
        entityType: "LedgerEntry",
        entityId: firstId,
        jurisdictionId,
        after: { ...pick(base), late },
      });
      const amendAt = new Date(firstReview.getTime() + 2 * 86_400_000);
      if (!returned || amendAt >= now) {
        out.entries.push({
          id: firstId,
          ...base,
          submittedAt,
          late,
          ...review(firstId, firstReview, returned ? "RETURNED" : "APPROVED"),
        });
        continue;
      }
      // returned, then amended as a new revision; the first stays in the history
      const secondId = randomUUID();
      const late2 = late || amendAt > window.dueAt;
      out.entries.push({
        id: firstId,
        ...base,
        submittedAt,
        late,
        isCurrent: false,
        ...review(firstId, firstReview, "RETURNED"),
        version: 2,
      });
      out.audit.push({
        ...actor,
        at: amendAt,
        action: "ledger.amend",
        entityType: "LedgerEntry",
        entityId: secondId,
        jurisdictionId,
        before: { id: firstId, revision: 1, reviewState: "RETURNED" },
        after: { ...pick(base), revision: 2 },
      });
      out.entries.push({
        id: secondId,
        ...base,
        revision: 2,
        supersedesId: firstId,
        progressText: `${base.progressText}（已补充佐证材料）`,
        submittedAt: amendAt,
        late: late2,
        ...review(secondId, reviewAt(amendAt), "APPROVED"),
      });
    }
  }
}

function pick(e: {
  taskId: string;
  cycleId: string;
  departmentId: string;
  percentComplete: number;
  status: TaskStatus;
  progressText: string;
}) {
  return {
    taskId: e.taskId,
    cycleId: e.cycleId,
    departmentId: e.departmentId,
    percentComplete: e.percentComplete,
    status: e.status,
    progressText: e.progressText,
  };
}
