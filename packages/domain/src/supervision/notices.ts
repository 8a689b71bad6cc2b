// 催办 and 督办通知单 (numbered notices): issue and suggest a level. Replies, the list and the
// document: notice-replies.ts. Issue #17 step 4.
import type { z } from "zod";

import type { DbOrTx, NoticeLevel, TaskStatus } from "@duban/db";

import { assertOffice } from "../access.ts";
import { recordAudit } from "../audit.ts";
import { dateOnly, daysBetween, shanghaiDay, toDbDate, type IsoDate } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { invalid, notFound } from "../errors.ts";
import { noticeLevelLabels, scheduleLabels, taskStatusLabels } from "../i18n/labels.ts";
import { issuingOfficeName, noticeTitle } from "../i18n/notice-text.ts";
import { loadPlanForActor } from "../plans/plan-queries.ts";
import { expectedProgress, isOverdue, scheduleState } from "../progress.ts";
import type { ZIssueNoticesInput } from "../schemas/supervision.ts";
import type { ZTaskIdInput } from "../schemas/task.ts";
import { loadTaskForActor } from "../tasks/load-task.ts";
import { notifyLoop } from "./notify.ts";
import { supervisionRules, type SupervisionRules } from "./settings.ts";

/** At most this many tasks are urged by one call (ZIssueNoticesInput caps taskIds the same). */
export const MAX_NOTICES_PER_CALL = 200;
const CLOSED = new Set<TaskStatus>(["COMPLETED", "CANCELLED"]);

/**
 * What a notice's Word document prints: the shape of @duban/reports' NoticeDocument (the domain
 * cannot import reports, which imports the domain; the router passes buildNoticeDocx in).
 */
export type NoticeDocumentData = {
  year: number;
  number: number;
  level: NoticeLevel;
  departmentName: string;
  task: {
    title: string;
    planTitle: string;
    dueDate: IsoDate;
    status: string;
    schedule: string;
    progress: number;
    expectedProgress: number;
  };
  requirement: string;
  replyDueDate: IsoDate;
  issuingOffice: string;
  issuedOn: IsoDate;
  copiedTo: string[] | null;
};
export type RenderNotice = (data: NoticeDocumentData) => Promise<Uint8Array>;

/**
 * The level the office is offered for urging a task on day `asOf` (it may choose any): RED when the
 * task is overdue by at least the jurisdiction's escalationDays (SupervisionSettings, default 14);
 * YELLOW when it already had a notice or is lagging or overdue (scheduleState with the
 * jurisdiction's yellowLagPoints, the task list's rule); else BLUE. Issue #17 step 4 (蓝 reminder,
 * 黄 second notice / lagging, 红 escalated).
 */
export function suggestedNoticeLevel(
  task: {
    status: TaskStatus;
    progress: number;
    startDate: IsoDate;
    dueDate: IsoDate;
    noticeCount: number;
  },
  rules: Pick<SupervisionRules, "escalationDays" | "yellowLagPoints">,
  asOf: IsoDate,
): NoticeLevel {
  if (isOverdue(task, asOf) && daysBetween(task.dueDate, asOf) >= rules.escalationDays)
    return "RED";
  const state = scheduleState(task, asOf, rules);
  if (task.noticeCount > 0 || state === "LAGGING" || state === "OVERDUE") return "YELLOW";
  return "BLUE";
}

/**
 * The suggested level for urging one task (suggestedNoticeLevel), with what it rests on. Office of
 * the task's jurisdiction only (FORBIDDEN otherwise; NOT_FOUND for a task the actor cannot see).
 */
export async function suggestNoticeLevel(
  { db, actor, now }: DomainContext,
  { taskId }: z.infer<typeof ZTaskIdInput>,
) {
  const { task } = await loadTaskForActor(db, actor, taskId);
  assertOffice(actor, task.plan.jurisdictionId);
  const asOf = shanghaiDay(now ?? new Date());
  const [rules, noticeCount] = await Promise.all([
    supervisionRules(db, task.plan.jurisdictionId),
    db.supervisionNotice.count({ where: { taskId } }),
  ]);
  const dueDate = dateOnly(task.dueDate);
  const level = suggestedNoticeLevel(
    { ...task, startDate: dateOnly(task.startDate), dueDate, noticeCount },
    rules,
    asOf,
  );
  return {
    level,
    noticeCount,
    overdueDays: isOverdue({ status: task.status, dueDate }, asOf) ? daysBetween(dueDate, asOf) : 0,
    escalationDays: rules.escalationDays,
  };
}

/** The ids of the plan's open tasks the filter picks: led by the unit, in the schedule state. */
async function filteredTaskIds(
  db: DbOrTx,
  planId: string,
  filter: NonNullable<z.infer<typeof ZIssueNoticesInput>["filter"]>,
  asOf: IsoDate,
  rules: Pick<SupervisionRules, "yellowLagPoints">,
): Promise<string[]> {
  const tasks = await db.task.findMany({
    where: {
      planId,
      // a task 待审核 waits for the office, not for its unit: no unit is urged about it
      status: { notIn: [...CLOSED, "PENDING_REVIEW"] },
      ...(filter.departmentId ? { leadDepartmentId: filter.departmentId } : {}),
    },
    select: { id: true, status: true, progress: true, startDate: true, dueDate: true },
    orderBy: [{ dueDate: "asc" }, { id: "asc" }],
  });
  return tasks
    .filter(
      (t) =>
        !filter.schedule ||
        scheduleState(
          { ...t, startDate: dateOnly(t.startDate), dueDate: dateOnly(t.dueDate) },
          asOf,
          rules,
        ) === filter.schedule,
    )
    .map((t) => t.id);
}

/**
 * 催办: the office urges tasks of one plan now, each with a numbered 督办通知单 (.docx, kept on the
 * task as issued), an email and an inbox message to the task's lead unit; a RED notice is copied
 * to the jurisdiction's leaders (LEADER role: mail, inbox and the 抄送 line). Issue #17 step 4.
 * - Who: the office of the plan's jurisdiction (FORBIDDEN otherwise).
 * - Targets: `taskIds` (tasks of this plan; another plan's → NOT_FOUND) or `filter` (the plan's
 *   open tasks led by `departmentId` and/or in schedule state OVERDUE / LAGGING, by scheduleState
 *   with the jurisdiction's bands (supervisionRules), the task list's rule), exactly one of the two; 1–200 tasks (INVALID otherwise). A closed task
 *   (已完成 / 已取消) is refused (INVALID, its title named) and nothing is issued.
 * - Numbers: one transaction per call. The call takes its numbers from NoticeCounter with INSERT …
 *   ON CONFLICT (jurisdictionId, year) DO UPDATE SET last = last + n RETURNING last, n the number of
 *   tasks: the row lock queues concurrent issuers and a rolled-back call gives its numbers back, so
 *   numbers are unique and gap-free per jurisdiction and year (year in Asia/Shanghai).
 * - `replyDueDate` is today or later (INVALID, field replyDueDate).
 * - `dryRun`: the same checks, then only the tasks that would be urged (no number, nothing written).
 * Returns the notices issued and their tasks, in the tasks' due-date order.
 */
export async function issueNotices(
  { db, actor, requestId, now: fixedNow }: DomainContext,
  input: z.infer<typeof ZIssueNoticesInput>,
  render: RenderNotice,
) {
  const now = fixedNow ?? new Date();
  const today = shanghaiDay(now);
  const { plan } = await loadPlanForActor(db, actor, input.planId);
  assertOffice(actor, plan.jurisdictionId);
  if (plan.status === "ARCHIVED")
    throw invalid("规划已归档，不能再催办", "the plan is archived; its tasks cannot be urged");
  if (!!input.taskIds === !!input.filter)
    throw invalid(
      "请选择要催办的任务，或给出筛选条件（二者选一）",
      "give either the tasks to urge or a filter, not both",
      "taskIds",
    );
  if (input.replyDueDate < today)
    throw invalid("回复期限不能早于今天", "the reply deadline is in the past", "replyDueDate");
  // the jurisdiction's bands (黄 from yellowLagPoints behind), as the task list judges 滞后
  const rules = await supervisionRules(db, plan.jurisdictionId);
  const taskIds = input.taskIds
    ? [...new Set(input.taskIds)]
    : await filteredTaskIds(db, plan.id, input.filter!, today, rules);
  if (taskIds.length === 0)
    throw invalid("没有符合条件的未办结任务", "no open task matches the filter", "filter");
  if (taskIds.length > MAX_NOTICES_PER_CALL)
    throw invalid(
      `符合条件的任务有 ${taskIds.length} 项，一次最多催办 ${MAX_NOTICES_PER_CALL} 项，请缩小范围`,
      `${taskIds.length} tasks match; at most ${MAX_NOTICES_PER_CALL} can be urged at once`,
      "filter",
    );
  if (input.dryRun) {
    const tasks = await noticeTasks(db, plan.id, taskIds);
    return {
      notices: [],
      tasks: tasks.map((t) => ({
        id: t.id,
        title: t.title,
        departmentName: t.leadDepartment.name,
      })),
    };
  }
  const jurisdiction = await db.jurisdiction.findUniqueOrThrow({
    where: { id: plan.jurisdictionId },
    select: { name: true },
  });
  const issuingOffice = issuingOfficeName(jurisdiction.name);
  const leaders =
    input.level === "RED"
      ? await db.membership.findMany({
          where: {
            jurisdictionId: plan.jurisdictionId,
            role: "LEADER",
            user: { disabledAt: null },
          },
          select: { user: { select: { name: true } } },
          orderBy: [{ user: { name: "asc" } }, { id: "asc" }],
        })
      : [];
  const copiedTo = input.level === "RED" ? leaders.map((l) => l.user.name) : null;
  const year = Number(today.slice(0, 4));

  return db.$transaction(
    async (tx) => {
      // the numbers first: the counter's row lock is held to the end, and a refusal below rolls
      // the numbers back with everything else
      const [{ last }] = await tx.$queryRaw<[{ last: number }]>`
        INSERT INTO "NoticeCounter" ("jurisdictionId", "year", "last")
        VALUES (${plan.jurisdictionId}::uuid, ${year}, ${taskIds.length})
        ON CONFLICT ("jurisdictionId", "year")
        DO UPDATE SET "last" = "NoticeCounter"."last" + ${taskIds.length}
        RETURNING "last"`;
      const first = last - taskIds.length + 1;
      const tasks = await noticeTasks(tx, plan.id, taskIds);
      const issued = [];
      for (const [i, task] of tasks.entries()) {
        const number = first + i;
        const startDate = dateOnly(task.startDate);
        const dueDate = dateOnly(task.dueDate);
        const schedule = scheduleState({ ...task, startDate, dueDate }, today, rules);
        const document = await render({
          year,
          number,
          level: input.level,
          departmentName: task.leadDepartment.name,
          task: {
            title: task.title,
            planTitle: plan.title,
            dueDate,
            status: taskStatusLabels[task.status].zh,
            schedule: scheduleLabels[schedule].zh,
            progress: task.progress,
            expectedProgress: expectedProgress(startDate, dueDate, today),
          },
          requirement: input.requirement,
          replyDueDate: input.replyDueDate,
          issuingOffice,
          issuedOn: today,
          copiedTo,
        });
        const notice = await tx.supervisionNotice.create({
          data: {
            jurisdictionId: plan.jurisdictionId,
            year,
            number,
            level: input.level,
            taskId: task.id,
            departmentId: task.leadDepartmentId,
            requirement: input.requirement,
            replyDueDate: toDbDate(input.replyDueDate),
            issuingOffice,
            issuedById: actor.kind === "user" ? actor.userId : null,
            issuedAt: now,
            document: Buffer.from(document),
          },
          select: { id: true },
        });
        const title = noticeTitle(year, number);
        await recordAudit(tx, actor, {
          action: "notice.issue",
          entityType: "SupervisionNotice",
          entityId: notice.id,
          jurisdictionId: plan.jurisdictionId,
          after: {
            taskId: task.id,
            departmentId: task.leadDepartmentId,
            year,
            number,
            level: input.level,
            requirement: input.requirement,
            replyDueDate: input.replyDueDate,
            copiedToLeaders: input.level === "RED",
          },
          requestId,
        });
        await notifyLoop(tx, {
          kind: "supervision-notice",
          jurisdictionId: plan.jurisdictionId,
          subject: `【${noticeLevelLabels[input.level].zh}】${title}：${task.title}`,
          dedupeKey: `notice:${notice.id}:issued`,
          link: {
            entityType: "SupervisionNotice",
            entityId: notice.id,
            taskId: task.id,
            body: input.requirement,
          },
          to: {
            departmentIds: [task.leadDepartmentId],
            roles: input.level === "RED" ? ["LEADER"] : undefined,
          },
          exceptUserId: actor.kind === "user" ? actor.userId : null,
          now,
          payload: {
            taskId: task.id,
            taskTitle: task.title,
            planTitle: plan.title,
            departmentName: task.leadDepartment.name,
            noticeId: notice.id,
            noticeNumber: title,
            level: input.level,
            requirement: input.requirement,
            replyDueDate: input.replyDueDate,
            issuingOffice,
            copiedToLeaders: input.level === "RED",
          },
        });
        issued.push({ id: notice.id, taskId: task.id, year, number, title });
      }
      return {
        notices: issued,
        tasks: tasks.map((t) => ({
          id: t.id,
          title: t.title,
          departmentName: t.leadDepartment.name,
        })),
      };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/**
 * The tasks to urge, read in the issuing transaction, in due-date order: each of this plan (a
 * missing one: NOT_FOUND), open (a closed one: INVALID, named) and not 待审核 (a task whose
 * completion application awaits the office: INVALID, named).
 */
async function noticeTasks(tx: DbOrTx, planId: string, taskIds: string[]) {
  const tasks = await tx.task.findMany({
    where: { id: { in: taskIds }, planId },
    select: {
      id: true,
      title: true,
      status: true,
      progress: true,
      startDate: true,
      dueDate: true,
      leadDepartmentId: true,
      leadDepartment: { select: { name: true } },
    },
    orderBy: [{ dueDate: "asc" }, { id: "asc" }],
  });
  if (tasks.length !== taskIds.length) throw notFound("任务", "task");
  const closed = tasks.filter((t) => CLOSED.has(t.status));
  if (closed.length)
    throw invalid(
      `任务已办结或已取消，不能催办：${closed.map((t) => `「${t.title}」`).join("、")}`,
      `closed tasks (completed or cancelled) cannot be urged: ${closed.map((t) => t.title).join(", ")}`,
      "taskIds",
    );
  const awaitingOffice = tasks.filter((t) => t.status === "PENDING_REVIEW");
  if (awaitingOffice.length)
    throw invalid(
      `任务已提交办结申请、正等待领导小组办公室审核，无需催办：${awaitingOffice.map((t) => `「${t.title}」`).join("、")}`,
      `tasks awaiting the office's sign-off are not urged: ${awaitingOffice.map((t) => t.title).join(", ")}`,
      "taskIds",
    );
  return tasks;
}
