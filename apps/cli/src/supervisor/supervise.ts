import type { ChildProcess } from "node:child_process";

import {
  crashesInARow,
  DEFAULT_BACKOFF,
  describeExit,
  restartDelayMs,
  type BackoffPolicy,
} from "./backoff.ts";

export type Supervised = {
  readonly name: string;
  /** the running child's pid; undefined while it waits to be restarted or after stop() */
  pid(): number | undefined;
  /** restarts after crashes, since the start */
  restarts(): number;
  /** SIGTERM to the child's process group, SIGKILL after `graceMs`; no restart after this */
  stop(graceMs: number): Promise<void>;
  /** SIGKILL to the child's process group at once (a second Ctrl-C) */
  kill(): void;
};

export type SuperviseOptions = {
  name: string;
  /** starts the child; it must be spawned `detached` (its own process group, see stop()) */
  spawn: () => ChildProcess;
  log: (line: string) => void;
  /** called after each (re)start, e.g. to publish the pids */
  onStart?: () => void;
  policy?: BackoffPolicy;
};

function signalGroup(pid: number | undefined, signal: NodeJS.Signals) {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}

/**
 * Runs a child and starts it again whenever it exits without having been asked to, after the
 * backoff of ./backoff.ts; every crash and restart is logged with its exit code or signal and
 * count. Only stop() or kill() end the supervision.
 */
export function supervise(options: SuperviseOptions): Supervised {
  const policy = options.policy ?? DEFAULT_BACKOFF;
  let child: ChildProcess | null = null;
  let startedAt = 0;
  let crashes = 0;
  let restarts = 0;
  let timer: NodeJS.Timeout | null = null;
  let stopping = false;
  const exits = new Set<() => void>();

  const start = () => {
    timer = null;
    if (stopping) return;
    startedAt = Date.now();
    const proc = options.spawn();
    child = proc;
    let ended = false;
    const onEnd = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
      if (ended) return;
      ended = true;
      if (child === proc) child = null;
      for (const resolve of exits) resolve();
      exits.clear();
      if (stopping) return;
      crashes = crashesInARow(crashes, Date.now() - startedAt, policy);
      const delay = restartDelayMs(crashes, policy);
      restarts += 1;
      const how = error ? `could not start: ${error.message}` : describeExit(code, signal);
      options.log(
        `${options.name} 意外退出 (exited unexpectedly: ${how})；连续第 ${crashes} 次，${delay / 1000} 秒后重启 (crash ${crashes} in a row, restart ${restarts} in ${delay / 1000} s)`,
      );
      timer = setTimeout(() => {
        start();
        if (child)
          options.log(`${options.name} 已重启 (restarted: pid ${child.pid}, restart ${restarts})`);
      }, delay);
    };
    proc.once("exit", (code, signal) => onEnd(code, signal));
    // spawn failures (ENOENT, EACCES) emit "error" and no "exit"
    proc.once("error", (error) => onEnd(null, null, error));
    options.onStart?.();
  };

  start();
  return {
    name: options.name,
    pid: () => child?.pid,
    restarts: () => restarts,
    stop: async (graceMs) => {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => exits.add(resolve));
      signalGroup(proc.pid, "SIGTERM");
      const killer = setTimeout(() => signalGroup(proc.pid, "SIGKILL"), graceMs);
      await exited;
      clearTimeout(killer);
    },
    kill: () => {
      stopping = true;
      if (timer) clearTimeout(timer);
      signalGroup(child?.pid, "SIGKILL");
    },
  };
}
