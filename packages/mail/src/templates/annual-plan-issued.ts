import type { NotificationPayload } from "@duban/domain";

import { html, link } from "../html.ts";
import { url, type RenderContext, type Section } from "../layout.ts";
import { loopSection, taskUrl } from "./loop-common.ts";

const th = "border:1px solid #d4d4d8;padding:4px 8px;text-align:left;background:#f4f4f5";
const td = "border:1px solid #d4d4d8;padding:4px 8px;text-align:left;vertical-align:top";

/** 印发年度工作要点: to each lead unit, with the year's items it leads (deliverable and due date). */
export function annualPlanIssued(
  p: NotificationPayload<"annual-plan-issued">,
  ctx: RenderContext,
): Section {
  const href = url(ctx, `/annual?year=${p.year}`);
  const base = loopSection({
    intro: `${p.issuingOffice}已印发《${p.title}》${p.docNumber ? `（${p.docNumber}）` : ""}，${p.departmentName}牵头以下 ${p.items.length} 项年度任务，请按年度目标和完成时限抓好落实。`,
    facts: [
      { label: "年度", value: String(p.year) },
      { label: "规划", value: p.planTitle },
      ...(p.docNumber ? [{ label: "文号", value: p.docNumber }] : []),
    ],
    action: { label: "查看年度工作要点", href },
    en: `The ${p.year} annual plan was issued; your unit leads ${p.items.length} of its items. See them in Duban.`,
  });
  const table = html`<table style="border-collapse:collapse;font-size:14px;margin:8px 0">
    <thead>
      <tr>
        <th style="${th}">序号</th>
        <th style="${th}">任务</th>
        <th style="${th}">年度目标</th>
        <th style="${th}">完成时限</th>
      </tr>
    </thead>
    <tbody>
      ${p.items.map(
        (item, i) =>
          html`<tr>
            <td style="${td}">${String(i + 1)}</td>
            <td style="${td}">${link(taskUrl(ctx, item.taskId), item.taskTitle)}</td>
            <td style="${td}">${item.deliverable}</td>
            <td style="${td}">${item.dueDate}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
  const lines = p.items.map(
    (item, i) => `${i + 1}. ${item.taskTitle}｜${item.deliverable}｜${item.dueDate}`,
  );
  return { html: html`${base.html}${table}`, text: `${base.text}\n\n${lines.join("\n")}` };
}
