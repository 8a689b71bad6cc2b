import { qualityRatingLabels, type NotificationPayload } from "@duban/domain";

import type { RenderContext, Section } from "../layout.ts";
import { loopSection, taskFacts, taskUrl, type Fact } from "./loop-common.ts";

/** 办结申请: a unit applies for completion; to the office for sign-off (办结审核). */
export function completionApplied(
  p: NotificationPayload<"completion-applied">,
  ctx: RenderContext,
): Section {
  return loopSection({
    intro: `${p.departmentName}（${p.appliedBy}）申请办结以下任务，请办公室审核：`,
    facts: [
      ...taskFacts(p, ctx),
      { label: "佐证材料", value: `${p.evidenceCount} 份` },
      { label: "申请人", value: p.appliedBy },
    ],
    quotes: [{ label: "办结情况", text: p.summary }],
    action: { label: "审核办结申请", href: taskUrl(ctx, p.taskId) },
    en: `${p.departmentName} applied for completion of a task; it awaits the office's sign-off.`,
  });
}

/** 办结审核结果: signed off (with its 评价) or returned; to the lead unit. */
export function completionDecided(
  p: NotificationPayload<"completion-decided">,
  ctx: RenderContext,
): Section {
  const rating = p.rating ? qualityRatingLabels[p.rating] : null;
  const facts: Fact[] = [
    ...taskFacts(p, ctx),
    { label: "审核结果", value: p.approved ? "已办结" : "退回" },
    ...(rating ? [{ label: "质量评价", value: rating.zh }] : []),
    { label: "审核人", value: p.decidedBy },
  ];
  return loopSection({
    intro: p.approved
      ? `贵单位申请办结的任务已审核通过，任务已办结${rating ? `，评价为“${rating.zh}”` : ""}。`
      : "贵单位申请办结的任务未通过审核，已退回继续办理，请按审核意见补充完善后重新申请。",
    facts,
    quotes: [{ label: p.approved ? "评价意见" : "退回意见", text: p.comment ?? "" }],
    action: { label: "查看任务", href: taskUrl(ctx, p.taskId) },
    en: p.approved
      ? `Your completion application was signed off${rating ? ` (rated ${rating.en.toLowerCase()})` : ""}.`
      : "Your completion application was returned; please revise and apply again.",
  });
}
