// INTERIM (issue #20): minimal transports so the channel sender runs end to end before the
// channels helper's branch lands. REPLACE with the transports of @duban/channels (which also
// split and summarise long messages and keep the platforms' rate limits) and delete this file.
// They follow the platforms' documented wire formats, classify errors as ChannelSendError, and
// accept `baseUrl` overrides so tests and private deployments (政务微信, 浙政钉) reach other hosts.
import { createHmac } from "node:crypto";

import {
  ChannelSendError,
  type ChannelMessage,
  type ChannelSendResult,
  type ChannelTransport,
  type DingtalkRobotTarget,
  type SmsGatewayTarget,
  type WecomRobotTarget,
} from "@duban/channels";

/** WeCom markdown content is limited to 4096 bytes; DingTalk's to 20000 bytes. */
const cutBytes = (s: string, max: number) => {
  const b = Buffer.from(s, "utf8");
  if (b.length <= max) return s;
  return `${b
    .subarray(0, max - 10)
    .toString("utf8")
    .replace(/\uFFFD$/u, "")}…`;
};

async function post(url: string, body: unknown, signal?: AbortSignal) {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    const aborted = signal?.aborted || (error as Error).name === "TimeoutError";
    // a timeout after the request went out may have reached the platform: a retry may duplicate
    throw new ChannelSendError(aborted ? "timeout" : `network: ${(error as Error).message}`, {
      permanent: false,
      ambiguous: aborted,
      code: aborted ? "TIMEOUT" : "NETWORK",
    });
  }
  const text = await res.text();
  if (res.status === 429) {
    const after = Number(res.headers.get("retry-after") ?? "60");
    throw new ChannelSendError("HTTP 429", {
      permanent: false,
      retryAfterMs: (Number.isFinite(after) ? after : 60) * 1000,
      code: "429",
    });
  }
  if (res.status >= 500)
    throw new ChannelSendError(`HTTP ${res.status}`, {
      permanent: false,
      code: String(res.status),
    });
  if (res.status === 401 || res.status === 403 || res.status === 404)
    throw new ChannelSendError(`HTTP ${res.status}: ${text.slice(0, 200)}`, {
      permanent: true,
      misconfigured: true,
      code: String(res.status),
    });
  if (res.status >= 400)
    throw new ChannelSendError(`HTTP ${res.status}: ${text.slice(0, 200)}`, {
      permanent: true,
      code: String(res.status),
    });
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** 企业微信 group robot: markdown to /cgi-bin/webhook/send?key=… (errcode 0: ok). */
export const interimWecomTransport: ChannelTransport<WecomRobotTarget> = {
  channel: "WECOM_ROBOT",
  async send(target, message, options) {
    const base = target.baseUrl ?? "https://qyapi.weixin.qq.com";
    const url = `${base}/cgi-bin/webhook/send?key=${encodeURIComponent(target.key)}`;
    const content = cutBytes(message.markdown, 4096);
    const r = await post(url, { msgtype: "markdown", markdown: { content } }, options?.signal);
    return robotOutcome(r, { rate: [45009], misconfigured: [93000, 40001, 40014, 41001] });
  },
};

/** 钉钉 custom robot: markdown, signed with HMAC-SHA256 of `${timestamp}\n${secret}` (加签). */
export const interimDingtalkTransport: ChannelTransport<DingtalkRobotTarget> = {
  channel: "DINGTALK_ROBOT",
  async send(target, message, options) {
    const base = target.baseUrl ?? "https://oapi.dingtalk.com";
    let url = `${base}/robot/send?access_token=${encodeURIComponent(target.accessToken)}`;
    if (target.secret) {
      const timestamp = Date.now();
      const sign = createHmac("sha256", target.secret)
        .update(`${timestamp}\n${target.secret}`)
        .digest("base64");
      url += `&timestamp=${timestamp}&sign=${encodeURIComponent(sign)}`;
    }
    const text = cutBytes(message.markdown, 20000);
    const r = await post(
      url,
      { msgtype: "markdown", markdown: { title: message.title, text } },
      options?.signal,
    );
    return robotOutcome(r, { rate: [130101], misconfigured: [310000, 300001, 300005, 400013] });
  },
};

function robotOutcome(
  r: Record<string, unknown>,
  codes: { rate: number[]; misconfigured: number[] },
): ChannelSendResult {
  const errcode = Number(r.errcode ?? 0);
  if (errcode === 0) return { parts: 1 };
  const msg = `errcode ${errcode}: ${String(r.errmsg ?? "")}`.slice(0, 300);
  if (codes.rate.includes(errcode))
    throw new ChannelSendError(msg, {
      permanent: false,
      retryAfterMs: 60_000,
      code: String(errcode),
    });
  if (codes.misconfigured.includes(errcode))
    throw new ChannelSendError(msg, {
      permanent: true,
      misconfigured: true,
      code: String(errcode),
    });
  throw new ChannelSendError(msg, { permanent: false, code: String(errcode) });
}

/**
 * An HTTP SMS gateway: POST JSON { appId, timestamp, signature, signName, templateId, phone,
 * params } where signature = hex HMAC-SHA256(appSecret, `${appId}${timestamp}${phone}`); the
 * gateway answers { code: "0", messageId } (any other code: refused).
 */
export const interimSmsTransport: ChannelTransport<SmsGatewayTarget> = {
  channel: "SMS",
  async send(target, message: ChannelMessage, options) {
    const timestamp = String(Date.now());
    const signature = target.appSecret
      ? createHmac("sha256", target.appSecret)
          .update(`${target.appId ?? ""}${timestamp}${target.phone}`)
          .digest("hex")
      : undefined;
    const r = await post(
      target.url,
      {
        appId: target.appId,
        timestamp,
        signature,
        signName: target.signName,
        templateId: target.templates[message.kind] ?? target.templates.default,
        phone: target.phone,
        params: message.variables ?? { title: message.title },
      },
      options?.signal,
    );
    const code = String(r.code ?? "0");
    if (code === "0" || code === "OK")
      return { parts: 1, providerMessageId: r.messageId ? String(r.messageId) : undefined };
    throw new ChannelSendError(`gateway code ${code}: ${String(r.message ?? "")}`.slice(0, 300), {
      permanent: true,
      code,
    });
  },
};
