import { integrationConfig } from "../test-utils/src/vitest-preset.ts";

export default integrationConfig();
