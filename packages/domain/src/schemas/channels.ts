import { z } from "zod";

import { normalizeMainlandMobile } from "../channels/mobile.ts";
import { refuse, storable, zId, zPage, zRequiredText } from "./common.ts";
import { zNotificationKind } from "./jobs.ts";

/** A mainland mobile number as typed (spaces, dashes, +86 allowed); the output is its 11 digits. */
export const zMobile = storable(
  z.string().max(20, { error: refuse({ code: "mobile.invalid", field: "mobile" }) }),
  "mobile",
).transform((raw, ctx) => {
  const m = normalizeMainlandMobile(raw);
  if (m) return m;
  ctx.issues.push({
    code: "custom",
    input: raw,
    message: refuse({ code: "mobile.invalid", field: "mobile" })({}),
    params: { code: "mobile.invalid", field: "mobile" },
  });
  return z.NEVER;
});

/** One kind's channels: email, inbox (站内消息), SMS, and at once or as the daily digest. */
export const ZSetMyChannelPreferenceInput = z.object({
  kind: zNotificationKind,
  mode: z.enum(["IMMEDIATE", "DIGEST", "MUTED"]),
  email: z.boolean(),
  inbox: z.boolean(),
  sms: z.boolean(),
});
/** The 6-digit code of an SMS sent by requestMobileCode. */
export const zMobileCode = storable(
  z.string().max(40, { error: refuse({ code: "mobileCode.invalid", field: "code" }) }),
  "code",
)
  // full-width digits from a Chinese input method, and a pasted "123 456"
  .transform((raw) => raw.normalize("NFKC").replace(/\s+/g, ""))
  .pipe(
    z.string().regex(/^\d{6}$/, { error: refuse({ code: "mobileCode.invalid", field: "code" }) }),
  );
/**
 * The user's own number: null clears it (no SMS at all); a number needs the code sent to it
 * (channels.requestMobileCode), so SMS never goes to a mistyped or someone else's number.
 */
export const ZSetMyMobileInput = z.object({
  mobile: zMobile.nullable(),
  code: zMobileCode.optional(),
});
/** Send a code to the number the user wants as their own. */
export const ZRequestMobileCodeInput = z.object({ mobile: zMobile });
/** A number and the code sent to it. */
export const ZConfirmMyMobileInput = z.object({ mobile: zMobile, code: zMobileCode });
/** The office sets a member's number (someone with a role in its jurisdiction). */
export const ZSetMemberMobileInput = z.object({
  jurisdictionId: zId,
  userId: zId,
  mobile: zMobile.nullable(),
});

/**
 * A robot credential as the platforms issue it: 企业微信's webhook key is a 36-character UUID,
 * 钉钉's access_token 64 hex digits and its 加签 secret SEC plus 64 hex digits. At least 16
 * letters, digits, - or _: a shorter one is a typing slip, and the masked form (last four) would
 * show most of it back.
 */
const ROBOT_CREDENTIAL = /^[A-Za-z0-9_-]{16,}$/;
const zRobotCredential = (field: "robotKey" | "robotSecret") =>
  zRequiredText(200, field).refine((v) => ROBOT_CREDENTIAL.test(v), {
    error: refuse({ code: "robotCredential.invalid", field, min: 16 }),
  });
const zRobotKey = zRobotCredential("robotKey");
const zRobotSecret = zRobotCredential("robotSecret");
const zKinds = z
  .array(zNotificationKind)
  .max(50, { error: refuse({ code: "list.tooMany", field: "notificationKinds", max: 50 }) });

export const ZListRobotsInput = z.object({ jurisdictionId: zId });
export const ZCreateRobotInput = z.object({
  jurisdictionId: zId,
  /** a unit's group; absent: the jurisdiction's (the office's) group */
  departmentId: zId.nullable().default(null),
  platform: z.enum(["WECOM", "DINGTALK"]),
  name: zRequiredText(100, "robotName"),
  /** 企业微信: the webhook key; 钉钉: the access_token */
  key: zRobotKey,
  /** 钉钉 加签 secret (SEC…); refused for 企业微信 */
  secret: zRobotSecret.nullable().default(null),
  kinds: zKinds,
  enabled: z.boolean().default(true),
});
/** Only what is given changes; a new key or secret clears the robot's error state. */
export const ZUpdateRobotInput = z.object({
  id: zId,
  departmentId: zId.nullable().optional(),
  name: zRequiredText(100, "robotName").optional(),
  key: zRobotKey.optional(),
  secret: zRobotSecret.nullable().optional(),
  kinds: zKinds.optional(),
  enabled: z.boolean().optional(),
});
export const ZRobotIdInput = z.object({ id: zId });
export const ZSetForceEscalationsInput = z.object({ jurisdictionId: zId, force: z.boolean() });
export const ZJurisdictionChannelsInput = z.object({ jurisdictionId: zId });
export const ZListChannelDeliveriesInput = zPage.extend({
  jurisdictionId: zId,
  state: z.enum(["PENDING", "SENDING", "SENT", "FAILED", "SKIPPED"]).optional(),
  channel: z.enum(["WECOM_ROBOT", "DINGTALK_ROBOT", "SMS"]).optional(),
});
