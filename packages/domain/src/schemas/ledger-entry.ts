import { z } from "zod";

import { refuse, zRequiredText, zText } from "./common.ts";

/**
 * The fields of one 台账 report, with their limits and messages. The one definition used by the
 * tRPC inputs (ledger.submit / ledger.amend), the web form (antd rules derived with zod-rules.ts)
 * and the Excel import (each row's cells are mapped to these fields and parsed with this schema),
 * so all three accept and refuse the same things with the same words.
 *
 * Blank means missing: a required field left empty is "请填写…", never 0 or "". Over-long text is
 * refused, never cut. Lengths are counted in characters (Unicode code points, as zod counts and as
 * the web form's counter is told to count: an emoji is one).
 */
export const LEDGER_ENTRY_LIMITS = { progressText: 5000, problems: 3000, nextSteps: 3000 } as const;

const isBlank = (v: unknown) =>
  v === undefined ||
  v === null ||
  (typeof v === "number" && Number.isNaN(v)) ||
  (typeof v === "string" && !v.trim());

/**
 * "请填写 0–100 的整数", and when the number looks like a fraction written for a percentage
 * (0 < n < 1, e.g. 0.8 typed for 80 %), says so and names the whole number meant: a number is
 * never multiplied behind the user's back.
 */
function refusePercent(issue: { input?: unknown }): string {
  const input = issue.input;
  if (typeof input === "number" && input > 0 && input < 1)
    return refuse({ code: "percent.fraction", value: input, meant: Math.round(input * 100) })(
      issue,
    );
  return refuse({ code: "percent.range" })(issue);
}

/** 完成比例: a whole number 0–100. Missing (undefined, null, NaN from an empty number input) is "请填写完成比例". */
export const zPercentComplete = z
  .number({
    error: (iss) =>
      isBlank(iss.input) ? refuse({ code: "percent.required" })(iss) : refusePercent(iss),
  })
  .refine((v) => Number.isInteger(v) && v >= 0 && v <= 100, { error: refusePercent });

export const zLedgerStatus = z.enum(
  ["NOT_STARTED", "IN_PROGRESS", "COMPLETED", "SUSPENDED", "CANCELLED"],
  {
    error: (iss) =>
      isBlank(iss.input)
        ? refuse({ code: "status.required" })(iss)
        : refuse({ code: "status.oneOf" })(iss),
  },
);

export const ledgerEntryFields = {
  progressText: zRequiredText(LEDGER_ENTRY_LIMITS.progressText, "progressText"),
  percentComplete: zPercentComplete,
  status: zLedgerStatus,
  problems: zText(LEDGER_ENTRY_LIMITS.problems, "problems").default(""),
  nextSteps: zText(LEDGER_ENTRY_LIMITS.nextSteps, "nextSteps").default(""),
};
/** The five fields on their own: what one row of the Excel import is parsed with. */
export const ZLedgerEntryFields = z.object(ledgerEntryFields);
export type LedgerEntryFieldsInput = z.input<typeof ZLedgerEntryFields>;
export type LedgerEntryFieldsValue = z.output<typeof ZLedgerEntryFields>;
export type LedgerEntryField = keyof typeof ledgerEntryFields;
export const LEDGER_ENTRY_FIELD_NAMES = Object.keys(ledgerEntryFields) as LedgerEntryField[];
