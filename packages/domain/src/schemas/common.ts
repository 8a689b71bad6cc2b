import { z } from "zod";

import { isIsoDate } from "../calendar.ts";

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

const storableMessage = (label: string) =>
  `${label}含有无法保存的字符（空字符、残缺的表情符号或 U+FFFE/U+FFFF），请删除后重试 (${label} contains a character that cannot be stored: a NUL, half of an emoji or U+FFFE/U+FFFF)`;

/** Adds the storable-text rule to any string schema (formats such as uuid and email too). */
export function storable<S extends z.ZodString | z.ZodStringFormat>(
  schema: S,
  label = "输入内容",
): S {
  return schema.refine(isStorableText, { error: storableMessage(label) }) as S;
}

export const zId = storable(z.uuid({ error: "无效的编号 (invalid id)" }), "编号");
export const zIsoDate = storable(
  z.string().max(10, { error: "日期格式应为 YYYY-MM-DD (date must be YYYY-MM-DD)" }),
  "日期",
).refine(isIsoDate, { error: "日期格式应为 YYYY-MM-DD (date must be YYYY-MM-DD)" });
export const zPeriod = storable(
  z.string().max(6, { error: "季度格式应为 2023Q2 (period must look like 2023Q2)" }),
  "季度",
).regex(/^\d{4}Q[1-4]$/, { error: "季度格式应为 2023Q2 (period must look like 2023Q2)" });
/** A file's bytes as base64 in a JSON body (plan documents, 台账 workbooks): 20 MB of file at most. */
export const zFileBase64 = storable(
  z
    .string()
    .min(1, { error: "文件为空 (empty file)" })
    .max(28_000_000, { error: "文件超过 20 MB (file larger than 20 MB)" }),
  "文件内容",
);
export const zVersion = z.number().int().min(0);
/** Free text a person types: trimmed, storable, at most `max` characters (refused beyond, never cut). */
export const zText = (max: number, label: string) =>
  storable(
    z
      .string()
      .trim()
      .max(max, { error: `${label}不能超过 ${max} 个字 (${label}: at most ${max} characters)` }),
    label,
  );
export const zRequiredText = (max: number, label: string) =>
  zText(max, label).min(1, { error: `请填写${label} (${label} is required)` });
export const zTaskStatus = z.enum([
  "NOT_STARTED",
  "IN_PROGRESS",
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
    .email({ error: "邮箱格式不正确 (invalid email)" })
    .max(254, { error: "邮箱不能超过 254 个字符 (email: at most 254 characters)" }),
  "邮箱",
).transform((s) => s.toLowerCase());
