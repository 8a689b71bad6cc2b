// The urged unit's replies to a 督办通知单, the list of notices and the document. Issue #17 step 4.
import type { z } from "zod";

import type { Prisma } from "@duban/db";

import { actorDepartmentIds } from "../access.ts";
import { recordAudit } from "../audit.ts";
import { dateOnly } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { forbidden, notFound } from "../errors.ts";
import { noticeFileName, noticeTitle } from "../i18n/notice-text.ts";
import { loadPlanForActor } from "../plans/plan-queries.ts";
import type {
  ZListNoticesInput,
  ZNoticeIdInput,
  ZReplyNoticeInput,
} from "../schemas/supervision.ts";
import { loadTaskForActor } from "../tasks/load-task.ts";
import { assertWritablePlan } from "../tasks/task-commands.ts";
import { visibleUnits } from "../visibility.ts";
import { notifyLoop } from "./notify.ts";

/** The notice with its task, for whoever may see the task (NOT_FOUND otherwise). */
async function loadNoticeForActor(ctx: DomainContext, noticeId: string) {
  const notice = await ctx.db.supervisionNotice.findUnique({
    where: { id: noticeId },
    select: {
      id: true,
      year: true,
      number: true,
      taskId: true,
      departmentId: true,
      jurisdictionId: true,
    },
  });
  if (!notice) throw notFound("督办通知单", "notice");
  const loaded = await loadTaskForActor(ctx.db, ctx.actor, notice.taskId).catch(() => {
    throw notFound("督办通知单", "notice");
  });
  return { notice, ...loaded };
}

/** Staff of the urged unit only: the office and other units are FORBIDDEN. */
function assertUrgedUnit(ctx: DomainContext, notice: { departmentId: string }) {
  if (!actorDepartmentIds(ctx.actor).includes(notice.departmentId))
    throw forbidden(
      "只有被督办单位可以回复督办通知单",
      "only the unit urged may reply to a notice",
    );
}

/**
 * The urged unit replies to a notice (text; evidence afterwards through POST
 * /api/notice-replies/:replyId/evidence). Several replies are kept as the notice's history. Staff
 * of the urged unit only (FORBIDDEN for the office, leaders and other units; NOT_FOUND for a
 * notice on a task the actor cannot see). Audit `notice.reply`; the office is told (notice-reply).
 */
export async function replyToNotice(ctx: DomainContext, input: z.infer<typeof ZReplyNoticeInput>) {
  const { notice, task } = await loadNoticeForActor(ctx, input.noticeId);
  assertUrgedUnit(ctx, notice);
  assertWritablePlan(task);
  const { db, actor, requestId, now } = ctx;
  const department = await db.department.findUniqueOrThrow({
    where: { id: notice.departmentId },
    select: { name: true },
  });
  const plan = await db.plan.findUniqueOrThrow({
    where: { id: task.planId },
    select: { title: true },
  });
  const title = noticeTitle(notice.year, notice.number);
  return db.$transaction(async (tx) => {
    const reply = await tx.noticeReply.create({
      data: {
        noticeId: notice.id,
        departmentId: notice.departmentId,
        text: input.text,
        repliedById: actor.kind === "user" ? actor.userId : null,
        ...(now ? { repliedAt: now } : {}),
      },
    });
    await recordAudit(tx, actor, {
      action: "notice.reply",
      entityType: "NoticeReply",
      entityId: reply.id,
      jurisdictionId: notice.jurisdictionId,
      after: { noticeId: notice.id, departmentId: notice.departmentId, text: input.text },
      requestId,
    });
    await notifyLoop(tx, {
      kind: "notice-reply",
      jurisdictionId: notice.jurisdictionId,
      subject: `${title}已回复：${task.title}`,
      dedupeKey: `notice-reply:${reply.id}`,
      link: {
        entityType: "SupervisionNotice",
        entityId: notice.id,
        taskId: task.id,
        body: input.text,
      },
      to: { roles: ["OFFICE"] },
      exceptUserId: actor.kind === "user" ? actor.userId : null,
      now,
      payload: {
        taskId: task.id,
        taskTitle: task.title,
        planTitle: plan.title,
        departmentName: department.name,
        noticeId: notice.id,
        noticeNumber: title,
        text: input.text,
        repliedBy: actor.kind === "user" ? actor.name : "system",
      },
    });
    return { id: reply.id, repliedAt: reply.repliedAt };
  });
}

/**
 * The reply evidence may be attached to: a reply of the actor's own unit (the urged unit). The
 * upload route calls it before it reads the body. NOT_FOUND when the actor cannot see the task,
 * FORBIDDEN for anyone but the urged unit's staff.
 */
export async function noticeReplyForEvidence(ctx: DomainContext, { replyId }: { replyId: string }) {
  const reply = await ctx.db.noticeReply.findUnique({
    where: { id: replyId },
    select: { id: true, noticeId: true, departmentId: true },
  });
  if (!reply) throw notFound("督办回复", "reply");
  const { notice, task } = await loadNoticeForActor(ctx, reply.noticeId).catch(() => {
    throw notFound("督办回复", "reply");
  });
  assertUrgedUnit(ctx, reply);
  assertWritablePlan(task);
  return { reply, notice };
}

/**
 * Records an evidence file already checked and stored (storeEvidenceBytes) on a reply of the
 * actor's unit (noticeReplyForEvidence), with audit `evidence.add`.
 */
export async function addNoticeReplyEvidence(
  ctx: DomainContext,
  input: {
    replyId: string;
    stored: { safeName: string; mimeType: string; bytes: Uint8Array; sha256: string };
  },
) {
  const { reply, notice } = await noticeReplyForEvidence(ctx, { replyId: input.replyId });
  const { db, actor, requestId } = ctx;
  const { stored } = input;
  return db.$transaction(async (tx) => {
    const file = await tx.evidenceFile.create({
      data: {
        noticeReplyId: reply.id,
        fileName: stored.safeName,
        mimeType: stored.mimeType,
        size: stored.bytes.byteLength,
        sha256: stored.sha256,
        uploadedById: actor.kind === "user" ? actor.userId : null,
      },
    });
    await recordAudit(tx, actor, {
      action: "evidence.add",
      entityType: "EvidenceFile",
      entityId: file.id,
      jurisdictionId: notice.jurisdictionId,
      after: {
        noticeReplyId: reply.id,
        fileName: stored.safeName,
        sha256: stored.sha256,
        size: file.size,
      },
      requestId,
    });
    return file;
  });
}

/**
 * The plan's notices the actor may see, newest first, with their replies and the replies'
 * evidence: all of them for the office, leaders and the city above; for department staff those on
 * tasks their units lead or support (the task list's rule, visibility.ts). `canReply` marks the
 * notices the actor's unit was urged by. `unanswered`: only notices without a reply.
 */
export async function listNotices(
  { db, actor }: DomainContext,
  input: z.infer<typeof ZListNoticesInput>,
) {
  const { plan, visibility } = await loadPlanForActor(db, actor, input.planId);
  const units = visibleUnits(visibility);
  const and: Prisma.SupervisionNoticeWhereInput[] = [{ task: { planId: plan.id } }];
  if (units)
    and.push({
      task: {
        OR: [
          { leadDepartmentId: { in: units } },
          { supportingDepartments: { some: { departmentId: { in: units } } } },
        ],
      },
    });
  if (input.taskId) and.push({ taskId: input.taskId });
  if (input.departmentId) and.push({ departmentId: input.departmentId });
  if (input.unanswered) and.push({ replies: { none: {} } });
  const where: Prisma.SupervisionNoticeWhereInput = { AND: and };
  const [total, rows] = await Promise.all([
    db.supervisionNotice.count({ where }),
    db.supervisionNotice.findMany({
      where,
      orderBy: [{ issuedAt: "desc" }, { number: "desc" }, { id: "asc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: {
        id: true,
        year: true,
        number: true,
        level: true,
        taskId: true,
        task: { select: { title: true } },
        departmentId: true,
        requirement: true,
        replyDueDate: true,
        issuingOffice: true,
        issuedAt: true,
        replies: {
          orderBy: [{ repliedAt: "asc" }, { id: "asc" }],
          select: {
            id: true,
            text: true,
            repliedAt: true,
            departmentId: true,
            evidence: {
              select: { id: true, fileName: true, size: true },
              orderBy: [{ uploadedAt: "asc" }, { id: "asc" }],
            },
          },
        },
      },
    }),
  ]);
  const departmentNames = new Map(
    (
      await db.department.findMany({
        where: { id: { in: [...new Set(rows.map((r) => r.departmentId))] } },
        select: { id: true, name: true },
      })
    ).map((d) => [d.id, d.name]),
  );
  const own = new Set(actorDepartmentIds(actor, plan.jurisdictionId));
  return {
    total,
    page: input.page,
    pageSize: input.pageSize,
    items: rows.map(({ task, ...n }) => ({
      ...n,
      taskTitle: task.title,
      title: noticeTitle(n.year, n.number),
      departmentName: departmentNames.get(n.departmentId) ?? "",
      replyDueDate: dateOnly(n.replyDueDate),
      canReply: own.has(n.departmentId),
    })),
  };
}

/** The notice's .docx as issued, with its file name (督办通知单〔2026〕第3号.docx), for whoever may see the task. */
export async function noticeDocument(ctx: DomainContext, input: z.infer<typeof ZNoticeIdInput>) {
  const { notice } = await loadNoticeForActor(ctx, input.noticeId);
  const { document } = await ctx.db.supervisionNotice.findUniqueOrThrow({
    where: { id: notice.id },
    select: { document: true },
  });
  return { fileName: noticeFileName(notice.year, notice.number), bytes: Buffer.from(document) };
}
