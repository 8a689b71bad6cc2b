import { getSupervisionSettings, updateSupervisionSettings } from "@duban/domain";
import { ZJurisdictionIdInput, ZSupervisionSettingsInput } from "@duban/domain/schemas";

import { authedProcedure, router } from "../trpc.ts";

/** A jurisdiction's supervision settings: traffic-light bands, 签收 days, escalation, approvals. Issue #17 step 8. */
export const supervisionSettingsRouter = router({
  get: authedProcedure
    .input(ZJurisdictionIdInput)
    .query(({ ctx, input }) => getSupervisionSettings(ctx, input)),
  update: authedProcedure
    .input(ZSupervisionSettingsInput)
    .mutation(({ ctx, input }) => updateSupervisionSettings(ctx, input)),
});
