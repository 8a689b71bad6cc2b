import { describe, expect } from "vitest";

import { expectedValue, shanghaiDay } from "@duban/domain";

import { loginAs, outcome, refused, type Client } from "./harness.ts";
import { servedTest, type World } from "./served-world.ts";
import { PASSWORD } from "./world.ts";

// the quarterly summary runs through "run now", as the office's jobs page does
const test = servedTest({ jobs: true });

type Indicators = Awaited<ReturnType<Client["indicator"]["list"]["query"]>>["indicators"];

/** The plan's level indicators with a baseline and a target; R&D first (7529.2 → 30000 万元, 2020–2025). */
async function levelIndicators(c: Client, w: World): Promise<Indicators> {
  const { indicators } = await c.indicator.list.query({ planId: w.planId, asOf: "2023-12-31" });
  const level = indicators.filter(
    (i) => i.baselineValue !== null && i.targetValue !== null && i.accumulation === "LEVEL",
  );
  return [
    ...level.filter((i) => i.name.includes("R&D")),
    ...level.filter((i) => !i.name.includes("R&D")),
  ];
}
// values and targets entered today count in an evaluation dated today
const today = () => shanghaiDay(new Date());
const find = async (c: Client, w: World, id: string, asOf = "2023-12-31") =>
  (await c.indicator.list.query({ planId: w.planId, asOf })).indicators.find((i) => i.id === id)!;

describe("年度目标 and 动态调整 (issue #18)", () => {
  test("an annual target replaces the trajectory for its year in the status, warnings, history, quarterly summary and evaluation; without one the trajectory stays", async ({
    api,
    world,
    database: { db },
  }) => {
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const [rnd, plain] = await levelIndicators(office, world);
    expect(rnd!.name).toContain("R&D");
    await office.indicator.record.mutate({ indicatorId: rnd!.id, period: "2023Q4", value: 15000 });
    await office.indicator.record.mutate({
      indicatorId: plain!.id,
      period: "2023Q4",
      value: plain!.baselineValue!,
    });
    // on the trajectory 2023 ends at 7529.2 + (30000 − 7529.2) × 3/5 = 21011.68: 15000 is far behind
    let r = await find(office, world, rnd!.id);
    expect(r.assessment).toMatchObject({ status: "OFF_TRACK" });
    expect(r.assessment.expected).toBeCloseTo(21011.68, 1);
    let list = await office.indicator.list.query({ planId: world.planId, asOf: "2023-12-31" });
    expect(list.warnings.some((w) => w.indicatorId === rnd!.id && w.kind === "OFF_TRACK")).toBe(
      true,
    );
    let preview = await office.evaluation.preview.query({
      planId: world.planId,
      kind: "FINAL",
      asOf: today(),
    });
    expect(preview.indicators.find((i) => i.name === rnd!.name)).toMatchObject({
      status: "严重滞后",
    });

    // the office sets 2023's target at 15000 万元: the value is now on target
    const set = await office.indicator.setAnnualTarget.mutate({
      indicatorId: rnd!.id,
      year: 2023,
      value: 15000,
      note: "2023年度工作要点",
    });
    expect(set.adjustmentId).toBeNull(); // a first target is no adjustment
    r = await find(office, world, rnd!.id);
    expect(r.assessment).toMatchObject({ status: "ON_TRACK", expected: 15000 });
    expect(r.series.find((s) => s.period === "2023Q4")).toMatchObject({ status: "ON_TRACK" });
    expect(r.annualTargets).toEqual([{ year: 2023, value: 15000 }]);
    expect(r.path.find((p) => p.day === "2023-12-31")!.value).toBe(15000);
    // 2022 and 2024 keep the trajectory; no adjustment yet, so no second path
    expect(r.path.find((p) => p.day === "2024-12-31")!.value).toBeCloseTo(25505.84, 1);
    expect(r.originalPath).toBeNull();
    list = await office.indicator.list.query({ planId: world.planId, asOf: "2023-12-31" });
    expect(list.warnings.some((w) => w.indicatorId === rnd!.id)).toBe(false);
    preview = await office.evaluation.preview.query({
      planId: world.planId,
      kind: "FINAL",
      asOf: today(),
    });
    expect(preview.indicators.find((i) => i.name === rnd!.name)).toMatchObject({
      status: "符合序时",
      expected: 15000,
    });

    // a 片区's value is judged by the 片区's own target when one is set
    const district = await db.district.create({
      data: { jurisdictionId: world.a.id, name: "小寨坝片区" },
    });
    // monitored for the indicator (分片区监测, issue #19), without a baseline/target of its own
    await db.indicatorDistrict.create({ data: { indicatorId: rnd!.id, districtId: district.id } });
    await office.indicator.record.mutate({
      indicatorId: rnd!.id,
      period: "2023Q4",
      districtId: district.id,
      value: 15000,
    });
    await office.indicator.setAnnualTarget.mutate({
      indicatorId: rnd!.id,
      year: 2023,
      districtId: district.id,
      value: 20000,
    });
    const history = await office.indicator.history.query({ indicatorId: rnd!.id });
    expect(history.find((h) => h.districtId === district.id)).toMatchObject({
      status: "OFF_TRACK",
      expected: 20000,
    });
    expect(history.find((h) => h.districtId === null)).toMatchObject({ status: "ON_TRACK" });
    // the whole jurisdiction's figures are untouched by the 片区's target
    expect((await find(office, world, rnd!.id)).assessment.expected).toBe(15000);

    // the quarterly summary (the closed 2023Q4 cycle) reads the same targets
    await db.reportingCycle.create({
      data: {
        planId: world.planId,
        period: "2023Q4",
        opensAt: new Date("2023-12-01"),
        dueAt: new Date("2024-01-10"),
        closesAt: new Date("2024-01-15"),
        state: "CLOSED",
      },
    });
    await office.jobs.runNow.mutate({
      name: "quarterly-summary",
      period: "2023Q4",
      planId: world.planId,
      dryRun: false,
    });
    const sent = await db.notification.findFirstOrThrow({ where: { kind: "quarterly-summary" } });
    const rows = (sent.payload as { indicators: Array<Record<string, unknown>> }).indicators;
    expect(rows.find((i) => i.name === rnd!.name)).toMatchObject({
      expected: 15000,
      actual: 15000,
      standing: "符合序时",
    });
    // without a target: the trajectory, as before
    const trajectory = expectedValue(plain!, "2023-12-31")!;
    expect(rows.find((i) => i.name === plain!.name)!.expected).toBeCloseTo(trajectory, 2);
    expect((await find(office, world, plain!.id)).assessment.expected).toBeCloseTo(trajectory, 6);
    expect(
      await db.auditEvent.count({
        where: { action: "indicator.setAnnualTarget", entityType: "IndicatorAnnualTarget" },
      }),
    ).toBe(2);
  });

  test("replacing or withdrawing a target is an adjustment: it needs a reason and keeps the old row", async ({
    api,
    world,
    database: { db },
  }) => {
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const ind = (await levelIndicators(office, world))[2]!;
    const first = await office.indicator.setAnnualTarget.mutate({
      indicatorId: ind.id,
      year: 2024,
      value: 11,
    });
    const noReason = await refused(() =>
      office.indicator.setAnnualTarget.mutate({ indicatorId: ind.id, year: 2024, value: 12 }),
    );
    expect(noReason.code).toBe("BAD_REQUEST");
    expect(noReason.message).toContain("调整理由");
    expect(
      await outcome(() =>
        office.indicator.setAnnualTarget.mutate({ indicatorId: ind.id, year: 2019, value: 12 }),
      ),
    ).toBe("BAD_REQUEST");
    const second = await office.indicator.setAnnualTarget.mutate({
      indicatorId: ind.id,
      year: 2024,
      value: 12,
      reason: "年中调整",
      docRef: "息科领办〔2024〕3号",
    });
    expect(second.replaced).toBe(first.id);
    const { rows: targets } = await office.indicator.annualTargets.query({ indicatorId: ind.id });
    expect(targets.map((t) => [t.value, t.current])).toEqual([
      [11, false],
      [12, true],
    ]);
    expect((await find(office, world, ind.id, "2024-12-31")).annualTargets).toEqual([
      { year: 2024, value: 12 },
    ]);
    await office.indicator.clearAnnualTarget.mutate({
      targetId: second.id,
      reason: "恢复序时目标",
    });
    const after = await find(office, world, ind.id, "2024-12-31");
    expect(after.annualTargets).toEqual([]);
    expect(after.path.find((p) => p.day === "2024-12-31")!.value).toBeCloseTo(
      expectedValue(ind, "2024-12-31")!,
      9,
    );
    const adjustments = await office.indicator.adjustments.query({ indicatorId: ind.id });
    expect(adjustments.map((a) => [a.field, a.year, a.fromValue, a.toValue, a.docRef])).toEqual([
      ["ANNUAL_TARGET", 2024, 11, 12, "息科领办〔2024〕3号"],
      ["ANNUAL_TARGET", 2024, 12, null, null],
    ]);
    expect(adjustments[0]!.adjustedByName).toBe("office");
    // withdrawing it twice: it is no longer the current target
    expect(
      await outcome(() =>
        office.indicator.clearAnnualTarget.mutate({ targetId: second.id, reason: "再次撤销" }),
      ),
    ).toBe("CONFLICT");
    expect(await db.indicatorAnnualTarget.count({ where: { indicatorId: ind.id } })).toBe(2);
    // the year after the 2021–2025 plan takes targets once the office keeps a 年度工作要点 for it
    const next = { indicatorId: ind.id, year: 2026, value: 13 };
    expect(await outcome(() => office.indicator.setAnnualTarget.mutate(next))).toBe("BAD_REQUEST");
    const annual = await office.annualPlan.create.mutate({ planId: world.planId, year: 2026 });
    expect((await office.indicator.setAnnualTarget.mutate(next)).year).toBe(2026);
    expect(
      await outcome(() => office.indicator.setAnnualTarget.mutate({ ...next, year: 2027 })),
    ).toBe("BAD_REQUEST");
    await db.indicatorAnnualTarget.deleteMany({ where: { indicatorId: ind.id, year: 2026 } });
    await db.annualPlan.delete({ where: { id: annual.annualPlanId } });
  });

  test("adjusting baseline and target keeps the old value, charts both paths, and the evaluation lists every adjustment", async ({
    api,
    world,
  }) => {
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const ind = (await levelIndicators(office, world))[3]!;
    const original = { target: ind.targetValue!, baseline: ind.baselineValue! };
    const a1 = await office.indicator.adjust.mutate({
      indicatorId: ind.id,
      version: ind.version,
      field: "TARGET_VALUE",
      value: original.target * 2,
      reason: "上级提高目标",
      docRef: "黔科发〔2023〕12号",
    });
    expect(a1).toMatchObject({ from: original.target, to: original.target * 2 });
    // a stale version is refused, nothing is changed
    expect(
      await outcome(() =>
        office.indicator.adjust.mutate({
          indicatorId: ind.id,
          version: ind.version,
          field: "TARGET_VALUE",
          value: 1,
          reason: "x",
        }),
      ),
    ).toBe("CONFLICT");
    await office.indicator.adjust.mutate({
      indicatorId: ind.id,
      version: a1.version,
      field: "TARGET_VALUE",
      value: original.target * 3,
      reason: "再次调整",
    });
    await office.indicator.adjust.mutate({
      indicatorId: ind.id,
      version: a1.version + 1,
      field: "BASELINE_VALUE",
      value: original.baseline + 1,
      reason: "统计口径修订",
    });
    for (const bad of [
      { field: "TARGET_VALUE" as const, value: original.target * 3 }, // unchanged
      { field: "BASELINE_YEAR" as const, value: ind.targetYear }, // not before the target year
    ])
      expect(
        await outcome(() =>
          office.indicator.adjust.mutate({
            indicatorId: ind.id,
            version: a1.version + 2,
            ...bad,
            reason: "x",
          }),
        ),
      ).toBe("BAD_REQUEST");
    expect(
      await outcome(() =>
        office.indicator.adjust.mutate({
          indicatorId: ind.id,
          version: a1.version + 2,
          field: "TARGET_VALUE",
          value: 5,
          reason: "",
        }),
      ),
    ).toBe("BAD_REQUEST");
    const history = await office.indicator.adjustments.query({ indicatorId: ind.id });
    expect(history.map((h) => [h.field, h.fromValue, h.toValue])).toEqual([
      ["TARGET_VALUE", original.target, original.target * 2],
      ["TARGET_VALUE", original.target * 2, original.target * 3],
      ["BASELINE_VALUE", original.baseline, original.baseline + 1],
    ]);
    const now = await find(office, world, ind.id);
    expect(now).toMatchObject({
      targetValue: original.target * 3,
      baselineValue: original.baseline + 1,
    });
    // the chart's two paths: the plan's own (from the first adjustments) and the one in force
    expect(now.originalPath!.at(-1)!.value).toBeCloseTo(original.target, 9);
    expect(now.originalPath![0]!.value).toBe(original.baseline);
    expect(now.path.at(-1)!.value).toBeCloseTo(original.target * 3, 9);
    const evaluation = await office.evaluation.preview.query({
      planId: world.planId,
      kind: "FINAL",
      asOf: today(),
    });
    const mine = evaluation.adjustments.filter((a) => a.title === ind.name);
    expect(mine.map((a) => a.kind)).toEqual(["调整指标目标值", "调整指标目标值", "调整指标基期值"]);
    expect(mine[0]!.reason).toBe("上级提高目标（依据：黔科发〔2023〕12号）");
    expect(mine[0]!.from).toContain(String(original.target));
  });

  test("an approved TARGET_CHANGE request is applied as an adjustment with the request's id", async ({
    api,
    world,
    database: { db },
  }) => {
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const lead = await loginAs(api, "lead@a.test", PASSWORD);
    const ind = (await levelIndicators(office, world))[4]!;
    // a unit asks to change the target of an indicator it is responsible for
    await db.indicator.update({
      where: { id: ind.id },
      data: { responsibleDepartmentId: world.d1.id },
    });
    // t1 was due 2025-12-31: late requests must be allowed
    await db.supervisionSettings.upsert({
      where: { jurisdictionId: world.a.id },
      create: { jurisdictionId: world.a.id, allowLateRequests: true },
      update: { allowLateRequests: true },
    });
    const filed = await lead.changeRequest.file.mutate({
      kind: "TARGET_CHANGE",
      taskId: world.t1,
      reason: "受疫情影响目标难以完成",
      indicatorId: ind.id,
      proposedTargetValue: ind.targetValue! - 1,
    });
    await office.changeRequest.decide.mutate({
      requestId: filed.requestId,
      version: 0,
      approve: true,
      comment: "同意",
    });
    const adjustments = await office.indicator.adjustments.query({ indicatorId: ind.id });
    expect(adjustments).toHaveLength(1);
    expect(adjustments[0]).toMatchObject({
      field: "TARGET_VALUE",
      fromValue: ind.targetValue,
      toValue: ind.targetValue! - 1,
      changeRequestId: filed.requestId,
    });
    expect(adjustments[0]!.reason).toContain("受疫情影响目标难以完成");
    expect((await find(office, world, ind.id)).targetValue).toBe(ind.targetValue! - 1);
    // listed once in the evaluation, by its adjustment row
    const evaluation = await office.evaluation.preview.query({
      planId: world.planId,
      kind: "FINAL",
      asOf: today(),
    });
    expect(
      evaluation.adjustments.filter((a) => a.title === ind.name || a.from.includes(ind.name)),
    ).toHaveLength(1);
    expect(
      await db.auditEvent.count({ where: { action: "indicator.adjust", entityId: ind.id } }),
    ).toBe(1);
  });

  test("only the office of the plan's jurisdiction sets targets and adjusts: units and leaders are refused, another county learns nothing", async ({
    api,
    world,
    database: { db },
  }) => {
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const ind = (await levelIndicators(office, world))[5]!;
    const target = await office.indicator.setAnnualTarget.mutate({
      indicatorId: ind.id,
      year: 2022,
      value: 1,
    });
    const before = {
      targets: await db.indicatorAnnualTarget.count(),
      adjustments: await db.indicatorAdjustment.count(),
      audit: await db.auditEvent.count({ where: { action: { startsWith: "indicator." } } }),
      version: (await db.indicator.findUniqueOrThrow({ where: { id: ind.id } })).version,
    };
    const writes = (c: Client) => [
      () => c.indicator.setAnnualTarget.mutate({ indicatorId: ind.id, year: 2023, value: 2 }),
      () =>
        c.indicator.setAnnualTarget.mutate({
          indicatorId: ind.id,
          year: 2022,
          value: 2,
          reason: "x",
        }),
      () => c.indicator.clearAnnualTarget.mutate({ targetId: target.id, reason: "x" }),
      () =>
        c.indicator.adjust.mutate({
          indicatorId: ind.id,
          version: before.version,
          field: "TARGET_VALUE",
          value: 99,
          reason: "x",
        }),
    ];
    for (const [email, expected] of [
      ["lead@a.test", "FORBIDDEN"],
      ["leader@a.test", "FORBIDDEN"],
      ["office@b.test", "NOT_FOUND"],
    ] as const) {
      const c = await loginAs(api, email, PASSWORD);
      for (const write of writes(c)) expect(await outcome(write), email).toBe(expected);
    }
    // readers of the plan see the targets and the history; another county does not
    const leader = await loginAs(api, "leader@a.test", PASSWORD);
    expect((await leader.indicator.annualTargets.query({ indicatorId: ind.id })).rows).toHaveLength(
      1,
    );
    const staffB = await loginAs(api, "staff@b.test", PASSWORD);
    expect(await outcome(() => staffB.indicator.adjustments.query({ indicatorId: ind.id }))).toBe(
      "NOT_FOUND",
    );
    expect({
      targets: await db.indicatorAnnualTarget.count(),
      adjustments: await db.indicatorAdjustment.count(),
      audit: await db.auditEvent.count({ where: { action: { startsWith: "indicator." } } }),
      version: (await db.indicator.findUniqueOrThrow({ where: { id: ind.id } })).version,
    }).toEqual(before);
  });
});
