import { z } from "zod";
import { zEmail, zId, zRequiredText, zRole, zText, zVersion } from "./common.ts";
import { zNewPassword } from "./auth.ts";

export const ZDepartmentInput = z.object({
  jurisdictionId: zId,
  name: zRequiredText(100, "单位名称"),
  shortName: zText(40, "简称").optional(),
  contactEmails: z.array(zEmail).max(20).default([]),
  keywords: z.array(z.string().trim().min(1).max(20)).max(50).default([]),
});
export const ZUpdateDepartmentInput = ZDepartmentInput.omit({ jurisdictionId: true }).partial().extend({ departmentId: zId, active: z.boolean().optional() });
export const ZCreateUserInput = z
  .object({ jurisdictionId: zId, email: zEmail, name: zRequiredText(60, "姓名"), role: zRole, departmentId: zId.optional(), password: zNewPassword })
  .refine((u) => u.role !== "DEPARTMENT" || !!u.departmentId, { error: "责任单位账号必须选择所属单位 (department staff need a department)", path: ["departmentId"] });
export const ZSetUserDisabledInput = z.object({ userId: zId, disabled: z.boolean() });
export const ZJurisdictionIdInput = z.object({ jurisdictionId: zId });
export const ZNotificationSettingInput = z.object({ kind: z.string().min(1).max(60), mode: z.enum(["IMMEDIATE", "DIGEST", "MUTED"]) });
export { zVersion };
/** `pnpm duban admin create`: a system administrator account (no jurisdiction). */
export const ZCreateSystemAdminInput = z.object({ email: zEmail, name: zRequiredText(60, "姓名"), password: zNewPassword });
