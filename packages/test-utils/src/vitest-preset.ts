import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

/**
 * Shared vitest config for packages whose tests use real PostgreSQL / Redis / SMTP.
 * Import it by relative path: vitest bundles a config's relative imports but loads workspace
 * packages with plain Node, which cannot read TypeScript.
 */
export function integrationConfig(
  options: { include?: string[]; exclude?: string[]; testTimeout?: number } = {},
) {
  return defineConfig({
    test: {
      include: options.include ?? ["src/**/*.test.ts", "test/**/*.test.ts"],
      exclude: options.exclude ?? ["**/node_modules/**", "**/*.e2e.test.ts"],
      globalSetup: [fileURLToPath(new URL("./global-setup.ts", import.meta.url))],
      testTimeout: options.testTimeout ?? 30_000,
      hookTimeout: 60_000,
      pool: "forks",
    },
  });
}
