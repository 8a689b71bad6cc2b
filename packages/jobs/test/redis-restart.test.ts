import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "vitest";

import { createLogger } from "@duban/logger";
import { createMailer } from "@duban/mail";
import { test } from "@duban/test-utils";

import { JOB_NAMES } from "../src/catalog.ts";
import { allQueues, closeQueues } from "../src/queues.ts";
import { registerSchedulers } from "../src/schedulers.ts";
import { startWorkers } from "../src/workers.ts";
import { addNotifications } from "./builders.ts";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** A private redis-server with an append-only file, restartable on the same port and directory. */
async function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    "redis-server",
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--dir",
      dir,
      "--appendonly",
      "yes",
      "--appendfsync",
      "always",
      "--save",
      "",
    ],
    { stdio: "ignore" },
  );
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, "127.0.0.1");
      s.once("connect", () => s.write("PING\r\n"));
      s.once("data", (d) => {
        s.destroy();
        resolve(d.toString().startsWith("+PONG"));
      });
      s.once("error", () => resolve(false));
    });
    if (ok) return child;
    if (Date.now() > deadline) throw new Error("redis-server did not start");
    await new Promise((r) => setTimeout(r, 50));
  }
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });

test(
  "Redis restarted: the schedulers are still there and jobs resume",
  { timeout: 90_000 },
  async ({ database: { db }, smtp }) => {
    const dir = await mkdtemp(path.join(tmpdir(), "duban-redis-restart-"));
    const port = await freePort();
    let redis = await startRedis(port, dir);
    const connection = { url: `redis://127.0.0.1:${port}` };
    const log = createLogger("test", { level: "fatal" });
    const queues = allQueues(connection, "duban");
    const workers = startWorkers({
      db,
      connection,
      prefix: "duban",
      log,
      config: { baseUrl: "https://x" },
      mailer: createMailer({ url: smtp.url, from: "duban@xf.gov.cn", idleMs: 50 }),
      only: ["send-notifications"],
    });
    try {
      await registerSchedulers(queues, { "send-notifications": { everyMs: 500 } });
      await db.notification.deleteMany({});
      await addNotifications(db, 3);
      await smtp.waitFor(3, 15_000);

      await stop(redis);
      redis = await startRedis(port, dir);

      for (const name of JOB_NAMES)
        expect(await queues[name].getJobSchedulersCount(), name).toBe(
          name === "quarterly-summary" ? 0 : 1,
        );
      // registering again after the restart (a redeploy) still leaves one each
      await registerSchedulers(queues, { "send-notifications": { everyMs: 500 } });
      expect(await queues["send-notifications"].getJobSchedulersCount()).toBe(1);

      await addNotifications(db, 4);
      await smtp.waitFor(7, 30_000);
      await expect
        .poll(() => db.notification.count({ where: { state: "SENT" } }), { timeout: 5000 })
        .toBe(7);
      expect(smtp.messages).toHaveLength(7);
    } finally {
      await workers.close();
      await closeQueues(queues);
      await stop(redis);
      await rm(dir, { recursive: true, force: true });
    }
  },
);
