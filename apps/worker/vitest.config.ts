import { integrationConfig } from "../../packages/test-utils/src/vitest-preset.ts";

export default integrationConfig({ testTimeout: 120_000 });
