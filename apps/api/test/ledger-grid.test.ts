import { describe, expect } from "vitest";

import { test } from "@duban/test-utils";

import { loginAs, outcome } from "./harness.ts";
import { servedWorld } from "./served-world.ts";
import { PASSWORD } from "./world.ts";

describe("ledger.grid pages its rows", () => {
  const served = servedWorld();

  test("pages put together are the whole grid, in the plan's order, with the total on every page", async () => {
    const office = await loginAs(served.api, "office@a.test", PASSWORD);
    const whole = await office.ledger.grid.query({ planId: served.world.planId, pageSize: 200 });
    expect(whole.total).toBe(2);
    expect(whole.rows.map((r) => r.taskId)).toEqual([served.world.t1, served.world.t2]);
    const first = await office.ledger.grid.query({
      planId: served.world.planId,
      page: 1,
      pageSize: 1,
    });
    const second = await office.ledger.grid.query({
      planId: served.world.planId,
      page: 2,
      pageSize: 1,
    });
    const past = await office.ledger.grid.query({
      planId: served.world.planId,
      page: 3,
      pageSize: 1,
    });
    expect([first.total, second.total, past.total]).toEqual([2, 2, 2]);
    expect([...first.rows, ...second.rows]).toEqual(whole.rows);
    expect(past.rows).toEqual([]);
    expect(first.cycles).toEqual(whole.cycles);
  });

  test("a unit's rows: the tasks it leads and supports; a page too large is refused with a message", async () => {
    const support = await loginAs(served.api, "support@a.test", PASSWORD);
    const grid = await support.ledger.grid.query({ planId: served.world.planId, pageSize: 10 });
    expect(grid.total).toBe(1);
    expect(grid.rows.map((r) => [r.taskId, r.role])).toEqual([[served.world.t1, "support"]]);
    expect(
      await outcome(() =>
        support.ledger.grid.query({ planId: served.world.planId, pageSize: 5000 }),
      ),
    ).toBe("BAD_REQUEST");
    expect(
      await outcome(() => support.ledger.grid.query({ planId: served.world.planId, page: 0 })),
    ).toBe("BAD_REQUEST");
  });
});
