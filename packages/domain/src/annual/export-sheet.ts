import type { DomainContext } from "../context.ts";
import { taskStatusLabels } from "../i18n/labels.ts";
import type { AnnualItemOutcome } from "./item-outcome.ts";
import { annualPlanDetail } from "./queries.ts";

/** The year's plan as a ledger-style sheet: one row per item the actor sees (the page's list). */
export type AnnualPlanSheet = {
  title: string;
  subtitle: string;
  fileName: string;
  rows: Array<{
    序号: number;
    任务: string;
    年度目标: string;
    牵头单位: string;
    配合单位: string;
    完成时限: string;
    状态: string;
    结转: string;
  }>;
};

/** 状态 of an item in the sheet: its year's outcome, else the task's status. */
export function annualStatusText(outcome: AnnualItemOutcome, taskStatus: string): string {
  if (outcome.done) return outcome.onTime ? "已完成" : "逾期完成";
  if (outcome.overdue) return "逾期未完成";
  return taskStatusLabels[taskStatus as keyof typeof taskStatusLabels]?.zh ?? taskStatus;
}

/**
 * GET /api/annual-plans/:id/export.xlsx's data: the items exactly as annualPlanDetail shows them
 * to the actor (the one visibility rule: a draft is the office's, a unit gets its own items), in
 * the page's order, with 序号, 任务, 年度目标, 牵头单位, 配合单位, 完成时限, 状态, 结转.
 */
export async function annualPlanSheet(
  ctx: DomainContext,
  input: { annualPlanId: string },
): Promise<AnnualPlanSheet> {
  const detail = await annualPlanDetail(ctx, input);
  return {
    title: detail.title,
    subtitle: [detail.docNumber, `截至 ${detail.asOf}`].filter(Boolean).join("  "),
    fileName: `${detail.title}.xlsx`,
    rows: detail.items.map((item, i) => ({
      序号: i + 1,
      任务: item.task.title,
      年度目标: item.deliverable,
      牵头单位: item.task.leadDepartment.name,
      配合单位: item.task.supportingDepartments.map((d) => d.name).join("、"),
      完成时限: item.dueDate,
      状态: annualStatusText(item.outcome, item.task.status),
      结转: item.carriedOver
        ? `${item.carriedOver.fromYear}年结转${item.carriedOver.reason ? `：${item.carriedOver.reason}` : ""}`
        : "",
    })),
  };
}
