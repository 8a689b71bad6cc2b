import type { NotificationPayload } from "@duban/domain";

import { html, link } from "../html.ts";
import { table, textTable, url, type RenderContext, type Section } from "../layout.ts";

/** 签收提醒: tasks still not acknowledged after the jurisdiction's working days (the reminder job). */
export function acknowledgeReminder(
  p: NotificationPayload<"acknowledge-reminder">,
  ctx: RenderContext,
): Section {
  const intro = `截至 ${p.day}，以下 ${p.items.length} 项交办任务尚未签收，请尽快登录督办系统签收；如不属于本单位职责，请说明理由退回：`;
  const en = `${p.items.length} assigned task(s) still await your unit's acknowledgement in Duban.`;
  return {
    html: html`<p>${intro}</p>
      ${table(
        ["任务", "牵头单位", "交办日期", "已等待（工作日）", "规划"],
        p.items.map((i) => [
          link(url(ctx, `/tasks/${i.taskId}`), i.taskTitle),
          i.departmentName,
          i.assignedOn,
          i.workingDaysWaiting,
          i.planTitle,
        ]),
      )}
      <p style="color:#71717a">${en}</p>`,
    text: `${intro}\n${textTable(
      p.items.map((i) => [
        i.taskTitle,
        i.departmentName,
        `${i.assignedOn} 交办`,
        `已等待 ${i.workingDaysWaiting} 个工作日`,
        url(ctx, `/tasks/${i.taskId}`),
      ]),
    )}\n\n${en}`,
  };
}
