import { describe, expect, it } from "vitest";

import { ZLedgerEntryFields, ZSubmitLedgerEntryInput } from "@duban/domain/schemas";

import { firstIssue } from "../../lib/zod-rules.ts";
import { toEntryInput, type EntryValues } from "./entry-input.ts";

const target = {
  kind: "submit" as const,
  taskId: "11111111-1111-4111-8111-111111111111",
  cycleId: "22222222-2222-4222-8222-222222222222",
  departmentId: "33333333-3333-4333-8333-333333333333",
};
const filled = {
  progressText: "已开展调研",
  percentComplete: 40,
  status: "IN_PROGRESS" as const,
  problems: "",
  nextSteps: "",
};
/** The message the form shows for `field`, and the one the Excel import gives for the same cell values. */
const both = (values: Partial<EntryValues>, cells: Record<string, unknown>, field: string) => [
  firstIssue(ZSubmitLedgerEntryInput, toEntryInput(target, { ...filled, ...values }), field),
  firstIssue(ZLedgerEntryFields, { ...filled, ...cells }, field),
];

describe("the ledger entry form checks what the Excel import checks, in the same words", () => {
  it("an empty 完成比例 is missing, never 0", () => {
    const [form, excel] = both(
      { percentComplete: null },
      { percentComplete: undefined },
      "percentComplete",
    );
    expect(form).toBe("请填写完成比例");
    expect(excel).toBe(form);
    expect(
      firstIssue(
        ZSubmitLedgerEntryInput,
        toEntryInput(target, { ...filled, percentComplete: null }),
        "percentComplete",
        "en",
      ),
    ).toBe("Percent complete is required");
  });
  it("0.8 is explained, not multiplied", () => {
    const [form, excel] = both(
      { percentComplete: 0.8 },
      { percentComplete: 0.8 },
      "percentComplete",
    );
    expect(form).toBe("完成比例请填写 0–100 的整数（0.8 看起来是小数形式的百分比，请填 80）");
    expect(excel).toBe(form);
    expect(
      firstIssue(ZLedgerEntryFields, { ...filled, percentComplete: 0.8 }, "percentComplete", "en"),
    ).toBe("Percent complete: a whole number 0–100; 0.8 looks like a fraction, enter 80");
  });
  it("3,500 characters of 存在问题 are refused, not cut", () => {
    const [form, excel] = both(
      { problems: "问".repeat(3500) },
      { problems: "问".repeat(3500) },
      "problems",
    );
    expect(form).toBe("存在问题不能超过 3000 个字");
    expect(excel).toBe(form);
    // English names the field in English too
    expect(
      firstIssue(ZLedgerEntryFields, { ...filled, problems: "问".repeat(3500) }, "problems", "en"),
    ).toBe("Problems: at most 3000 characters");
    expect(
      firstIssue(
        ZSubmitLedgerEntryInput,
        toEntryInput(target, { ...filled, problems: "问".repeat(3000) }),
        "problems",
      ),
    ).toBeNull();
  });
});
