import { z } from "zod";
import { isIsoDate } from "../calendar.ts";

export const zId = z.uuid({ error: "无效的编号 (invalid id)" });
export const zIsoDate = z.string().refine(isIsoDate, { error: "日期格式应为 YYYY-MM-DD (date must be YYYY-MM-DD)" });
export const zPeriod = z.string().regex(/^\d{4}Q[1-4]$/, { error: "季度格式应为 2023Q2 (period must look like 2023Q2)" });
export const zVersion = z.number().int().min(0);
export const zText = (max: number, label: string) => z.string().trim().max(max, { error: `${label}不能超过 ${max} 个字 (${label}: at most ${max} characters)` });
export const zRequiredText = (max: number, label: string) => zText(max, label).min(1, { error: `请填写${label} (${label} is required)` });
export const zTaskStatus = z.enum(["NOT_STARTED", "IN_PROGRESS", "COMPLETED", "SUSPENDED", "CANCELLED"]);
export const zRole = z.enum(["OFFICE", "DEPARTMENT", "LEADER"]);
export const zPage = z.object({ page: z.number().int().min(1).default(1), pageSize: z.number().int().min(1).max(200).default(50) });
export const zEmail = z.email({ error: "邮箱格式不正确 (invalid email)" }).max(254).transform((s) => s.toLowerCase());
