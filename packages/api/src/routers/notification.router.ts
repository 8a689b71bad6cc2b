import {
  listNotifications,
  myNotificationSettings,
  retryNotification,
  setMyNotificationSetting,
} from "@duban/domain";
import {
  ZListNotificationsInput,
  ZRetryNotificationInput,
  ZSetMyNotificationSettingInput,
} from "@duban/domain/schemas";

import { authedProcedure, router } from "../trpc.ts";

export const notificationRouter = router({
  mySettings: authedProcedure.query(({ ctx }) => myNotificationSettings(ctx.db, ctx.actor)),
  setMySetting: authedProcedure
    .input(ZSetMyNotificationSettingInput)
    .mutation(({ ctx, input }) =>
      setMyNotificationSetting(ctx.db, ctx.actor, input, ctx.requestId),
    ),
  list: authedProcedure
    .input(ZListNotificationsInput)
    .query(({ ctx, input }) => listNotifications(ctx.db, ctx.actor, input)),
  retry: authedProcedure
    .input(ZRetryNotificationInput)
    .mutation(({ ctx, input }) => retryNotification(ctx.db, ctx.actor, input, ctx.requestId)),
});
