import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, onTestFinished } from "vitest";
import { test } from "@duban/test-utils";
import { addNotifications } from "../../../packages/jobs/test/builders.ts";

const appDir = path.resolve(import.meta.dirname, "..");
const harness = path.resolve(import.meta.dirname, "sender-process.ts");
/** node itself with tsx as a loader: one process, so a signal reaches the code under test (the tsx CLI would sit in between) */
const runTs = (file: string, env: NodeJS.ProcessEnv) => spawn(process.execPath, ["--import", "tsx", file], { cwd: appDir, env, stdio: ["ignore", "pipe", "pipe"] });
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
  child.stderr!.on("data", (c: Buffer) => { stderr += c.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, lines, exited, stderr: () => stderr };
}

const idsOf = (lines: string[], prefix: string) => new Set(lines.filter((l) => l.startsWith(`${prefix} `)).flatMap((l) => l.slice(prefix.length + 1).split(",")));

test("a sender SIGKILLed mid-batch and restarted delivers every email exactly once (bar the one in flight)", async ({ database: { db, url }, smtp }) => {
  await addNotifications(db, 150);
  const rows = await db.notification.findMany({ select: { id: true, dedupeKey: true } });
  const env = { DATABASE_URL: url, SMTP_URL: smtp.url };

  const first = startSender(env);
  onTestFinished(() => { if (first.child.exitCode === null) first.child.kill("SIGKILL"); });
  while (smtp.messages.length < 45) { // the middle of the fifth batch of 10
    if (first.child.exitCode !== null) throw new Error(`sender exited early: ${first.stderr()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  first.child.kill("SIGKILL");
  expect(await first.exited).toBeNull();
  const receivedBeforeRestart = smtp.messages.length;
  expect(receivedBeforeRestart).toBeLessThan(150); // killed in the middle, not at the end
  // in flight at the kill: started but never recorded as sent, so its fate was unknown to the sender
  const started = idsOf(first.lines, "start");
  const finished = new Set([...idsOf(first.lines, "sent"), ...idsOf(first.lines, "failed"), ...idsOf(first.lines, "ambiguous")]);
  const inFlight = new Set([...started].filter((id) => !finished.has(id)));
  expect(inFlight.size).toBeLessThanOrEqual(1); // one SMTP conversation at a time
  expect(await db.notification.count({ where: { state: "SENDING" } })).toBeGreaterThan(0); // its claimed batch was left behind

  await new Promise((r) => setTimeout(r, LEASE_MS + 200)); // the dead worker's claims expire
  const second = startSender(env);
  expect(await second.exited, second.stderr()).toBe(0);

  const perKey = new Map<string, number>();
  const keyOf = new Map(rows.map((r) => [r.id, r.dedupeKey]));
  for (const m of smtp.messages) {
    const id = /X-Duban-Notification: ([^\r\n]+)/.exec(m.raw.toString())![1]!;
    perKey.set(keyOf.get(id)!, (perKey.get(keyOf.get(id)!) ?? 0) + 1);
  }
  if (perKey.size !== 150) console.log(second.lines.slice(-3), await db.notification.groupBy({ by: ["state"], _count: true }));
  expect(perKey.size).toBe(150);
  const duplicates = [...perKey].filter(([, n]) => n > 1).map(([key]) => key);
  // a duplicate is only allowed for the message whose 250 the killed process never recorded
  const inFlightKeys = new Set([...inFlight].map((id) => keyOf.get(id)));
  for (const key of duplicates) expect(inFlightKeys.has(key), `unexpected duplicate ${key}`).toBe(true);
  expect([...perKey.values()].every((n) => n <= 2)).toBe(true);
  expect(await db.notification.count({ where: { state: "SENT" } })).toBe(150);
  console.log(`killed after ${receivedBeforeRestart} emails; in flight: ${inFlight.size}; duplicates: ${duplicates.length}`);
});

test.for([["SIGTERM"], ["SIGINT"]])("the worker exits 0 on %s after finishing, and beats while it runs", async ([signal], { database: { url }, redis, smtp }) => {
  const child: ChildProcess = runTs(path.join(appDir, "src/main.ts"), { ...process.env, DATABASE_URL: url, REDIS_URL: redis.url, SMTP_URL: smtp.url, MAIL_FROM: "duban@xf.gov.cn", APP_BASE_URL: "https://duban.example.gov.cn", LOG_LEVEL: "warn", QUEUE_PREFIX: redis.prefix });
  // a failing assertion must not leave a worker behind
  onTestFinished(() => { if (child.exitCode === null) child.kill("SIGKILL"); });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await expect.poll(async () => {
    const beat = await redis.client.get("duban:worker:heartbeat");
    return beat ? (JSON.parse(beat) as { pid: number }).pid : null;
  }, { timeout: 30_000, interval: 200 }).toBe(child.pid);
  expect(await redis.client.ttl("duban:worker:heartbeat")).toBeGreaterThan(20);
  await expect.poll(async () => (await redis.client.keys(`${redis.prefix}:overdue-scan:repeat*`)).length, { timeout: 10_000 }).toBeGreaterThan(0);
  child.kill(signal as NodeJS.Signals);
  expect(await exited).toBe(0);
});

test("a bad configuration is one clear line and exit 2", async () => {
  const child = runTs(path.join(appDir, "src/main.ts"), { PATH: process.env.PATH, DATABASE_URL: "postgresql://x/y", REDIS_URL: "redis://127.0.0.1:1", SMTP_URL: "http://nope", MAIL_FROM: "duban@xf.gov.cn", APP_BASE_URL: "https://x" });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => { stderr += c.toString(); });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  expect(code).toBe(2);
  expect(stderr.trim().split("\n")).toEqual(["环境变量 SMTP_URL 无效：must be an smtp:// or smtps:// URL (invalid SMTP_URL: must be an smtp:// or smtps:// URL)"]);
});
