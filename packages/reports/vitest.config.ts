import { defineConfig } from "vitest/config";

// Pure builders: no database, Redis or SMTP, so no global setup.
export default defineConfig({ test: { include: ["src/**/*.test.ts", "test/**/*.test.ts"] } });
