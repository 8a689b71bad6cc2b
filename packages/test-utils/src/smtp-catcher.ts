import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type CaughtMail = {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  attachments: ParsedMail["attachments"];
  messageId: string | undefined;
  raw: Buffer;
};

export type SmtpCatcher = {
  port: number;
  url: string;
  messages: CaughtMail[];
  /** reject every message with a 4xx until `restore()` (a mail server in trouble) */
  refuse: (code?: number) => void;
  /** accept the data, then drop the connection without answering (the window SMTP cannot close) */
  dropAfterData: (times: number) => void;
  restore: () => void;
  waitFor: (count: number, timeoutMs?: number) => Promise<CaughtMail[]>;
  stop: () => Promise<void>;
};

/** An in-process SMTP server that records what it receives: the real protocol, no mocks. */
export async function startSmtpCatcher(): Promise<SmtpCatcher> {
  const messages: CaughtMail[] = [];
  let refuseCode: number | null = null;
  let drops = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        if (refuseCode) {
          const error = new Error("mailbox temporarily unavailable") as Error & {
            responseCode: number;
          };
          error.responseCode = refuseCode;
          return callback(error);
        }
        const raw = Buffer.concat(chunks);
        const parsed = await simpleParser(raw);
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: parsed.subject ?? "",
          text: parsed.text ?? "",
          html: typeof parsed.html === "string" ? parsed.html : "",
          attachments: parsed.attachments,
          messageId: parsed.messageId,
          raw,
        });
        if (drops > 0) {
          drops--;
          // stored, but the client never hears the 250
          (session as unknown as { _socket?: { destroy(): void } })._socket?.destroy?.();
          return;
        }
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      const address = server.server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });
  // A client that vanishes mid-conversation (a sender SIGKILLed by a crash test, a dropped
  // connection) makes smtp-server emit "error" (ECONNRESET); like a real mail server, the catcher
  // lets that connection go and keeps serving. Unheard, the event would crash the test process.
  server.on("error", () => undefined);
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuse: (code = 451) => {
      refuseCode = code;
    },
    dropAfterData: (times) => {
      drops = times;
    },
    restore: () => {
      refuseCode = null;
      drops = 0;
    },
    waitFor: async (count, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline)
          throw new Error(`expected ${count} emails, got ${messages.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return messages;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
