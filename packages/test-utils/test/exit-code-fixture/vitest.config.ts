import { integrationConfig } from "../../src/vitest-preset.ts";

// A run of the shared integration preset over one failing and one passing test (see exit-code.test.ts).
export default integrationConfig({ include: ["*.check.ts"] });
