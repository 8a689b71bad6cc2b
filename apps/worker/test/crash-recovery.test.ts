import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

import { beforeAll, expect, onTestFinished } from "vitest";

import { bundleApp } from "@duban/build";
import { serverEnv, serverNodeArgs } from "@duban/build/server";
import { test } from "@duban/test-utils";

import { addNotifications } from "../../../packages/jobs/test/builders.ts";

const appDir = path.resolve(import.meta.dirname, "..");
const harness = path.resolve(import.meta.dirname, "sender-process.ts");
/** node itself with tsx as a loader: one process, so a signal reaches the code under test (the tsx CLI would sit in between) */
const runTs = (file: string, env: NodeJS.ProcessEnv) =>
  spawn(process.execPath, ["--import", "tsx", file], {
    cwd: appDir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
/** the worker as production runs it: dist/main.js, built from the sources under test */
const runWorker = (env: NodeJS.ProcessEnv) =>
  spawn(process.execPath, serverNodeArgs("worker"), {
    cwd: appDir,
    env: serverEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
beforeAll(() => bundleApp({ appDir }), 60_000);
const LEASE_MS = 1000;

function startSender(env: Record<string, string>) {
  const child = runTs(harness, { ...process.env, ...env, LEASE_MS: String(LEASE_MS) });
  const lines: string[] = [];
  let buffer = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split("\n");
    buffer = parts.pop()!;
    lines.push(...parts);
  });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  return { child, lines, exited, stderr: () => stderr };
}

const idsOf = (lines: string[], prefix: string) =>
  new Set(
    lines
      .filter((l) => l.startsWith(`${prefix} `))
      .flatMap((l) => l.slice(prefix.length + 1).split(",")),
  );

test("a sender SIGKILLed repeatedly mid-batch and restarted delivers every email exactly once (bar the ones in flight)", async ({
  database: { db, url },
  smtp,
}) => {
  await addNotifications(db, 150);
  const rows = await db.notification.findMany({ select: { id: true, dedupeKey: true } });
  const env = { DATABASE_URL: url, SMTP_URL: smtp.url };
  const inFlight = new Set<string>();
  const killedAt: number[] = [];
  let leftBehind = 0;

  // three kills, each in the middle of a batch of 10, each followed by a restart once the claims expire
  for (const threshold of [25, 65, 105]) {
    const sender = startSender(env);
    onTestFinished(() => {
      if (sender.child.exitCode === null) sender.child.kill("SIGKILL");
    });
    while (smtp.messages.length < threshold) {
      if (sender.child.exitCode !== null)
        throw new Error(`sender exited early: ${sender.stderr()}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    sender.child.kill("SIGKILL");
    expect(await sender.exited).toBeNull();
    killedAt.push(smtp.messages.length);
    // in flight at the kill: started but never recorded as sent, so its fate was unknown to the sender
    const started = idsOf(sender.lines, "start");
    const finished = new Set([
      ...idsOf(sender.lines, "sent"),
      ...idsOf(sender.lines, "failed"),
      ...idsOf(sender.lines, "ambiguous"),
    ]);
    const unknown = [...started].filter((id) => !finished.has(id));
    expect(unknown.length).toBeLessThanOrEqual(1); // one SMTP conversation at a time
    for (const id of unknown) inFlight.add(id);
    leftBehind += await db.notification.count({ where: { state: "SENDING" } }); // claimed, not finished
    await new Promise((r) => setTimeout(r, LEASE_MS + 200)); // the dead worker's claims expire
  }
  expect(killedAt.every((n) => n < 150)).toBe(true); // every kill was in the middle, not at the end
  expect(leftBehind).toBeGreaterThan(0); // the kills abandoned claimed batches, which the next sender took over
  const last = startSender(env);
  expect(await last.exited, last.stderr()).toBe(0);

  const perKey = new Map<string, number>();
  const keyOf = new Map(rows.map((r) => [r.id, r.dedupeKey]));
  for (const m of smtp.messages) {
    const id = /X-Duban-Notification: ([^\r\n]+)/.exec(m.raw.toString())![1]!;
    perKey.set(keyOf.get(id)!, (perKey.get(keyOf.get(id)!) ?? 0) + 1);
  }
  expect(perKey.size).toBe(150);
  const duplicates = [...perKey].filter(([, n]) => n > 1).map(([key]) => key);
  // a duplicate is only allowed for a message whose 250 a killed process never recorded
  const inFlightKeys = new Set([...inFlight].map((id) => keyOf.get(id)));
  for (const key of duplicates)
    expect(inFlightKeys.has(key), `unexpected duplicate ${key}`).toBe(true);
  expect([...perKey.values()].every((n) => n <= 2)).toBe(true);
  expect(await db.notification.count({ where: { state: "SENT" } })).toBe(150);
  console.log(
    `killed after ${killedAt.join(", ")} emails; in flight: ${inFlight.size}; duplicates: ${duplicates.length}`,
  );
});

test.for([["SIGTERM"], ["SIGINT"]])(
  "the worker exits 0 on %s after finishing, and beats while it runs",
  async ([signal], { database: { url }, redis, smtp }) => {
    const child: ChildProcess = runWorker({
      ...process.env,
      DATABASE_URL: url,
      REDIS_URL: redis.url,
      SMTP_URL: smtp.url,
      MAIL_FROM: "duban@xf.gov.cn",
      APP_BASE_URL: "https://duban.example.gov.cn",
      LOG_LEVEL: "warn",
      QUEUE_PREFIX: redis.prefix,
    });
    // a failing assertion must not leave a worker behind
    onTestFinished(() => {
      if (child.exitCode === null) child.kill("SIGKILL");
    });
    const exited = new Promise<number | null>((resolve) =>
      child.once("exit", (code) => resolve(code)),
    );
    await expect
      .poll(
        async () => {
          const beat = await redis.client.get("duban:worker:heartbeat");
          return beat ? (JSON.parse(beat) as { pid: number }).pid : null;
        },
        { timeout: 30_000, interval: 200 },
      )
      .toBe(child.pid);
    expect(await redis.client.ttl("duban:worker:heartbeat")).toBeGreaterThan(20);
    await expect
      .poll(async () => (await redis.client.keys(`${redis.prefix}:overdue-scan:repeat*`)).length, {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    child.kill(signal as NodeJS.Signals);
    expect(await exited).toBe(0);
  },
);

test("a bad configuration is one clear line and exit 2", async () => {
  const child = runWorker({
    PATH: process.env.PATH,
    DATABASE_URL: "postgresql://x/y",
    REDIS_URL: "redis://127.0.0.1:1",
    SMTP_URL: "http://nope",
    MAIL_FROM: "duban@xf.gov.cn",
    APP_BASE_URL: "https://x",
  });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  expect(code).toBe(2);
  expect(stderr.trim().split("\n")).toEqual([
    "环境变量 SMTP_URL 无效：must be an smtp:// or smtps:// URL (invalid SMTP_URL: must be an smtp:// or smtps:// URL)",
  ]);
});
