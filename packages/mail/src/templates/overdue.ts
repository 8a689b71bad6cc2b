import type { NotificationPayload } from "@duban/domain";

import { html, link } from "../html.ts";
import { table, textTable, url, type RenderContext, type Section } from "../layout.ts";

export type OverduePayload = NotificationPayload<"overdue">;
export type OverdueEscalationPayload = NotificationPayload<"overdue-escalation">;

function list(p: OverduePayload, ctx: RenderContext, intro: string): Section {
  const more =
    p.total > p.items.length
      ? `另有 ${p.total - p.items.length} 项未列出，请登录系统查看全部。`
      : "";
  return {
    html: html`<p>${intro}</p>
      ${table(
        ["逾期天数", "到期日", "任务", "牵头单位", "规划"],
        p.items.map((i) => [
          i.daysOverdue,
          i.dueDate,
          link(url(ctx, `/tasks/${i.taskId}`), i.title),
          i.departmentName,
          i.planTitle,
        ]),
      )}${more ? html`<p>${more}</p>` : ""}`,
    text: `${intro}\n${textTable(p.items.map((i) => [`逾期 ${i.daysOverdue} 天`, i.dueDate, i.title, i.departmentName, url(ctx, `/tasks/${i.taskId}`)]))}${more ? `\n${more}` : ""}`,
  };
}

export const overdue = (p: OverduePayload, ctx: RenderContext) =>
  list(
    p,
    ctx,
    `截至 ${p.day}，您负责的 ${p.total} 项任务已超过完成时限，请尽快推进或按程序申请调整：`,
  );

export const overdueEscalation = (p: OverdueEscalationPayload, ctx: RenderContext) =>
  list(
    p,
    ctx,
    `截至 ${p.day}，本级共有 ${p.total} 项任务逾期超过 ${p.escalationDays} 天，请办公室督办：`,
  );
