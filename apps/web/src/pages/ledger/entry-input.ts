import type { TaskStatusKey } from "@duban/domain/i18n";

export type EntryValues = {
  progressText: string;
  percentComplete: number | null;
  status: TaskStatusKey;
  problems: string;
  nextSteps: string;
};
export type EntryTarget =
  | { kind: "submit"; taskId: string; cycleId: string; departmentId: string }
  | { kind: "amend"; entryId: string; version: number };

/**
 * What the form sends (and checks with ZSubmitLedgerEntryInput / ZAmendLedgerEntryInput): an empty
 * 完成比例 is NaN, which the schema calls missing ("请填写完成比例"), as a blank cell in the Excel
 * import is; never 0.
 */
export function toEntryInput(target: EntryTarget, v: Partial<EntryValues>) {
  const fields = {
    progressText: v.progressText ?? "",
    percentComplete: v.percentComplete ?? Number.NaN,
    status: v.status,
    problems: v.problems ?? "",
    nextSteps: v.nextSteps ?? "",
  };
  return target.kind === "submit"
    ? {
        taskId: target.taskId,
        cycleId: target.cycleId,
        departmentId: target.departmentId,
        ...fields,
      }
    : { entryId: target.entryId, version: target.version, ...fields };
}
