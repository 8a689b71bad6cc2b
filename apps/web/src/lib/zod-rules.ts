import type { FormRule as Rule } from "antd";
import type { z } from "zod";

import { issueText, type Locale } from "@duban/domain/i18n";

import { currentLocale } from "./i18n.tsx";

/**
 * One antd Form rule per field, checked by the same zod schema the server uses: the form sees
 * exactly the server's messages, worded in the UI language (the schemas' issue codes,
 * packages/domain/src/i18n/validation.ts). `pick` reads the whole form so refinements across fields
 * (start ≤ due, lead ∉ supporting) are reported on the field zod names.
 */
export function zodRule(schema: z.ZodType, field: string, pick: () => unknown): Rule {
  return {
    validator: async () => {
      const message = firstIssue(schema, pick(), field);
      if (message) throw new Error(message);
    },
  };
}

/** The first zod message for `field` (a top-level key), or null when that field is fine. */
export function firstIssue(
  schema: z.ZodType,
  value: unknown,
  field: string,
  locale: Locale = currentLocale(),
): string | null {
  const result = schema.safeParse(value);
  if (result.success) return null;
  const issue = result.error.issues.find((i) => String(i.path[0] ?? "") === field);
  return issue ? issueText(issue, locale) : null;
}

/** Parses the whole form; on failure, field → messages for `form.setFields`. */
export function validateAll<S extends z.ZodType>(
  schema: S,
  value: unknown,
  locale: Locale = currentLocale(),
):
  | { ok: true; data: z.output<S> }
  | { ok: false; fields: Array<{ name: string; errors: string[] }>; formErrors: string[] } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  const byField = new Map<string, string[]>();
  const formErrors: string[] = [];
  for (const issue of result.error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : null;
    const message = issueText(issue, locale);
    if (!key) formErrors.push(message);
    else byField.set(key, [...(byField.get(key) ?? []), message]);
  }
  return {
    ok: false,
    fields: [...byField].map(([name, errors]) => ({ name, errors })),
    formErrors,
  };
}
