import { changeRequestKindLabels, type NotificationPayload } from "@duban/domain";

import type { RenderContext, Section } from "../layout.ts";
import { loopSection, taskFacts, taskUrl, type Fact } from "./loop-common.ts";

/** 调整申请: a unit filed a change request or declined a task; to the office, or the leaders for a second approval. */
export function changeRequest(
  p: NotificationPayload<"change-request">,
  ctx: RenderContext,
): Section {
  const kind = changeRequestKindLabels[p.kind];
  const who = p.awaiting === "leader" ? "办公室已初审同意，请分管领导审批" : "请办公室审批";
  const intro = p.declined
    ? `${p.departmentName}（${p.requestedBy}）认为以下任务不属于本单位职责，申请退回重新交办，${who}：`
    : `${p.departmentName}（${p.requestedBy}）提交了${kind.zh}，${who}：`;
  const facts: Fact[] = [
    ...taskFacts(p, ctx),
    { label: "申请类型", value: p.declined ? "退回（不属于本单位职责）" : kind.zh },
    ...(p.proposedDueDate ? [{ label: "申请完成时限", value: p.proposedDueDate }] : []),
    { label: "申请人", value: p.requestedBy },
  ];
  return loopSection({
    intro,
    facts,
    quotes: [{ label: "申请理由", text: p.reason }],
    action: { label: "查看并审批", href: taskUrl(ctx, p.taskId) },
    en: `${p.departmentName} filed a request (${p.declined ? "decline" : kind.en}) awaiting ${p.awaiting === "leader" ? "the leader's" : "the office's"} decision.`,
  });
}

/** 调整申请审批结果: to the requesting unit. */
export function changeRequestDecided(
  p: NotificationPayload<"change-request-decided">,
  ctx: RenderContext,
): Section {
  const kind = changeRequestKindLabels[p.kind];
  const facts: Fact[] = [
    ...taskFacts(p, ctx),
    { label: "申请类型", value: kind.zh },
    { label: "审批结果", value: p.approved ? "已批准" : "未批准" },
    ...(p.newDueDate ? [{ label: "新的完成时限", value: p.newDueDate }] : []),
    { label: "审批人", value: p.decidedBy },
  ];
  return loopSection({
    intro: p.approved
      ? `贵单位提交的${kind.zh}已获批准${p.newDueDate ? `，任务完成时限调整为 ${p.newDueDate}` : ""}，请按调整后的要求推进。`
      : `贵单位提交的${kind.zh}未获批准，请按原要求继续推进。`,
    facts,
    quotes: [{ label: "审批意见", text: p.comment ?? "" }],
    action: { label: "查看任务", href: taskUrl(ctx, p.taskId) },
    en: `Your ${kind.en.toLowerCase()} request was ${p.approved ? "approved" : "rejected"}.`,
  });
}
