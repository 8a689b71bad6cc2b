import { instructionTargetLabels, type NotificationPayload } from "@duban/domain";

import { url, type RenderContext, type Section } from "../layout.ts";
import { loopSection, type Fact } from "./loop-common.ts";

/** Where an instruction opens: its task, else the indicator on the indicators page. */
export function instructionHref(p: NotificationPayload<"instruction">, ctx: RenderContext): string {
  if (p.taskId) return url(ctx, `/tasks/${p.taskId}`);
  if (p.indicatorId) return url(ctx, `/indicators?indicator=${encodeURIComponent(p.indicatorId)}`);
  return url(ctx, "/overview");
}

/** 领导批示: to the office and the unit concerned. */
export function instruction(p: NotificationPayload<"instruction">, ctx: RenderContext): Section {
  const target = instructionTargetLabels[p.target];
  const href = instructionHref(p, ctx);
  const facts: Fact[] = [
    { label: "批示对象", value: target.zh },
    ...(p.taskTitle
      ? [{ label: "任务", value: p.taskTitle, href: p.taskId ? href : undefined }]
      : []),
    ...(p.period ? [{ label: "台账期次", value: p.period }] : []),
    ...(p.indicatorName
      ? [{ label: "指标", value: p.indicatorName, href: p.taskId ? undefined : href }]
      : []),
    { label: "规划", value: p.planTitle },
    { label: "批示领导", value: p.leaderName },
  ];
  return loopSection({
    intro: `${p.leaderName}对以下${target.zh}作出批示，请认真研究落实：`,
    facts,
    quotes: [{ label: "批示内容", text: p.text }],
    action: { label: p.taskId ? "查看任务" : "查看指标", href },
    en: `${p.leaderName} wrote an instruction on a ${target.en.toLowerCase()}; please see it in Duban.`,
  });
}
