import {
  addDepartmentAlias,
  confirmUnitMatches,
  createDepartment,
  createUser,
  listDepartmentAliases,
  listDepartments,
  listJurisdictions,
  listUsers,
  removeDepartmentAlias,
  setRequireOidc,
  setUserDisabled,
  setUserExternalId,
  updateDepartment,
} from "@duban/domain";
import {
  ZAddDepartmentAliasInput,
  ZConfirmUnitMatchesInput,
  ZCreateUserInput,
  ZDepartmentInput,
  ZJurisdictionIdInput,
  ZRemoveDepartmentAliasInput,
  ZSetRequireOidcInput,
  ZSetUserDisabledInput,
  ZSetUserExternalIdInput,
  ZUpdateDepartmentInput,
} from "@duban/domain/schemas";

import { authedProcedure, router } from "../trpc.ts";

export const adminRouter = router({
  jurisdictions: authedProcedure.query(({ ctx }) => listJurisdictions(ctx)),
  departments: authedProcedure
    .input(ZJurisdictionIdInput)
    .query(({ ctx, input }) => listDepartments(ctx, input)),
  createDepartment: authedProcedure
    .input(ZDepartmentInput)
    .mutation(({ ctx, input }) => createDepartment(ctx, input)),
  updateDepartment: authedProcedure
    .input(ZUpdateDepartmentInput)
    .mutation(({ ctx, input }) => updateDepartment(ctx, input)),
  /** the jurisdiction's alias table of unit names (office only) */
  departmentAliases: authedProcedure
    .input(ZJurisdictionIdInput)
    .query(({ ctx, input }) => listDepartmentAliases(ctx, input)),
  addDepartmentAlias: authedProcedure
    .input(ZAddDepartmentAliasInput)
    .mutation(({ ctx, input }) => addDepartmentAlias(ctx, input)),
  removeDepartmentAlias: authedProcedure
    .input(ZRemoveDepartmentAliasInput)
    .mutation(({ ctx, input }) => removeDepartmentAlias(ctx, input)),
  /** the import wizard's 确认单位匹配: map written names to units or create them, one transaction */
  confirmUnitMatches: authedProcedure
    .input(ZConfirmUnitMatchesInput)
    .mutation(({ ctx, input }) => confirmUnitMatches(ctx, input)),
  users: authedProcedure
    .input(ZJurisdictionIdInput)
    .query(({ ctx, input }) => listUsers(ctx, input)),
  createUser: authedProcedure
    .input(ZCreateUserInput)
    .mutation(({ ctx, input }) => createUser(ctx, input)),
  /** ok, and the units no email reaches once this account is disabled (never refused for them) */
  setUserDisabled: authedProcedure
    .input(ZSetUserDisabledInput)
    .mutation(async ({ ctx, input }) => ({
      ok: true as const,
      ...(await setUserDisabled(ctx, input)),
    })),
  /** link an account to the unified identity provider (统一身份认证), or unlink it (null) */
  setUserExternalId: authedProcedure
    .input(ZSetUserExternalIdInput)
    .mutation(({ ctx, input }) => setUserExternalId(ctx, input)),
  /** the office requires unified identity sign-in for its members (no passwords while OIDC is on) */
  setRequireOidc: authedProcedure
    .input(ZSetRequireOidcInput)
    .mutation(({ ctx, input }) => setRequireOidc(ctx, input)),
});
