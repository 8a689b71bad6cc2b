import { describe, expect } from "vitest";

import { hashPassword, shanghaiDay } from "@duban/domain";
import { readWorkbook } from "@duban/reports";

import { cookieOf, loginAs, outcome, refused, type Client } from "./harness.ts";
import { servedTest, type World } from "./served-world.ts";
import { PASSWORD, type buildWorld } from "./world.ts";

const test = servedTest();
type Db = Parameters<typeof buildWorld>[0];

/** A town unit (乡镇) of county A with one staff user who signs in as `email`. */
async function townUnit(db: Db, w: World, name: string, email: string) {
  const unit = await db.department.create({
    data: { jurisdictionId: w.a.id, name, kind: "TOWN" },
  });
  const user = await db.user.create({
    data: { email, name, passwordHash: await hashPassword(PASSWORD) },
  });
  await db.membership.create({
    data: { userId: user.id, jurisdictionId: w.a.id, role: "DEPARTMENT", departmentId: unit.id },
  });
  return unit;
}

/** A level indicator of the plan with a baseline and a target, set to known figures. */
async function levelIndicator(
  db: Db,
  w: World,
  skip: number,
  data: { unit: string; baselineValue: number; targetValue: number },
) {
  const ind = await db.indicator.findMany({
    where: { planId: w.planId, baselineYear: 2020, targetYear: 2025 },
    orderBy: { number: "asc" },
  });
  return db.indicator.update({
    where: { id: ind[skip]!.id },
    data: {
      ...data,
      nature: "EXPECTED",
      direction: "INCREASE",
      trajectory: "LINEAR",
      accumulation: "LEVEL",
      atRiskThreshold: null,
      offTrackThreshold: null,
      responsibleDepartmentId: w.d1.id,
    },
  });
}

const view = (c: Client, indicatorId: string) =>
  c.district.indicatorDistricts.query({ indicatorId, asOf: "2023-12-31" });

describe("片区 and 分片区监测 (issue #19)", () => {
  test("the office manages its districts; units, leaders and other counties may not; names are unique per county", async ({
    api,
    world: w,
    database: { db },
  }) => {
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const staff = await loginAs(api, "lead@a.test", PASSWORD);
    const leader = await loginAs(api, "leader@a.test", PASSWORD);
    const officeB = await loginAs(api, "office@b.test", PASSWORD);
    const city = await loginAs(api, "leader@city.test", PASSWORD);
    const town = await db.department.create({
      data: { jurisdictionId: w.a.id, name: "鹿窝镇", kind: "TOWN" },
    });
    const input = { jurisdictionId: w.a.id, name: "北片区", order: 2, departmentId: town.id };
    expect(await outcome(() => staff.district.create.mutate(input))).toBe("FORBIDDEN");
    expect(await outcome(() => leader.district.create.mutate(input))).toBe("FORBIDDEN");
    expect(await outcome(() => officeB.district.create.mutate(input))).toBe("NOT_FOUND");
    const before = await db.auditEvent.count({ where: { action: { startsWith: "district." } } });
    const north = await office.district.create.mutate(input);
    const south = await office.district.create.mutate({ jurisdictionId: w.a.id, name: "南片区" });
    expect(north).toMatchObject({ name: "北片区", department: { name: "鹿窝镇" }, active: true });
    // the same name twice in one county: refused, saying which
    const dup = await refused(() =>
      office.district.create.mutate({ jurisdictionId: w.a.id, name: "北片区" }),
    );
    expect(dup.code).toBe("BAD_REQUEST");
    expect(dup.message).toContain("北片区");
    // another county may use it; a unit or a "child" from elsewhere may not be linked
    await db.district.create({ data: { jurisdictionId: w.b.id, name: "北片区" } });
    expect(
      await outcome(() =>
        office.district.create.mutate({ ...input, name: "外县单位", departmentId: w.bDept.id }),
      ),
    ).toBe("BAD_REQUEST");
    expect(
      await outcome(() =>
        office.district.create.mutate({
          jurisdictionId: w.a.id,
          name: "外县",
          childJurisdictionId: w.b.id,
        }),
      ),
    ).toBe("BAD_REQUEST");
    // rename (to a taken name: refused), reorder, retire; a stale version conflicts
    expect(
      (
        await refused(() =>
          office.district.update.mutate({ districtId: south.id, version: 0, name: "北片区" }),
        )
      ).code,
    ).toBe("BAD_REQUEST");
    const renamed = await office.district.update.mutate({
      districtId: south.id,
      version: 0,
      name: "南部片区",
      order: 1,
    });
    expect(renamed).toMatchObject({ name: "南部片区", order: 1, version: 1 });
    expect(
      await outcome(() =>
        office.district.update.mutate({ districtId: south.id, version: 0, order: 5 }),
      ),
    ).toBe("CONFLICT");
    expect(
      await outcome(() =>
        staff.district.update.mutate({ districtId: south.id, version: 1, active: false }),
      ),
    ).toBe("FORBIDDEN");
    expect(
      await outcome(() =>
        officeB.district.update.mutate({ districtId: south.id, version: 1, active: false }),
      ),
    ).toBe("NOT_FOUND");
    await office.district.update.mutate({ districtId: south.id, version: 1, active: false });
    // listed in order, retired ones flagged; readers of the county (the city too) see them, B does not
    const list = await city.district.list.query({ jurisdictionId: w.a.id });
    expect(list.map((d) => [d.name, d.active])).toEqual([
      ["南部片区", false],
      ["北片区", true],
    ]);
    expect(await outcome(() => staff.district.list.query({ jurisdictionId: w.a.id }))).toBe("OK");
    expect(await outcome(() => officeB.district.list.query({ jurisdictionId: w.a.id }))).toBe(
      "NOT_FOUND",
    );
    const events = await db.auditEvent.findMany({
      where: { action: { startsWith: "district." } },
      orderBy: { id: "asc" },
    });
    expect(events.length - before).toBe(4);
    expect(events.slice(-4).map((e) => e.action)).toEqual([
      "district.create",
      "district.create",
      "district.update",
      "district.retire",
    ]);
  });

  test("entry per district by its unit, the office too; the total as the districts' sum; statuses by each district's trajectory and annual target", async ({
    api,
    world: w,
    database: { db },
  }) => {
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const east = await townUnit(db, w, "小寨坝镇", "xzb@a.test");
    await townUnit(db, w, "永靖镇", "yj@a.test");
    const eastStaff = await loginAs(api, "xzb@a.test", PASSWORD);
    const westStaff = await loginAs(api, "yj@a.test", PASSWORD);
    const lead = await loginAs(api, "lead@a.test", PASSWORD);
    const ind = await levelIndicator(db, w, 0, {
      unit: "万元",
      baselineValue: 7529.2,
      targetValue: 30000,
    });
    const dEast = await office.district.create.mutate({
      jurisdictionId: w.a.id,
      name: "东片区",
      departmentId: east.id,
      order: 1,
    });
    const dWest = await office.district.create.mutate({
      jurisdictionId: w.a.id,
      name: "西片区",
      order: 2,
    });
    const dOther = await office.district.create.mutate({ jurisdictionId: w.a.id, name: "未纳入" });
    const westUnit = await db.department.findFirstOrThrow({ where: { name: "永靖镇" } });
    const settings = {
      indicatorId: ind.id,
      version: ind.version,
      byDistrict: true,
      totalRule: "SUM" as const,
      districts: [
        { districtId: dEast.id, baselineValue: 3000, targetValue: 12000 },
        {
          districtId: dWest.id,
          baselineValue: 4529.2,
          targetValue: 18000,
          responsibleDepartmentId: westUnit.id,
        },
      ],
    };
    expect(await outcome(() => lead.district.setIndicatorDistricts.mutate(settings))).toBe(
      "FORBIDDEN",
    );
    await office.district.setIndicatorDistricts.mutate(settings);

    const record = (c: Client, districtId: string | null, value: number, period = "2023Q4") =>
      c.indicator.record.mutate({ indicatorId: ind.id, period, districtId, value });
    // each district's unit enters its own; not the other's; the indicator's unit not a district's
    await record(eastStaff, dEast.id, 8000);
    await record(eastStaff, dEast.id, 9000); // a correction supersedes
    expect(await outcome(() => record(eastStaff, dWest.id, 1))).toBe("FORBIDDEN");
    expect(await outcome(() => record(lead, dEast.id, 1))).toBe("FORBIDDEN");
    expect(await outcome(() => record(eastStaff, null, 1))).toBe("FORBIDDEN");
    // a district not monitored for the indicator, or another county's, is refused
    expect(await outcome(() => record(office, dOther.id, 1))).toBe("BAD_REQUEST");
    const bDistrict = await db.district.create({
      data: { jurisdictionId: w.b.id, name: "乙片区" },
    });
    expect(await outcome(() => record(office, bDistrict.id, 1))).toBe("BAD_REQUEST");
    await record(westStaff, dWest.id, 11000);
    const rows = await db.indicatorObservation.findMany({
      where: { indicatorId: ind.id, districtId: dEast.id },
      orderBy: { reportedAt: "asc" },
    });
    expect(rows.map((r) => [r.value, r.supersededAt !== null, r.departmentId])).toEqual([
      [8000, true, east.id],
      [9000, false, east.id],
    ]);

    let v = await view(office, ind.id);
    expect(v.indicator).toMatchObject({ byDistrict: true, totalRule: "SUM", comparison: "SUM" });
    const byName = (name: string) => v.districts.find((d) => d.name === name)!;
    // 东: 3000 + (12000 − 3000) × 3/5 = 8400 expected at the end of 2023; 9000 is ahead
    expect(byName("东片区").assessment).toMatchObject({ status: "ON_TRACK", actual: 9000 });
    expect(byName("东片区").assessment.expected).toBeCloseTo(8400, 6);
    expect(byName("东片区").unit).toMatchObject({ name: "小寨坝镇" });
    // 西: 4529.2 + (18000 − 4529.2) × 3/5 = 12611.68; 11000 is 12.8 % short: at risk (5–15 %)
    expect(byName("西片区").assessment.expected).toBeCloseTo(12611.68, 6);
    expect(byName("西片区").assessment).toMatchObject({ status: "AT_RISK" });
    expect(v.warnings.filter((x) => x.partId === dWest.id).map((x) => x.kind)).toEqual(["AT_RISK"]);
    // the total: 9000 + 11000 = 20000 against 7529.2 + 22470.8 × 3/5 = 21011.68: 4.8 % short, on track
    const q4 = v.total.find((t) => t.period === "2023Q4")!;
    expect(q4).toMatchObject({ value: 20000, complete: true, status: "ON_TRACK" });
    expect(q4.expected).toBeCloseTo(21011.68, 6);
    // the office sees who may enter; a unit may enter only its own
    expect(v.districts.map((d) => d.canEnter)).toEqual([true, true]);
    const eastView = await view(eastStaff, ind.id);
    expect(eastView.districts.map((d) => [d.name, d.canEnter])).toEqual([
      ["东片区", true],
      ["西片区", false],
    ]);

    // a district's annual target wins for its year: 西 2023 at 11000 puts it on track
    await office.indicator.setAnnualTarget.mutate({
      indicatorId: ind.id,
      year: 2023,
      districtId: dWest.id,
      value: 11000,
    });
    v = await view(office, ind.id);
    expect(byName("西片区").assessment).toMatchObject({ status: "ON_TRACK", expected: 11000 });
    expect(byName("西片区").annualTargets).toEqual([{ year: 2023, value: 11000 }]);
    expect(v.warnings).toEqual([]);
    // the history judges the district's value by the same rule
    const history = await office.indicator.history.query({ indicatorId: ind.id });
    expect(history.find((h) => h.districtId === dWest.id)).toMatchObject({
      status: "ON_TRACK",
      expected: 11000,
    });

    // a quarter only one district reported: no total yet, the other is flagged missing
    await record(office, dEast.id, 9500, "2024Q1");
    v = await c_view(office, ind.id, "2024-03-31");
    const q1 = v.total.find((t) => t.period === "2024Q1")!;
    expect(q1).toMatchObject({ value: null, complete: false, missing: [dWest.id] });
    expect(v.warnings.find((x) => x.kind === "MISSING")).toMatchObject({
      partId: dWest.id,
      period: "2024Q1",
    });

    // a retired district keeps its values and takes no new ones; it cannot be dropped while it has values
    const west = await db.district.findUniqueOrThrow({ where: { id: dWest.id } });
    await office.district.update.mutate({
      districtId: dWest.id,
      version: west.version,
      active: false,
    });
    expect(await outcome(() => record(office, dWest.id, 1, "2024Q1"))).toBe("BAD_REQUEST");
    v = await c_view(office, ind.id, "2024-03-31");
    expect(byName("西片区")).toMatchObject({ active: false, canEnter: false });
    expect(byName("西片区").series.map((s) => s.value)).toEqual([11000]);
    // retired: no longer expected, so 2024Q1's total is 东 alone
    expect(v.total.find((t) => t.period === "2024Q1")).toMatchObject({
      value: 9500,
      complete: true,
    });
    const current = await db.indicator.findUniqueOrThrow({ where: { id: ind.id } });
    const drop = await refused(() =>
      office.district.setIndicatorDistricts.mutate({
        ...settings,
        version: current.version,
        districts: [settings.districts[0]!],
      }),
    );
    expect(drop.code).toBe("BAD_REQUEST");
    expect(drop.message).toContain("西片区");
  });

  test("a total reported on its own is checked against the districts' sum, with a warning beyond 1 %", async ({
    api,
    world: w,
    database: { db },
  }) => {
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const ind = await levelIndicator(db, w, 3, {
      unit: "家",
      baselineValue: 100,
      targetValue: 200,
    });
    const [d1, d2] = await Promise.all(
      ["甲片区", "乙片区"].map((name, i) =>
        office.district.create.mutate({ jurisdictionId: w.a.id, name, order: i + 1 }),
      ),
    );
    await office.district.setIndicatorDistricts.mutate({
      indicatorId: ind.id,
      version: ind.version,
      byDistrict: true,
      totalRule: "OWN",
      districts: [
        { districtId: d1!.id, baselineValue: 60, targetValue: 120 },
        { districtId: d2!.id, baselineValue: 40, targetValue: 80 },
      ],
    });
    const record = (districtId: string | null, value: number, period: string) =>
      office.indicator.record.mutate({ indicatorId: ind.id, period, districtId, value });
    await record(d1!.id, 100, "2023Q3");
    await record(d2!.id, 50, "2023Q3");
    await record(null, 150.5, "2023Q3"); // 0.3 % off: agrees
    await record(d1!.id, 100, "2023Q4");
    await record(d2!.id, 60, "2023Q4");
    await record(null, 180, "2023Q4"); // 160 by the districts: 12.5 % off
    const v = await view(office, ind.id);
    expect(v.indicator).toMatchObject({ totalRule: "OWN", comparison: "SUM" });
    expect(v.total.map((t) => [t.period, t.value, t.partsValue, t.disagrees])).toEqual([
      ["2023Q3", 150.5, 150, false],
      ["2023Q4", 180, 160, true],
    ]);
    const disagree = v.warnings.filter((x) => x.kind === "DISAGREES");
    expect(disagree).toHaveLength(1);
    expect(disagree[0]).toMatchObject({ period: "2023Q4", partId: null });
    expect(disagree[0]!.message).toContain("180");
    expect(disagree[0]!.message).toContain("160");
    // the total is judged by the whole county's trajectory: 100 + 100 × 3/5 = 160, 180 is ahead
    expect(v.total.at(-1)).toMatchObject({ status: "ON_TRACK", expected: 160 });

    // the export shows the districts side by side, the total, and the chart below
    const res = await fetch(`${api.url}/api/indicators/${ind.id}/districts.xlsx?asOf=2023-12-31`, {
      headers: { cookie: cookieOf.get(office)!() ?? "" },
    });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    const [sheet, warningsSheet] = await readWorkbook(bytes);
    expect(sheet!.name).toBe("分片区对比");
    expect(sheet!.rows[1]).toEqual([
      "片区",
      "报送单位",
      "基期值",
      "目标值",
      "2023年第三季度",
      "2023年第四季度",
      "序时目标",
      "差距(%)",
      "评价",
    ]);
    expect(sheet!.rows[2]!.slice(0, 6)).toEqual(["甲片区", "科学技术局", 60, 120, 100, 100]);
    expect(sheet!.rows[3]!.slice(0, 6)).toEqual(["乙片区", "科学技术局", 40, 80, 50, 60]);
    expect(sheet!.rows[4]!.slice(4, 6)).toEqual([150.5, 180]);
    expect(sheet!.rows[4]![0]).toBe("合计（单独填报）");
    // 乙: 40 + 40 × 3/5 = 64 expected, 60 is 6.25 % short (at risk); and the total's disagreement
    expect(warningsSheet!.rows.slice(1).map((r) => r[0])).toEqual(["存在风险", "总量不一致"]);
    expect(sheet!.rows[3]!.slice(6)).toEqual([64, 6.3, "存在风险"]);
    expect(bytes.includes("xl/media/")).toBe(true);
    // the evaluation workbook has the districts too, as of its day (today: every value counts)
    const evaluation = await fetch(
      `${api.url}/api/plans/${w.planId}/evaluation.xlsx?kind=FINAL&asOf=${shanghaiDay(new Date())}`,
      { headers: { cookie: cookieOf.get(office)!() ?? "" } },
    );
    expect(evaluation.status).toBe(200);
    const evalSheets = await readWorkbook(Buffer.from(await evaluation.arrayBuffer()));
    const bySheet = evalSheets.find((x) => x.name === "分片区")!;
    const mine = bySheet.rows.filter((r) => r[1] === ind.name);
    expect(mine.map((r) => [r[2], r[6], r[7]])).toEqual([
      ["甲片区", "2023年第四季度", 100],
      ["乙片区", "2023年第四季度", 60],
      ["合计（单独填报）", "2023年第四季度", 180],
    ]);
    const officeB = await loginAs(api, "office@b.test", PASSWORD);
    const denied = await fetch(`${api.url}/api/indicators/${ind.id}/districts.xlsx`, {
      headers: { cookie: cookieOf.get(officeB)!() ?? "" },
    });
    expect(denied.status).toBe(404);
  });

  test("shares of a city indicator assigned to counties roll up side by side; readers outside see nothing", async ({
    api,
    world: w,
    database: { db },
  }) => {
    const planData = (jurisdictionId: string, title: string) => ({
      jurisdictionId,
      title,
      periodStart: 2021,
      periodEnd: 2025,
      status: "ACTIVE" as const,
      sourceFileName: "x.txt",
      sourceFormat: "txt",
      sourceHash: title,
      sourceText: "",
      parserVersion: 1,
      parseResult: {},
    });
    const indicatorData = (planId: string, number: number, base: number, target: number) => ({
      planId,
      number,
      name: "高新技术企业数",
      unit: "家",
      baselineYear: 2020,
      baselineValue: base,
      targetYear: 2025,
      targetValue: target,
    });
    const cityPlan = await db.plan.create({ data: planData(w.city.id, "市规划") });
    const parent = await db.indicator.create({ data: indicatorData(cityPlan.id, 1, 100, 200) });
    const c = await db.jurisdiction.create({
      data: { name: "丙县", kind: "COUNTY", parentId: w.city.id },
    });
    const cPlan = await db.plan.create({ data: planData(c.id, "丙县规划") });
    const share = async (to: string, planId: string, base: number, target: number, n: number) => {
      const a = await db.assignment.create({
        data: {
          kind: "INDICATOR",
          fromJurisdictionId: w.city.id,
          toJurisdictionId: to,
          parentIndicatorId: parent.id,
          shareBaseline: base,
          shareTarget: target,
          targetPlanId: planId,
          decomposeBy: new Date("2023-03-31"),
          state: "DECOMPOSED",
        },
      });
      return db.indicator.create({
        data: { ...indicatorData(planId, n, base, target), assignmentId: a.id },
      });
    };
    const shareA = await share(w.a.id, w.planId, 60, 120, 900);
    const shareC = await share(c.id, cPlan.id, 40, 80, 1);
    const officeA = await loginAs(api, "office@a.test", PASSWORD);
    await officeA.indicator.record.mutate({
      indicatorId: shareA.id,
      period: "2023Q4",
      value: 100,
    });
    await db.indicatorObservation.create({
      data: { indicatorId: shareC.id, period: "2023Q4", value: 60 },
    });
    const leaderCity = await loginAs(api, "leader@city.test", PASSWORD);
    const s = await leaderCity.district.indicatorShares.query({
      indicatorId: parent.id,
      asOf: "2023-12-31",
    });
    expect(s.partial).toBe(false);
    expect(s.children.map((x) => x.jurisdiction.name)).toEqual(["丙县", "甲县"]);
    // 甲: 60 + 60 × 3/5 = 96, 100 on track; 丙: 40 + 40 × 3/5 = 64, 60 is 6.25 % short: at risk
    const [sc, sa] = s.children;
    expect(sa!.assessment).toMatchObject({ status: "ON_TRACK", actual: 100 });
    expect(sa!.assessment.expected).toBeCloseTo(96, 6);
    expect(sc!.assessment).toMatchObject({ status: "AT_RISK", actual: 60 });
    expect(sc!.assessment.expected).toBeCloseTo(64, 6);
    // SUM: 100 + 60 = 160 = 100 + 100 × 3/5, on track
    expect(s.total).toHaveLength(1);
    expect(s.total[0]).toMatchObject({ period: "2023Q4", value: 160, complete: true });
    expect(s.total[0]!.expected).toBeCloseTo(160, 6);
    expect(s.total[0]!.status).toBe("ON_TRACK");
    expect(s.warnings.map((x) => [x.kind, x.partId])).toEqual([["AT_RISK", c.id]]);
    // another county reads nothing of it
    const officeB = await loginAs(api, "office@b.test", PASSWORD);
    expect(
      await outcome(() => officeB.district.indicatorShares.query({ indicatorId: parent.id })),
    ).toBe("NOT_FOUND");
  });

  test("ids of another county are NOT_FOUND or refused, never used", async ({
    api,
    world: w,
    database: { db },
  }) => {
    const officeB = await loginAs(api, "office@b.test", PASSWORD);
    const staffB = await loginAs(api, "staff@b.test", PASSWORD);
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const ind = await db.indicator.findFirstOrThrow({ where: { planId: w.planId } });
    const aDistrict = await db.district.create({
      data: { jurisdictionId: w.a.id, name: "跨县测试" },
    });
    const bDistrict = await db.district.create({
      data: { jurisdictionId: w.b.id, name: "跨县乙" },
    });
    const settings = {
      indicatorId: ind.id,
      version: ind.version,
      byDistrict: true,
      totalRule: "SUM" as const,
      districts: [{ districtId: aDistrict.id }],
    };
    expect(await outcome(() => officeB.district.setIndicatorDistricts.mutate(settings))).toBe(
      "NOT_FOUND",
    );
    expect(
      await outcome(() => staffB.district.indicatorDistricts.query({ indicatorId: ind.id })),
    ).toBe("NOT_FOUND");
    expect(
      await outcome(() =>
        officeB.district.update.mutate({ districtId: aDistrict.id, version: 0, name: "x" }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await outcome(() =>
        office.district.setIndicatorDistricts.mutate({
          ...settings,
          districts: [{ districtId: bDistrict.id }],
        }),
      ),
    ).toBe("BAD_REQUEST");
    expect(
      await outcome(() =>
        office.district.setIndicatorDistricts.mutate({
          ...settings,
          districts: [{ districtId: aDistrict.id, responsibleDepartmentId: w.bDept.id }],
        }),
      ),
    ).toBe("BAD_REQUEST");
    expect(
      await outcome(() =>
        staffB.indicator.record.mutate({
          indicatorId: ind.id,
          period: "2023Q4",
          districtId: aDistrict.id,
          value: 1,
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await outcome(() => office.district.update.mutate({ districtId: bDistrict.id, version: 0 })),
    ).toBe("NOT_FOUND");
  });
});

const c_view = (c: Client, indicatorId: string, asOf: string) =>
  c.district.indicatorDistricts.query({ indicatorId, asOf });
