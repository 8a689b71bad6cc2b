import { Redis } from "ioredis";

import { createDb } from "@duban/db";
import {
  createMailer,
  DEFAULT_QUEUE_PREFIX,
  JOB_NAMES,
  registerSchedulers,
  startHeartbeat,
  startWorkers,
} from "@duban/jobs";
import { createLogger } from "@duban/logger";

import { loadWorkerEnv, smsConfigOf } from "./env.ts";

const env = loadWorkerEnv();
const log = createLogger("worker", { level: env.LOG_LEVEL });
const db = createDb({
  connectionString: env.DATABASE_URL,
  max: 10,
  applicationName: "duban-worker",
});
const connection = { url: env.REDIS_URL };
const prefix = env.QUEUE_PREFIX ?? DEFAULT_QUEUE_PREFIX;

const mailer = createMailer({ url: env.SMTP_URL, from: env.MAIL_FROM });
const running = startWorkers({
  db,
  connection,
  prefix,
  log,
  mailer,
  config: {
    baseUrl: env.APP_BASE_URL,
    escalationDays: env.OVERDUE_ESCALATION_DAYS,
    reminderDays: env.CYCLE_REMINDER_DAYS,
    channels: { sms: smsConfigOf(env) },
  },
});
// the heartbeat's own connection: it must not queue behind blocking BullMQ commands
const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 2 });
redis.on("error", (err) => log.warn({ err: err.message }, "heartbeat redis error"));
const heartbeat = startHeartbeat(redis, [...JOB_NAMES], (err) =>
  log.warn({ err }, "heartbeat failed"),
);

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  log.info({ signal }, "shutting down: no new jobs, finishing the running ones");
  const force = setTimeout(() => {
    log.error(
      "jobs did not finish within 60 s; exiting (their outbox rows come back when the claim lease ends)",
    );
    process.exit(1);
  }, 60_000);
  force.unref();
  await heartbeat.stop();
  await running.close();
  mailer.close();
  await db.$disconnect();
  redis.disconnect();
  log.info("worker stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

try {
  const schedulers = await registerSchedulers(running.queues);
  log.info({ queues: JOB_NAMES, schedulers, prefix }, "worker started");
} catch (error) {
  console.error(`worker 启动失败 (worker failed to start): ${(error as Error).message}`);
  process.exit(2);
}
