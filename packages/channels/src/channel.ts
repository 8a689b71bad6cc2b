/**
 * The transports beyond email (issue #20): 企业微信 / 钉钉 group robots and SMS through an HTTP
 * gateway. This package knows nothing of the database: the outbox (packages/domain, packages/jobs)
 * decides what to send to whom and keeps each delivery's state; a transport only sends one
 * message and classifies the outcome.
 */

/** One message to one robot or one phone. */
export type ChannelMessage = {
  /** short title (robot markdown heading; SMS template variable `title`) */
  title: string;
  /** body as Markdown (robots) — transports cut or summarise it to the platform's limits */
  markdown: string;
  /** plain-text body (SMS and platforms without markdown) */
  text: string;
  /** absolute link back to the object in Duban */
  url?: string;
  /** notification kind (SMS picks its template by kind) */
  kind: string;
  /** template variables for SMS templates (strings only) */
  variables?: Record<string, string>;
};

/** A failed send, classified so the outbox can back off, stop, or tell the office. */
export class ChannelSendError extends Error {
  constructor(
    message: string,
    readonly options: {
      /** retrying cannot help (bad key, wrong signature secret, invalid number) */
      permanent: boolean;
      /** the platform asked to wait (HTTP 429, DingTalk 130101, WeCom 45009): ms before the next try */
      retryAfterMs?: number;
      /** the robot's or gateway's configuration is wrong: the office must be told (wrong secret, unknown key) */
      misconfigured?: boolean;
      /** the request may have reached the platform (timeout after sending): a retry may duplicate */
      ambiguous?: boolean;
      /** platform error code or HTTP status, for the log and the office's view */
      code?: string;
      /**
       * parts of a split message the platform had accepted before this failure (robots), counted
       * from the first part of the message (not of this attempt). The outbox stores it and the
       * retry passes it back as `fromPart`, so the group never sees a part twice.
       */
      partsSent?: number;
    },
  ) {
    super(message);
    this.name = "ChannelSendError";
  }
  get permanent() {
    return this.options.permanent;
  }
}

/** What a successful send returns: the platform's message id when it gives one, and the message's part count. */
export type ChannelSendResult = { providerMessageId?: string; parts: number };

/**
 * How to send: `signal` aborts; `fromPart` (robots) skips the first parts of a split message,
 * which the platform accepted on an earlier attempt (the parts are cut the same way each time);
 * `onPartSent` (robots, split messages only) is told after each accepted part how many of the
 * message's parts the platform has now accepted, so the outbox can keep it even if the worker dies
 * before the message is done. It must not throw.
 */
export type ChannelSendOptions = {
  signal?: AbortSignal;
  fromPart?: number;
  onPartSent?: (partsSent: number) => Promise<void>;
};

/** One transport. `target` is the robot's or gateway's configuration with its secrets decrypted. */
export type ChannelTransport<Target> = {
  readonly channel: "WECOM_ROBOT" | "DINGTALK_ROBOT" | "SMS";
  send(
    target: Target,
    message: ChannelMessage,
    options?: ChannelSendOptions,
  ): Promise<ChannelSendResult>;
};

/** 企业微信 group robot: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY (baseUrl overridable for tests/private deployments such as 政务微信). */
export type WecomRobotTarget = { key: string; baseUrl?: string };
/** 钉钉 custom robot: https://oapi.dingtalk.com/robot/send?access_token=TOKEN with optional 加签 secret. */
export type DingtalkRobotTarget = { accessToken: string; secret?: string; baseUrl?: string };
/** An HTTP SMS gateway (政务短信平台): POST JSON to url with credentials. */
export type SmsGatewayTarget = {
  url: string;
  appId?: string;
  appSecret?: string;
  signName?: string;
  /** per-kind template ids/texts; the transport falls back to `default` */
  templates: Record<string, string>;
  phone: string;
};
