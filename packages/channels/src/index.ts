export * from "./channel.ts";
export {
  createDingtalkRobotTransport,
  dingtalkSign,
  DINGTALK_MARKDOWN_MAX_BYTES,
} from "./dingtalk-robot.ts";
export { DEFAULT_TIMEOUT_MS, parseRetryAfter } from "./http.ts";
export type { RobotRateLimiter } from "./rate-limit.ts";
export { createRobotRateLimiter, ROBOT_MESSAGES_PER_MINUTE } from "./rate-limit.ts";
export {
  isLegacySealed,
  maskSecret,
  openSecret,
  sealSecret,
  SECRET_KEY_ENV,
  SecretBoxError,
  secretKeyFromEnv,
} from "./secret-box.ts";
export type { SmsGatewayRequest } from "./sms-gateway.ts";
export {
  createSmsGatewayTransport,
  normalizeMainlandMobile,
  SMS_MAX_CHARS,
  smsContentFor,
  smsSignature,
} from "./sms-gateway.ts";
export { robotPlainText } from "./robot-message.ts";
export { splitForLimit, utf8Bytes } from "./split.ts";
export type { RobotTransportOptions } from "./wecom-robot.ts";
export { createWecomRobotTransport, WECOM_MARKDOWN_MAX_BYTES } from "./wecom-robot.ts";
