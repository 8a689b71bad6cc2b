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
  mySettings: authedProcedure.query(({ ctx }) => myNotificationSettings(ctx)),
  setMySetting: authedProcedure
    .input(ZSetMyNotificationSettingInput)
    .mutation(({ ctx, input }) => setMyNotificationSetting(ctx, input)),
  list: authedProcedure
    .input(ZListNotificationsInput)
    .query(({ ctx, input }) => listNotifications(ctx, input)),
  retry: authedProcedure
    .input(ZRetryNotificationInput)
    .mutation(({ ctx, input }) => retryNotification(ctx, input)),
});
