import type { NodemailerError, SMTPSentMessageInfo } from "nodemailer";

// loaded at the first send, not when a process that only imports this package starts (the api)
const loadNodemailer = async () => (await import("nodemailer")).default;

export type OutgoingEmail = {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** a stable Message-ID (derived from the notification id) lets mail clients fold a rare duplicate */
  messageId?: string;
  headers?: Record<string, string>;
  attachments?: Array<{ filename: string; content: Buffer; contentType?: string }>;
};

export type SentEmail = { messageId: string; response: string };

/**
 * A send that failed. `ambiguous` marks the window no protocol closes: the message had been
 * transmitted (the final "." was written) but no reply came, so the server may have accepted it
 * without us ever learning so. Retrying may deliver it twice; not retrying may lose it.
 */
export class MailSendError extends Error {
  override name = "MailSendError";
  constructor(
    message: string,
    readonly ambiguous: boolean,
    /** the server refused for good (5xx): retrying the same message will not help */
    readonly permanent: boolean,
    readonly responseCode?: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

export type Mailer = {
  send: (email: OutgoingEmail) => Promise<SentEmail>;
  verify: () => Promise<void>;
  close: () => void;
};

export type MailerOptions = {
  /** smtp://user:pass@host:port or smtps://… */
  url: string;
  from: string;
  /** ms to wait for the server at each step; a silent server must not hold a worker for minutes */
  timeoutMs?: number;
  /** SMTP connections kept open and used in parallel (each carries one message at a time) */
  connections?: number;
  /** an idle connection is closed after this long, so nothing is held open between sweeps */
  idleMs?: number;
};

type Transport = ReturnType<Awaited<ReturnType<typeof loadNodemailer>>["createTransport"]>;
type Lane = { transport: Transport | null; bodySent: boolean; idle?: NodeJS.Timeout };

/**
 * nodemailer over SMTP with a few long-lived connections ("lanes"), because opening one per
 * message costs a greeting each time (servers often pause before it). Each lane is its own pooled
 * transport with one connection and its own logger, and carries one message at a time, so the
 * lane can tell when that message's body has gone out: nodemailer logs "<n bytes encoded mime
 * message>" (tnx "message") once the body and its final "." are written. That is how a failure
 * is classed as before-data (safe to retry) or ambiguous.
 */
export function createMailer(options: MailerOptions): Mailer {
  const timeout = options.timeoutMs ?? 30_000;
  const idleMs = options.idleMs ?? 5000;
  const open = async (lane: Lane): Promise<Transport> => {
    const logger = {
      info: (entry: { tnx?: string } | undefined) => {
        if (entry?.tnx === "message") lane.bodySent = true;
      },
    };
    return (await loadNodemailer()).createTransport({
      url: options.url,
      pool: true,
      maxConnections: 1,
      maxMessages: 500,
      logger,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  };
  const shut = (lane: Lane) => {
    clearTimeout(lane.idle);
    lane.transport?.close();
    lane.transport = null;
  };
  const lanes: Lane[] = Array.from({ length: Math.max(1, options.connections ?? 4) }, () => ({
    transport: null,
    bodySent: false,
  }));
  const free = [...lanes];
  const waiting: Array<(lane: Lane) => void> = [];
  const acquire = () =>
    new Promise<Lane>((resolve) => {
      const lane = free.pop();
      if (lane) resolve(lane);
      else waiting.push(resolve);
    });
  const release = (lane: Lane) => {
    const next = waiting.shift();
    if (next) return next(lane);
    free.push(lane);
    lane.idle = setTimeout(() => shut(lane), idleMs);
    lane.idle.unref();
  };
  return {
    async send(email) {
      const lane = await acquire();
      clearTimeout(lane.idle);
      lane.bodySent = false;
      try {
        const info = (await (lane.transport ??= await open(lane)).sendMail({
          from: options.from,
          to: email.to,
          subject: email.subject,
          html: email.html,
          text: email.text,
          messageId: email.messageId,
          headers: email.headers,
          attachments: email.attachments,
        })) as SMTPSentMessageInfo;
        return { messageId: info.messageId, response: info.response };
      } catch (error) {
        const e = error as NodemailerError;
        const replied = typeof e.responseCode === "number";
        throw new MailSendError(
          e.message,
          lane.bodySent && !replied,
          replied && e.permanent === true,
          e.responseCode,
          e.code,
        );
      } finally {
        release(lane);
      }
    },
    async verify() {
      const transport = (await loadNodemailer()).createTransport({
        url: options.url,
        connectionTimeout: timeout,
        greetingTimeout: timeout,
      });
      try {
        await transport.verify();
      } finally {
        transport.close();
      }
    },
    close() {
      for (const lane of lanes) shut(lane);
    },
  };
}
