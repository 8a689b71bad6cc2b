import {
  createRobot,
  deleteRobot,
  jurisdictionChannelSettings,
  listChannelDeliveries,
  listRobots,
  myChannelPreferences,
  requestMobileCode,
  setForceEscalations,
  setMemberMobile,
  setMyChannelPreference,
  setMyMobile,
  testRobot,
  updateRobot,
} from "@duban/domain";
import {
  ZCreateRobotInput,
  ZJurisdictionChannelsInput,
  ZListChannelDeliveriesInput,
  ZListRobotsInput,
  ZRequestMobileCodeInput,
  ZRobotIdInput,
  ZSetForceEscalationsInput,
  ZSetMemberMobileInput,
  ZSetMyChannelPreferenceInput,
  ZSetMyMobileInput,
  ZUpdateRobotInput,
} from "@duban/domain/schemas";

import { authedProcedure, router } from "../trpc.ts";

/** Issue #20: channels beyond email (企业微信/钉钉 group robots, SMS) and who gets what where. */
export const channelsRouter = router({
  myPreferences: authedProcedure.query(({ ctx }) => myChannelPreferences(ctx)),
  setMyPreference: authedProcedure
    .input(ZSetMyChannelPreferenceInput)
    .mutation(({ ctx, input }) => setMyChannelPreference(ctx, input)),
  // an SMS with a code to the number the user wants; setMyMobile then takes that code
  requestMobileCode: authedProcedure
    .input(ZRequestMobileCodeInput)
    .mutation(({ ctx, input }) => requestMobileCode(ctx, input)),
  setMyMobile: authedProcedure
    .input(ZSetMyMobileInput)
    .mutation(({ ctx, input }) => setMyMobile(ctx, input)),
  setMemberMobile: authedProcedure
    .input(ZSetMemberMobileInput)
    .mutation(({ ctx, input }) => setMemberMobile(ctx, input)),
  robots: authedProcedure.input(ZListRobotsInput).query(({ ctx, input }) => listRobots(ctx, input)),
  createRobot: authedProcedure
    .input(ZCreateRobotInput)
    .mutation(({ ctx, input }) => createRobot(ctx, input)),
  updateRobot: authedProcedure
    .input(ZUpdateRobotInput)
    .mutation(({ ctx, input }) => updateRobot(ctx, input)),
  deleteRobot: authedProcedure
    .input(ZRobotIdInput)
    .mutation(({ ctx, input }) => deleteRobot(ctx, input)),
  testRobot: authedProcedure
    .input(ZRobotIdInput)
    .mutation(({ ctx, input }) => testRobot(ctx, input)),
  settings: authedProcedure
    .input(ZJurisdictionChannelsInput)
    .query(({ ctx, input }) => jurisdictionChannelSettings(ctx, input)),
  setForceEscalations: authedProcedure
    .input(ZSetForceEscalationsInput)
    .mutation(({ ctx, input }) => setForceEscalations(ctx, input)),
  deliveries: authedProcedure
    .input(ZListChannelDeliveriesInput)
    .query(({ ctx, input }) => listChannelDeliveries(ctx, input)),
});
