import type { FormRule as Rule } from "antd";
import type { z } from "zod";

/**
 * One antd Form rule per field, checked by the same zod schema the server uses: the form sees
 * exactly the server's messages. `pick` reads the whole form so refinements across fields
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
export function firstIssue(schema: z.ZodType, value: unknown, field: string): string | null {
  const result = schema.safeParse(value);
  if (result.success) return null;
  const issue = result.error.issues.find((i) => String(i.path[0] ?? "") === field);
  return issue ? issue.message : null;
}

/** Parses the whole form; on failure, field → messages for `form.setFields`. */
export function validateAll<S extends z.ZodType>(
  schema: S,
  value: unknown,
):
  | { ok: true; data: z.output<S> }
  | { ok: false; fields: Array<{ name: string; errors: string[] }>; formErrors: string[] } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  const byField = new Map<string, string[]>();
  const formErrors: string[] = [];
  for (const issue of result.error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : null;
    if (!key) formErrors.push(issue.message);
    else byField.set(key, [...(byField.get(key) ?? []), issue.message]);
  }
  return {
    ok: false,
    fields: [...byField].map(([name, errors]) => ({ name, errors })),
    formErrors,
  };
}
