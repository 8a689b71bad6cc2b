/** The ledger template's layout, shared by the builder and the reader: change both at once. */
import { taskStatusLabels } from "@duban/domain/i18n";

/** The task statuses a unit may pick in the workbook, by their Chinese labels. */
export const STATUS_LABELS = Object.values(taskStatusLabels).map((l) => l.zh);
export const META_SHEET = "_duban";
export const TEMPLATE_MARK = "duban-ledger-v1";

export const COLUMNS = [
  { key: "taskId", header: "任务编号", width: 12, hidden: true },
  { key: "code", header: "条目", width: 12 },
  { key: "chapter", header: "章节", width: 24 },
  { key: "title", header: "任务名称", width: 40 },
  { key: "role", header: "本单位角色", width: 10 },
  { key: "lead", header: "牵头单位", width: 18 },
  { key: "supporting", header: "配合单位", width: 24 },
  { key: "dueDate", header: "完成时限", width: 12 },
  { key: "taskStatus", header: "当前状态", width: 10 },
  { key: "progressText", header: "本期进展情况", width: 50 },
  { key: "percentComplete", header: "完成比例(%)", width: 12 },
  { key: "status", header: "填报状态", width: 10 },
  { key: "problems", header: "存在问题", width: 30 },
  { key: "nextSteps", header: "下步计划", width: 30 },
  { key: "reviewState", header: "审核状态", width: 10 },
] as const;
/** Columns a department fills in; the others are for reference and are ignored on import. */
export const EDITABLE = new Set([
  "progressText",
  "percentComplete",
  "status",
  "problems",
  "nextSteps",
]);
