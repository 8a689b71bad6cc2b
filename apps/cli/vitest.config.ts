import { mergeConfig } from "vitest/config";

import { integrationConfig } from "../../packages/test-utils/src/vitest-preset.ts";

// One file at a time: most files here start whole processes (the stack, embedded servers, the CLI
// through tsx), and side by side on a small machine they starve each other past their timeouts.
export default mergeConfig(integrationConfig({ testTimeout: 180_000 }), {
  test: { fileParallelism: false },
});
