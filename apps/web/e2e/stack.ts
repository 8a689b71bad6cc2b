import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const repoRoot = path.resolve(import.meta.dirname, "../../..");

/** `dataDir`: the stack's data directory (the mail catcher keeps each message there as a .eml file). */
export type Stack = {
  baseUrl: string;
  password: string;
  dataDir: string | null;
  /** the stack's mail catcher (maildev: its REST API under /api/email); E2E_MAIL_URL with E2E_BASE_URL */
  mailUrl: string | null;
  stop: () => Promise<void>;
  /** the last lines the stack printed (api, worker; LOG_LEVEL warn): shown when a step fails */
  logTail: () => string;
};

/**
 * Prints the stack's last output once per file, on the first failed step: a refused or hung
 * request then shows the server's side in the CI log.
 */
export function printStackLogOnFailure(stack: Stack | undefined, failed: boolean) {
  if (!failed || !stack || printed.has(stack)) return;
  printed.add(stack);
  const tail = stack.logTail();
  console.error(`--- the stack's last output (${stack.baseUrl}) ---\n${tail}\n---`);
  // .ci/run prints these after a failed run: the CI's record keeps only the end of the output
  const dir = path.resolve(import.meta.dirname, "../test-artifacts");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `stack-${new URL(stack.baseUrl).port}.log`), tail);
}
const printed = new WeakSet<Stack>();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function waitForHealth(
  url: string,
  child: ChildProcess,
  log: () => string,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`pnpm start exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      // 503 "degraded" still means the api answers (e.g. the worker's first heartbeat is pending)
      if (res.status === 200 || res.status === 503) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the stack did not answer /healthz within ${timeoutMs / 1000} s:\n${log()}`);
}

async function waitForMailUrl(
  output: () => string,
  child: ChildProcess,
  timeoutMs: number,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = /邮件收件箱 Mail:\s+(http\S+)/.exec(output());
    if (found) return found[1]!;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`pnpm start printed no mail catcher address:\n${output().slice(-4000)}`);
}

/**
 * The product as its README starts it: `pnpm start` with a fresh data directory, a fresh database
 * on the local PostgreSQL and a known demo password. Stopped with SIGINT to the process group.
 * E2E_BASE_URL skips all this and uses a stack that is already running (for local iteration).
 */
export async function startStack(options: { redisDb?: number } = {}): Promise<Stack> {
  const password = process.env.DUBAN_DEMO_PASSWORD ?? "demo-pass-123";
  if (process.env.E2E_BASE_URL)
    return {
      baseUrl: process.env.E2E_BASE_URL,
      password,
      dataDir: process.env.E2E_DATA_DIR ?? null,
      mailUrl: process.env.E2E_MAIL_URL ?? null,
      stop: async () => {},
      logTail: () => "",
    };
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "duban-e2e-"));
  const pgBase = process.env.E2E_PG_URL ?? "postgresql://postgres@127.0.0.1:5432";
  const database = `duban_e2e_${Date.now().toString(36)}`;
  const baseUrl = `http://localhost:${port}`;
  let output = "";
  // exactly as the README starts it: turbo builds the web app (cached), then the cli starts everything
  // no SMTP_URL: the stack runs its own mail catcher, as on a fresh machine
  const { SMTP_URL: _smtp, ...inherited } = process.env;
  const child = spawn("pnpm", ["start"], {
    cwd: repoRoot,
    detached: true, // its own process group, so SIGINT reaches pnpm, the cli and the apps
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...inherited,
      DUBAN_DATA_DIR: dataDir,
      DATABASE_URL: `${pgBase}/${database}`,
      // a Redis database per test file: two stacks never take each other's queued jobs
      REDIS_URL: process.env.E2E_REDIS_URL ?? `redis://127.0.0.1:6379/${options.redisDb ?? 7}`,
      DUBAN_DEMO_PASSWORD: password,
      PORT: String(port),
      APP_BASE_URL: baseUrl,
      LOG_LEVEL: "warn",
    },
  });
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const log = () => output.slice(-4000);
  // every process the start command supervises runs in a process group of its own: take their pids
  // from its runtime file, to check below that they are gone too
  const supervisedPids = (): number[] => {
    try {
      return Object.values(
        (
          JSON.parse(readFileSync(path.join(dataDir, "runtime.json"), "utf8")) as {
            pids?: Record<string, number>;
          }
        ).pids ?? {},
      );
    } catch {
      return [];
    }
  };
  const stop = async () => {
    const pids = supervisedPids();
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      process.kill(-child.pid!, "SIGINT");
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          /* gone */
        }
      }, 30_000);
      await exited;
      clearTimeout(timer);
    }
    // verify nothing of the group survived: pnpm itself exits first, while the start command is
    // still stopping the api, worker, Redis and PostgreSQL in order, so give that 30 s
    const groupAlive = () => {
      try {
        process.kill(-child.pid!, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 300 && groupAlive(); i++) await new Promise((r) => setTimeout(r, 100));
    if (groupAlive()) throw new Error("processes of the stack are still running 30 s after SIGINT");
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    if (pids.some(alive))
      throw new Error(
        `supervised processes still running after SIGINT: ${pids.filter(alive).join(", ")}`,
      );
    rmSync(dataDir, { recursive: true, force: true });
    spawnSync(
      "psql",
      [pgBase + "/postgres", "-c", `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`],
      { stdio: "ignore" },
    );
  };
  let mailUrl: string;
  try {
    await waitForHealth(baseUrl, child, log, 240_000);
    // the start command prints the mail catcher's address once the api answers
    mailUrl = await waitForMailUrl(() => output, child, 60_000);
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  return { baseUrl, password, dataDir, mailUrl, stop, logTail: log };
}
