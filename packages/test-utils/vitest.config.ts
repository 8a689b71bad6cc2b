import { defineConfig } from "vitest/config";

// The runner's own checks: each test starts vitest in a child process over a fixture.
export default defineConfig({ test: { include: ["test/*.test.ts"], testTimeout: 240_000 } });
