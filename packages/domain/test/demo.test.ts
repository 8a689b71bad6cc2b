import { readFile } from "node:fs/promises";
import path from "node:path";

import { expect, inject } from "vitest";

import { createDb, type Db } from "@duban/db";
import { createTestDatabase, test, testPostgresUrl } from "@duban/test-utils";

import {
  annualPlanDetail,
  annualPlanForYear,
  completionByDepartment,
  indicatorStatusOn,
  lastReportingYear,
  loadDemo,
  openCycle,
  systemActor,
  verifyAuditChain,
  type Actor,
  type DemoSeed,
} from "../src/index.ts";
import { checkCascade, checkDistricts, checkLayerLogins } from "./demo-layers.checks.ts";

const seeds = path.resolve(import.meta.dirname, "../../../seeds");
const NOW = new Date("2026-11-23T10:00:00+08:00");
const TODAY = "2026-11-23";
const TITLES = ["息烽县“十四五”科技创新规划", "遵义市“十四五”科技创新发展规划"];

async function demoSeeds(): Promise<DemoSeed[]> {
  const read = async (f: string) => new Uint8Array(await readFile(path.join(seeds, f)));
  return [
    {
      fileName: "xifeng.txt",
      bytes: await read("xifeng-county-14th-fyp-sti-plan.txt"),
      jurisdiction: "息烽县",
      kind: "COUNTY",
      parent: "贵阳市",
      slug: "xifeng",
      parentSlug: "guiyang",
      title: "息烽县“十四五”科技创新规划",
    },
    {
      fileName: "zunyi.txt",
      bytes: await read("zunyi-city-14th-fyp-sti-plan.txt"),
      jurisdiction: "遵义市",
      kind: "CITY",
      slug: "zunyi",
    },
  ];
}

/** Every figure a newcomer sees, keyed by names (not ids), to compare two loads. */
async function figures(db: Db) {
  const plans = await db.plan.findMany({ orderBy: { title: "asc" } });
  const out: Record<string, unknown> = {};
  for (const p of plans) {
    const tasks = await db.task.findMany({ where: { planId: p.id } });
    const entries = await db.ledgerEntry.groupBy({
      by: ["period", "reviewState", "late", "revision", "percentComplete"],
      where: { task: { planId: p.id } },
      _count: true,
      orderBy: [{ period: "asc" }, { reviewState: "asc" }, { revision: "asc" }],
    });
    const observations = await db.indicatorObservation.findMany({
      where: { indicator: { planId: p.id } },
      include: { indicator: { select: { number: true } } },
    });
    const items = await db.annualPlanItem.findMany({
      where: { annualPlan: { planId: p.id } },
      include: { annualPlan: { select: { year: true } }, task: { select: { title: true } } },
    });
    const scores = await db.scorePublication.findMany({
      where: { jurisdictionId: p.jurisdictionId },
    });
    out[p.title] = {
      tasks: tasks
        .map(
          (t) =>
            `${t.title}|${t.status}|${t.progress}|${t.dueDate.toISOString()}|${t.completedAt?.toISOString()}`,
        )
        .sort(),
      entries,
      observations: observations.map((o) => `${o.indicator.number}|${o.period}|${o.value}`).sort(),
      items: items
        .map(
          (i) =>
            `${i.annualPlan.year}|${i.task.title}|${i.dueDate.toISOString()}|${i.doneAt?.toISOString()}|${i.carryOverReason}`,
        )
        .sort(),
      scores: scores
        .map(
          (s) =>
            `${s.period}|${(s.sheet as { units: Array<{ departmentName: string; total: number }> }).units.map((u) => `${u.departmentName}:${u.total}`).join(",")}`,
        )
        .sort(),
    };
  }
  return out;
}

test(
  "the demo is an office's system at the end of November 2026: five years of history, deterministic, loaded once",
  { timeout: 300_000 },
  async ({ database }) => {
    const { db } = database;
    const started = Date.now();
    const creds = await loadDemo(
      { db, now: NOW },
      { seeds: await demoSeeds(), password: "demo-password-1" },
    );
    const loadMs = Date.now() - started;
    console.log(`demo load: ${loadMs} ms`);
    expect(creds).not.toBeNull();
    const roles = new Set(creds!.map((c) => `${c.jurisdiction}:${c.role}`));
    for (const r of [
      "息烽县:OFFICE",
      "息烽县:LEADER",
      "息烽县:DEPARTMENT",
      "遵义市:OFFICE",
      "遵义市:LEADER",
      "遵义市:DEPARTMENT",
      "贵阳市:LEADER",
    ])
      expect(roles).toContain(r);

    const plans = await db.plan.findMany({
      where: { title: { in: TITLES } },
      include: { _count: { select: { tasks: true, indicators: true } } },
      orderBy: { title: "asc" },
    });
    expect(plans.map((p) => p.title).sort()).toEqual([...TITLES].sort());
    // the cascade's jurisdictions each hold a plan of the year of their own (demo-layers.ts)
    expect(
      (await db.plan.findMany({ where: { title: { notIn: TITLES } }, include: { jurisdiction: true } }))
        .map((p) => `${p.jurisdiction.name}:${p.title}:${p.status}`)
        .sort(),
    ).toEqual(
      [
        "凤冈县:凤冈县2026年科技创新工作要点",
        "息烽县:息烽县2026年科技创新工作要点",
        "正安县:正安县2026年科技创新工作要点",
        "湄潭县:湄潭县2026年科技创新工作要点",
        "贵阳市:贵阳市2026年科技创新工作要点",
        "遵义市:遵义市2026年科技创新重点任务分工方案",
      ].map((p) => `${p}:ACTIVE`),
    );
    expect(plans.find((p) => p.sourceFileName === "xifeng.txt")!._count.indicators).toBe(7);
    expect(plans.find((p) => p.sourceFileName === "zunyi.txt")!._count.indicators).toBe(13);
    let overdueAll = 0;
    for (const p of plans) {
      expect(p.status).toBe("ACTIVE");
      // reporting cycles: every quarter from the plan's first to the current one, only the current open
      const cycles = await db.reportingCycle.findMany({
        where: { planId: p.id },
        orderBy: { period: "asc" },
        include: { _count: { select: { entries: true, stats: true } } },
      });
      const expectedPeriods = [];
      for (let y = p.periodStart; y <= 2026; y++)
        for (const q of [1, 2, 3, 4]) expectedPeriods.push(`${y}Q${q}`);
      expect(cycles.map((c) => c.period)).toEqual(expectedPeriods);
      expect(cycles.at(-1)!.state).toBe("OPEN");
      for (const c of cycles.slice(0, -1)) {
        expect(c.state, c.period).toBe("CLOSED");
        expect(c._count.entries, c.period).toBeGreaterThan(0);
        expect(c._count.stats, c.period).toBeGreaterThan(0);
      }
      // tasks: most signed off through an approved application, a handful overdue
      const tasks = await db.task.findMany({
        where: { planId: p.id },
        include: { completionApplications: true, dateChanges: true },
      });
      const completed = tasks.filter((t) => t.status === "COMPLETED");
      expect(completed.length / tasks.length).toBeGreaterThan(0.7);
      expect(completed.length / tasks.length).toBeLessThan(0.97);
      for (const t of tasks) {
        if (t.status === "COMPLETED") {
          expect(t.progress).toBe(100);
          expect(t.completedAt).not.toBeNull();
          expect(t.completionApplications.map((a) => a.state)).toEqual(["APPROVED"]);
        } else {
          expect(t.progress).toBeLessThan(100);
          expect(t.completedAt).toBeNull();
        }
        if (t.status === "PENDING_REVIEW")
          expect(t.completionApplications.map((a) => a.state)).toEqual(["PENDING"]);
        expect(t.acknowledgedAt).not.toBeNull();
      }
      const overdue = tasks.filter(
        (t) => t.dueDate.toISOString().slice(0, 10) < TODAY && t.status !== "COMPLETED",
      );
      expect(overdue.length).toBeLessThanOrEqual(Math.ceil(tasks.length * 0.08));
      overdueAll += overdue.length;
      // the unfinished tasks were carried into 2026 (结转) with the reason kept
      for (const t of tasks.filter((t) => t.status !== "COMPLETED")) {
        expect(t.dueDate.getUTCFullYear()).toBe(2026);
        expect(t.dateChanges[0]!.reason).toContain("结转");
      }
      // ledger: some late, some returned and amended; approved lead progress is the task's
      const amended = await db.ledgerEntry.findMany({
        where: { task: { planId: p.id }, revision: 2 },
      });
      expect(amended.length).toBeGreaterThan(0);
      for (const e of amended) {
        const first = await db.ledgerEntry.findUniqueOrThrow({ where: { id: e.supersedesId! } });
        expect(first.reviewState).toBe("RETURNED");
        expect(first.isCurrent).toBe(false);
      }
      expect(
        await db.ledgerEntry.count({ where: { task: { planId: p.id }, late: true } }),
      ).toBeGreaterThan(0);
      // indicators: a value each year 2021–2025 from the plan's 2020 baseline, mostly on track
      const indicators = await db.indicator.findMany({
        where: { planId: p.id, baselineValue: { not: null }, targetValue: { not: null } },
        include: { observations: { where: { districtId: null }, orderBy: { period: "asc" } } },
      });
      for (const ind of indicators) {
        expect(
          ind.observations.map((o) => o.period),
          ind.name,
        ).toEqual(["2021Q4", "2022Q4", "2023Q4", "2024Q4", "2025Q4"]);
        const step = Math.abs(ind.targetValue! - ind.baselineValue!) / 5;
        expect(
          Math.abs(ind.observations[0]!.value - ind.baselineValue!),
          ind.name,
        ).toBeLessThanOrEqual(step * 1.6 + 1);
      }
      const lights = indicators.map(
        (i) => indicatorStatusOn(i, [], "2025-12-31", i.observations.at(-1)!.value).status,
      );
      expect(lights.filter((l) => l === "ON_TRACK").length, p.title).toBeGreaterThanOrEqual(
        lights.length / 3,
      );
      // evaluations: the mid-term of 2023 and the final one
      const evaluations = await db.evaluation.findMany({ where: { planId: p.id } });
      expect(
        evaluations.map((e) => `${e.kind}:${e.asOf.toISOString().slice(0, 10)}`).sort(),
      ).toEqual(["FINAL:2025-12-31", "MIDTERM:2023-06-30"]);
      // the annual layer: a plan per year, carry-overs with reasons, 2026 holding the carried items
      const annual = await db.annualPlan.findMany({
        where: { planId: p.id },
        orderBy: { year: "asc" },
        include: { items: true },
      });
      expect(annual.map((a) => `${a.year}:${a.status}`)).toEqual(
        [2021, 2022, 2023, 2024, 2025, 2026].map((y) => `${y}:ISSUED`),
      );
      for (const a of annual.slice(1)) {
        const carried = a.items.filter((i) => i.carriedOverFromId);
        expect(carried.length, `${a.year}`).toBeGreaterThan(0);
        for (const i of carried) expect(i.carryOverReason).toBeTruthy();
      }
      const y2026 = annual.at(-1)!;
      expect(y2026.items.some((i) => i.carriedOverFromId)).toBe(true);
      expect(y2026.items.some((i) => !i.doneAt)).toBe(true);
      for (const i of y2026.items) expect(i.dueDate.getUTCFullYear()).toBe(2026);
      expect(
        await db.indicatorAnnualTarget.count({
          where: { year: 2026, indicator: { planId: p.id } },
        }),
      ).toBe(indicators.length);
      const publications = await db.scorePublication.findMany({
        where: { jurisdictionId: p.jurisdictionId },
        orderBy: { period: "asc" },
      });
      expect(publications.map((s) => s.period)).toEqual([
        "2021",
        "2022",
        "2023",
        "2024",
        "2025",
        "2026Q1",
        "2026Q2",
        "2026Q3",
      ]);
      const completion = await completionByDepartment(
        { db, actor: systemActor("test") },
        { planId: p.id, asOf: TODAY },
      );
      expect(completion.totals.total).toBe(p._count.tasks);
      expect(completion.totals.completed).toBe(completed.length);
    }
    expect(overdueAll).toBeGreaterThan(0);
    // every state change left an audit event, and the chain holds
    expect(await db.auditEvent.count({ where: { action: "task.create" } })).toBe(
      await db.task.count(),
    );
    expect(await db.auditEvent.count({ where: { action: "completion.approve" } })).toBe(
      await db.completionApplication.count({ where: { state: "APPROVED" } }),
    );
    expect((await verifyAuditChain({ db })).broken).toEqual([]);

    // the carried-over tasks keep the plan reporting in 2026, and no further
    const xifeng = plans.find((p) => p.sourceFileName === "xifeng.txt")!;
    const office = await db.user.findUniqueOrThrow({
      where: { email: "office@xifeng.demo" },
      include: { memberships: true },
    });
    const officeActor: Actor = {
      kind: "user",
      userId: office.id,
      email: office.email,
      name: office.name,
      memberships: office.memberships,
    };
    expect(await lastReportingYear(db, xifeng)).toBe(2026);
    await expect(
      openCycle({ db, actor: officeActor }, { planId: xifeng.id, period: "2027Q1" }),
    ).rejects.toMatchObject({ code: "INVALID" });

    // the annual plans read back through the annual layer: 2026's carried items, some open
    const y2026 = await annualPlanForYear(
      { db, actor: officeActor, now: NOW },
      { planId: xifeng.id, year: 2026 },
    );
    const detail = await annualPlanDetail(
      { db, actor: officeActor, now: NOW },
      { annualPlanId: y2026!.id },
    );
    expect(detail.items.some((i) => i.carriedOver?.fromYear === 2025)).toBe(true);
    expect(detail.items.some((i) => !i.outcome.done)).toBe(true);
    // issue #19's layers: every login signs in, 息烽县's towns are 片区 with values
    const actors = await checkLayerLogins(db, "demo-password-1");
    await checkDistricts(db, officeActor, actors.get("yongjing@xifeng.demo")!);
    await checkCascade(db, actors);

    // the demo starts with nothing in anyone's inbox or the outbox but the cascade's own messages
    // (each 下达 told the county office, each 分解 the city office)
    expect(await db.inboxMessage.count({ where: { kind: { not: "cascade-assigned" } } })).toBe(0);
    expect(await db.notification.count({ where: { kind: { not: "cascade-assigned" } } })).toBe(0);
    expect(await db.inboxMessage.count({ where: { kind: "cascade-assigned" } })).toBeGreaterThan(0);

    // the same demo on another database gives the same figures
    const before = await figures(db);
    const other = await createTestDatabase(testPostgresUrl, inject("testTemplateDatabase"));
    const db2 = createDb({ connectionString: other.url, max: 5 });
    try {
      await loadDemo(
        { db: db2, now: NOW },
        { seeds: await demoSeeds(), password: "demo-password-1" },
      );
      expect(await figures(db2)).toEqual(before);
    } finally {
      await db2.$disconnect();
      await other.drop();
    }
    // a second run on the loaded database changes nothing
    const audits = await db.auditEvent.count();
    expect(await loadDemo({ db, now: NOW }, { seeds: await demoSeeds() })).toBeNull();
    expect(await db.auditEvent.count()).toBe(audits);
    expect(await figures(db)).toEqual(before);
  },
);
