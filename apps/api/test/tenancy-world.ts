import { addDays, hashPassword, shanghaiDay, systemActor, toDbDate } from "@duban/domain";
import { createJobRunner } from "@duban/jobs";
import { createLogger } from "@duban/logger";
import type { DatabaseFixture, RedisFixture } from "@duban/test-utils";

import { startApi, type Api } from "./harness.ts";
import { buildWorld, PASSWORD } from "./world.ts";

export type TenancyWorld = Awaited<ReturnType<typeof buildTenancyWorld>>;

/**
 * The shared test world (counties 甲县 A and 乙县 B, city 测试市 above A) plus what the tenancy
 * tests need: an office for the city, and in B an active plan with an overdue task and a reporting
 * cycle whose window has ended (so a run over every jurisdiction would close it). A's tasks are
 * overdue too (due 2025-12-31). `runAsCli` runs a job as the operator does (every jurisdiction).
 */
export async function buildTenancyWorld(database: DatabaseFixture, redis: RedisFixture) {
  const api = await startApi(database, redis, { jobs: true });
  const { db } = database;
  const world = await buildWorld(db);
  const cityOffice = await db.user.create({
    data: {
      email: "office@city.test",
      name: "市办公室",
      passwordHash: await hashPassword(PASSWORD),
    },
  });
  await db.membership.create({
    data: { userId: cityOffice.id, jurisdictionId: world.city.id, role: "OFFICE" },
  });
  await db.department.update({
    where: { id: world.bDept.id },
    data: { contactEmails: ["kjj@b.test"] },
  });
  const bPlan = await db.plan.create({
    data: {
      jurisdictionId: world.b.id,
      title: "乙县科技创新规划",
      periodStart: 2021,
      periodEnd: 2030,
      status: "ACTIVE",
      sourceFileName: "b.txt",
      sourceFormat: "txt",
      sourceHash: "b-plan",
      sourceText: "…",
      parserVersion: 1,
      parseResult: {},
    },
  });
  const today = shanghaiDay(new Date());
  const bTask = await db.task.create({
    data: {
      planId: bPlan.id,
      title: "乙县逾期任务",
      leadDepartmentId: world.bDept.id,
      startDate: toDbDate("2021-01-01"),
      dueDate: toDbDate(addDays(today, -30)),
      originalDueDate: toDbDate(addDays(today, -30)),
      status: "IN_PROGRESS",
    },
  });
  const ended = new Date(Date.now() - 3600_000);
  const bCycle = await db.reportingCycle.create({
    data: {
      planId: bPlan.id,
      period: "2026Q3",
      opensAt: new Date(Date.now() - 40 * 86_400_000),
      dueAt: ended,
      closesAt: ended,
      state: "OPEN",
      openedAt: new Date(Date.now() - 40 * 86_400_000),
    },
  });
  const runAsCli = async (name: string, input: { dryRun: boolean; asOf?: string }) => {
    const runNow = createJobRunner({
      db,
      connection: { url: redis.url },
      prefix: redis.prefix,
      log: createLogger("cli-test", { level: "silent" }),
    });
    try {
      return await runNow(name, input, systemActor("cli"));
    } finally {
      await runNow.close();
    }
  };
  return { api, db, world, today, cityOffice, bPlan, bTask, bCycle, runAsCli };
}

/** The setup once per test file, whichever test asks first (each test stands alone). */
export function tenancyWorldOnce() {
  let built: Promise<TenancyWorld> | null = null;
  return {
    get: (database: DatabaseFixture, redis: RedisFixture) =>
      (built ??= buildTenancyWorld(database, redis)),
    close: async () => (built ? (await built).api.close() : undefined),
  };
}

/** The session cookie of a user, for plain HTTP requests (the dashboard, downloads). */
export async function cookieOf(api: Api, email: string, password = PASSWORD): Promise<string> {
  const res = await fetch(`${api.url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-duban-csrf": "1" },
    body: JSON.stringify({ json: { email, password } }),
  });
  return res.headers.getSetCookie()[0]!.split(";")[0]!;
}
