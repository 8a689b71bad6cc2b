import { readFile } from "node:fs/promises";
import path from "node:path";

import { expect } from "vitest";

import { test } from "@duban/test-utils";

import { completionByDepartment, loadDemo, systemActor, type DemoSeed } from "../src/index.ts";

const seeds = path.resolve(import.meta.dirname, "../../../seeds");

test("the demo loads both seed plans with tasks, logins and a quarter of history, once", async ({
  database,
}) => {
  const { db } = database;
  const demo: DemoSeed[] = [
    {
      fileName: "xifeng.txt",
      bytes: new Uint8Array(
        await readFile(path.join(seeds, "xifeng-county-14th-fyp-sti-plan.txt")),
      ),
      jurisdiction: "息烽县",
      kind: "COUNTY",
      parent: "贵阳市",
      slug: "xifeng",
      title: "息烽县“十四五”科技创新规划",
      withHistory: true,
    },
    {
      fileName: "zunyi.txt",
      bytes: new Uint8Array(await readFile(path.join(seeds, "zunyi-city-14th-fyp-sti-plan.txt"))),
      jurisdiction: "遵义市",
      kind: "CITY",
      slug: "zunyi",
    },
  ];
  const creds = await loadDemo(
    { db, now: new Date("2026-11-23T10:00:00+08:00") },
    { seeds: demo, password: "demo-password-1" },
  );
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
    include: { _count: { select: { tasks: true, indicators: true } } },
  });
  expect(plans).toHaveLength(2);
  for (const p of plans) {
    expect(p.status).toBe("ACTIVE");
    expect(p._count.tasks).toBeGreaterThan(10);
  }
  expect(plans.find((p) => p.sourceFileName === "xifeng.txt")!._count.indicators).toBe(7);
  expect(plans.find((p) => p.sourceFileName === "zunyi.txt")!._count.indicators).toBe(13);
  const xifeng = plans.find((p) => p.sourceFileName === "xifeng.txt")!;
  const cycles = await db.reportingCycle.findMany({
    where: { planId: xifeng.id },
    orderBy: { period: "asc" },
  });
  expect(cycles.map((c) => `${c.period}:${c.state}`)).toEqual(["2025Q3:CLOSED", "2025Q4:OPEN"]);
  const completion = await completionByDepartment(
    { db, actor: systemActor("test") },
    { planId: xifeng.id, asOf: "2026-11-23" },
  );
  expect(completion.totals.completed).toBeGreaterThan(0);
  expect(completion.totals.total).toBe(xifeng._count.tasks);
  // every state change of the demo went through the domain and left an audit event
  const audited = await db.auditEvent.count({ where: { action: "task.create" } });
  expect(audited).toBe(plans.reduce((s, p) => s + p._count.tasks, 0));
  // a second run changes nothing
  expect(await loadDemo({ db }, { seeds: demo })).toBeNull();
});
