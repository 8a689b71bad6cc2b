import { z } from "zod";

import { zNewPassword } from "./auth.ts";
import { zEmail, zId, zRequiredText, zRole, zText, zVersion } from "./common.ts";

export const ZDepartmentInput = z.object({
  jurisdictionId: zId,
  name: zRequiredText(100, "单位名称"),
  shortName: zText(40, "简称").optional(),
  contactEmails: z
    .array(zEmail)
    .max(20, { error: "联系邮箱不能超过 20 个 (at most 20 contact emails)" })
    .default([]),
  keywords: z
    .array(zRequiredText(20, "关键词"))
    .max(50, { error: "关键词不能超过 50 个 (at most 50 keywords)" })
    .default([]),
});
export const ZUpdateDepartmentInput = ZDepartmentInput.omit({ jurisdictionId: true })
  .partial()
  .extend({ departmentId: zId, active: z.boolean().optional() });
export const ZCreateUserInput = z
  .object({
    jurisdictionId: zId,
    email: zEmail,
    name: zRequiredText(60, "姓名"),
    role: zRole,
    departmentId: zId.optional(),
    password: zNewPassword,
  })
  .refine((u) => u.role !== "DEPARTMENT" || !!u.departmentId, {
    error: "责任单位账号必须选择所属单位 (department staff need a department)",
    path: ["departmentId"],
  });
export const ZSetUserDisabledInput = z.object({ userId: zId, disabled: z.boolean() });
export const ZJurisdictionIdInput = z.object({ jurisdictionId: zId });
export { zVersion };
/** `pnpm duban admin create`: a system administrator account (no jurisdiction). */
export const ZCreateSystemAdminInput = z.object({
  email: zEmail,
  name: zRequiredText(60, "姓名"),
  password: zNewPassword,
});
/** `pnpm duban import --jurisdiction <name> [--create county|city]`: the jurisdiction a plan goes into. */
export const ZJurisdictionByNameInput = z.object({
  name: zRequiredText(60, "行政区名称"),
  createAs: z.enum(["COUNTY", "CITY"]).optional(),
});
