import type { NotificationPayload } from "@duban/domain";

import { html, link } from "../html.ts";
import { table, textTable, url, type RenderContext, type Section } from "../layout.ts";

export type DueSoonPayload = NotificationPayload<"due-soon">;

const what = (i: DueSoonPayload["items"][number]) =>
  i.type === "task" ? "任务" : `节点（${i.taskTitle}）`;

export function dueSoon(p: DueSoonPayload, ctx: RenderContext): Section {
  const rows = p.items.map((i) => [
    `${i.daysLeft} 天后`,
    i.dueDate,
    what(i),
    link(url(ctx, `/tasks/${i.taskId}`), i.title),
    i.departmentName,
    i.planTitle,
  ]);
  return {
    html: html`<p>以下任务或节点即将到期，请抓紧推进并按时更新进展：</p>
      ${table(["剩余", "到期日", "类型", "名称", "牵头单位", "规划"], rows)}`,
    text: `以下任务或节点即将到期，请抓紧推进并按时更新进展：\n${textTable(p.items.map((i) => [`${i.daysLeft} 天后`, i.dueDate, what(i), i.title, i.departmentName, url(ctx, `/tasks/${i.taskId}`)]))}`,
  };
}
