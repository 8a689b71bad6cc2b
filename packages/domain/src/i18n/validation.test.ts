import { describe, expect, it } from "vitest";

import { ZReassignTaskInput, ZSubmitLedgerEntryInput } from "../schemas/index.ts";
import {
  fieldLabels,
  issueParams,
  issueText,
  validationText,
  type Field,
  type IssueCode,
} from "./validation.ts";

const ID = "7b0c8e2e-3c3b-4a4f-9c1e-6b1e2f3a4b5c";
const han = /[\u4e00-\u9fff]/;

describe("validation messages", () => {
  it("every field has a Chinese and an English name, the English one without Chinese", () => {
    for (const [field, label] of Object.entries(fieldLabels)) {
      expect([field, han.test(label.zh)]).toEqual([field, true]);
      expect([field, han.test(label.en)]).toEqual([field, false]);
    }
  });

  it("the schemas' refusals carry a code and params; the message is the Chinese text", () => {
    const result = ZSubmitLedgerEntryInput.safeParse({
      taskId: ID,
      cycleId: ID,
      progressText: "",
      percentComplete: 0.8,
      status: "IN_PROGRESS",
      problems: "问".repeat(3001),
    });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => [i.path[0], issueParams(i), i.message]);
    expect(issues).toEqual([
      ["progressText", { code: "text.required", field: "progressText" }, "请填写进展情况"],
      [
        "percentComplete",
        { code: "percent.fraction", value: 0.8, meant: 80 },
        "完成比例请填写 0–100 的整数（0.8 看起来是小数形式的百分比，请填 80）",
      ],
      [
        "problems",
        { code: "text.tooLong", field: "problems", max: 3000 },
        "存在问题不能超过 3000 个字",
      ],
    ]);
  });

  it("words a refusal in either language, field names included", () => {
    const tooLong = { code: "text.tooLong", field: "taskTitle", max: 300 } as const;
    expect(validationText(tooLong)).toBe("任务名称不能超过 300 个字");
    expect(validationText(tooLong, "zh-CN")).toBe("任务名称不能超过 300 个字");
    expect(validationText(tooLong, "en")).toBe("Task name: at most 300 characters");
    const refine = ZReassignTaskInput.safeParse({
      taskId: ID,
      version: 0,
      leadDepartmentId: ID,
      supportingDepartmentIds: [ID],
      reason: "调整",
    });
    const issue = refine.error!.issues[0]!;
    expect(issueText(issue)).toBe("牵头单位不能同时是配合单位");
    expect(issueText(issue, "en")).toBe("The lead unit cannot also be a supporting unit");
  });

  it("an issue without a code keeps its own message in both languages", () => {
    expect(issueText({ message: "Invalid input" }, "en")).toBe("Invalid input");
    expect(issueParams({ params: { code: "no.such.code" } })).toBeNull();
  });

  it("no English text of any code contains Chinese", () => {
    const codes: IssueCode[] = [
      "text.required",
      "text.tooLong",
      "text.unstorable",
      "list.tooMany",
      "threshold.range",
      "status.oneOf",
      "percent.fraction",
    ];
    for (const code of codes)
      for (const field of Object.keys(fieldLabels) as Field[]) {
        const en = validationText({ code, field, max: 5, min: 1, value: 0.5, meant: 50 }, "en");
        expect([code, field, han.test(en)]).toEqual([code, field, false]);
      }
  });
});
