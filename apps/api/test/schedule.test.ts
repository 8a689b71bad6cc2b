import { describe, expect } from "vitest";

import { test } from "@duban/test-utils";

import { loginAs, outcome, startApi } from "./harness.ts";
import { buildWorld, PASSWORD } from "./world.ts";

describe("the roadmap's and timetable's data", () => {
  test("task.schedule gives every visible task with its milestones in one call; units see their own", async ({
    database,
    redis,
  }) => {
    const api = await startApi(database, redis);
    try {
      const world = await buildWorld(database.db);
      const office = await loginAs(api, "office@a.test", PASSWORD);
      const all = await office.task.schedule.query({ planId: world.planId });
      expect(all.total).toBe(2);
      expect(all.tasks.map((t) => t.id).sort()).toEqual([world.t1, world.t2].sort());
      expect(
        all.tasks.find((t) => t.id === world.t1)!.milestones.map((m) => [m.title, m.dueDate]),
      ).toEqual([["2021年度目标", "2021-12-31"]]);
      const other = await loginAs(api, "other@a.test", PASSWORD);
      expect(
        (await other.task.schedule.query({ planId: world.planId })).tasks.map((t) => t.id),
      ).toEqual([world.t2]);
      expect(
        await outcome(() =>
          loginAs(api, "office@b.test", PASSWORD).then((c) =>
            c.task.schedule.query({ planId: world.planId }),
          ),
        ),
      ).toBe("NOT_FOUND");
    } finally {
      await api.close();
    }
  });
});
