import {
  createDepartment,
  createUser,
  listDepartments,
  listJurisdictions,
  listUsers,
  setUserDisabled,
  updateDepartment,
} from "@duban/domain";
import {
  ZCreateUserInput,
  ZDepartmentInput,
  ZJurisdictionIdInput,
  ZSetUserDisabledInput,
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
});
