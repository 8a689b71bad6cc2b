import type { CascadeItemRef, NotificationPayload } from "@duban/domain";

import { url, type RenderContext, type Section } from "../layout.ts";
import { loopSection, type Fact } from "./loop-common.ts";

/** The 下达 item's facts: 上级事项, its plan, who assigned it to whom, the deadline. */
function itemFacts(p: CascadeItemRef): Fact[] {
  return [
    { label: p.kind === "TASK" ? "上级任务" : "上级指标", value: p.parentTitle },
    { label: "上级规划", value: p.parentPlanTitle },
    { label: "下达单位", value: p.assigningOffice },
    { label: "承接地区", value: p.toJurisdictionName },
    { label: "分解时限", value: p.decomposeBy },
  ];
}

/** The assignment's page (the same one its inbox copy opens). */
const assignmentUrl = (ctx: RenderContext, p: CascadeItemRef) =>
  url(ctx, `/assignments?assignment=${encodeURIComponent(p.assignmentId)}`);

const notes = (p: CascadeItemRef) => [{ label: "下达要求", text: p.note }];

/** 分解提醒: to the receiving office, 3 days and 1 day before the decomposition deadline. */
export function cascadeDecomposeSoon(
  p: NotificationPayload<"cascade-decompose-soon">,
  ctx: RenderContext,
): Section {
  const when = p.daysLeft === 0 ? "今天到期" : `还有 ${p.daysLeft} 天到期`;
  return loopSection({
    intro: `${p.assigningOffice}下达的“${p.parentTitle}”尚未分解，分解时限 ${p.decomposeBy}，${when}。请及时分解到责任单位或乡镇（街道）。`,
    facts: itemFacts(p),
    quotes: notes(p),
    action: { label: "去分解", href: assignmentUrl(ctx, p) },
    en: `An item assigned by ${p.fromJurisdictionName} must be decomposed by ${p.decomposeBy} (${p.daysLeft} day(s) left).`,
  });
}

/** 逾期未分解: to both offices; the receiving one is asked to act, the assigning one to follow up. */
export function cascadeLate(p: NotificationPayload<"cascade-late">, ctx: RenderContext): Section {
  const intro =
    p.audience === "receiving"
      ? `${p.assigningOffice}下达的“${p.parentTitle}”已超过分解时限（${p.decomposeBy}）${p.daysLate} 天仍未分解，请尽快分解落实。此情况已同时告知下达单位。`
      : `${p.toJurisdictionName}承接的“${p.parentTitle}”已超过分解时限（${p.decomposeBy}）${p.daysLate} 天仍未分解，请督促落实。`;
  return loopSection({
    intro,
    facts: [...itemFacts(p), { label: "逾期天数", value: String(p.daysLate) }],
    quotes: notes(p),
    action: { label: "查看下达事项", href: assignmentUrl(ctx, p) },
    en: `${p.toJurisdictionName} has not decomposed an item assigned by ${p.fromJurisdictionName}; it was due ${p.decomposeBy} (${p.daysLate} day(s) late).`,
  });
}
