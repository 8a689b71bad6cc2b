import type { Dayjs } from "dayjs";
import type { z } from "zod";

import { issueText, type Locale } from "@duban/domain/i18n";

import { targetProblems, type TargetValue } from "./TargetsPicker.tsx";

/** The 下达 form's own fields (the targets are held beside it). */
export type AssignValues = { decomposeBy?: Dayjs | null; note?: string };

/** The targets as the api takes them: empty weights left to the default, shares for an indicator. */
export function toTargets(value: TargetValue[], share: boolean) {
  return value.map((v) => ({
    jurisdictionId: v.jurisdictionId,
    ...(v.weight === null ? {} : { weight: v.weight }),
    ...(v.targetPlanId ? { targetPlanId: v.targetPlanId } : {}),
    ...(share ? { shareBaseline: v.shareBaseline ?? null, shareTarget: v.shareTarget } : {}),
  }));
}

/**
 * Checks a 下达 input with the api's schema before sending: the parsed input, or the messages
 * (in `locale`) by target and field, by form field, and the rest (an empty target list).
 */
export function checkAssign<S extends z.ZodType>(schema: S, input: unknown, locale: Locale) {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true as const, data: result.data as z.output<S> };
  const words = result.error.issues.map((i) => ({ path: i.path, text: issueText(i, locale) }));
  const byTarget = targetProblems(words).byTarget;
  const formFields = new Map<string, string[]>();
  const other: string[] = [];
  for (const w of words) {
    const [head, index, field] = w.path;
    if (head === "targets" && typeof index === "number" && field !== undefined) continue;
    if (head === "decomposeBy" || head === "note" || head === "rollupRule")
      formFields.set(head, [...(formFields.get(head) ?? []), w.text]);
    else other.push(w.text);
  }
  return {
    ok: false as const,
    byTarget,
    fields: [...formFields].map(([name, errors]) => ({ name, errors })),
    other,
  };
}
