import type { NotificationPayload } from "@duban/domain";

import { url, type RenderContext, type Section } from "../layout.ts";
import { loopSection, type Fact } from "./loop-common.ts";

type Payload = NotificationPayload<"cascade-assigned">;

const intros: Record<Payload["event"], (p: Payload) => string> = {
  assigned: (p) =>
    `${p.actingOffice}向${p.toJurisdiction}下达“${p.itemTitle}”，请于 ${p.decomposeBy} 前分解落实到本级任务（层层分解）。`,
  updated: (p) =>
    `${p.actingOffice}调整了下达给${p.toJurisdiction}的“${p.itemTitle}”，请按调整后的要求分解落实。`,
  withdrawn: (p) =>
    `${p.actingOffice}已撤回下达给${p.toJurisdiction}的“${p.itemTitle}”。已分解的任务保留在本级规划中，不再计入上级进度。`,
  decomposed: (p) =>
    `${p.toJurisdiction}已将“${p.itemTitle}”分解为 ${p.taskCount ?? 0} 项本级任务，进度将逐级汇总。`,
};

const english: Record<Payload["event"], string> = {
  assigned: "An item was assigned to your jurisdiction to decompose. See it in Duban.",
  updated: "An assignment to your jurisdiction was changed. See it in Duban.",
  withdrawn: "An assignment to your jurisdiction was withdrawn. See it in Duban.",
  decomposed: "A child jurisdiction decomposed your assignment. See it in Duban.",
};

/** 下达与分解 (issue #19): an assignment given, changed, withdrawn, or decomposed by the child. */
export function cascadeAssigned(p: Payload, ctx: RenderContext): Section {
  const facts: Fact[] = [
    { label: p.assignmentKind === "TASK" ? "上级任务" : "上级指标", value: p.itemTitle },
    { label: "下达单位", value: p.fromJurisdiction },
    { label: "承接地区", value: p.toJurisdiction },
    { label: "分解时限", value: p.decomposeBy },
    ...(p.shareTarget === null
      ? []
      : [{ label: "分解目标", value: `${p.shareTarget}${p.unit ?? ""}` }]),
    { label: "权重", value: String(p.weight) },
  ];
  return loopSection({
    intro: intros[p.event](p),
    facts,
    quotes: [
      ...(p.note ? [{ label: "分解要求", text: p.note }] : []),
      ...(p.reason ? [{ label: "撤回原因", text: p.reason }] : []),
    ],
    action: {
      label: p.event === "assigned" ? "去分解" : "查看下达事项",
      href: url(ctx, `/assignments?assignment=${p.assignmentId}`),
    },
    en: english[p.event],
  });
}
