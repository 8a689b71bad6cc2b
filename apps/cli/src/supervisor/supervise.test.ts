import { spawn } from "node:child_process";

import { expect, test } from "vitest";

import { supervise } from "./supervise.ts";

const node = (code: string) => () =>
  spawn(process.execPath, ["-e", code], { detached: true, stdio: "ignore" });
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test("a child that keeps crashing is restarted after 0.1, 0.2, 0.4, 0.4 s, each crash logged; stop() ends the restarts", async () => {
  const lines: string[] = [];
  const crasher = supervise({
    name: "crasher",
    spawn: node("process.exit(3)"),
    log: (l) => lines.push(l),
    policy: { initialMs: 100, maxMs: 400, stableAfterMs: 60_000 },
  });
  await expect
    .poll(() => crasher.restarts(), { timeout: 10_000, interval: 20 })
    .toBeGreaterThanOrEqual(4);
  await crasher.stop(1_000);
  const restarts = crasher.restarts();
  await new Promise((r) => setTimeout(r, 600));
  expect(crasher.restarts()).toBe(restarts);
  const crashes = lines.filter((l) => l.includes("意外退出"));
  expect(crashes[0]).toMatch(
    /^crasher 意外退出 \(exited unexpectedly: code 3\)；连续第 1 次，0\.1 秒后重启 \(crash 1 in a row, restart 1 in 0\.1 s\)$/,
  );
  expect(crashes.slice(0, 4).map((l) => /(\d\.\d) 秒后重启/.exec(l)![1])).toEqual([
    "0.1",
    "0.2",
    "0.4",
    "0.4",
  ]);
  expect(lines.filter((l) => l.includes("已重启")).length).toBeGreaterThanOrEqual(3);
});

test("stop() asks with SIGTERM and kills a child that ignores it after the grace period; a stopped child is not restarted", async () => {
  const lines: string[] = [];
  const stubborn = supervise({
    name: "stubborn",
    spawn: node("process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"),
    log: (l) => lines.push(l),
  });
  const pid = stubborn.pid()!;
  await new Promise((r) => setTimeout(r, 300)); // let it install its handler
  const started = Date.now();
  await stubborn.stop(500);
  expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  expect(alive(pid)).toBe(false);
  expect(stubborn.pid()).toBeUndefined();
  expect(stubborn.restarts()).toBe(0);
  expect(lines).toEqual([]);
});

test("a child that cannot even be spawned is logged and retried, never thrown", async () => {
  const lines: string[] = [];
  const missing = supervise({
    name: "missing",
    spawn: () => spawn("/nonexistent/duban-binary", [], { detached: true }),
    log: (l) => lines.push(l),
    policy: { initialMs: 50, maxMs: 50, stableAfterMs: 60_000 },
  });
  await expect
    .poll(() => missing.restarts(), { timeout: 5_000, interval: 20 })
    .toBeGreaterThanOrEqual(2);
  await missing.stop(100);
  expect(lines[0]).toMatch(
    /^missing 意外退出 \(exited unexpectedly: could not start: spawn \/nonexistent\/duban-binary ENOENT\)/,
  );
});
