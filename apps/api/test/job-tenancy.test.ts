import { afterAll, describe, expect } from "vitest";

import { addDays } from "@duban/domain";
import { test } from "@duban/test-utils";

import { loginAs, outcome, type Client } from "./harness.ts";
import { tenancyWorldOnce, type TenancyWorld } from "./tenancy-world.ts";
import { PASSWORD } from "./world.ts";

type Run = {
  runId: string;
  summary: Record<string, unknown>;
  byJurisdiction?: Record<string, unknown>;
  recipients?: Array<{ email: string; dedupeKey: string }>;
};
const once = tenancyWorldOnce();
afterAll(() => once.close());

async function clients(t: TenancyWorld) {
  const as = (email: string) => loginAs(t.api, email, PASSWORD);
  return {
    officeA: await as("office@a.test"),
    officeB: await as("office@b.test"),
    cityOffice: await as("office@city.test"),
    leaderA: await as("leader@a.test"),
    staffLead: await as("lead@a.test"),
    leaderCity: await as("leader@city.test"),
  };
}
const run = async (
  c: Client,
  input: {
    name:
      | "due-soon-reminders"
      | "overdue-scan"
      | "quarterly-cycle"
      | "quarterly-summary"
      | "send-notifications";
    dryRun: boolean;
    asOf?: string;
    planId?: string;
  },
) => (await c.jobs.runNow.mutate(input)) as Run;
const emailsOf = (r: Run) => [...new Set(r.recipients!.map((x) => x.email))].sort();

describe("jobs are scoped to the office's jurisdictions", () => {
  test("dry and real runs reach only the office's own county; a city's office reaches the counties below", async ({
    database,
    redis,
  }) => {
    const t = await once.get(database, redis);
    const c = await clients(t);
    const dryA = await run(c.officeA, { name: "overdue-scan", dryRun: true });
    expect(emailsOf(dryA)).toEqual(
      expect.arrayContaining(["d1@a.test", "lead@a.test", "office@a.test"]),
    );
    expect(emailsOf(dryA).every((e) => e.endsWith("@a.test"))).toBe(true);
    expect(Object.keys(dryA.byJurisdiction!)).toEqual([t.world.a.id]);
    const dryB = await run(c.officeB, { name: "overdue-scan", dryRun: true });
    expect(emailsOf(dryB)).toEqual(["kjj@b.test", "office@b.test", "staff@b.test"]);
    expect(dryB.summary).toMatchObject({ overdueTasks: 1 });
    const dryCity = await run(c.cityOffice, { name: "overdue-scan", dryRun: true });
    expect(emailsOf(dryCity)).toEqual(emailsOf(dryA));

    const before = new Date();
    const real = await run(c.officeA, { name: "overdue-scan", dryRun: false });
    expect(Object.keys(real.byJurisdiction!)).toEqual([t.world.a.id]);
    const written = await t.db.notification.findMany({ where: { createdAt: { gte: before } } });
    expect(written.length).toBeGreaterThan(0);
    expect(
      written.every(
        (n) => n.jurisdictionId === t.world.a.id && !n.recipientEmail.endsWith("@b.test"),
      ),
    ).toBe(true);
  });

  test("a plan of another jurisdiction is not found; only offices may run or read jobs", async ({
    database,
    redis,
  }) => {
    const t = await once.get(database, redis);
    const c = await clients(t);
    expect(
      await outcome(() =>
        run(c.officeA, { name: "overdue-scan", dryRun: true, planId: t.bPlan.id }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await outcome(() =>
        run(c.officeB, { name: "due-soon-reminders", dryRun: true, planId: t.world.planId }),
      ),
    ).toBe("NOT_FOUND");
    // the city's office may narrow to a county's plan below it; the run stays inside that plan
    const narrowed = await run(c.cityOffice, {
      name: "overdue-scan",
      dryRun: true,
      planId: t.world.planId,
    });
    const keys = narrowed.recipients!.map((r) => r.dedupeKey);
    expect(keys.length).toBeGreaterThan(0); // not vacuous: the plan has overdue work to mail about
    expect(keys.filter((k) => !k.endsWith(`:plan:${t.world.planId}`))).toEqual([]);
    for (const who of [c.leaderA, c.staffLead, c.leaderCity]) {
      expect(await outcome(() => run(who, { name: "overdue-scan", dryRun: true }))).toBe(
        "FORBIDDEN",
      );
      expect(await outcome(() => who.jobs.runs.query({}))).toBe("FORBIDDEN");
      expect(await outcome(() => who.jobs.list.query())).toBe("FORBIDDEN");
    }
  });

  test("an office cannot close another county's reporting cycle, even with a future date; its own it can", async ({
    database,
    redis,
  }) => {
    const t = await once.get(database, redis);
    const c = await clients(t);
    const state = async (id: string) =>
      (await t.db.reportingCycle.findUniqueOrThrow({ where: { id } })).state;
    const later = addDays(t.today, 20);
    // the attack of the issue: a future date would have closed B's window (and A's own)
    expect(
      await outcome(() => run(c.officeA, { name: "quarterly-cycle", dryRun: false, asOf: later })),
    ).toBe("BAD_REQUEST");
    const real = await run(c.officeA, { name: "quarterly-cycle", dryRun: false });
    expect(real.summary).toMatchObject({ closed: [] });
    const dry = await run(c.officeA, { name: "quarterly-cycle", dryRun: true, asOf: later });
    expect(dry.summary).toMatchObject({ closed: [{ planId: t.world.planId, period: "2025Q4" }] });
    expect(await state(t.bCycle.id)).toBe("OPEN");
    expect(await state(t.world.cycleId)).toBe("OPEN");
    // B's own office closes B's ended window
    const own = await run(c.officeB, { name: "quarterly-cycle", dryRun: false });
    expect(own.summary).toMatchObject({ closed: [{ planId: t.bPlan.id, period: "2026Q3" }] });
    expect(await state(t.bCycle.id)).toBe("CLOSED");
    expect(await state(t.world.cycleId)).toBe("OPEN");
  });

  test("history: an office sees its own runs, not another county's, and of a run over every jurisdiction only its share", async ({
    database,
    redis,
  }) => {
    const t = await once.get(database, redis);
    const c = await clients(t);
    const mine = await run(c.officeA, { name: "due-soon-reminders", dryRun: true });
    const city = await run(c.cityOffice, { name: "due-soon-reminders", dryRun: true });
    const everyone = (await t.runAsCli("due-soon-reminders", { dryRun: true })) as Run;
    const bRuns = await c.officeB.jobs.runs.query({ name: "due-soon-reminders" });
    expect(bRuns.map((r) => r.id)).not.toContain(mine.runId);
    expect(bRuns.map((r) => r.id)).not.toContain(city.runId);
    const shared = bRuns.find((r) => r.id === everyone.runId)!;
    const stored = await t.db.jobRun.findUniqueOrThrow({ where: { id: everyone.runId } });
    const bShare =
      ((stored.byJurisdiction ?? {}) as Record<string, Record<string, number>>)[t.world.b.id] ?? {};
    expect(shared).toMatchObject({
      coverage: "SHARED",
      allJurisdictions: true,
      trigger: "manual",
      summary: bShare,
      error: null,
    });
    expect(Object.keys(stored.summary as object)).toContain("days");

    const aRuns = await c.officeA.jobs.runs.query({ name: "due-soon-reminders" });
    expect(aRuns.find((r) => r.id === mine.runId)).toMatchObject({
      coverage: "OWN",
      trigger: "manual:office@a.test",
      summary: expect.objectContaining({ days: expect.any(Array) }),
    });
    // a city's run also covered the city: the county sees it, as a share
    expect(aRuns.find((r) => r.id === city.runId)).toMatchObject({
      coverage: "SHARED",
      trigger: "manual",
    });
    expect(
      (await c.cityOffice.jobs.runs.query({ name: "due-soon-reminders" })).find(
        (r) => r.id === mine.runId,
      ),
    ).toMatchObject({ coverage: "OWN" });
    // a run over one plan belongs to that plan's jurisdiction, whoever started it
    const cityOnA = await run(c.cityOffice, {
      name: "due-soon-reminders",
      dryRun: true,
      planId: t.world.planId,
    });
    expect(
      (await c.officeA.jobs.runs.query({ name: "due-soon-reminders" })).find(
        (r) => r.id === cityOnA.runId,
      ),
    ).toMatchObject({ coverage: "OWN", planId: t.world.planId });
    expect(
      (await c.officeB.jobs.runs.query({ name: "due-soon-reminders" })).map((r) => r.id),
    ).not.toContain(cityOnA.runId);

    // the jobs page's "last run" follows the same rule
    const listB = await c.officeB.jobs.list.query();
    expect(listB.find((j) => j.name === "due-soon-reminders")!.lastRun).toMatchObject({
      id: everyone.runId,
      coverage: "SHARED",
    });
  });
});
