import { defineConfig } from "vitest/config";

// Browser tests against the real stack (`pnpm start`): slow, serial, run by `pnpm e2e`.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.test.ts"],
    testTimeout: 240_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    pool: "forks",
  },
});
