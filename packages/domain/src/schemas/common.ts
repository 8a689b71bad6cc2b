import { z } from "zod";

import { isIsoDate } from "../calendar.ts";
import { validationText, type Field, type IssueParams } from "../i18n/validation.ts";

/**
 * The one rule for every string the api accepts (tRPC inputs, /api query strings, file names):
 * text PostgreSQL and the audit log can keep. Refused: NUL (a text column refuses it), a lone
 * surrogate (half of an emoji; jsonb refuses it) and U+FFFE / U+FFFF (not characters at all; no
 * keyboard or paste produces them, and no Word or Excel file can carry them). Other control
 * characters are kept (text pasted from Word may hold a vertical tab); the document builders
 * replace what XML cannot carry (packages/reports/src/xml-text.ts).
 *
 * apps/api/test/input-schemas.test.ts walks every procedure's input and fails on a string
 * without this check (it finds the check by this very function) or without a length bound.
 */
export function isStorableText(s: string): boolean {
  return (
    !s.includes("\u0000") && !s.includes("\uFFFE") && !s.includes("\uFFFF") && !/\p{Cs}/u.test(s)
  );
}

/**
 * A zod `error` option that refuses with a code: the issue carries `params` (the web translates
 * them, packages/domain/src/i18n/validation.ts) and the Chinese text as its message.
 */
export const refuse =
  (params: IssueParams) =>
  (issue: object): string => {
    // the raw issue becomes the reported one, so what is set here reaches error.issues[i].params
    (issue as { params?: unknown }).params = params;
    return validationText(params);
  };

/** Adds the storable-text rule to any string schema (formats such as uuid and email too). */
export function storable<S extends z.ZodString | z.ZodStringFormat>(
  schema: S,
  field: Field = "input",
): S {
  return schema.refine(isStorableText, { error: refuse({ code: "text.unstorable", field }) }) as S;
}

export const zId = storable(z.uuid({ error: refuse({ code: "id.invalid" }) }), "id");
export const zIsoDate = storable(
  z.string().max(10, { error: refuse({ code: "date.format" }) }),
  "date",
).refine(isIsoDate, { error: refuse({ code: "date.format" }) });
export const zPeriod = storable(
  z.string().max(6, { error: refuse({ code: "period.format" }) }),
  "period",
).regex(/^\d{4}Q[1-4]$/, { error: refuse({ code: "period.format" }) });
/** A file's bytes as base64 in a JSON body (plan documents, 台账 workbooks): 20 MB of file at most. */
export const zFileBase64 = storable(
  z
    .string()
    .min(1, { error: refuse({ code: "file.empty" }) })
    .max(28_000_000, { error: refuse({ code: "file.tooLarge" }) }),
  "fileContent",
);
export const zVersion = z.number().int().min(0);
/** Free text a person types: trimmed, storable, at most `max` characters (refused beyond, never cut). */
export const zText = (max: number, field: Field) =>
  storable(
    z
      .string()
      .trim()
      .max(max, { error: refuse({ code: "text.tooLong", field, max }) }),
    field,
  );
export const zRequiredText = (max: number, field: Field) =>
  zText(max, field).min(1, { error: refuse({ code: "text.required", field }) });
export const zTaskStatus = z.enum([
  "NOT_STARTED",
  "IN_PROGRESS",
  "PENDING_REVIEW",
  "COMPLETED",
  "SUSPENDED",
  "CANCELLED",
]);
export const zRole = z.enum(["OFFICE", "DEPARTMENT", "LEADER"]);
export const zPage = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});
export const zEmail = storable(
  z
    .email({ error: refuse({ code: "email.invalid" }) })
    .max(254, { error: refuse({ code: "email.tooLong", max: 254 }) }),
  "email",
).transform((s) => s.toLowerCase());
