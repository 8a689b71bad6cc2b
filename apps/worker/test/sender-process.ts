// A real sender process for the crash test: drains the outbox and writes each step to stdout
// synchronously (fs.writeSync), so a SIGKILL cannot lose a line that describes a finished step.
import { writeSync } from "node:fs";

import { createDb } from "@duban/db";
import { createMailer, sendPendingNotifications } from "@duban/jobs";
import { createLogger } from "@duban/logger";

const write = (line: string) => writeSync(1, `${line}\n`);
const db = createDb({ connectionString: process.env.DATABASE_URL!, max: 2 });
const result = await sendPendingNotifications({
  db,
  mailer: createMailer({ url: process.env.SMTP_URL!, from: "duban@xf.gov.cn", idleMs: 50 }),
  log: createLogger("sender-process", { level: "fatal" }),
  baseUrl: "https://duban.example.gov.cn",
  batchSize: 10,
  concurrency: 1,
  leaseMs: Number(process.env.LEASE_MS ?? 1000),
  hooks: {
    beforeSend: (ids) => write(`start ${ids.join(",")}`),
    afterMark: (ids, outcome) => write(`${outcome} ${ids.join(",")}`),
  },
});
write(`done ${JSON.stringify(result)}`);
await db.$disconnect();
process.exit(0);
