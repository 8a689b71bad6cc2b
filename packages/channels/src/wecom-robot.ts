import { ChannelSendError, type ChannelTransport, type WecomRobotTarget } from "./channel.ts";
import { postJson, redact } from "./http.ts";
import { createRobotRateLimiter, type RobotRateLimiter } from "./rate-limit.ts";
import { robotMarkdown, sendPartsInOrder } from "./robot-message.ts";
import { splitForLimit } from "./split.ts";

export const WECOM_DEFAULT_BASE_URL = "https://qyapi.weixin.qq.com";
/** 企业微信 群机器人 markdown.content: "最长不超过4096个字节，必须是utf8编码". */
export const WECOM_MARKDOWN_MAX_BYTES = 4096;
/** 45009 "api freq out of limit": the robot's minute is used up; wait for it to pass. */
const WECOM_FREQ_WAIT_MS = 60_000;

export type RobotTransportOptions = {
  /** ms per HTTP request; default 10 s */
  timeoutMs?: number;
  /** a longer message is cut into at most this many parts, beyond that summarised; default 3 */
  maxParts?: number;
  /** per-robot sliding window; default 20 a minute in this process; `null` turns it off */
  limiter?: RobotRateLimiter | null;
};

/**
 * The 企业微信 group robot transport: POST {baseUrl}/cgi-bin/webhook/send?key=KEY with
 * `{"msgtype":"markdown","markdown":{"content":…}}` (docs: 群机器人配置说明,
 * developer.work.weixin.qq.com/document/path/91770).
 *
 * Outcomes (ChannelSendError otherwise):
 * - `{"errcode":0}` → sent; `parts` is how many messages the group received.
 * - 45009 (frequency) → transient, retryAfterMs 60 s.
 * - 93000 (invalid webhook url / key) and other 93xxx robot errors, 40008 (invalid message
 *   type), HTTP 400/401/403/404 → permanent and misconfigured: the office must fix the robot.
 * - other errcodes → permanent, with errcode and errmsg; -1 (system busy) → transient.
 * - 429, 5xx, network, timeout → as `postJson` classifies them.
 */
export function createWecomRobotTransport(
  options: RobotTransportOptions = {},
): ChannelTransport<WecomRobotTarget> {
  const limiter = options.limiter === undefined ? createRobotRateLimiter() : options.limiter;
  return {
    channel: "WECOM_ROBOT",
    async send(target, message, sendOptions) {
      if (!target.key) throw misconfigured("企业微信机器人未配置 key / WeCom robot has no key");
      const base = (target.baseUrl ?? WECOM_DEFAULT_BASE_URL).replace(/\/+$/, "");
      const url = `${base}/cgi-bin/webhook/send?key=${encodeURIComponent(target.key)}`;
      const parts = splitForLimit(robotMarkdown(message), {
        maxBytes: WECOM_MARKDOWN_MAX_BYTES,
        maxParts: options.maxParts ?? 3,
        url: message.url,
      });
      const fromPart = Math.min(sendOptions?.fromPart ?? 0, parts.length);
      limiter?.take(`wecom:${url}`, parts.length - fromPart);
      await sendPartsInOrder(
        parts,
        async (content) => {
          const response = await postJson(
            url,
            { msgtype: "markdown", markdown: { content } },
            { timeoutMs: options.timeoutMs, signal: sendOptions?.signal },
          );
          checkWecomAnswer(response.status, response.json, url);
        },
        { fromPart, onPartSent: sendOptions?.onPartSent },
      );
      return { parts: parts.length };
    },
  };
}

function checkWecomAnswer(status: number, json: unknown, url: string): void {
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
  const detail = `企业微信 errcode ${errcode}: ${String(answer.errmsg ?? "")}`;
  const code = String(errcode);
  if (errcode === 45009) {
    throw new ChannelSendError(detail, {
      permanent: false,
      retryAfterMs: WECOM_FREQ_WAIT_MS,
      code,
    });
  }
  if (errcode === -1) throw new ChannelSendError(detail, { permanent: false, code });
  if (errcode === 40008 || (errcode >= 93000 && errcode < 94000)) {
    throw new ChannelSendError(detail, { permanent: true, misconfigured: true, code });
  }
  throw new ChannelSendError(detail, { permanent: true, code });
}

function misconfigured(message: string): ChannelSendError {
  return new ChannelSendError(message, { permanent: true, misconfigured: true, code: "NO_KEY" });
}
