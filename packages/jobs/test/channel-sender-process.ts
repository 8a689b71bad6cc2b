// A real worker process for the channel crash test: the sweep of send-notifications (email, then
// the other channels) with every step written to stdout synchronously, so a SIGKILL cannot lose
// a line about a finished step. HOLD_AT=n: the n-th channel send hangs after its claim (the test
// kills the process there).
import { writeSync } from "node:fs";

import { createDb } from "@duban/db";
import { createLogger } from "@duban/logger";
import { createMailer } from "@duban/mail";

import {
  DEFAULT_TRANSPORTS,
  sendPendingChannelDeliveries,
} from "../src/channels/channel-sender.ts";
import { sendPendingNotifications } from "../src/sender/outbox-sender.ts";

const write = (line: string) => writeSync(1, `${line}\n`);
const db = createDb({ connectionString: process.env.DATABASE_URL!, max: 2 });
const log = createLogger("channel-sender-process", { level: "fatal" });
const leaseMs = Number(process.env.LEASE_MS ?? 1000);
const holdAt = Number(process.env.HOLD_AT ?? 0);
const baseUrl = "https://duban.example.gov.cn";
const email = await sendPendingNotifications({
  db,
  mailer: createMailer({ url: process.env.SMTP_URL!, from: "duban@xf.gov.cn", idleMs: 50 }),
  log,
  baseUrl,
  batchSize: 10,
  concurrency: 1,
  leaseMs,
});
write(`email ${JSON.stringify(email)}`);
let sends = 0;
const hold = async () => {
  sends++;
  if (sends === holdAt) {
    write("hold");
    await new Promise(() => {}); // claimed, never sent: the test kills us here
  }
};
const channels = await sendPendingChannelDeliveries({
  db,
  log,
  baseUrl,
  batchSize: 1,
  concurrency: 1,
  leaseMs,
  robotBaseUrl: { WECOM: process.env.PLATFORM_URL, DINGTALK: process.env.PLATFORM_URL },
  sms: {
    url: `${process.env.PLATFORM_URL}/sms`,
    appId: "duban",
    appSecret: "s3cret",
    signName: "督办",
    templates: { default: "id:SMS_1", "due-soon": "id:SMS_DUE" },
    dailyCap: 10,
  },
  transports: {
    WECOM_ROBOT: {
      ...DEFAULT_TRANSPORTS.WECOM_ROBOT,
      send: async (t, m, o) => (await hold(), DEFAULT_TRANSPORTS.WECOM_ROBOT.send(t, m, o)),
    },
    SMS: {
      ...DEFAULT_TRANSPORTS.SMS,
      send: async (t, m, o) => (await hold(), DEFAULT_TRANSPORTS.SMS.send(t, m, o)),
    },
  },
  hooks: {
    beforeSend: (id) => write(`start ${id}`),
    afterMark: (id, outcome) => write(`${outcome} ${id}`),
  },
});
write(`done ${JSON.stringify(channels)}`);
await db.$disconnect();
process.exit(0);
