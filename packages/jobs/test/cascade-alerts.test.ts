import { describe, expect } from "vitest";

import { toDbDate } from "@duban/domain";
import { test } from "@duban/test-utils";

import { jobCatalog } from "../src/catalog.ts";
import { allQueues, closeQueues } from "../src/queues.ts";
import { runJob } from "../src/run-job.ts";
import { registerSchedulers } from "../src/schedulers.ts";
import { addAssignment, addTask, buildCascadeWorld } from "./cascade-builders.ts";
import { inlineContext, testClock } from "./helpers.ts";

describe("cascade-late-decomposition", () => {
  test("reminds the receiving office 3 and 1 days ahead, then tells both offices exactly once", async ({
    database: { db },
    smtp,
  }) => {
    const w = await buildCascadeWorld(db);
    const clock = testClock("2024-03-07T09:10:00+08:00");
    const ctx = inlineContext(db, { smtpUrl: smtp.url, now: clock.now });
    const t1 = await addTask(db, w.city, { title: "建设科技成果转化中心", dueDate: "2024-12-31" });
    const a1 = await addAssignment(db, w.city, w.a, {
      parentTaskId: t1.id,
      decomposeBy: "2024-03-10",
      note: "请分解到乡镇",
    });
    // 播州区's own deadline is far away; its office must never hear of 汇川区's item
    await addAssignment(db, w.city, w.b, { parentTaskId: t1.id, decomposeBy: "2024-03-30" });
    // decomposed late and withdrawn ones are never flagged
    const t2 = await addTask(db, w.city, { title: "设立科技专项资金", dueDate: "2024-12-31" });
    await addAssignment(db, w.city, w.b, {
      parentTaskId: t2.id,
      decomposeBy: "2024-03-01",
      state: "DECOMPOSED",
      decomposedAt: "2024-03-05",
    });
    await addAssignment(db, w.city, w.a, {
      parentTaskId: t1.id,
      decomposeBy: "2024-03-01",
      state: "WITHDRAWN",
    });
    const run = async (day: string, extra: Record<string, unknown> = {}) => {
      clock.set(`${day}T09:10:00+08:00`);
      return runJob(ctx, "cascade-late-decomposition", { asOf: day, trigger: "test", ...extra });
    };
    const rows = (kind: string) =>
      db.notification.findMany({ where: { kind }, orderBy: { dedupeKey: "asc" } });

    // 7 March: 3 days left → the 3-day reminder to 汇川区's office only
    const first = await run("2024-03-07");
    expect(first.summary).toMatchObject({ decomposeSoon: 1, late: 0, enqueued: 1 });
    // 8 March (2 days left) is still the 3-day threshold: nothing new
    expect((await run("2024-03-08")).summary).toMatchObject({ enqueued: 0 });
    // 9 March: 1 day left → the 1-day reminder; 10 March (the last day) is still that threshold
    expect((await run("2024-03-09")).summary).toMatchObject({ enqueued: 1 });
    expect((await run("2024-03-10")).summary).toMatchObject({ enqueued: 0, late: 0 });
    const soon = await rows("cascade-decompose-soon");
    expect(soon.map((r) => [r.recipientEmail, r.dedupeKey])).toEqual([
      [`a-office-${w.s}@gov.cn`, `cascade-decompose-soon:${a1.id}:2024-03-10:1:a-office-${w.s}@gov.cn`],
      [`a-office-${w.s}@gov.cn`, `cascade-decompose-soon:${a1.id}:2024-03-10:3:a-office-${w.s}@gov.cn`],
    ]);
    expect(soon.every((r) => r.jurisdictionId === w.a.j.id)).toBe(true);
    expect((soon[1]!.payload as { daysLeft: number }).daysLeft).toBe(3);

    // 11 March: late. A dry run says who would hear, and writes nothing
    clock.set("2024-03-11T09:10:00+08:00");
    const dry = await runJob(ctx, "cascade-late-decomposition", { asOf: "2024-03-11", dryRun: true });
    expect(dry.recipients!.map((r) => [r.email, r.kind]).sort()).toEqual([
      [`a-office-${w.s}@gov.cn`, "cascade-late"],
      [`city-office-${w.s}@gov.cn`, "cascade-late"],
    ]);
    expect((await db.assignment.findUniqueOrThrow({ where: { id: a1.id } })).lateFlaggedAt).toBe(
      null,
    );

    const late = await run("2024-03-11");
    expect(late.summary).toMatchObject({ late: 1, flagged: 1, enqueued: 2 });
    expect(late.byJurisdiction).toEqual({ [w.a.j.id]: { late: 1, flagged: 1, enqueued: 2 } });
    const flagged = await db.assignment.findUniqueOrThrow({ where: { id: a1.id } });
    expect(flagged.lateFlaggedAt?.toISOString()).toBe("2024-03-11T01:10:00.000Z");
    expect(flagged.version).toBe(0);
    const lateRows = await rows("cascade-late");
    // both offices, nobody else: not 播州区's office, not 汇川区's unit staff, not the leaders
    expect(lateRows.map((r) => r.recipientEmail).sort()).toEqual([
      `a-office-${w.s}@gov.cn`,
      `city-office-${w.s}@gov.cn`,
    ]);
    const byAudience = Object.fromEntries(
      lateRows.map((r) => [(r.payload as { audience: string }).audience, r]),
    );
    expect(byAudience.receiving!.recipientEmail).toBe(`a-office-${w.s}@gov.cn`);
    expect(byAudience.assigning!.payload).toMatchObject({
      assignmentId: a1.id,
      parentTitle: "建设科技成果转化中心",
      toJurisdictionName: `汇川区-${w.s}`,
      decomposeBy: "2024-03-10",
      daysLate: 1,
    });
    // the emails went out through the real SMTP server
    const mails = smtp.messages.filter((m) => m.subject.includes("逾期未分解"));
    expect(mails.flatMap((m) => m.to).sort()).toEqual([
      `a-office-${w.s}@gov.cn`,
      `city-office-${w.s}@gov.cn`,
    ]);
    expect(mails.find((m) => m.to.includes(`city-office-${w.s}@gov.cn`))!.html).toContain(
      "请督促落实",
    );
    // and each office has it in its inbox, opening the assignment
    const inbox = await db.inboxMessage.findMany({ where: { kind: "cascade-late" } });
    expect(inbox.map((m) => [m.userId, m.entityType, m.entityId]).sort()).toEqual(
      [
        [w.a.office.id, "Assignment", a1.id],
        [w.city.office.id, "Assignment", a1.id],
      ].sort(),
    );
    expect(
      await db.auditEvent.count({ where: { action: "assignment.lateFlagged", entityId: a1.id } }),
    ).toBe(1);

    // reruns the same day, the next day, a second worker: nobody is told twice
    expect((await run("2024-03-11")).summary).toMatchObject({ late: 0, enqueued: 0 });
    expect((await run("2024-03-12")).summary).toMatchObject({ late: 0, enqueued: 0 });
    expect(await db.notification.count({ where: { kind: "cascade-late" } })).toBe(2);
    expect(smtp.messages.filter((m) => m.subject.includes("逾期未分解"))).toHaveLength(2);

    // the city moves the deadline to 15 March: the flag re-arms (it predates the new deadline's end)
    await db.assignment.update({
      where: { id: a1.id },
      data: { decomposeBy: toDbDate("2024-03-15") },
    });
    expect((await run("2024-03-14")).summary).toMatchObject({ late: 0, decomposeSoon: 1 });
    const again = await run("2024-03-16");
    expect(again.summary).toMatchObject({ late: 1, flagged: 1, enqueued: 2 });
    expect(await db.notification.count({ where: { kind: "cascade-late" } })).toBe(4);
    expect(
      await db.auditEvent.count({ where: { action: "assignment.lateFlagged", entityId: a1.id } }),
    ).toBe(2);
    // decomposed at last: no further flag, ever
    await db.assignment.update({
      where: { id: a1.id },
      data: { state: "DECOMPOSED", decomposedAt: new Date("2024-03-17T02:00:00Z") },
    });
    expect((await run("2024-03-18")).summary).toMatchObject({ late: 0, decomposeSoon: 0 });
  });

  test("a county's own run covers its assignments only, and its result names no one else's", async ({
    database: { db },
  }) => {
    const w = await buildCascadeWorld(db);
    const clock = testClock("2024-03-11T09:10:00+08:00");
    const ctx = inlineContext(db, { now: clock.now });
    const t1 = await addTask(db, w.city, { title: "组建产业技术联盟", dueDate: "2024-12-31" });
    const aLate = await addAssignment(db, w.city, w.a, {
      parentTaskId: t1.id,
      decomposeBy: "2024-03-05",
    });
    const bLate = await addAssignment(db, w.city, w.b, {
      parentTaskId: t1.id,
      decomposeBy: "2024-03-06",
    });
    // 播州区's office presses "run now" (scope: its jurisdiction and below)
    const asB = await runJob(
      ctx,
      "cascade-late-decomposition",
      { asOf: "2024-03-11", dryRun: true },
      { jurisdictionIds: [w.b.j.id] },
    );
    expect(Object.keys(asB.byJurisdiction ?? {})).toEqual([w.b.j.id]);
    expect(asB.recipients!.map((r) => r.email).sort()).toEqual([
      `b-office-${w.s}@gov.cn`,
      `city-office-${w.s}@gov.cn`,
    ]);
    expect(asB.recipients!.every((r) => r.dedupeKey.includes(bLate.id))).toBe(true);
    expect(JSON.stringify(asB)).not.toContain(aLate.id);
    expect(JSON.stringify(asB)).not.toContain(`a-office-${w.s}`);
    // an assignment the job may not trust to come from above (a sibling "assigning" a county) tells
    // the receiving office only: the sibling's office does not read 汇川区
    const sideways = await addAssignment(db, w.b, w.a, {
      parentTaskId: (await addTask(db, w.b, { title: "横向事项", dueDate: "2024-12-31" })).id,
      decomposeBy: "2024-03-04",
    });
    const all = await runJob(ctx, "cascade-late-decomposition", { asOf: "2024-03-11" });
    expect(all.summary).toMatchObject({ late: 3, flagged: 3 });
    const sidewaysRows = await db.notification.findMany({
      where: { kind: "cascade-late", dedupeKey: { contains: sideways.id } },
    });
    expect(sidewaysRows.map((r) => r.recipientEmail)).toEqual([`a-office-${w.s}@gov.cn`]);
    // the unit's staff and the leaders never get the office's cascade mail
    expect(
      await db.notification.count({
        where: {
          recipientEmail: { in: [`a-staff-${w.s}@gov.cn`, `a-leader-${w.s}@gov.cn`] },
        },
      }),
    ).toBe(0);
  });

  test("is catalogued at 09:10 Asia/Shanghai and registered with the others", async ({
    redis,
  }) => {
    expect(jobCatalog["cascade-late-decomposition"].schedule).toEqual({ pattern: "10 9 * * *" });
    const queues = allQueues({ url: redis.url }, redis.prefix);
    try {
      const ids = await registerSchedulers(queues);
      expect(ids).toContain("cascade-late-decomposition@schedule");
      const scheduler = await queues["cascade-late-decomposition"].getJobScheduler(
        "cascade-late-decomposition@schedule",
      );
      expect(scheduler).toMatchObject({ pattern: "10 9 * * *", tz: "Asia/Shanghai" });
    } finally {
      await closeQueues(queues);
    }
  });
});
