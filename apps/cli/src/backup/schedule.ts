import { spawn, type ChildProcess } from "node:child_process";
import { readdir } from "node:fs/promises";

import { shanghaiDay } from "@duban/domain";
import { stopChild } from "@duban/local-services";

import { cliEntry } from "../paths.ts";
import { hasBackupOn, nextDailyRun, retryAfterFailure } from "./rotation.ts";

export type BackupSchedule = {
  /** ends the schedule; a backup in progress is stopped (its partial file is removed next time) */
  stop: () => Promise<void>;
  /** the pid of a backup in progress */
  pid: () => number | undefined;
};

/**
 * `pnpm duban backup` as a child process (its own process group, so Ctrl-C at the terminal reaches
 * only `pnpm start`): a backup that fails or crashes cannot take the supervisor with it.
 */
function spawnBackup(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [...process.execArgv, cliEntry, "backup"], {
    env,
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
}

const loud = (lines: string[]) =>
  console.error(
    ["", "!".repeat(72), ...lines.map((l) => `!! ${l}`), "!".repeat(72), ""].join("\n"),
  );

/**
 * The daily backup of `pnpm start`: at 02:30 Shanghai time, and at once when the backup folder has
 * none of today. A failure is logged loudly and retried an hour later (or at 02:30 if sooner); it
 * never stops the stack. Checked every minute against the wall clock, so a machine that slept
 * through 02:30 backs up when it wakes.
 */
export async function scheduleBackups(options: {
  env: NodeJS.ProcessEnv;
  backupDir: string;
  checkEveryMs?: number;
}): Promise<BackupSchedule> {
  let current: ChildProcess | null = null;
  const names = await readdir(options.backupDir).catch(() => [] as string[]);
  let nextAt = hasBackupOn(names, shanghaiDay(new Date())) ? nextDailyRun(new Date()) : new Date();

  const run = () => {
    const child = spawnBackup(options.env);
    current = child;
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (current !== child) return;
      current = null;
      const now = new Date();
      if (code === 0) {
        nextAt = nextDailyRun(now);
        return;
      }
      nextAt = retryAfterFailure(now);
      loud([
        `每日备份失败 (the daily backup FAILED: ${signal ? `signal ${signal}` : `exit code ${code}`})。督办仍在运行 (Duban keeps running).`,
        `将于 ${nextAt.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" })} 重试 (retrying at ${nextAt.toISOString()}). 备份目录 (backup folder): ${options.backupDir}`,
      ]);
    };
    child.once("exit", finish);
    child.once("error", () => finish(null, null));
  };
  const tick = () => {
    if (!current && Date.now() >= nextAt.getTime()) run();
  };
  tick();
  const timer = setInterval(tick, options.checkEveryMs ?? 60_000);
  return {
    pid: () => current?.pid,
    stop: async () => {
      clearInterval(timer);
      const child = current;
      current = null;
      if (child?.pid) {
        try {
          process.kill(-child.pid, "SIGTERM");
        } catch {
          /* gone */
        }
        await stopChild(child, "SIGTERM", 10_000);
      }
    },
  };
}
