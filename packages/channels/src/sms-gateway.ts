import { createHmac, randomUUID } from "node:crypto";

import {
  ChannelSendError,
  type ChannelMessage,
  type ChannelTransport,
  type SmsGatewayTarget,
} from "./channel.ts";
import { postJson, redact } from "./http.ts";

/** Longest SMS text sent: a long SMS (长短信) is split by the carrier, 500 characters is a safe cap. */
export const SMS_MAX_CHARS = 500;
/** A template value starting with this names a template registered at the gateway. */
const TEMPLATE_ID_PREFIX = "id:";

/**
 * A mainland China mobile number as its 11 digits, or null. Accepts an optional +86 / 86 / 0086
 * prefix, spaces, dashes, dots and brackets, and full-width digits (typed in Chinese input
 * methods). A valid number is 1[3-9] and nine more digits (工信部 numbering: all mobile network
 * prefixes are 13x–19x).
 */
export function normalizeMainlandMobile(input: string): string | null {
  const halfWidth = input.replace(/[０-９]/g, (digit) =>
    String.fromCharCode(digit.charCodeAt(0) - 0xfee0),
  );
  const compact = halfWidth.replace(/[\s\-－.()（）]/g, "").replace(/^＋/, "+");
  const national = compact.replace(/^(?:\+86|0086|86)(?=\d{11}$)/, "");
  return /^1[3-9]\d{9}$/.test(national) ? national : null;
}

/**
 * The signature of Duban's generic SMS gateway contract: lowercase hex
 * HMAC-SHA256(key = appSecret, data = `${appId}\n${timestamp}\n${nonce}\n${phone}`), UTF-8,
 * where timestamp is ms since the epoch (as a decimal string) and phone the 11 digits.
 */
export function smsSignature(
  appSecret: string,
  fields: { appId: string; timestamp: string; nonce: string; phone: string },
): string {
  const data = `${fields.appId}\n${fields.timestamp}\n${fields.nonce}\n${fields.phone}`;
  return createHmac("sha256", appSecret).update(data, "utf8").digest("hex");
}

/** What the gateway receives: one of templateId (registered template) or content (free text). */
export type SmsGatewayRequest = {
  phone: string;
  signName?: string;
  templateId?: string;
  content?: string;
  params: Record<string, string>;
  appId: string;
  timestamp: string;
  nonce: string;
  signature?: string;
};

/**
 * Choose and fill the SMS for a message. `templates[kind]`, else `templates.default`:
 * - "id:SMS_123" → `{ templateId: "SMS_123" }`: the gateway holds the text (most government and
 *   carrier gateways only send registered templates); it fills it from `params`.
 * - any other text → `{ content }` with each `{name}` replaced by the variable (unknown names become
 *   empty), capped at 500 characters; when cut, it ends with "…" and the link.
 * `params` holds the message's variables plus title, text, kind and url, each with 【 】 made [ ]
 * (smsVariable: no one's text signs an SMS).
 * Throws ChannelSendError (permanent, misconfigured, code NO_TEMPLATE) when neither exists.
 */
export function smsContentFor(
  templates: Record<string, string>,
  message: ChannelMessage,
): { templateId?: string; content?: string; params: Record<string, string> } {
  const params: Record<string, string> = Object.fromEntries(
    Object.entries({
      title: message.title,
      text: message.text,
      kind: message.kind,
      ...(message.url ? { url: message.url } : {}),
      ...message.variables,
    }).map(([name, value]) => [name, smsVariable(value)]),
  );
  const template = templates[message.kind] ?? templates.default;
  if (!template) {
    throw new ChannelSendError(
      `短信网关没有「${message.kind}」的模板，也没有 default / no SMS template for ${message.kind}`,
      { permanent: true, misconfigured: true, code: "NO_TEMPLATE" },
    );
  }
  if (template.startsWith(TEMPLATE_ID_PREFIX)) {
    return { templateId: template.slice(TEMPLATE_ID_PREFIX.length).trim(), params };
  }
  const filled = template.replace(/\{(\w+)\}/g, (_match, name: string) => params[name] ?? "");
  return { content: capSms(filled, message.url), params };
}

/**
 * A variable's value as SMS text: 【 】 become [ ]. In a Chinese SMS, 【…】 is the sender's
 * signature (签名); the carriers read it at the start or the end of the text. A task title such as
 * "…【某某银行】" would otherwise sign the message as someone else, and gateways refuse variables
 * that hold 【 】 (the template's own signature stays as the deployment wrote it).
 */
function smsVariable(value: string): string {
  return value.replace(/【/g, "[").replace(/】/g, "]");
}

/** Cut to SMS_MAX_CHARS characters (code points), keeping the link at the end when there is one. */
function capSms(text: string, url: string | undefined): string {
  const chars = Array.from(text);
  if (chars.length <= SMS_MAX_CHARS) return text;
  const suffix = url ? ` ${url}` : "";
  const room = SMS_MAX_CHARS - Array.from(suffix).length - 1;
  return `${chars.slice(0, Math.max(0, room)).join("")}…${suffix}`;
}

/**
 * The SMS transport: one POST of JSON (SmsGatewayRequest) to `target.url` per message. This is
 * Duban's generic gateway contract; a deployment adapts its gateway (政务短信平台, a carrier) to it.
 *
 * Outcomes (ChannelSendError otherwise):
 * - 2xx with `{ code: 0 | "0" | "OK", messageId }` → sent, providerMessageId = messageId (gateways differ on number or text).
 * - an invalid phone → permanent, code INVALID_PHONE (nothing is posted).
 * - 2xx with another code → permanent, with that code (the gateway refused this message).
 * - 401 / 403 → permanent and misconfigured (wrong appId / appSecret); other 4xx → permanent.
 * - 429 → transient with retryAfterMs; 5xx, network, timeout → transient (timeout ambiguous).
 */
export function createSmsGatewayTransport(
  options: { timeoutMs?: number; now?: () => number } = {},
): ChannelTransport<SmsGatewayTarget> {
  const now = options.now ?? Date.now;
  return {
    channel: "SMS",
    async send(target, message, sendOptions) {
      const phone = normalizeMainlandMobile(target.phone);
      if (!phone) {
        throw new ChannelSendError(`手机号码无效 / invalid mobile number`, {
          permanent: true,
          code: "INVALID_PHONE",
        });
      }
      const filled = smsContentFor(target.templates, message);
      const request: SmsGatewayRequest = {
        phone,
        ...(target.signName ? { signName: target.signName } : {}),
        ...filled,
        appId: target.appId ?? "",
        timestamp: String(now()),
        nonce: randomUUID().replaceAll("-", ""),
      };
      if (target.appSecret) request.signature = smsSignature(target.appSecret, request);
      const response = await postJson(target.url, request, {
        timeoutMs: options.timeoutMs,
        signal: sendOptions?.signal,
      });
      return {
        providerMessageId: checkSmsAnswer(response.status, response.json, target.url),
        parts: 1,
      };
    },
  };
}

function checkSmsAnswer(status: number, json: unknown, url: string): string | undefined {
  const answer = json as { code?: unknown; message?: unknown; messageId?: unknown } | undefined;
  const said = answer?.message ? `: ${String(answer.message)}` : "";
  if (status >= 400) {
    throw new ChannelSendError(`短信网关 HTTP ${status} from ${redact(url)}${said}`, {
      permanent: true,
      misconfigured: status === 401 || status === 403,
      code: answer?.code !== undefined ? String(answer.code) : `HTTP_${status}`,
    });
  }
  if (
    answer &&
    (answer.code === 0 || answer.code === "0" || String(answer.code).toUpperCase() === "OK")
  ) {
    return typeof answer.messageId === "string" ? answer.messageId : undefined;
  }
  if (answer?.code === undefined) {
    throw new ChannelSendError(`unreadable answer from ${redact(url)}`, {
      permanent: false,
      code: "BAD_RESPONSE",
    });
  }
  throw new ChannelSendError(`短信网关拒绝 / gateway refused: ${String(answer.code)}${said}`, {
    permanent: true,
    code: String(answer.code),
  });
}
