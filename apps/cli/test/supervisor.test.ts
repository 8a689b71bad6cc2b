// `pnpm start` as a supervisor, on the real stack with embedded PostgreSQL and Redis in a fresh
// data folder, exactly as on a county's machine: a killed api or worker comes back, and only a
// signal to the start process stops everything.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { afterAll, beforeAll, expect, test } from "vitest";

import { bundleApp } from "@duban/build";
import { serverAppDir } from "@duban/build/server";
import { freePort } from "@duban/local-services";

import type { Runtime } from "../src/services.ts";
import { dataFolder, dubanInBackground, embeddedEnv, isAlive } from "./cli-process.ts";

let stack: ReturnType<typeof dubanInBackground> | null = null;

beforeAll(async () => {
  // pnpm start runs the built servers (turbo builds them first): build them here the same way
  await bundleApp({ appDir: serverAppDir("api") });
  await bundleApp({ appDir: serverAppDir("worker") });
}, 120_000);

afterAll(() => {
  // only if the test failed half-way: nothing of the stack may outlive it
  if (stack?.child.pid && isAlive(stack.child.pid)) process.kill(-stack.child.pid, "SIGKILL");
});

type Health = { status: string; worker: { ok: boolean; lastBeatAt?: string } };
const health = async (base: string): Promise<Health | null> => {
  const res = await fetch(`${base}/healthz`).catch(() => null);
  return res ? ((await res.json()) as Health) : null;
};

test("a SIGKILLed api and worker are restarted and healthy again; SIGTERM to pnpm start stops every child and service", async () => {
  const dir = await dataFolder("duban-supervisor-");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  stack = dubanInBackground(
    ["start"],
    embeddedEnv({
      DUBAN_DATA_DIR: dir,
      PORT: String(port),
      APP_BASE_URL: base,
      DUBAN_DEMO_PASSWORD: "supervisor-pass",
    }),
  );
  const { child, output } = stack;
  const runtime = () =>
    existsSync(path.join(dir, "runtime.json"))
      ? (JSON.parse(readFileSync(path.join(dir, "runtime.json"), "utf8")) as Runtime)
      : null;

  await expect
    .poll(async () => (await health(base))?.status, { timeout: 180_000, interval: 500 })
    .toBe("ok");
  const first = runtime()!;
  expect(first.pid).toBe(child.pid);
  for (const name of ["api", "worker", "mail", "postgres", "redis"] as const)
    expect(first.pids?.[name], name).toBeGreaterThan(0);
  // the backup at start, since the folder has none of today
  await expect
    .poll(() => readdirSync(path.join(dir, "backups")).filter((f) => f.endsWith(".tar")).length, {
      timeout: 60_000,
      interval: 500,
    })
    .toBe(1);

  // the api dies: it comes back under a new pid and answers again; the rest never stopped
  process.kill(first.pids!.api!, "SIGKILL");
  await expect
    .poll(() => runtime()?.pids?.api, { timeout: 30_000, interval: 200 })
    .not.toBe(first.pids!.api);
  await expect
    .poll(async () => (await health(base))?.status, { timeout: 60_000, interval: 300 })
    .toBe("ok");
  expect(runtime()!.restarts?.api).toBe(1);
  expect(output()).toMatch(
    /api 意外退出 \(exited unexpectedly: signal SIGKILL\)；连续第 1 次，1 秒后重启/,
  );
  expect(output()).toMatch(/api 已重启 \(restarted: pid \d+, restart 1\)/);
  for (const name of ["worker", "mail", "postgres", "redis"] as const)
    expect(isAlive(first.pids![name]!), name).toBe(true);

  // the worker dies: a new one beats again (its first beat is newer than the kill)
  const killedAt = Date.now();
  process.kill(first.pids!.worker!, "SIGKILL");
  await expect
    .poll(() => runtime()?.pids?.worker, { timeout: 30_000, interval: 200 })
    .not.toBe(first.pids!.worker);
  await expect
    .poll(
      async () => {
        const beat = (await health(base))?.worker;
        return Boolean(
          beat?.ok && beat.lastBeatAt && new Date(beat.lastBeatAt).getTime() > killedAt,
        );
      },
      { timeout: 60_000, interval: 300 },
    )
    .toBe(true);
  expect(runtime()!.restarts?.worker).toBe(1);
  expect(output()).toMatch(/worker 意外退出 \(exited unexpectedly: signal SIGKILL\)/);
  expect(child.exitCode).toBeNull();

  // SIGTERM to the start process: everything it started is gone, and so is its runtime file
  const last = runtime()!;
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  process.kill(child.pid!, "SIGTERM");
  expect(await exited).toBe(0);
  for (const [name, pid] of Object.entries(last.pids!))
    expect(isAlive(pid), `${name} (pid ${pid})`).toBe(false);
  // each child ran in a process group of its own: none of those groups has a member left
  for (const [name, pid] of Object.entries(last.pids!))
    expect(() => process.kill(-pid, 0), name).toThrow();
  // (tsx's esbuild helper, in the start process's own group, ends when its pipe closes)
  await expect
    .poll(
      () => {
        try {
          process.kill(-child.pid!, 0);
          return "alive";
        } catch {
          return "gone";
        }
      },
      { timeout: 10_000, interval: 100 },
    )
    .toBe("gone");
  expect(existsSync(path.join(dir, "runtime.json"))).toBe(false);
  expect(output()).toContain("已停止 (stopped).");
}, 400_000);
