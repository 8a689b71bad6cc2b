import { expect, test } from "vitest";

// FIXTURE_OUTCOME=fail makes this file fail; exit-code.test.ts checks the runner's exit code.
test("fixture", () => {
  expect(process.env.FIXTURE_OUTCOME ?? "pass").toBe("pass");
});
