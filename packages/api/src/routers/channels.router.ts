import {
  createRobot,
  deleteRobot,
  DomainError,
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
  myPreferences: authedProcedure.query(async ({ ctx }) => ({
    ...(await myChannelPreferences(ctx)),
    /** a new number can be confirmed by SMS code only where there is a gateway */
    smsGateway: ctx.smsGateway ?? false,
  })),
  setMyPreference: authedProcedure
    .input(ZSetMyChannelPreferenceInput)
    .mutation(({ ctx, input }) => setMyChannelPreference(ctx, input)),
  // an SMS with a code to the number the user wants; setMyMobile then takes that code
  requestMobileCode: authedProcedure.input(ZRequestMobileCodeInput).mutation(({ ctx, input }) => {
    if (!ctx.smsGateway)
      throw new DomainError(
        "CONFLICT",
        "本系统未开通短信，无法发送验证码；手机号请联系领导小组办公室在“用户管理”中设置",
        "this deployment has no SMS gateway, so no code can be sent; ask the office to set your number in Users",
        "mobile",
      );
    return requestMobileCode(ctx, input);
  }),
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
