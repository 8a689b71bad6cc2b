import { describe, expect } from "vitest";

import { loginAs, outcome } from "./harness.ts";
import { test } from "./served-world.ts";
import { PASSWORD } from "./world.ts";

describe("ledger.grid pages its rows", () => {
  test("pages put together are the whole grid, in the plan's order, with the total on every page", async ({
    api,
    world,
  }) => {
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const whole = await office.ledger.grid.query({ planId: world.planId, pageSize: 200 });
    expect(whole.total).toBe(2);
    expect(whole.rows.map((r) => r.taskId)).toEqual([world.t1, world.t2]);
    const first = await office.ledger.grid.query({
      planId: world.planId,
      page: 1,
      pageSize: 1,
    });
    const second = await office.ledger.grid.query({
      planId: world.planId,
      page: 2,
      pageSize: 1,
    });
    const past = await office.ledger.grid.query({
      planId: world.planId,
      page: 3,
      pageSize: 1,
    });
    expect([first.total, second.total, past.total]).toEqual([2, 2, 2]);
    expect([...first.rows, ...second.rows]).toEqual(whole.rows);
    expect(past.rows).toEqual([]);
    expect(first.cycles).toEqual(whole.cycles);
  });

  test("a unit's rows: the tasks it leads and supports; a page too large is refused with a message", async ({
    api,
    world,
  }) => {
    const support = await loginAs(api, "support@a.test", PASSWORD);
    const grid = await support.ledger.grid.query({ planId: world.planId, pageSize: 10 });
    expect(grid.total).toBe(1);
    expect(grid.rows.map((r) => [r.taskId, r.role])).toEqual([[world.t1, "support"]]);
    expect(
      await outcome(() => support.ledger.grid.query({ planId: world.planId, pageSize: 5000 })),
    ).toBe("BAD_REQUEST");
    expect(await outcome(() => support.ledger.grid.query({ planId: world.planId, page: 0 }))).toBe(
      "BAD_REQUEST",
    );
  });
});
