import { z } from "zod";

import { zNewPassword } from "./auth.ts";
import { refuse, zEmail, zId, zRequiredText, zRole, zText, zVersion } from "./common.ts";

export const ZDepartmentInput = z.object({
  jurisdictionId: zId,
  name: zRequiredText(100, "departmentName"),
  shortName: zText(40, "shortName").optional(),
  contactEmails: z
    .array(zEmail)
    .max(20, { error: refuse({ code: "list.tooMany", field: "contactEmails", max: 20 }) })
    .default([]),
  keywords: z
    .array(zRequiredText(20, "keyword"))
    .max(50, { error: refuse({ code: "list.tooMany", field: "keywords", max: 50 }) })
    .default([]),
});
export const ZUpdateDepartmentInput = ZDepartmentInput.omit({ jurisdictionId: true })
  .partial()
  .extend({ departmentId: zId, active: z.boolean().optional() });
/** A unit's other written form (`县科技局`), kept in the jurisdiction's alias table. */
export const ZAddDepartmentAliasInput = z.object({
  departmentId: zId,
  alias: zRequiredText(100, "unitAlias"),
});
export const ZRemoveDepartmentAliasInput = z.object({ aliasId: zId });
const zWrittenUnit = zRequiredText(100, "writtenUnit");
/**
 * The import wizard's 确认单位匹配: for each written unit name, an existing unit it stands for
 * (saved as an alias) or a new unit to create (aliased when the written form differs).
 */
export const ZConfirmUnitMatchesInput = z.object({
  jurisdictionId: zId,
  matches: z
    .array(
      z.discriminatedUnion("action", [
        z.object({ action: z.literal("map"), written: zWrittenUnit, departmentId: zId }),
        z.object({
          action: z.literal("create"),
          written: zWrittenUnit,
          name: zRequiredText(100, "departmentName"),
          shortName: zText(40, "shortName").optional(),
        }),
      ]),
    )
    .min(1)
    .max(200, { error: refuse({ code: "list.tooMany", field: "writtenUnit", max: 200 }) }),
});
export const ZCreateUserInput = z
  .object({
    jurisdictionId: zId,
    email: zEmail,
    name: zRequiredText(60, "personName"),
    role: zRole,
    departmentId: zId.optional(),
    password: zNewPassword,
  })
  .refine((u) => u.role !== "DEPARTMENT" || !!u.departmentId, {
    error: refuse({ code: "user.departmentRequired" }),
    path: ["departmentId"],
  });
export const ZSetUserDisabledInput = z.object({ userId: zId, disabled: z.boolean() });
export const ZJurisdictionIdInput = z.object({ jurisdictionId: zId });
/**
 * The office links an account to the unified identity provider (统一身份认证, issue #20): the
 * provider's identifier of the person (the DUBAN_OIDC_ID_CLAIM claim), or null to unlink.
 */
export const ZSetUserExternalIdInput = z.object({
  userId: zId,
  externalId: zRequiredText(200, "externalId").nullable(),
});
/** The office requires the provider for its members: no password sign-in while OIDC is on. */
export const ZSetRequireOidcInput = z.object({ jurisdictionId: zId, requireOidc: z.boolean() });
export { zVersion };
/** `pnpm duban admin create`: a system administrator account (no jurisdiction). */
export const ZCreateSystemAdminInput = z.object({
  email: zEmail,
  name: zRequiredText(60, "personName"),
  password: zNewPassword,
});
/** `pnpm duban import --jurisdiction <name> [--create county|city]`: the jurisdiction a plan goes into. */
export const ZJurisdictionByNameInput = z.object({
  name: zRequiredText(60, "jurisdictionName"),
  createAs: z.enum(["COUNTY", "CITY"]).optional(),
});
