import { TRPCClientError } from "@trpc/client";
import ExcelJS from "exceljs";
import { describe, expect } from "vitest";

import type { DatabaseFixture } from "@duban/test-utils";

import { loginAs, type Api, type Client } from "./harness.ts";
import { test, type World } from "./served-world.ts";
import { PASSWORD } from "./world.ts";

/** "OK", or the tRPC code of the refusal with its message: a 500 shows up as INTERNAL_SERVER_ERROR. */
async function answer(call: () => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await call();
    return { code: "OK", message: "" };
  } catch (error) {
    if (error instanceof TRPCClientError)
      return {
        code: (error.data as { code?: string } | undefined)?.code ?? "UNKNOWN",
        message: error.message,
      };
    throw error;
  }
}

async function sessionCookie(api: Api, email: string) {
  const res = await fetch(`${api.url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-duban-csrf": "1" },
    body: JSON.stringify({ json: { email, password: PASSWORD } }),
  });
  return res.headers.getSetCookie()[0]!.split(";")[0]!;
}

const ROUNDS = 8;
const refusedOrDone = (answers: Array<{ code: string }>) =>
  answers.every((a) => a.code === "OK" || a.code === "CONFLICT");

describe("writes racing each other answer 200 or 409, never 500", () => {
  test("an Excel import racing a web submission (and a second copy of the same import) for one task and cycle", async ({
    api,
    world,
    database,
  }) => {
    const res = await fetch(`${api.url}/api/plans/${world.planId}/ledger.xlsx?period=2025Q4`, {
      headers: { cookie: await sessionCookie(api, "lead@a.test") },
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet("科学技术局")!;
    ws.getCell("J2").value = "表格导入的进展";
    ws.getCell("K2").value = 80;
    ws.getCell("L2").value = "推进中";
    const file = Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
    // a second staff member of the lead unit: one person's second upload would be refused as busy
    // (one heavy parse per user at a time), which is not the race this test is about
    const colleague = await database.db.user.create({
      data: {
        email: "lead2@a.test",
        name: "lead2",
        passwordHash: (
          await database.db.user.findUniqueOrThrow({ where: { email: "lead@a.test" } })
        ).passwordHash,
      },
    });
    await database.db.membership.create({
      data: {
        userId: colleague.id,
        jurisdictionId: world.a.id,
        role: "DEPARTMENT",
        departmentId: world.d1.id,
      },
    });
    const [importer, importer2, web] = await Promise.all([
      loginAs(api, "lead@a.test", PASSWORD),
      loginAs(api, "lead2@a.test", PASSWORD),
      loginAs(api, "lead@a.test", PASSWORD),
    ]);
    const where = { taskId: world.t1, cycleId: world.cycleId, departmentId: world.d1.id };
    const seen: Array<{ code: string; message: string }> = [];
    for (let round = 0; round < ROUNDS; round++) {
      await database.db.ledgerEntry.deleteMany({ where });
      const answers = await Promise.all([
        answer(() =>
          importer.ledger.importWorkbook.mutate({ planId: world.planId, contentBase64: file }),
        ),
        answer(() =>
          importer2.ledger.importWorkbook.mutate({ planId: world.planId, contentBase64: file }),
        ),
        answer(() =>
          web.ledger.submit.mutate({
            taskId: world.t1,
            cycleId: world.cycleId,
            progressText: "网页填报的进展",
            percentComplete: 30,
            status: "IN_PROGRESS",
          }),
        ),
      ]);
      seen.push(...answers);
      expect(refusedOrDone(answers), JSON.stringify(answers)).toBe(true);
      expect(answers.some((a) => a.code === "OK")).toBe(true);
      expect(await database.db.ledgerEntry.count({ where: { ...where, isCurrent: true } })).toBe(1);
    }
    // the race was real: some writers lost it, and were told so in words
    const conflicts = seen.filter((a) => a.code === "CONFLICT");
    expect(conflicts.length).toBeGreaterThan(0);
    for (const c of conflicts)
      expect(c.message).toMatch(
        /数据已被他人修改或重复提交，请刷新后重试|本季度已填报过该任务|已被他人修改|已有更新的版本/,
      );
  });

  /**
   * Every write path that can meet a unique constraint (schema.prisma's @unique/@@unique/@@id and the
   * partial unique indexes of the integrity migration), raced with identical calls. Not here:
   * Session/PasswordResetToken (random tokens), Plan(jurisdictionId, sourceHash) (plan.import answers
   * the winner's plan, tested in operations), PlanNode/Phase/Indicator/TaskSupport (written in one
   * transaction each), Notification.dedupeKey (ON CONFLICT DO NOTHING), CycleDepartmentStat (on close).
   */
  const races: Array<{
    name: string;
    constraint: string;
    run: (ctx: { office: Client; round: number; world: World }) => Promise<unknown>;
    count: (ctx: { db: DatabaseFixture["db"]; round: number; world: World }) => Promise<number>;
    exactlyOneWins: boolean;
  }> = [
    {
      name: "admin.createDepartment with one name",
      constraint: "Department(jurisdictionId, name)",
      exactlyOneWins: true,
      run: ({ office, round, world }) =>
        office.admin.createDepartment.mutate({
          jurisdictionId: world.a.id,
          name: `并发单位${round}`,
        }),
      count: ({ db, round, world }) =>
        db.department.count({ where: { jurisdictionId: world.a.id, name: `并发单位${round}` } }),
    },
    {
      name: "admin.createUser with one email",
      constraint: "User(email), Membership(userId, jurisdictionId, role)",
      exactlyOneWins: true,
      run: ({ office, round, world }) =>
        office.admin.createUser.mutate({
          jurisdictionId: world.a.id,
          email: `race${round}@a.test`,
          name: "并发",
          role: "LEADER",
          password: "a-long-enough-passphrase",
        }),
      count: ({ db, round }) => db.user.count({ where: { email: `race${round}@a.test` } }),
    },
    {
      name: "ledger.openCycle for one quarter",
      constraint: "ReportingCycle(planId, period)",
      exactlyOneWins: true,
      run: ({ office, round, world }) =>
        office.ledger.openCycle.mutate({
          planId: world.planId,
          period: `${2021 + Math.floor(round / 4)}Q${(round % 4) + 1}`,
        }),
      count: ({ db, round, world }) =>
        db.reportingCycle.count({
          where: {
            planId: world.planId,
            period: `${2021 + Math.floor(round / 4)}Q${(round % 4) + 1}`,
          },
        }),
    },
    {
      name: "indicator.record for one indicator and quarter",
      constraint: "IndicatorObservation current (partial unique index)",
      exactlyOneWins: false,
      run: async ({ office, round, world }) =>
        office.indicator.record.mutate({
          indicatorId: await firstIndicator(office, world.planId),
          period: `${2022 + Math.floor(round / 4)}Q${(round % 4) + 1}`,
          value: 100 + round,
        }),
      count: ({ db, round, world }) =>
        db.indicatorObservation.count({
          where: {
            indicator: { planId: world.planId },
            period: `${2022 + Math.floor(round / 4)}Q${(round % 4) + 1}`,
            supersededAt: null,
          },
        }),
    },
    {
      name: "evaluation.generate for one date",
      constraint: "Evaluation(planId, kind, asOf)",
      exactlyOneWins: false,
      run: ({ office, round, world }) =>
        office.evaluation.generate.mutate({
          planId: world.planId,
          kind: "MIDTERM",
          asOf: `2023-0${(round % 9) + 1}-15`,
        }),
      count: ({ db, round, world }) =>
        db.evaluation.count({
          where: {
            planId: world.planId,
            kind: "MIDTERM",
            asOf: new Date(`2023-0${(round % 9) + 1}-15`),
          },
        }),
    },
    {
      name: "notification.setMySetting for one kind",
      constraint: "NotificationSetting(userId, kind)",
      exactlyOneWins: false,
      run: ({ office, round }) =>
        office.notification.setMySetting.mutate({
          kind: (
            [
              "due-soon",
              "overdue",
              "overdue-escalation",
              "cycle-reminder",
              "quarterly-summary",
            ] as const
          )[round % 5]!,
          mode: "DIGEST",
        }),
      count: ({ db, round, world }) =>
        db.notificationSetting.count({
          where: {
            userId: world.users.officeA.id,
            kind: (
              [
                "due-soon",
                "overdue",
                "overdue-escalation",
                "cycle-reminder",
                "quarterly-summary",
              ] as const
            )[round % 5]!,
          },
        }),
    },
  ];

  for (const race of races) {
    test(`${race.name} — ${race.constraint}`, async ({ api, world, database }) => {
      const office = await loginAs(api, "office@a.test", PASSWORD);
      const rounds = race.name.startsWith("notification") ? 5 : ROUNDS;
      for (let round = 0; round < rounds; round++) {
        const answers = await Promise.all(
          [0, 1, 2].map(() => answer(() => race.run({ office, round, world }))),
        );
        expect(refusedOrDone(answers), JSON.stringify(answers)).toBe(true);
        const wins = answers.filter((a) => a.code === "OK").length;
        if (race.exactlyOneWins) expect(wins).toBe(1);
        else expect(wins).toBeGreaterThan(0);
        expect(await race.count({ db: database.db, round, world })).toBe(1);
      }
    });
  }
});

const indicatorIds = new Map<string, string>();
async function firstIndicator(office: Client, planId: string): Promise<string> {
  if (!indicatorIds.has(planId)) {
    const { indicators } = await office.indicator.list.query({ planId, asOf: "2023-12-31" });
    indicatorIds.set(planId, indicators.find((i) => i.name.includes("R&D"))!.id);
  }
  return indicatorIds.get(planId)!;
}
