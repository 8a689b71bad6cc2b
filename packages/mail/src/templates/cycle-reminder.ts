import type { NotificationPayload } from "@duban/domain";

import { html, link } from "../html.ts";
import { table, textTable, url, type RenderContext, type Section } from "../layout.ts";

export type CycleReminderPayload = NotificationPayload<"cycle-reminder">;

const role = (r: "lead" | "support") => (r === "lead" ? "牵头" : "配合");

export function cycleReminder(p: CycleReminderPayload, ctx: RenderContext): Section {
  const intro = `《${p.planTitle}》${p.periodLabel}台账将于 ${p.dueDate} 截止填报，以下 ${p.items.length} 项尚未填报：`;
  return {
    html: html`<p>${intro}</p>
      ${table(
        ["任务", "单位", "角色"],
        p.items.map((i) => [
          link(url(ctx, `/tasks/${i.taskId}`), i.title),
          i.departmentName,
          role(i.role),
        ]),
      )}
      <p>${link(url(ctx, "/ledger"), "前往填报台账")}</p>`,
    text: `${intro}\n${textTable(p.items.map((i) => [i.title, i.departmentName, role(i.role)]))}\n填报：${url(ctx, "/ledger")}`,
  };
}
