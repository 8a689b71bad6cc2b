import { describe, expect, it } from "vitest";

import { isDatabaseUnavailable } from "./trpc.ts";

// A saturated pool or a database that went away is a 503 the client may retry, never a 500:
// the bench at province scale under load met P2028 on login (a transaction could not start in time).
describe("isDatabaseUnavailable", () => {
  it.each([
    [
      "P2024",
      { code: "P2024", message: "Timed out fetching a new connection from the connection pool." },
    ],
    [
      "P2028",
      {
        code: "P2028",
        message: "Transaction API error: Unable to start a transaction in the given time.",
      },
    ],
    ["nested ECONNREFUSED", { message: "query failed", cause: { code: "ECONNREFUSED" } }],
  ])("%s is unavailability", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it("a constraint violation or a plain bug is not", () => {
    expect(isDatabaseUnavailable({ code: "P2002", message: "Unique constraint failed" })).toBe(
      false,
    );
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
  });
});
