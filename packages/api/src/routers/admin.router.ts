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
  jurisdictions: authedProcedure.query(({ ctx }) => listJurisdictions(ctx.db, ctx.actor)),
  departments: authedProcedure
    .input(ZJurisdictionIdInput)
    .query(({ ctx, input }) => listDepartments(ctx.db, ctx.actor, input.jurisdictionId)),
  createDepartment: authedProcedure
    .input(ZDepartmentInput)
    .mutation(({ ctx, input }) => createDepartment(ctx.db, ctx.actor, input, ctx.requestId)),
  updateDepartment: authedProcedure
    .input(ZUpdateDepartmentInput)
    .mutation(({ ctx, input }) => updateDepartment(ctx.db, ctx.actor, input, ctx.requestId)),
  users: authedProcedure
    .input(ZJurisdictionIdInput)
    .query(({ ctx, input }) => listUsers(ctx.db, ctx.actor, input.jurisdictionId)),
  createUser: authedProcedure
    .input(ZCreateUserInput)
    .mutation(({ ctx, input }) => createUser(ctx.db, ctx.actor, input, ctx.requestId)),
  /** ok, and the units no email reaches once this account is disabled (never refused for them) */
  setUserDisabled: authedProcedure
    .input(ZSetUserDisabledInput)
    .mutation(async ({ ctx, input }) => ({
      ok: true as const,
      ...(await setUserDisabled(ctx.db, ctx.actor, input, ctx.requestId)),
    })),
});
