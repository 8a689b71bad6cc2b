import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A fake 企业微信 / 钉钉 robot platform and SMS gateway on a real local HTTP server (port 0), for
 * the transports' tests, the outbox's tests and the e2e (`@duban/channels/test-server`).
 *
 * It checks what the real platforms check — the webhook key or token, DingTalk's 加签 signature
 * with the secret it knows, the SMS gateway's HMAC, the body's shape, the length limit and 20
 * messages a minute per robot — and answers with the platform's own error codes. `fail()` queues
 * faults (HTTP status, errcode, hang, reset) for the next requests. Every request is recorded.
 */

export type Platform = "wecom" | "dingtalk" | "sms";

export type DingtalkRobotConfig = { accessToken: string; secret?: string; keywords?: string[] };
export type SmsAppConfig = { appId: string; appSecret: string };

export type FakePlatformOptions = {
  /** webhook keys the WeCom side knows; default ["wecom-key"] */
  wecomKeys?: string[];
  /** default one robot: token "ding-token", secret "SECding-secret" */
  dingtalkRobots?: DingtalkRobotConfig[];
  /** default one app: "duban" / "sms-secret" */
  smsApps?: SmsAppConfig[];
  /** accepted messages per robot per minute before the platform refuses; default 20 */
  ratePerMinute?: number;
};

export type Fault =
  | { kind: "http"; status: number; retryAfter?: string; body?: unknown }
  | { kind: "errcode"; errcode: number; errmsg: string }
  | { kind: "answer"; status?: number; body: unknown }
  /** accept the request and never answer */
  | { kind: "hang" }
  /** drop the connection without an answer */
  | { kind: "reset" };

export type RecordedRequest = {
  platform: Platform | "unknown";
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage["headers"];
  body: string;
  json: unknown;
  /** the text a reader would see: WeCom markdown.content, DingTalk markdown.text, SMS content */
  text?: string;
  /** epoch ms when it arrived */
  at: number;
  /** true when the platform accepted the message (it would reach the group or phone) */
  accepted: boolean;
  /** why it was refused or the fault injected */
  refusal?: string;
};

export type FakePlatformServer = {
  /** base URL for WeCom and DingTalk targets' `baseUrl` */
  url: string;
  /** the SMS gateway endpoint for SmsGatewayTarget.url */
  smsUrl: string;
  requests: RecordedRequest[];
  /** accepted messages, optionally of one platform */
  delivered: (platform?: Platform) => RecordedRequest[];
  /**
   * queue a fault for the next `times` (default 1) requests, of one platform or any, after letting
   * `after` (default 0) such requests through (e.g. `after: 1` fails a split message's 2nd part)
   */
  fail: (fault: Fault, options?: { platform?: Platform; times?: number; after?: number }) => void;
  /** forget requests, queued faults and rate windows */
  reset: () => void;
  close: () => Promise<void>;
};

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

/** Start the fake platform on 127.0.0.1 and an ephemeral port. */
export async function startFakePlatformServer(
  options: FakePlatformOptions = {},
): Promise<FakePlatformServer> {
  const wecomKeys = new Set(options.wecomKeys ?? ["wecom-key"]);
  const dingtalkRobots = options.dingtalkRobots ?? [
    { accessToken: "ding-token", secret: "SECding-secret" },
  ];
  const smsApps = options.smsApps ?? [{ appId: "duban", appSecret: "sms-secret" }];
  const ratePerMinute = options.ratePerMinute ?? 20;
  const requests: RecordedRequest[] = [];
  const faults: Array<{ fault: Fault; platform?: Platform; remaining: number; skip: number }> = [];
  const windows = new Map<string, number[]>();
  let smsCounter = 0;

  const overRate = (robot: string, at: number): boolean => {
    const sent = (windows.get(robot) ?? []).filter((time) => time > at - 60_000);
    windows.set(robot, sent);
    return sent.length >= ratePerMinute;
  };
  const countSent = (robot: string, at: number) => windows.get(robot)?.push(at);

  const takeFault = (platform: Platform | "unknown"): Fault | undefined => {
    const index = faults.findIndex((entry) => !entry.platform || entry.platform === platform);
    const entry = faults[index];
    if (!entry) return undefined;
    if (entry.skip > 0) {
      entry.skip -= 1;
      return undefined;
    }
    entry.remaining -= 1;
    if (entry.remaining <= 0) faults.splice(index, 1);
    return entry.fault;
  };

  const handleWecom = (record: RecordedRequest): Answer => {
    const refuse = (errcode: number, errmsg: string): Answer => {
      record.refusal = `${errcode} ${errmsg}`;
      return { status: 200, body: { errcode, errmsg } };
    };
    const key = record.query.key ?? "";
    if (!wecomKeys.has(key)) return refuse(93000, "invalid webhook url, hint: key not exist");
    const json = record.json as { msgtype?: unknown; markdown?: { content?: unknown } } | undefined;
    if (!json || json.msgtype !== "markdown") return refuse(40008, "invalid message type");
    const content = json.markdown?.content;
    if (typeof content !== "string" || content.length === 0) {
      return refuse(44004, "empty content");
    }
    record.text = content;
    if (Buffer.byteLength(content, "utf8") > 4096) {
      return refuse(40058, "markdown.content exceed max length 4096");
    }
    if (overRate(`wecom:${key}`, record.at)) return refuse(45009, "api freq out of limit");
    countSent(`wecom:${key}`, record.at);
    record.accepted = true;
    return { status: 200, body: { errcode: 0, errmsg: "ok" } };
  };

  const handleDingtalk = (record: RecordedRequest): Answer => {
    const refuse = (errcode: number, errmsg: string): Answer => {
      record.refusal = `${errcode} ${errmsg}`;
      return { status: 200, body: { errcode, errmsg } };
    };
    const robot = dingtalkRobots.find((entry) => entry.accessToken === record.query.access_token);
    if (!robot) return refuse(300001, "token is not exist");
    if (robot.secret) {
      const timestamp = Number(record.query.timestamp);
      const skew = Math.abs(record.at - timestamp);
      if (!Number.isFinite(timestamp) || skew > 3_600_000) {
        return refuse(310000, "sign not match, more: timestamp invalid");
      }
      const expected = createHmac("sha256", robot.secret)
        .update(`${record.query.timestamp}\n${robot.secret}`, "utf8")
        .digest("base64");
      // record.query holds the decoded value: the base64 the client URL-encoded
      if (!sameText(record.query.sign ?? "", expected)) {
        return refuse(310000, "sign not match, more: [签名不匹配]");
      }
    }
    const json = record.json as
      { msgtype?: unknown; markdown?: { title?: unknown; text?: unknown } } | undefined;
    if (!json || json.msgtype !== "markdown") return refuse(40035, "缺少参数 msgtype");
    const { title, text } = json.markdown ?? {};
    if (typeof title !== "string" || typeof text !== "string" || !title || !text) {
      return refuse(40035, "缺少参数 markdown.title / markdown.text");
    }
    record.text = text;
    if (Buffer.byteLength(text, "utf8") > 20_000) {
      return refuse(460101, "message too long, exceed 20000 bytes");
    }
    if (robot.keywords && !robot.keywords.some((word) => `${title}${text}`.includes(word))) {
      return refuse(310000, "keywords not in content");
    }
    const id = `dingtalk:${robot.accessToken}`;
    if (overRate(id, record.at)) return refuse(130101, "send too fast, exceed 20 times per minute");
    countSent(id, record.at);
    record.accepted = true;
    return { status: 200, body: { errcode: 0, errmsg: "ok" } };
  };

  const handleSms = (record: RecordedRequest): Answer => {
    const refuse = (status: number, code: string, message: string): Answer => {
      record.refusal = `${status} ${code}`;
      return { status, body: { code, message } };
    };
    const json = record.json as Record<string, unknown> | undefined;
    if (!json || typeof json !== "object") return refuse(400, "BAD_REQUEST", "body is not JSON");
    const { phone, appId, timestamp, nonce, signature, templateId, content, params } = json;
    const strings = [phone, appId, timestamp, nonce, signature];
    if (!strings.every((value) => typeof value === "string")) {
      return refuse(400, "BAD_REQUEST", "phone, appId, timestamp, nonce, signature are required");
    }
    const app = smsApps.find((entry) => entry.appId === appId);
    const data = `${appId as string}\n${timestamp as string}\n${nonce as string}\n${phone as string}`;
    const expected = app
      ? createHmac("sha256", app.appSecret).update(data, "utf8").digest("hex")
      : "";
    if (!app || !sameText(signature as string, expected)) {
      return refuse(401, "SIGNATURE_INVALID", "unknown appId or signature mismatch");
    }
    if (Math.abs(record.at - Number(timestamp)) > 300_000) {
      return refuse(401, "TIMESTAMP_EXPIRED", "timestamp more than 5 minutes off");
    }
    if (!/^1[3-9]\d{9}$/.test(phone as string)) {
      return refuse(400, "INVALID_PHONE", "not a mainland mobile number");
    }
    const hasTemplate = typeof templateId === "string" && templateId.length > 0;
    const hasContent = typeof content === "string" && content.length > 0;
    if (hasTemplate === hasContent) {
      return refuse(400, "BAD_REQUEST", "exactly one of templateId and content");
    }
    const paramValues = Object.values((params ?? {}) as Record<string, unknown>);
    if (typeof params !== "object" || !paramValues.every((value) => typeof value === "string")) {
      return refuse(400, "BAD_REQUEST", "params must map names to strings");
    }
    record.text = hasContent ? (content as string) : `template:${templateId as string}`;
    if (hasContent && Array.from(content as string).length > 500) {
      return refuse(400, "CONTENT_TOO_LONG", "content over 500 characters");
    }
    record.accepted = true;
    smsCounter += 1;
    return { status: 200, body: { code: 0, messageId: `sms-${smsCounter}` } };
  };

  const answerFault = (fault: Fault, response: ServerResponse, record: RecordedRequest) => {
    record.refusal = `fault ${fault.kind}`;
    if (fault.kind === "hang") return;
    if (fault.kind === "reset") {
      response.socket?.destroy();
      return;
    }
    if (fault.kind === "errcode") {
      send(response, { status: 200, body: { errcode: fault.errcode, errmsg: fault.errmsg } });
      return;
    }
    if (fault.kind === "answer") {
      send(response, { status: fault.status ?? 200, body: fault.body });
      return;
    }
    const headers: Record<string, string> = fault.retryAfter
      ? { "retry-after": fault.retryAfter }
      : {};
    send(response, { status: fault.status, body: fault.body ?? { error: "fault" }, headers });
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://fake");
      const body = Buffer.concat(chunks).toString("utf8");
      const record: RecordedRequest = {
        platform: platformOf(url.pathname),
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: request.headers,
        body,
        json: parseJson(body),
        at: Date.now(),
        accepted: false,
      };
      requests.push(record);
      const fault = takeFault(record.platform);
      if (fault) {
        answerFault(fault, response, record);
        return;
      }
      if (request.method !== "POST") {
        send(response, { status: 405, body: { error: "POST only" } });
        return;
      }
      if (record.platform === "wecom") send(response, handleWecom(record));
      else if (record.platform === "dingtalk") send(response, handleDingtalk(record));
      else if (record.platform === "sms") send(response, handleSms(record));
      else send(response, { status: 404, body: { error: "not found" } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    smsUrl: `${base}/sms/send`,
    requests,
    delivered: (platform) =>
      requests.filter((entry) => entry.accepted && (!platform || entry.platform === platform)),
    fail: (fault, failOptions = {}) => {
      faults.push({
        fault,
        platform: failOptions.platform,
        remaining: failOptions.times ?? 1,
        skip: failOptions.after ?? 0,
      });
    },
    reset: () => {
      requests.length = 0;
      faults.length = 0;
      windows.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        // hanging requests would keep close() waiting forever
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function platformOf(path: string): Platform | "unknown" {
  if (path === "/cgi-bin/webhook/send") return "wecom";
  if (path === "/robot/send") return "dingtalk";
  if (path === "/sms/send") return "sms";
  return "unknown";
}

function send(response: ServerResponse, answer: Answer): void {
  const text = JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    "content-type": "application/json; charset=utf-8",
    ...answer.headers,
  });
  response.end(text);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
