import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmod, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export const cliDir = path.resolve(import.meta.dirname, "..");
export const repoRoot = path.resolve(cliDir, "../..");

/** the environment without the services a developer or CI exports, so the CLI starts its embedded ones */
export function embeddedEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const {
    DATABASE_URL: _d,
    REDIS_URL: _r,
    SMTP_URL: _s,
    EVIDENCE_DIR: _e,
    DUBAN_BACKUP_DIR: _b,
    ...rest
  } = process.env;
  return { ...rest, LOG_LEVEL: "warn", ...extra };
}

/** A fresh data folder; as root the embedded server runs as the postgres user, which must be able to enter it. */
export async function dataFolder(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  await chmod(dir, 0o755);
  return dir;
}

/** `pnpm duban …` as an operator runs it: a real process, its output and exit code. */
export function duban(args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "src/bin.ts", ...args], {
    cwd: cliDir,
    env: { INIT_CWD: cliDir, ...env },
    encoding: "utf8",
    timeout: 240_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A long-running CLI command in a process group of its own, with its output collected. */
export function dubanInBackground(
  args: string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", "src/bin.ts", ...args], {
    cwd: cliDir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => {
    output += c.toString();
  });
  child.stderr!.on("data", (c: Buffer) => {
    output += c.toString();
  });
  return { child, output: () => output };
}

export { isProcessAlive as isAlive } from "@duban/local-services";
