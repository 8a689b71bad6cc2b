import type { NotificationPayload } from "@duban/domain";
import { scheduleLabels } from "@duban/domain/i18n";

import { html } from "../html.ts";
import { table, textTable, type Section } from "../layout.ts";

export type QuarterlySummaryPayload = NotificationPayload<"quarterly-summary">;

const num = (v: number | null) => (v === null ? "—" : String(v));

const depHeaders = [
  "单位",
  "任务数",
  scheduleLabels.COMPLETED.zh,
  "完成率",
  scheduleLabels.LAGGING.zh,
  scheduleLabels.OVERDUE.zh,
  "进度/序时",
];

/** The traffic-light sentence with the jurisdiction's bands; empty for payloads queued before the lights. */
function lights(p: QuarterlySummaryPayload): string {
  const t = p.totals as Partial<QuarterlySummaryPayload["totals"]>;
  const b = p.bands as QuarterlySummaryPayload["bands"] | undefined;
  if (!b || t.red === undefined) return "";
  return `红灯 ${t.red} 项、黄灯 ${t.yellow} 项，${b.dueSoonDays} 天内到期 ${t.dueSoon} 项；落后序时进度超过 ${b.redLagPoints} 个百分点或逾期为红灯，超过 ${b.yellowLagPoints} 个百分点或临期为黄灯。`;
}

/** Sections five and six (issue #19): the counties below, and what this jurisdiction owes upward. */
function cascadeParts(
  p: QuarterlySummaryPayload,
): Array<{ title: string; headers: string[]; rows: Array<Array<string | number>> }> {
  // payloads queued before the cascade have no such field
  const c = (p as Partial<QuarterlySummaryPayload>).cascade;
  if (!c) return [];
  const parts = [];
  if (c.children.length)
    parts.push({
      title: "五、各县（市、区）分解落实情况",
      headers: [
        "地区",
        "下达",
        "已分解",
        "待分解",
        "逾期未分解",
        "进度",
        "滞后",
        "逾期",
        "填报完整率",
      ],
      rows: c.children.map((r) => [
        r.jurisdictionName,
        r.received,
        r.decomposed,
        r.pending,
        r.late,
        `${r.progress}%`,
        r.lagging,
        r.overdue,
        `${r.completeness}%（${r.reportsSubmitted}/${r.reportsExpected}）`,
      ]),
    });
  if (c.owed.length)
    parts.push({
      title: `${c.children.length ? "六" : "五"}、上级下达事项`,
      headers: ["上级事项", "下达单位", "分解时限", "状态", "时限", "进度"],
      rows: c.owed.map((r) => [
        r.parentTitle,
        r.fromJurisdictionName,
        r.decomposeBy,
        r.state,
        r.lateness,
        `${r.progress}%`,
      ]),
    });
  return parts;
}

/** The body names the headline figures; the full tables are in the attached workbook. */
export function quarterlySummary(p: QuarterlySummaryPayload): Section {
  const t = p.totals;
  const intro = `${p.jurisdictionName}《${p.planTitle}》${p.periodLabel}实施情况（截至 ${p.asOf}）：共 ${t.total} 项任务，已完成 ${t.completed} 项，正常推进 ${t.onSchedule} 项，滞后 ${t.lagging} 项，逾期 ${t.overdue} 项。${lights(p)}详见附件。`;
  const deps = p.departments.map((d) => [
    d.name,
    d.total,
    d.completed,
    `${d.completionRate}%`,
    d.lagging,
    d.overdue,
    `${d.reportedProgress}% / ${d.expectedProgress}%`,
  ]);
  const ledger = p.ledger.map((l) => [
    l.departmentName,
    `${l.submitted}/${l.expected}`,
    `${l.completeness}%`,
    `${l.timeliness}%`,
  ]);
  const inds = p.indicators.map((i) => [
    i.number,
    i.name,
    `${num(i.actual)} ${i.unit}`,
    `${num(i.expected)} ${i.unit}`,
    i.standing,
  ]);
  const problems = p.problems
    .slice(0, 20)
    .map((x) => [
      x.title,
      x.departmentName,
      x.schedule,
      `${x.progress}% / ${x.expectedProgress}%`,
      x.dueDate,
    ]);
  const cascade = cascadeParts(p);
  return {
    html: html`<p>${intro}</p>
      <h3>一、各单位完成情况</h3>
      ${table(depHeaders, deps)}
      <h3>二、滞后和逾期任务（${p.problemCount} 项${p.problemCount > 20 ? "，前 20 项" : ""}）</h3>
      ${table(["任务", "牵头单位", "状态", "进度/序时", "到期日"], problems)}
      <h3>三、台账填报</h3>
      ${table(["单位", "已报/应报", "完整率", "及时率"], ledger)}
      <h3>四、指标监测</h3>
      ${table(["序号", "指标", "实际值", "序时目标", "判断"], inds)}
      ${cascade.map(
        (c) =>
          html`<h3>${c.title}</h3>
            ${table(c.headers, c.rows)}`,
      )}`,
    text: [
      intro,
      "一、各单位完成情况",
      textTable(deps),
      `二、滞后和逾期任务（${p.problemCount} 项）`,
      textTable(problems),
      "三、台账填报",
      textTable(ledger),
      "四、指标监测",
      textTable(inds),
      ...cascade.flatMap((c) => [c.title, textTable(c.rows)]),
    ].join("\n\n"),
  };
}
