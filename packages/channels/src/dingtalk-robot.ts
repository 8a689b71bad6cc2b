import { createHmac } from "node:crypto";

import { ChannelSendError, type ChannelTransport, type DingtalkRobotTarget } from "./channel.ts";
import { postJson, redact } from "./http.ts";
import { createRobotRateLimiter } from "./rate-limit.ts";
import { robotMarkdown, sendPartsInOrder } from "./robot-message.ts";
import { splitForLimit } from "./split.ts";
import type { RobotTransportOptions } from "./wecom-robot.ts";

export const DINGTALK_DEFAULT_BASE_URL = "https://oapi.dingtalk.com";
/** 钉钉 custom robot: a message body beyond 20000 bytes is refused (460101 "message too long"). */
export const DINGTALK_MARKDOWN_MAX_BYTES = 20_000;
/** 钉钉: "每个机器人每分钟最多发送20条。如果超过20条，会限流10分钟" — 130101 means wait 10 min. */
const DINGTALK_THROTTLE_MS = 10 * 60_000;

/**
 * The 加签 signature of a 钉钉 custom robot: base64(HMAC-SHA256(key = secret, data =
 * `${timestamp}\n${secret}`)), UTF-8, then URL-encoded (docs: 自定义机器人安全设置, 加签).
 * `timestamp` is ms since the epoch and must be within an hour of DingTalk's clock.
 * Returns the URL-encoded value, ready for the query string.
 */
export function dingtalkSign(secret: string, timestamp: number): string {
  const digest = createHmac("sha256", secret).update(`${timestamp}\n${secret}`, "utf8").digest();
  return encodeURIComponent(digest.toString("base64"));
}

/**
 * The 钉钉 custom robot transport: POST {baseUrl}/robot/send?access_token=TOKEN, plus
 * `&timestamp=T&sign=S` when the robot has a 加签 secret, with
 * `{"msgtype":"markdown","markdown":{"title":…,"text":…}}`.
 *
 * Outcomes (ChannelSendError otherwise):
 * - `{"errcode":0}` → sent.
 * - 130101 (send too fast) → transient, retryAfterMs 10 min (DingTalk throttles for 10 minutes).
 * - 310000 (sign not match / 签名不匹配, keywords not in content, ip not in whitelist),
 *   300001 (token missing or unknown), 400102 (robot stopped), 400101 (robot missing),
 *   HTTP 400/401/403/404 → permanent and misconfigured: the office must fix the robot.
 * - -1 (system busy) → transient; other errcodes → permanent.
 * - 429, 5xx, network, timeout → as `postJson` classifies them.
 */
export function createDingtalkRobotTransport(
  options: RobotTransportOptions & { now?: () => number } = {},
): ChannelTransport<DingtalkRobotTarget> {
  const limiter = options.limiter === undefined ? createRobotRateLimiter() : options.limiter;
  const now = options.now ?? Date.now;
  return {
    channel: "DINGTALK_ROBOT",
    async send(target, message, sendOptions) {
      if (!target.accessToken) {
        throw new ChannelSendError("钉钉机器人未配置 access_token / DingTalk robot has no token", {
          permanent: true,
          misconfigured: true,
          code: "NO_TOKEN",
        });
      }
      const base = (target.baseUrl ?? DINGTALK_DEFAULT_BASE_URL).replace(/\/+$/, "");
      const robotUrl = `${base}/robot/send?access_token=${encodeURIComponent(target.accessToken)}`;
      const parts = splitForLimit(robotMarkdown(message), {
        maxBytes: DINGTALK_MARKDOWN_MAX_BYTES,
        maxParts: options.maxParts ?? 3,
        url: message.url,
      });
      const fromPart = Math.min(sendOptions?.fromPart ?? 0, parts.length);
      limiter?.take(`dingtalk:${robotUrl}`, parts.length - fromPart);
      await sendPartsInOrder(
        parts,
        async (text, index) => {
          // signed per request: the timestamp must be fresh (DingTalk allows one hour of skew)
          const timestamp = now();
          const url = target.secret
            ? `${robotUrl}&timestamp=${timestamp}&sign=${dingtalkSign(target.secret, timestamp)}`
            : robotUrl;
          const title =
            parts.length > 1 ? `${message.title} (${index + 1}/${parts.length})` : message.title;
          const response = await postJson(
            url,
            { msgtype: "markdown", markdown: { title, text } },
            { timeoutMs: options.timeoutMs, signal: sendOptions?.signal },
          );
          checkDingtalkAnswer(response.status, response.json, robotUrl);
        },
        { fromPart, onPartSent: sendOptions?.onPartSent },
      );
      return { parts: parts.length };
    },
  };
}

const MISCONFIGURED_CODES = new Set([310000, 300001, 400101, 400102]);

function checkDingtalkAnswer(status: number, json: unknown, url: string): void {
  if (status >= 400) {
    throw new ChannelSendError(`HTTP ${status} from ${redact(url)}`, {
      permanent: true,
      misconfigured: [400, 401, 403, 404].includes(status),
      code: `HTTP_${status}`,
    });
  }
  const answer = json as { errcode?: unknown; errmsg?: unknown } | undefined;
  if (typeof answer?.errcode !== "number") {
    throw new ChannelSendError(`unreadable answer from ${redact(url)}`, {
      permanent: false,
      code: "BAD_RESPONSE",
    });
  }
  const errcode = answer.errcode;
  if (errcode === 0) return;
  const errmsg = String(answer.errmsg ?? "");
  const detail = `钉钉 errcode ${errcode}: ${errmsg}`;
  const code = String(errcode);
  if (errcode === 130101) {
    throw new ChannelSendError(detail, {
      permanent: false,
      retryAfterMs: DINGTALK_THROTTLE_MS,
      code,
    });
  }
  if (errcode === -1) throw new ChannelSendError(detail, { permanent: false, code });
  if (MISCONFIGURED_CODES.has(errcode) || /sign not match|签名不匹配|keywords/i.test(errmsg)) {
    throw new ChannelSendError(detail, { permanent: true, misconfigured: true, code });
  }
  throw new ChannelSendError(detail, { permanent: true, code });
}
