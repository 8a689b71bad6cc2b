import { cockpitJurisdictions, cockpitSummary } from "@duban/domain";
import { ZCockpitInput } from "@duban/domain/schemas";

import { authedProcedure, router } from "../trpc.ts";

/** 驾驶舱 / 大屏 (issue #19): the cockpit across plans and jurisdictions, and its picker. */
export const cockpitRouter = router({
  summary: authedProcedure
    .meta({ readCache: { by: "cockpit" } })
    .input(ZCockpitInput)
    .query(({ ctx, input }) => cockpitSummary(ctx, input)),
  jurisdictions: authedProcedure.query(({ ctx }) => cockpitJurisdictions(ctx)),
});
