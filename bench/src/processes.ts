import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import { bundleApp } from "@duban/build";
import { serverAppDir, serverEnv, serverNodeArgs, type ServerApp } from "@duban/build/server";

export const repoRoot = path.resolve(import.meta.dirname, "../..");

export type Child = {
  name: string;
  proc: ChildProcess;
  url?: string;
  peakRssMb: () => number;
  rssMb: () => number;
  stop: () => Promise<void>;
  output: () => string;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** VmHWM (peak resident set) and VmRSS of a process from /proc, in MB. */
function statusMb(pid: number | undefined, field: "VmHWM" | "VmRSS"): number {
  if (!pid) return NaN;
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(
      readFileSync(`/proc/${pid}/status`, "utf8"),
    );
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

async function start(name: ServerApp, env: Record<string, string>): Promise<Child> {
  // what production runs: the built dist/main.js with the shared node flags, as `pnpm start` and the
  // Docker image do (built here first, so the benchmark measures the code in the tree); the pid is
  // the server itself, not a wrapper.
  // BENCH_NODE_FLAGS adds node flags to the children (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof)
  await bundleApp({ appDir: serverAppDir(name) });
  const flags = (process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean);
  const proc = spawn(process.execPath, serverNodeArgs(name, flags), {
    cwd: serverAppDir(name),
    env: serverEnv({ ...process.env, LOG_LEVEL: "warn", NODE_ENV: "production", ...env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  };
  proc.stdout?.on("data", keep);
  proc.stderr?.on("data", keep);
  let lastPeak = NaN;
  const peakRssMb = () => {
    const now = statusMb(proc.pid, "VmHWM");
    if (!Number.isNaN(now)) lastPeak = now;
    return lastPeak;
  };
  return {
    name,
    proc,
    peakRssMb,
    rssMb: () => statusMb(proc.pid, "VmRSS"),
    output: () => out,
    stop: async () => {
      peakRssMb();
      if (proc.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
      proc.kill("SIGTERM");
      const timer = setTimeout(() => proc.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitFor(
  check: () => Promise<boolean>,
  child: Child,
  timeoutMs: number,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.proc.exitCode !== null)
      throw new Error(`${child.name} exited with ${child.proc.exitCode}:\n${child.output()}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${child.name} did not become ready in ${timeoutMs} ms:\n${child.output()}`);
}

export async function startApi(
  databaseUrl: string,
  redisUrl: string,
): Promise<Child & { url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = await start("api", {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    PORT: String(port),
    HOST: "127.0.0.1",
    APP_BASE_URL: url,
    WEB_DIST: path.join(tmpdir(), "duban-bench-no-web"),
    EVIDENCE_DIR: mkdtempSync(path.join(tmpdir(), "duban-bench-evidence-")),
    // the benchmark plays the reverse proxy: its simulated users' X-Forwarded-For is believed
    TRUST_PROXY: "127.0.0.1",
  });
  await waitFor(async () => (await fetch(`${url}/readyz`)).ok, child, 60_000);
  return { ...child, url };
}

export async function startWorker(
  databaseUrl: string,
  redisUrl: string,
  smtpUrl: string,
  queuePrefix: string,
): Promise<Child> {
  const child = await start("worker", {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    SMTP_URL: smtpUrl,
    MAIL_FROM: "督办系统 <duban@bench.duban.test>",
    APP_BASE_URL: "http://127.0.0.1:3000",
    QUEUE_PREFIX: queuePrefix,
  });
  // ready when it has started its BullMQ workers: give it a moment, and fail fast if it exits
  await waitFor(
    async () => child.output().includes("worker started") || child.rssMb() > 0,
    child,
    60_000,
  );
  await new Promise((r) => setTimeout(r, 2_000));
  if (child.proc.exitCode !== null)
    throw new Error(`worker exited with ${child.proc.exitCode}:\n${child.output()}`);
  return child;
}
