import { cockpitJurisdictions, cockpitPage, cockpitPlans } from "@duban/domain";
import { ZCockpitInput, ZCockpitPlansInput } from "@duban/domain/schemas";

import { authedProcedure, router } from "../trpc.ts";

/**
 * 驾驶舱 / 大屏 (issue #19): the cockpit across plans and jurisdictions, its plan list a page at a
 * time (both through the read cache, keyed by cockpitPageKey), and its picker.
 */
export const cockpitRouter = router({
  summary: authedProcedure
    .meta({ readCache: { by: "cockpit" } })
    .input(ZCockpitInput)
    .query(({ ctx, input }) => cockpitPage(ctx, input)),
  plans: authedProcedure
    .meta({ readCache: { by: "cockpit" } })
    .input(ZCockpitPlansInput)
    .query(({ ctx, input }) => cockpitPlans(ctx, input)),
  jurisdictions: authedProcedure.query(({ ctx }) => cockpitJurisdictions(ctx)),
});
