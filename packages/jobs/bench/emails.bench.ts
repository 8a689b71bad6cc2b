// Emails per second to a local SMTP catcher (the test suite's real in-process SMTP server).
// Not a test: run it by hand, e.g.
//   cd packages/jobs && DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres ../../apps/worker/node_modules/.bin/tsx bench/emails.bench.ts
// Part 1 measures the mailer alone; part 2 the whole outbox path (claim, render, send, mark SENT)
// when DATABASE_URL is set.
import { createDb } from "@duban/db";
import { createLogger } from "@duban/logger";
import { createMailer } from "@duban/mail";

import { startSmtpCatcher } from "../../test-utils/src/smtp-catcher.ts";
import {
  createTestDatabase,
  ensureTemplateDatabase,
} from "../../test-utils/src/template-database.ts";
import { sendPendingNotifications } from "../src/sender/outbox-sender.ts";

const N = Number(process.env.BENCH_EMAILS ?? 1000);
const smtp = await startSmtpCatcher();
const email = (i: number) => ({
  to: `u${i}@xf.gov.cn`,
  subject: `【督办提醒】${i}`,
  html: `<p>任务 ${i} 即将到期</p>`.repeat(20),
  text: `任务 ${i} 即将到期`.repeat(20),
});

console.log(`emails: ${N} per run, SMTP catcher on ${smtp.url}`);
for (const connections of [1, 4, 8]) {
  smtp.messages.length = 0;
  const mailer = createMailer({ url: smtp.url, from: "duban@xf.gov.cn", connections });
  const t = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < N) await mailer.send(email(next++));
    }),
  );
  const s = (performance.now() - t) / 1000;
  mailer.close();
  console.log(
    `mailer, ${connections} connection(s): ${(N / s).toFixed(0)} emails/s (${s.toFixed(2)} s, received ${smtp.messages.length})`,
  );
}

if (process.env.DATABASE_URL) {
  const base = process.env.DATABASE_URL;
  const url = (name: string) => {
    const u = new URL(base);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const created = await createTestDatabase(url, await ensureTemplateDatabase(url));
  const db = createDb({ connectionString: created.url, max: 10 });
  try {
    for (const concurrency of [1, 4, 8]) {
      await db.notification.deleteMany({});
      smtp.messages.length = 0;
      await db.notification.createMany({
        data: Array.from({ length: N }, (_, i) => ({
          kind: "due-soon",
          recipientEmail: `u${i}@xf.gov.cn`,
          dedupeKey: `bench:${concurrency}:${i}`,
          subject: `【督办提醒】${i}`,
          payload: {
            day: "2023-12-31",
            items: [
              {
                type: "task",
                taskId: "t",
                title: `任务${i}`,
                taskTitle: `任务${i}`,
                planTitle: "规划",
                departmentName: "县科学技术局",
                dueDate: "2024-01-01",
                daysLeft: 1,
              },
            ],
          },
        })),
      });
      const mailer = createMailer({
        url: smtp.url,
        from: "duban@xf.gov.cn",
        connections: concurrency,
      });
      const t = performance.now();
      const r = await sendPendingNotifications({
        db,
        mailer,
        log: createLogger("bench", { level: "error" }),
        baseUrl: "https://duban.example.gov.cn",
        concurrency,
        batchSize: 50,
        maxDurationMs: 600_000,
      });
      const s = (performance.now() - t) / 1000;
      mailer.close();
      console.log(
        `outbox sender, concurrency ${concurrency}: ${(r.sent / s).toFixed(0)} emails/s (${r.sent} sent in ${s.toFixed(2)} s)`,
      );
    }
  } finally {
    await db.$disconnect();
    await created.drop();
  }
}
await smtp.stop();
process.exit(0);
