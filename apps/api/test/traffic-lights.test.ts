import type { TRPCClientError } from "@trpc/client";
import { describe, expect } from "vitest";

import type { AppRouter } from "@duban/api";
import { addDays, shanghaiDay, toDbDate } from "@duban/domain";

import { loginAs, outcome, refused, type Client } from "./harness.ts";
import { test } from "./served-world.ts";
import { PASSWORD } from "./world.ts";

// Issue #17 step 8: the office sets its county's traffic-light bands, and every list, count and
// task view follows at once (the read cache included); nobody else may change them, and bad
// settings are refused with a Chinese message naming the field.

const SETTINGS = {
  acknowledgeWorkingDays: 3,
  escalationDays: 30,
  leaderApprovalRequired: false,
  allowLateRequests: false,
};

describe("traffic lights with the jurisdiction's bands", () => {
  test("the office changes the bands: the task list's filter, each row's light, the task and the overview follow", async ({
    api,
    world,
    database: { db },
  }) => {
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const today = shanghaiDay(new Date());
    // two tasks of 市场监督管理局 (which leads nothing else): one 15 points behind 序时进度 (50),
    // one on schedule but due in 10 days
    const make = (title: string, start: string, due: string, progress: number) =>
      db.task.create({
        data: {
          planId: world.planId,
          title,
          leadDepartmentId: world.d2.id,
          status: "IN_PROGRESS",
          progress,
          startDate: toDbDate(start),
          dueDate: toDbDate(due),
          originalDueDate: toDbDate(due),
        },
      });
    const behind = await make("落后任务", addDays(today, -100), addDays(today, 100), 35);
    const soon = await make("临期任务", addDays(today, -100), addDays(today, 10), 100);

    const list = (c: Client, filter: object = {}) =>
      c.task.list.query({ planId: world.planId, page: 1, pageSize: 50, ...filter });
    const ids = async (filter: object) =>
      (await list(office, filter)).items
        .map((t) => t.id)
        .filter((id) => id === behind.id || id === soon.id)
        .sort();
    const lightsOf = async () => {
      const page = await list(office);
      const of = (id: string) => page.items.find((t) => t.id === id)!;
      return {
        behind: [of(behind.id).light, of(behind.id).schedule, of(behind.id).lagPoints],
        soon: [of(soon.id).light, of(soon.id).dueSoon],
      };
    };
    const unit = async () => {
      const o = await office.overview.completion.query({ planId: world.planId });
      const row = o.departments.find((d) => d.departmentId === world.d2.id)!;
      return {
        red: row.red,
        yellow: row.yellow,
        green: row.green,
        dueSoon: row.dueSoon,
        lagging: row.lagging,
      };
    };

    // the defaults: 黄 > 10, 红 > 30, 临期 15 days
    expect(await lightsOf()).toEqual({
      behind: ["YELLOW", "LAGGING", 15],
      soon: ["YELLOW", true],
    });
    expect(await unit()).toEqual({ red: 0, yellow: 2, green: 0, dueSoon: 1, lagging: 1 });
    expect(await ids({ light: "YELLOW" })).toEqual([behind.id, soon.id].sort());
    expect(await ids({ schedule: "LAGGING" })).toEqual([behind.id]);
    expect((await office.task.get.query({ taskId: behind.id })).light).toBe("YELLOW");

    // wider bands: nothing lags, 临期 only within 5 days
    const wide = await office.supervisionSettings.update.mutate({
      jurisdictionId: world.a.id,
      ...SETTINGS,
      yellowLagPoints: 20,
      redLagPoints: 40,
      dueSoonDays: 5,
    });
    expect(wide).toMatchObject({ yellowLagPoints: 20, redLagPoints: 40, isDefault: false });
    expect(await lightsOf()).toEqual({
      behind: ["GREEN", "ON_SCHEDULE", 15],
      soon: ["GREEN", false],
    });
    expect(await unit()).toEqual({ red: 0, yellow: 0, green: 2, dueSoon: 0, lagging: 0 });
    expect(await ids({ light: "GREEN" })).toEqual([behind.id, soon.id].sort());
    expect(await ids({ schedule: "LAGGING" })).toEqual([]);
    expect(await ids({ dueSoon: true })).toEqual([]);
    const got = await office.task.get.query({ taskId: behind.id });
    expect([got.light, got.bands]).toEqual([
      "GREEN",
      { yellowLagPoints: 20, redLagPoints: 40, dueSoonDays: 5 },
    ]);

    // narrow bands: 15 behind is 红; due in 10 days is 临期 again
    await office.supervisionSettings.update.mutate({
      jurisdictionId: world.a.id,
      ...SETTINGS,
      yellowLagPoints: 5,
      redLagPoints: 12,
      dueSoonDays: 10,
    });
    expect(await lightsOf()).toEqual({
      behind: ["RED", "LAGGING", 15],
      soon: ["YELLOW", true],
    });
    expect(await unit()).toEqual({ red: 1, yellow: 1, green: 0, dueSoon: 1, lagging: 1 });
    expect(await ids({ light: "RED" })).toEqual([behind.id]);
    expect(await ids({ dueSoon: true })).toEqual([soon.id]);
    expect((await office.task.get.query({ taskId: behind.id })).light).toBe("RED");
    // the unit's own list shows the same lights
    const lead = await loginAs(api, "support@a.test", PASSWORD);
    expect((await list(lead, { light: "RED" })).items.map((t) => t.id)).toContain(behind.id);

    // each change is audited with before and after
    const audits = await db.auditEvent.findMany({
      where: { action: "supervision.settings", entityId: world.a.id },
      orderBy: { at: "asc" },
    });
    expect(audits.map((a) => [a.before, a.after])).toMatchObject([
      [{ yellowLagPoints: 10, redLagPoints: 30, dueSoonDays: 15 }, { yellowLagPoints: 20 }],
      [{ yellowLagPoints: 20, redLagPoints: 40, dueSoonDays: 5 }, { yellowLagPoints: 5 }],
    ]);
  });

  test("leaders read the settings; units and leaders cannot change them; other counties see nothing", async ({
    api,
    world,
    database: { db },
  }) => {
    const [leader, staff, officeB] = (await Promise.all(
      ["leader@a.test", "lead@a.test", "office@b.test"].map((e) => loginAs(api, e, PASSWORD)),
    )) as [Client, Client, Client];
    const read = await leader.supervisionSettings.get.query({ jurisdictionId: world.a.id });
    expect(read.canEdit).toBe(false);
    expect(
      await outcome(() => staff.supervisionSettings.get.query({ jurisdictionId: world.a.id })),
    ).toBe("NOT_FOUND");
    expect(
      await outcome(() => officeB.supervisionSettings.get.query({ jurisdictionId: world.a.id })),
    ).toBe("NOT_FOUND");
    const before = await db.supervisionSettings.findUnique({
      where: { jurisdictionId: world.a.id },
    });
    const audits = await db.auditEvent.count();
    const input = {
      jurisdictionId: world.a.id,
      ...SETTINGS,
      yellowLagPoints: 1,
      redLagPoints: 2,
      dueSoonDays: 0,
    };
    for (const who of [leader, staff]) {
      const r = await refused(() => who.supervisionSettings.update.mutate(input));
      expect(r.code).toBe("FORBIDDEN");
      expect(r.message).toContain("只有本级领导小组办公室可以修改督办设置");
    }
    expect(await outcome(() => officeB.supervisionSettings.update.mutate(input))).toBe("NOT_FOUND");
    expect(
      await db.supervisionSettings.findUnique({ where: { jurisdictionId: world.a.id } }),
    ).toEqual(before);
    expect(await db.auditEvent.count()).toBe(audits);
  });

  test("bad settings are refused with a clear Chinese message and change nothing", async ({
    api,
    world,
    database: { db },
  }) => {
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const before = await db.supervisionSettings.findUnique({
      where: { jurisdictionId: world.a.id },
    });
    const base = {
      jurisdictionId: world.a.id,
      ...SETTINGS,
      yellowLagPoints: 10,
      redLagPoints: 30,
      dueSoonDays: 15,
    };
    const cases: Array<[object, string]> = [
      [{ redLagPoints: 10 }, "红色滞后阈值须大于黄色滞后阈值"],
      [{ yellowLagPoints: 40 }, "红色滞后阈值须大于黄色滞后阈值"],
      [{ yellowLagPoints: 0 }, "黄色滞后阈值（百分点）应为 1–100 之间的整数"],
      [{ redLagPoints: 101 }, "红色滞后阈值（百分点）应为 1–100 之间的整数"],
      [{ dueSoonDays: 91 }, "临期提示（天）应为 0–90 之间的整数"],
      [{ dueSoonDays: 1.5 }, "临期提示（天）应为 0–90 之间的整数"],
      [{ acknowledgeWorkingDays: 0 }, "签收期限（工作日）应为 1–30 之间的整数"],
    ];
    for (const [change, message] of cases) {
      const error = await office.supervisionSettings.update.mutate({ ...base, ...change }).then(
        () => null,
        (e: unknown) => e as TRPCClientError<AppRouter>,
      );
      const data = error?.data as
        { code?: string; issues?: Array<{ message: string; path: string[] }> } | undefined;
      expect([data?.code, data?.issues?.map((i) => i.message)], JSON.stringify(change)).toEqual([
        "BAD_REQUEST",
        [message],
      ]);
    }
    expect(
      await db.supervisionSettings.findUnique({ where: { jurisdictionId: world.a.id } }),
    ).toEqual(before);
  });
});
