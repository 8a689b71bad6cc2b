import type { Db } from "@duban/db";
import { createLogger, type Logger } from "@duban/logger";
import { createMailer } from "@duban/mail";

import type { JobContext } from "../src/context.ts";
import { runJob } from "../src/run-job.ts";

export type CapturedLog = { level: number; obj: Record<string, unknown>; msg: string };

/** A real pino logger that also keeps what it logs, so tests can look for `smtp-ambiguous`. */
export function capturingLogger(): { log: Logger; lines: CapturedLog[] } {
  const lines: CapturedLog[] = [];
  const log = createLogger("test", {
    level: "debug",
    hooks: {
      logMethod(args, method, level) {
        const [obj, msg] =
          typeof args[0] === "object"
            ? [args[0] as Record<string, unknown>, String(args[1] ?? "")]
            : [{}, String(args[0])];
        lines.push({ level, obj, msg });
        if (level >= 60) method.apply(this, args);
      },
    },
  });
  return { log, lines };
}

/**
 * A job context whose follow-ups run inline, one after the other, through the same runJob the
 * worker uses (the queue path is covered by the BullMQ tests).
 */
export function inlineContext(
  db: Db,
  options: { smtpUrl?: string; log?: Logger; now?: () => Date } = {},
): JobContext & { dispatched: string[] } {
  const dispatched: string[] = [];
  const ctx: JobContext & { dispatched: string[] } = {
    db,
    log: options.log ?? createLogger("test", { level: "error" }),
    config: { baseUrl: "https://duban.example.gov.cn", sender: { concurrency: 4 } },
    mailer: options.smtpUrl
      ? createMailer({
          url: options.smtpUrl,
          from: "督办系统 <duban@xf.gov.cn>",
          timeoutMs: 5000,
          idleMs: 50,
        })
      : undefined,
    dispatched,
    now: options.now,
    dispatch: async (name, data) => {
      dispatched.push(name);
      if (name === "send-notifications" && !ctx.mailer) return;
      await runJob(ctx, name, data);
    },
  };
  return ctx;
}

/** A clock the test moves: `clock.set("2024-03-12T08:30:00+08:00")`, then `ctx.now = clock.now`. */
export function testClock(start: string) {
  let at = new Date(start);
  return { now: () => new Date(at), set: (iso: string) => void (at = new Date(iso)) };
}
