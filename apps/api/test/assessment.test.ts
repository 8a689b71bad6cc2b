import { describe, expect } from "vitest";

import { cycleCompleteness, liveCycleStats, toDbDate } from "@duban/domain";
import { readWorkbook } from "@duban/reports";

import { cookieOf, loginAs, outcome, refused, type Api, type Client } from "./harness.ts";
import { test, type World } from "./served-world.ts";
import { PASSWORD, type buildWorld } from "./world.ts";

// Issue #18 考核评分 over HTTP: a hand-computed scheme on a small world of three units in 2024,
// quarter vs year, publication (frozen, locks the scheme, a new version needs a reason), and who
// may see and do what.

type Db = Parameters<typeof buildWorld>[0];

/** An instant on a Shanghai calendar day (noon, so no time zone question arises). */
const at = (day: string) => new Date(`${day}T12:00:00+08:00`);

const SCHEME = [
  { kind: "ITEM_COMPLETION", weight: 30 },
  { kind: "REPORTING", weight: 20 },
  { kind: "REVIEW_PASS", weight: 10 },
  { kind: "INDICATOR_ATTAINMENT", weight: 15 },
  { kind: "TRAFFIC_LIGHT", weight: 10 },
  { kind: "RATING", weight: 10, values: { EXCELLENT: 1, GOOD: 0.85, FAIR: 0.7, POOR: 0.4 } },
  { kind: "NOTICES", weight: 5, perNotice: { BLUE: 0.5, YELLOW: 1, RED: 2 } },
] as const;

/**
 * The small world of 2024 (A = d1 科学技术局, B = d2 市场监督管理局, C = d3 农业农村局); the shared
 * world's own two tasks are cancelled so only these count.
 */
async function build2024(db: Db, w: World) {
  await db.task.updateMany({ where: { planId: w.planId }, data: { status: "CANCELLED" } });
  await db.indicator.updateMany({
    where: { planId: w.planId },
    data: { responsibleDepartmentId: null },
  });
  const task = (
    title: string,
    lead: string,
    start: string,
    due: string,
    more: {
      status?: "IN_PROGRESS" | "COMPLETED";
      progress?: number;
      completedAt?: Date;
      rating?: "EXCELLENT" | "GOOD" | "FAIR";
      ratedAt?: Date;
    },
  ) =>
    db.task.create({
      data: {
        planId: w.planId,
        title,
        leadDepartmentId: lead,
        startDate: toDbDate(start),
        dueDate: toDbDate(due),
        originalDueDate: toDbDate(due),
        status: more.status ?? "IN_PROGRESS",
        progress: more.progress ?? (more.status === "COMPLETED" ? 100 : 0),
        completedAt: more.completedAt ?? null,
        rating: more.rating ?? null,
        ratedAt: more.ratedAt ?? null,
      },
    });
  const [A, B, C] = [w.d1.id, w.d2.id, w.d3.id];
  const tA1 = await task("A一", A, "2024-01-01", "2024-06-30", {
    status: "COMPLETED",
    completedAt: at("2024-06-20"),
    rating: "EXCELLENT",
    ratedAt: at("2024-06-25"),
  });
  const tA2 = await task("A二", A, "2024-01-01", "2025-06-30", { progress: 60 });
  const tA3 = await task("A三", A, "2024-01-01", "2024-09-30", {
    status: "COMPLETED",
    completedAt: at("2024-10-15"),
    rating: "GOOD",
    ratedAt: at("2024-10-20"),
  });
  const tB1 = await task("B一", B, "2024-01-01", "2024-12-31", { progress: 50 });
  const tB2 = await task("B二", B, "2024-01-01", "2024-06-30", {
    status: "COMPLETED",
    completedAt: at("2024-06-28"),
    rating: "FAIR",
    ratedAt: at("2024-07-05"),
  });
  const tC1 = await task("C一", C, "2024-01-01", "2024-03-31", {
    status: "COMPLETED",
    completedAt: at("2024-03-30"),
  });

  const annual = await db.annualPlan.create({
    data: { planId: w.planId, year: 2024, title: "2024年工作要点", status: "ISSUED" },
  });
  const item = (t: { id: string }, due: string, doneAt?: Date) =>
    db.annualPlanItem.create({
      data: {
        annualPlanId: annual.id,
        taskId: t.id,
        deliverable: "年度目标",
        dueDate: toDbDate(due),
        doneAt: doneAt ?? null,
      },
    });
  await item(tA1, "2024-06-30");
  await item(tA2, "2024-12-31");
  await item(tA3, "2024-09-30");
  await item(tB1, "2024-12-31", at("2024-12-20"));
  await item(tB2, "2024-06-30");
  await item(tC1, "2024-03-31");

  // closed cycles with their recorded completeness: [expected, submitted, onTime] per unit
  const stats: Record<string, Array<[string, number, number, number]>> = {
    "2024Q1": [
      [A, 3, 3, 3],
      [B, 2, 2, 1],
      [C, 1, 1, 1],
    ],
    "2024Q2": [
      [A, 3, 3, 2],
      [B, 2, 1, 1],
      [C, 1, 1, 1],
    ],
    "2024Q3": [
      [A, 2, 2, 2],
      [B, 1, 1, 1],
    ],
    "2024Q4": [
      [A, 2, 2, 2],
      [B, 1, 0, 0],
    ],
  };
  const cycles: Record<string, string> = {};
  for (const [period, rows] of Object.entries(stats)) {
    const cycle = await db.reportingCycle.create({
      data: {
        planId: w.planId,
        period,
        opensAt: at("2024-01-01"),
        dueAt: at("2024-01-01"),
        closesAt: at("2024-01-01"),
        state: "CLOSED",
      },
    });
    cycles[period] = cycle.id;
    await db.cycleDepartmentStat.createMany({
      data: rows.map(([departmentId, expected, submitted, onTime]) => ({
        cycleId: cycle.id,
        departmentId,
        expected,
        submitted,
        onTime,
        late: submitted - onTime,
      })),
    });
  }
  const entry = (
    t: { id: string },
    period: string,
    departmentId: string,
    reviewState: "SUBMITTED" | "APPROVED" | "RETURNED",
    revision = 1,
    isCurrent = true,
  ) =>
    db.ledgerEntry.create({
      data: {
        taskId: t.id,
        cycleId: cycles[period]!,
        period,
        departmentId,
        revision,
        isCurrent,
        progressText: "进展",
        percentComplete: 50,
        status: "IN_PROGRESS",
        reviewState,
      },
    });
  await entry(tA1, "2024Q1", A, "APPROVED");
  await entry(tA2, "2024Q2", A, "RETURNED", 1, false);
  await entry(tA2, "2024Q2", A, "APPROVED", 2);
  await entry(tA2, "2024Q4", A, "SUBMITTED");
  await entry(tB1, "2024Q1", B, "APPROVED");
  await entry(tB1, "2024Q3", B, "APPROVED");
  await entry(tB1, "2024Q4", B, "RETURNED");
  await entry(tA1, "2024Q1", B, "RETURNED"); // B only supports A一: not B's own review

  const indicator = (
    number: number,
    departmentId: string,
    base: number,
    target: number,
    values: Array<[string, number]>,
  ) =>
    db.indicator.create({
      data: {
        planId: w.planId,
        number,
        name: `考核指标${number}`,
        baselineYear: 2020,
        baselineValue: base,
        targetYear: 2025,
        targetValue: target,
        responsibleDepartmentId: departmentId,
        observations: { create: values.map(([period, value]) => ({ period, value })) },
      },
    });
  const iA = await indicator(901, A, 100, 200, [
    ["2024Q3", 160],
    ["2024Q4", 185],
  ]);
  await db.indicatorAnnualTarget.create({ data: { indicatorId: iA.id, year: 2024, value: 190 } });
  await indicator(902, B, 50, 100, [
    ["2024Q3", 86],
    ["2024Q4", 80],
  ]);
  await indicator(903, B, 10, 20, []);

  let number = 0;
  const notice = (t: { id: string }, departmentId: string, level: string, day: string) =>
    db.supervisionNotice.create({
      data: {
        jurisdictionId: w.a.id,
        year: 2024,
        number: ++number,
        level: level as "BLUE",
        taskId: t.id,
        departmentId,
        requirement: "请加快推进",
        replyDueDate: toDbDate(day),
        issuingOffice: "甲县办公室",
        issuedAt: at(day),
        document: Buffer.from("docx"),
      },
    });
  await notice(tA2, A, "BLUE", "2024-05-01");
  await notice(tB1, B, "YELLOW", "2024-08-10");
  await notice(tB1, B, "RED", "2024-11-15");
  return { A, B, C };
}

const line = (sheet: { units: Array<{ departmentId: string }> }, id: string) =>
  sheet.units.find((u) => u.departmentId === id) as unknown as {
    rank: number;
    total: number;
    bonus: number;
    deduction: number;
    components: Array<{
      kind: string;
      points: number;
      ratio: number | null;
      effectiveWeight: number;
    }>;
  };
const points = (sheet: Parameters<typeof line>[0], id: string) =>
  Object.fromEntries(line(sheet, id).components.map((c) => [c.kind, c.points]));

async function download(api: Api, c: Client, path: string) {
  const res = await fetch(`${api.url}${path}`, { headers: { cookie: cookieOf.get(c)!() ?? "" } });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe("assessment (考核评分)", () => {
  test("an open cycle's live reporting counts are closeCycle's (cycleCompleteness)", async ({
    api,
    world: w,
    database: { db },
  }) => {
    // the world's open 2025Q4 cycle: 任务一 (lead 科技局, support 市场监管局), 任务二 (农业农村局)
    const staffA = await loginAs(api, "lead@a.test", PASSWORD);
    await staffA.ledger.submit.mutate({
      taskId: w.t1,
      cycleId: w.cycleId,
      progressText: "推进中",
      percentComplete: 30,
      status: "IN_PROGRESS",
    });
    const cycle = await db.reportingCycle.findUniqueOrThrow({ where: { id: w.cycleId } });
    const order = (rows: Array<{ departmentId: string }>) =>
      [...rows].sort((a, b) => a.departmentId.localeCompare(b.departmentId));
    const rule = (await cycleCompleteness(db, cycle)).map(({ late: _late, ...r }) => r);
    const live = (await liveCycleStats(db, [cycle])).map(({ cycleId: _c, ...r }) => r);
    expect(order(live)).toEqual(order(rule));
    expect(live.find((r) => r.departmentId === w.d1.id)).toMatchObject({
      expected: 1,
      submitted: 1,
    });
  });

  test("a hand-computed scheme: exact scores, quarter vs year, publication frozen, scheme locked, permissions", async ({
    api,
    world: w,
    database: { db },
  }) => {
    const { A, B, C } = await build2024(db, w);
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const leader = await loginAs(api, "leader@a.test", PASSWORD);
    const staffA = await loginAs(api, "lead@a.test", PASSWORD);
    const officeB = await loginAs(api, "office@b.test", PASSWORD);
    const j = w.a.id;

    // no scheme yet: scores are refused with a reason
    expect(
      (await refused(() => office.assessment.scores.query({ jurisdictionId: j, period: "2024" })))
        .code,
    ).toBe("CONFLICT");
    // weights must sum to 100
    expect(
      await outcome(() =>
        office.assessment.scheme.save.mutate({
          jurisdictionId: j,
          year: 2024,
          name: "x",
          components: [{ kind: "ITEM_COMPLETION", weight: 90 }],
        }),
      ),
    ).toBe("BAD_REQUEST");
    // only the office writes the scheme; another county's office does not even find it
    const save = (c: Client, extra: object = {}) =>
      c.assessment.scheme.save.mutate({
        jurisdictionId: j,
        year: 2024,
        name: "2024年度考核方案",
        components: [...SCHEME],
        ...extra,
      });
    expect(await outcome(() => save(leader))).toBe("FORBIDDEN");
    expect(await outcome(() => save(staffA))).toBe("FORBIDDEN");
    expect(await outcome(() => save(officeB))).toBe("NOT_FOUND");
    const v1 = await save(office);
    expect([v1.version, v1.lockedAt]).toEqual([1, null]);
    // edited in place while unlocked, with the row version read
    const v1b = await save(office, { rowVersion: v1.rowVersion, name: "2024年度考核方案（修订）" });
    expect([v1b.id, v1b.version, v1b.rowVersion]).toEqual([v1.id, 1, v1.rowVersion + 1]);
    expect(await outcome(() => save(office, { rowVersion: v1.rowVersion }))).toBe("CONFLICT");

    // 加减分: A +2 (Q2); B −1.5 (Q4); C −0.5 (Q1), and C +1 (Q3) revoked
    const add = (departmentId: string, period: string, pts: number) =>
      office.assessment.adjustments.add.mutate({
        jurisdictionId: j,
        departmentId,
        period,
        points: pts,
        reason: "理由",
      });
    await add(A, "2024Q2", 2);
    await add(B, "2024Q4", -1.5);
    await add(C, "2024Q1", -0.5);
    const revoked = await add(C, "2024Q3", 1);
    expect(
      await outcome(() =>
        leader.assessment.adjustments.add.mutate({
          jurisdictionId: j,
          departmentId: A,
          period: "2024Q1",
          points: 1,
          reason: "x",
        }),
      ),
    ).toBe("FORBIDDEN");
    await office.assessment.adjustments.revoke.mutate({ adjustmentId: revoked.id, reason: "误录" });
    expect(
      await outcome(() =>
        office.assessment.adjustments.revoke.mutate({ adjustmentId: revoked.id, reason: "again" }),
      ),
    ).toBe("CONFLICT");
    expect(
      await db.auditEvent.count({ where: { action: { startsWith: "scoreAdjustment." } } }),
    ).toBe(5);

    // ── the year 2024 (final), by hand ──
    // A, every component applicable, so effective weight = weight:
    //   items due 3 (A一 on time, A二 not done, A三 done 10-15 after its 09-30 due) → 30 × 1/3 = 10
    //   reporting: expected 10, submitted 10, on time 9 → 20 × (10 + 9)/20 = 19
    //   reviews: A一 approved, A二 Q2 returned then approved (A二 Q4 not reviewed) → 10 × 1/2 = 5
    //   indicator 901: 185 against the annual target 190, shortfall 2.6 % ≤ 5 % → 15 × 1/1 = 15
    //   lights: A二 open, 67 expected, 60 done, lag 7 → green → 10 × 1/1 = 10
    //   ratings: EXCELLENT 1 + GOOD 0.85 → mean 0.925 → 9.25
    //   notices: one BLUE, 0.5 lost of 5 → 5 × 0.9 = 4.5
    //   Σ 72.75 + 2 = 74.75
    // B: items 2/2 → 30; reporting expected 6, submitted 4, on time 3 → 20 × 7/12 = 11.67;
    //   reviews B一 Q1, Q3 approved, Q4 returned → 10 × 2/3 = 6.67; indicators 902 at 80 against
    //   90 (11 % short) and 903 never reported → 0/2 = 0; lights B一 at 50 % on its due day → red
    //   → 0; ratings FAIR → 7; notices YELLOW 1 + RED 2 → 5 × (1 − 3/5) = 2
    //   Σ 30 + 11.67 + 6.67 + 0 + 0 + 7 + 2 = 57.34 − 1.5 = 55.84
    // C: only items, reporting and notices apply (Σ weights 55), shared out to 100:
    //   30 × 100/55 = 54.55, 20 × 100/55 = 36.36, 5 × 100/55 = 9.09, each ratio 1 → 100 − 0.5 = 99.5
    const year = await office.assessment.scores.query({ jurisdictionId: j, period: "2024" });
    expect([year.kind, year.asOf, year.schemeVersion]).toEqual(["YEAR", "2024-12-31", 1]);
    expect(points(year, A)).toEqual({
      ITEM_COMPLETION: 10,
      REPORTING: 19,
      REVIEW_PASS: 5,
      INDICATOR_ATTAINMENT: 15,
      TRAFFIC_LIGHT: 10,
      RATING: 9.25,
      NOTICES: 4.5,
    });
    expect(points(year, B)).toEqual({
      ITEM_COMPLETION: 30,
      REPORTING: 11.67,
      REVIEW_PASS: 6.67,
      INDICATOR_ATTAINMENT: 0,
      TRAFFIC_LIGHT: 0,
      RATING: 7,
      NOTICES: 2,
    });
    expect(points(year, C)).toEqual({
      ITEM_COMPLETION: 54.55,
      REPORTING: 36.36,
      REVIEW_PASS: 0,
      INDICATOR_ATTAINMENT: 0,
      TRAFFIC_LIGHT: 0,
      RATING: 0,
      NOTICES: 9.09,
    });
    expect(
      line(year, C)
        .components.filter((c) => c.ratio === null)
        .map((c) => c.kind),
    ).toEqual(["REVIEW_PASS", "INDICATOR_ATTAINMENT", "TRAFFIC_LIGHT", "RATING"]);
    expect(year.units.map((u) => [u.departmentId, u.rank, u.total, u.bonus, u.deduction])).toEqual([
      [C, 1, 99.5, 0, -0.5],
      [A, 2, 74.75, 2, 0],
      [B, 3, 55.84, 0, -1.5],
    ]);

    // ── 2024Q3 (provisional, Q1–Q3, data to 30 September) ──
    // A: items due 2 (A一 on time, A三 not done by 09-30) → 15; reporting 8/8/7 → 20 × 15/16 =
    //   18.75; reviews 1/2 → 5; indicator 901 at 160 in Q3 against 182.46 expected (12 % short)
    //   → 0; lights A二 green, A三 (done only on 10-15, so open; due that day) yellow → 10 × 1/2 =
    //   5; ratings EXCELLENT → 10; notices BLUE → 4.5. Σ 58.25 + 2 = 60.25
    // B: items B二 → 30; reporting 5/4/3 → 20 × 7/10 = 14; reviews 2/2 → 10; indicators 902 at 86
    //   against 87.5 (on track), 903 no value → 15 × 1/2 = 7.5; lights B一 75 expected, 50 done →
    //   yellow → 0; ratings FAIR → 7; notices YELLOW → 5 × 0.8 = 4. Σ 72.5, its −1.5 is Q4's
    // C: as for the year: 99.5
    const q3 = await office.assessment.scores.query({ jurisdictionId: j, period: "2024Q3" });
    expect([q3.kind, q3.asOf]).toEqual(["QUARTER", "2024-09-30"]);
    expect(points(q3, A)).toEqual({
      ITEM_COMPLETION: 15,
      REPORTING: 18.75,
      REVIEW_PASS: 5,
      INDICATOR_ATTAINMENT: 0,
      TRAFFIC_LIGHT: 5,
      RATING: 10,
      NOTICES: 4.5,
    });
    expect(points(q3, B)).toEqual({
      ITEM_COMPLETION: 30,
      REPORTING: 14,
      REVIEW_PASS: 10,
      INDICATOR_ATTAINMENT: 7.5,
      TRAFFIC_LIGHT: 0,
      RATING: 7,
      NOTICES: 4,
    });
    expect(q3.units.map((u) => [u.departmentId, u.rank, u.total])).toEqual([
      [C, 1, 99.5],
      [B, 2, 72.5],
      [A, 3, 60.25],
    ]);

    // the drill-down names the rows behind each figure, for and against
    const drill = await office.assessment.drillDown.query({
      jurisdictionId: j,
      period: "2024",
      departmentId: A,
    });
    const drilled = Object.fromEntries(
      drill.components.map((c) => [c.kind, c.lines.map((l) => [l.title, l.counts])]),
    );
    expect(drilled.ITEM_COMPLETION).toEqual([
      ["A一：年度目标", true],
      ["A三：年度目标", false],
      ["A二：年度目标", false],
    ]);
    expect(drilled.TRAFFIC_LIGHT).toEqual([["A二", true]]);
    expect(drilled.NOTICES).toEqual([["A二", false]]);
    expect(drill.adjustments.map((a) => a.points)).toEqual([2]);
    expect(drill.line.total).toBe(74.75);

    // permissions: staff of A see their own line and drill-down only; leaders read everything
    const mine = await staffA.assessment.scores.query({ jurisdictionId: j, period: "2024" });
    expect(mine.units.map((u) => [u.departmentId, u.rank, u.total])).toEqual([[A, 2, 74.75]]);
    expect(
      await outcome(() =>
        staffA.assessment.drillDown.query({ jurisdictionId: j, period: "2024", departmentId: B }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await outcome(() =>
        staffA.assessment.drillDown.query({ jurisdictionId: j, period: "2024", departmentId: A }),
      ),
    ).toBe("OK");
    expect(
      (await staffA.assessment.adjustments.list.query({ jurisdictionId: j, year: 2024 })).map(
        (a) => a.departmentId,
      ),
    ).toEqual([A]);
    expect(
      (await leader.assessment.adjustments.list.query({ jurisdictionId: j, year: 2024 })).length,
    ).toBe(4);
    expect(
      (await leader.assessment.scores.query({ jurisdictionId: j, period: "2024" })).units,
    ).toHaveLength(3);
    expect(
      await outcome(() => leader.assessment.publish.mutate({ jurisdictionId: j, period: "2024" })),
    ).toBe("FORBIDDEN");
    expect(
      await outcome(() => officeB.assessment.scores.query({ jurisdictionId: j, period: "2024" })),
    ).toBe("NOT_FOUND");
    expect(await outcome(() => officeB.assessment.publications.query({ jurisdictionId: j }))).toBe(
      "NOT_FOUND",
    );

    // publication: a dry run writes nothing; the real one freezes the sheet and locks the scheme
    const dry = await office.assessment.publish.mutate({
      jurisdictionId: j,
      period: "2024",
      dryRun: true,
    });
    expect([dry.publicationId, line(dry.sheet, A).total]).toEqual([null, 74.75]);
    expect(await db.scorePublication.count()).toBe(0);
    const published = await office.assessment.publish.mutate({ jurisdictionId: j, period: "2024" });
    expect(published.publicationId).toBeTruthy();
    const locked = await office.assessment.scheme.get.query({ jurisdictionId: j, year: 2024 });
    expect(locked?.lockedAt).toBeTruthy();
    expect(await db.auditEvent.count({ where: { action: "scorePublication.publish" } })).toBe(1);

    // a published scheme cannot be edited: without a reason refused; with one, version 2
    const refusal = await refused(() => save(office, { rowVersion: locked!.rowVersion }));
    expect(refusal.code).toBe("BAD_REQUEST");
    expect(refusal.message).toContain("理由");
    expect((await db.assessmentScheme.findUniqueOrThrow({ where: { id: v1.id } })).name).toBe(
      "2024年度考核方案（修订）",
    );
    const v2 = await save(office, {
      components: [
        { kind: "ITEM_COMPLETION", weight: 50 },
        { kind: "REPORTING", weight: 50 },
      ],
      reason: "年中调整",
    });
    expect([v2.version, v2.reason, v2.lockedAt]).toEqual([2, "年中调整", null]);
    expect(
      (await office.assessment.scheme.versions.query({ jurisdictionId: j, year: 2024 })).map(
        (s) => s.version,
      ),
    ).toEqual([2, 1]);

    // data change after publication: the live scores move (new scheme: A 50/3 + 50 × 0.95 + 2 =
    // 16.67 + 47.5 + 2 = 66.17; then B's −1.5 revoked), the published sheet does not
    const bAdj = (
      await office.assessment.adjustments.list.query({ jurisdictionId: j, year: 2024 })
    ).find((a) => a.departmentId === B)!;
    await office.assessment.adjustments.revoke.mutate({ adjustmentId: bAdj.id, reason: "复核" });
    const live = await office.assessment.scores.query({ jurisdictionId: j, period: "2024" });
    expect([live.schemeVersion, line(live, A).total, line(live, B).deduction]).toEqual([
      2, 66.17, 0,
    ]);
    const pubs = await office.assessment.publications.query({ jurisdictionId: j, year: 2024 });
    expect(pubs).toHaveLength(1);
    expect(pubs[0]!.sheet.units.map((u) => [u.rank, u.total])).toEqual([
      [1, 99.5],
      [2, 74.75],
      [3, 55.84],
    ]);
    // staff see the published ranking, but other units' component points stay hidden
    const staffPubs = await staffA.assessment.publications.query({ jurisdictionId: j });
    expect(staffPubs[0]!.sheet.units.map((u) => [u.total, u.components.length])).toEqual([
      [99.5, 0],
      [74.75, 7],
      [55.84, 0],
    ]);

    // the score sheet as .xlsx: 排名, 单位, each component, 加分, 减分, 总分
    const xlsx = await download(
      api,
      office,
      `/api/score-publications/${published.publicationId}/sheet.xlsx`,
    );
    expect(xlsx.status).toBe(200);
    const [sheet] = await readWorkbook(xlsx.bytes);
    expect(sheet!.rows[1]).toEqual([
      "排名",
      "单位",
      "年度任务完成",
      "台账报送及时完整",
      "台账审核通过率",
      "指标达标",
      "红黄绿灯",
      "办结评价",
      "督办通知",
      "加分",
      "减分",
      "总分",
    ]);
    expect(sheet!.rows[3]).toEqual([2, "科学技术局", 10, 19, 5, 15, 10, 9.25, 4.5, 2, 0, 74.75]);
    const staffXlsx = await readWorkbook(
      (await download(api, staffA, `/api/score-publications/${published.publicationId}/sheet.xlsx`))
        .bytes,
    );
    const cRow = staffXlsx[0]!.rows[2]!;
    expect([cRow[0], cRow[1], cRow[2] ?? null, cRow[11]]).toEqual([1, "农业农村局", null, 99.5]);
    expect(
      (
        await download(
          api,
          officeB,
          `/api/score-publications/${published.publicationId}/sheet.xlsx`,
        )
      ).status,
    ).toBe(404);

    // republishing supersedes the earlier publication
    await office.assessment.publish.mutate({ jurisdictionId: j, period: "2024" });
    const again = await office.assessment.publications.query({ jurisdictionId: j, year: 2024 });
    expect(again.map((p) => [p.sheet.schemeVersion, p.supersededAt === null])).toEqual([
      [2, true],
      [1, false],
    ]);
  });

  test("a year's final scores before its end need an explicit confirmation", async ({
    api,
    world: w,
  }) => {
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const year = new Date().getFullYear() + 1;
    await office.assessment.scheme.save.mutate({
      jurisdictionId: w.a.id,
      year,
      name: "明年方案",
      components: [{ kind: "NOTICES", weight: 100 }],
    });
    const early = await refused(() =>
      office.assessment.publish.mutate({ jurisdictionId: w.a.id, period: String(year) }),
    );
    expect(early.code).toBe("CONFLICT");
    expect(early.message).toContain("尚未结束");
    const confirmed = await office.assessment.publish.mutate({
      jurisdictionId: w.a.id,
      period: String(year),
      dryRun: true,
      confirmBeforeYearEnd: true,
    });
    // nothing happened yet: no notices, every unit keeps the whole weight
    expect(confirmed.sheet.units.every((u) => u.total === 100 && u.rank === 1)).toBe(true);
    // a quarter is provisional and may be published at any time
    const q = await office.assessment.publish.mutate({
      jurisdictionId: w.a.id,
      period: `${year}Q1`,
    });
    expect(q.publicationId).toBeTruthy();
  });

  test("publications of one period at once leave exactly one current, each audited", async ({
    api,
    world: w,
    database: { db },
  }) => {
    const office = await loginAs(api, "office@a.test", PASSWORD);
    await office.assessment.scheme.save.mutate({
      jurisdictionId: w.a.id,
      year: 2023,
      name: "2023年度考核方案",
      components: [{ kind: "REPORTING", weight: 100 }],
    });
    const publish = () =>
      office.assessment.publish.mutate({ jurisdictionId: w.a.id, period: "2023Q2" });
    const ids = (await Promise.all([publish(), publish(), publish()])).map((p) => p.publicationId);
    expect(new Set(ids).size).toBe(3);
    const rows = await db.scorePublication.findMany({
      where: { jurisdictionId: w.a.id, period: "2023Q2" },
    });
    expect(rows).toHaveLength(3);
    expect(rows.filter((r) => r.supersededAt === null)).toHaveLength(1);
    const listed = await office.assessment.publications.query({
      jurisdictionId: w.a.id,
      year: 2023,
    });
    expect(listed.filter((p) => p.supersededAt === null).map((p) => p.id)).toHaveLength(1);
    const audits = await db.auditEvent.findMany({
      where: { action: "scorePublication.publish", entityId: { in: ids as string[] } },
    });
    expect(audits).toHaveLength(3);
  });
});
