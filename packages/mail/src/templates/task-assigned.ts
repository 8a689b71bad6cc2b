import type { NotificationPayload } from "@duban/domain";

import type { RenderContext, Section } from "../layout.ts";
import { loopSection, taskFacts, taskUrl } from "./loop-common.ts";

/** 交办: a unit is given a task (new, reassigned, an ad-hoc item) and must acknowledge it (签收). */
export function taskAssigned(p: NotificationPayload<"task-assigned">, ctx: RenderContext): Section {
  return loopSection({
    intro: p.reassigned
      ? `${p.assignedBy}将以下任务调整由贵单位牵头，请及时登录督办系统签收并组织推进；如不属于本单位职责，请在签收页说明理由退回。`
      : `${p.assignedBy}向贵单位交办以下任务，请及时登录督办系统签收并组织推进；如不属于本单位职责，请在签收页说明理由退回。`,
    facts: [...taskFacts(p, ctx), { label: "完成时限", value: p.dueDate }],
    action: { label: "签收任务", href: taskUrl(ctx, p.taskId) },
    en: `A task has been ${p.reassigned ? "reassigned" : "assigned"} to your unit (due ${p.dueDate}); please acknowledge it in Duban.`,
  });
}
