import { noticeLevelLabels, type NotificationPayload } from "@duban/domain";

import type { RenderContext, Section } from "../layout.ts";
import { loopSection, taskFacts, taskUrl, type Fact } from "./loop-common.ts";

/** 督办通知单: to the unit; a red one is copied to the leaders. */
export function supervisionNotice(
  p: NotificationPayload<"supervision-notice">,
  ctx: RenderContext,
): Section {
  const level = noticeLevelLabels[p.level];
  const facts: Fact[] = [
    { label: "通知单", value: p.noticeNumber },
    { label: "督办等级", value: level.zh },
    ...taskFacts(p, ctx),
    { label: "回复期限", value: p.replyDueDate },
    { label: "督办单位", value: p.issuingOffice },
    ...(p.copiedToLeaders ? [{ label: "抄送", value: "分管领导" }] : []),
  ];
  return loopSection({
    intro: `${p.issuingOffice}对以下任务发出${p.noticeNumber}（${level.zh}），请于 ${p.replyDueDate} 前登录督办系统书面回复办理情况。`,
    facts,
    quotes: [{ label: "督办要求", text: p.requirement }],
    action: { label: "查看并回复", href: taskUrl(ctx, p.taskId) },
    en: `Supervision notice ${p.noticeNumber} (${level.en}): please reply in Duban by ${p.replyDueDate}.`,
  });
}

/** 督办回复: the unit's reply to a notice; to the office. */
export function noticeReply(p: NotificationPayload<"notice-reply">, ctx: RenderContext): Section {
  return loopSection({
    intro: `${p.departmentName}（${p.repliedBy}）已回复${p.noticeNumber}：`,
    facts: [
      { label: "通知单", value: p.noticeNumber },
      ...taskFacts(p, ctx),
      { label: "回复人", value: p.repliedBy },
    ],
    quotes: [{ label: "回复内容", text: p.text }],
    action: { label: "查看回复", href: taskUrl(ctx, p.taskId) },
    en: `${p.departmentName} replied to supervision notice ${p.noticeNumber}.`,
  });
}
