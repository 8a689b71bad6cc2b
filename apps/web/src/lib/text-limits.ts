import type { z } from "zod";

import { issueText, type Locale } from "@duban/domain/i18n";

import { currentLocale } from "./i18n.tsx";

type Def = { type: string; shape?: Record<string, unknown>; innerType?: unknown; in?: unknown };
const defOf = (schema: unknown) => (schema as { _zod: { def: Def } })._zod.def;
const WRAPPERS = new Set([
  "optional",
  "nullable",
  "default",
  "prefault",
  "catch",
  "readonly",
  "nonoptional",
]);

/** The schema of one field of an object schema (wrappers such as .default() and .refine() kept). */
export function fieldSchema(schema: z.ZodType, field: string): z.ZodType {
  let s: unknown = schema;
  while (defOf(s).type !== "object") {
    const def = defOf(s);
    if (WRAPPERS.has(def.type)) s = def.innerType;
    else if (def.type === "pipe") s = def.in;
    else throw new Error(`not an object schema: ${def.type}`);
  }
  const found = defOf(s).shape?.[field];
  if (!found) throw new Error(`the schema has no field "${field}"`);
  return found as z.ZodType;
}

/**
 * The longest text a field of the server's schema takes, in characters as zod counts them (code
 * points: an emoji is one). Throws when the field is not a bounded string, so a form cannot show a
 * limit the server does not have.
 */
export function textLimit(schema: z.ZodType, field: string): number {
  let s: unknown = fieldSchema(schema, field);
  for (;;) {
    const def = defOf(s);
    if (def.type === "array") s = (def as { element?: unknown }).element;
    else if (WRAPPERS.has(def.type)) s = def.innerType;
    else if (def.type === "pipe") s = def.in;
    else break;
  }
  const max = (s as { maxLength?: number | null }).maxLength;
  if (defOf(s).type !== "string" || typeof max !== "number")
    throw new Error(`field "${field}" is not a bounded text`);
  return max;
}

/** The first message of the field's own schema for `value`, or null when it takes it. */
export function fieldIssue(
  schema: z.ZodType,
  field: string,
  value: unknown,
  locale: Locale = currentLocale(),
): string | null {
  const result = fieldSchema(schema, field).safeParse(value);
  const issue = result.success ? undefined : result.error.issues[0];
  return issue ? issueText(issue, locale) : null;
}

/** Counts characters as the server's zod does: code points (an emoji is one), not UTF-16 units. */
export const countCharacters = (value: string) => [...value].length;
