import {
  createDistrict,
  indicatorDistricts,
  indicatorShares,
  listDistricts,
  setIndicatorDistricts,
  updateDistrict,
} from "@duban/domain";
import {
  ZCreateDistrictInput,
  ZIndicatorDistrictsInput,
  ZListDistrictsInput,
  ZSetIndicatorDistrictsInput,
  ZUpdateDistrictInput,
} from "@duban/domain/schemas";

import { authedProcedure, router } from "../trpc.ts";

// 片区 and 分片区监测 (issue #19), and the roll-up of indicator shares assigned down the cascade
export const districtRouter = router({
  list: authedProcedure
    .input(ZListDistrictsInput)
    .query(({ ctx, input }) => listDistricts(ctx, input)),
  create: authedProcedure
    .input(ZCreateDistrictInput)
    .mutation(({ ctx, input }) => createDistrict(ctx, input)),
  update: authedProcedure
    .input(ZUpdateDistrictInput)
    .mutation(({ ctx, input }) => updateDistrict(ctx, input)),
  setIndicatorDistricts: authedProcedure
    .input(ZSetIndicatorDistrictsInput)
    .mutation(({ ctx, input }) => setIndicatorDistricts(ctx, input)),
  indicatorDistricts: authedProcedure
    .input(ZIndicatorDistrictsInput)
    .query(({ ctx, input }) => indicatorDistricts(ctx, input)),
  indicatorShares: authedProcedure
    .input(ZIndicatorDistrictsInput)
    .query(({ ctx, input }) => indicatorShares(ctx, input)),
});
