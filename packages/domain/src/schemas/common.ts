import { z } from "zod";
import { isIsoDate } from "../calendar.ts";

export const zId = z.uuid({ error: "无效的编号 (invalid id)" });
export const zIsoDate = z.string().refine(isIsoDate, { error: "日期格式应为 YYYY-MM-DD (date must be YYYY-MM-DD)" });
export const zPeriod = z.string().regex(/^\d{4}Q[1-4]$/, { error: "季度格式应为 2023Q2 (period must look like 2023Q2)" });
export const zVersion = z.number().int().min(0);
/**
 * Text PostgreSQL can keep: no NUL (a text column refuses it) and no lone surrogate (half of an
 * emoji cut off; the audit log's jsonb refuses it, and a workbook cannot carry it).
 */
const isStorableText = (s: string) => !s.includes("\u0000") && !/\p{Cs}/u.test(s);
export const zText = (max: number, label: string) =>
  z.string().trim().max(max, { error: `${label}不能超过 ${max} 个字 (${label}: at most ${max} characters)` })
    .refine(isStorableText, { error: `${label}含有无法保存的字符（空字符或残缺的表情符号），请删除后重试 (${label} contains a character that cannot be stored: a NUL or half of an emoji)` });
export const zRequiredText = (max: number, label: string) => zText(max, label).min(1, { error: `请填写${label} (${label} is required)` });
export const zTaskStatus = z.enum(["NOT_STARTED", "IN_PROGRESS", "COMPLETED", "SUSPENDED", "CANCELLED"]);
export const zRole = z.enum(["OFFICE", "DEPARTMENT", "LEADER"]);
export const zPage = z.object({ page: z.number().int().min(1).default(1), pageSize: z.number().int().min(1).max(200).default(50) });
export const zEmail = z.email({ error: "邮箱格式不正确 (invalid email)" }).max(254).transform((s) => s.toLowerCase());
