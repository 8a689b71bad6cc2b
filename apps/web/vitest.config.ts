import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Two projects: logic tests (*.test.ts) in node, component tests (*.test.tsx) in jsdom with
// @testing-library/react. Browser tests (*.e2e.test.ts) run only through `pnpm e2e`.
export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: ["src/**/*.test.ts", "build/**/*.test.ts"],
          exclude: ["**/*.e2e.test.ts", "**/node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "components",
          environment: "jsdom",
          include: ["src/**/*.test.tsx"],
          setupFiles: ["./src/test/setup.ts"],
          testTimeout: 15_000,
        },
      },
    ],
  },
});
