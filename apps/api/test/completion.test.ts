// 办结审核 and 评价 over HTTP (issue #17 steps 3 and 6): the lead unit applies with evidence, the
// office returns or signs off with a rating, nobody completes a task by a status change.
import ExcelJS from "exceljs";
import { describe, expect } from "vitest";

import { createTasks, systemActor } from "@duban/domain";

import { applyOverHttp, PDF, PNG } from "./completion-http.ts";
import { cookieOf, loginAs, outcome, refused } from "./harness.ts";
import { test, type World } from "./served-world.ts";
import { PASSWORD } from "./world.ts";

type Db = Parameters<typeof createTasks>[0]["db"];

const NO_SELF_COMPLETION = "任务须由牵头单位提交办结申请，经领导小组办公室审核后办结";

/** A fresh task led by 科技局 (d1), supported by 市场监管局 (d2), in county A's plan. */
async function newTask(db: Db, w: World, title: string): Promise<string> {
  const [id] = await createTasks(
    { db, actor: systemActor("test") },
    {
      planId: w.planId,
      tasks: [
        {
          nodeId: null,
          title,
          description: "",
          leadDepartmentId: w.d1.id,
          supportingDepartmentIds: [w.d2.id],
          phaseKey: "LAUNCH",
          startDate: "2021-01-01",
          dueDate: "2025-12-31",
          milestones: [],
        },
      ],
    },
  );
  return id!;
}

const apply = applyOverHttp;

const version = async (db: Db, taskId: string) =>
  (await db.task.findUniqueOrThrow({ where: { id: taskId } })).version;

/** Everything an application writes, to show a refusal wrote none of it. */
async function footprint(db: Db, taskId: string) {
  const task = await db.task.findUniqueOrThrow({ where: { id: taskId } });
  return {
    status: task.status,
    version: task.version,
    applications: await db.completionApplication.count({ where: { taskId } }),
    evidence: await db.evidenceFile.count({ where: { completionApplication: { taskId } } }),
    audit: await db.auditEvent.count(),
    outbox: await db.notification.count(),
    inbox: await db.inboxMessage.count(),
  };
}

describe("办结审核: apply with evidence, return, re-apply, sign off with a rating", () => {
  test("only the lead unit applies, with 1–10 evidence files; a refusal writes nothing", async ({
    api,
    world,
    database,
  }) => {
    const db = database.db;
    const taskId = await newTask(db, world, "办结申请任务");
    const lead = await loginAs(api, "lead@a.test", PASSWORD);
    const support = await loginAs(api, "support@a.test", PASSWORD);
    const other = await loginAs(api, "other@a.test", PASSWORD);
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const leader = await loginAs(api, "leader@a.test", PASSWORD);
    const summary = "已完成全部建设内容，通过验收。";
    const files = [
      { name: "验收报告.pdf", bytes: PDF },
      { name: "现场照片.png", bytes: PNG },
    ];
    const before = await footprint(db, taskId);
    const v = await version(db, taskId);

    const none = await apply(api, lead, taskId, { version: v, summary }, []);
    expect(none.status).toBe(400);
    expect(none.body?.error?.message).toContain("至少一份佐证材料");
    const eleven = Array.from({ length: 11 }, (_, i) => ({ name: `f${i}.pdf`, bytes: PDF }));
    const tooMany = await apply(api, lead, taskId, { version: v, summary }, eleven);
    expect(tooMany.status).toBe(413);
    expect(tooMany.body?.error?.message).toContain("最多 10 份");
    const noSummary = await apply(api, lead, taskId, { version: v, summary: "  " }, files);
    expect(noSummary.status).toBe(400);
    const wrongType = await apply(api, lead, taskId, { version: v, summary }, [
      { name: "x.pdf", bytes: PNG },
    ]);
    expect(wrongType.status).toBe(400);
    expect(wrongType.body?.error?.message).toContain("文件内容与扩展名不符");
    const stale = await apply(api, lead, taskId, { version: v + 5, summary }, files);
    expect(stale.status).toBe(409);
    for (const [who, client, status] of [
      ["supporting unit", support, 403],
      ["office", office, 403],
      ["leader", leader, 403],
      ["another unit", other, 404],
      ["nobody", null, 401],
    ] as const) {
      const res = await apply(api, client, taskId, { version: v, summary }, files);
      expect(res.status, who).toBe(status);
      if (status === 403) expect(res.body?.error?.message, who).toContain("牵头单位");
    }
    const noCsrf = await apply(api, lead, taskId, { version: v, summary }, files, { csrf: false });
    expect(noCsrf.status).toBe(403);
    expect(await footprint(db, taskId)).toEqual(before);

    const ok = await apply(api, lead, taskId, { version: v, summary }, files);
    expect(ok.status).toBe(201);
    const applicationId = ok.body!.applicationId!;
    const task = await db.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(task.status).toBe("PENDING_REVIEW");
    const row = await db.completionApplication.findUniqueOrThrow({
      where: { id: applicationId },
      include: { evidence: true },
    });
    expect(row).toMatchObject({ state: "PENDING", summary, departmentId: world.d1.id });
    expect(row.evidence.map((e) => e.fileName).sort()).toEqual(
      ["现场照片.png", "验收报告.pdf"].sort(),
    );
    expect(
      await db.auditEvent.count({ where: { action: "completion.apply", entityId: applicationId } }),
    ).toBe(1);
    // the office hears of it: an email through the outbox and an inbox message
    const mail = await db.notification.findMany({
      where: {
        kind: "completion-applied",
        dedupeKey: { startsWith: `completion:${applicationId}` },
      },
    });
    expect(mail.map((m) => m.recipientEmail)).toEqual(["office@a.test"]);
    const inbox = await db.inboxMessage.findMany({
      where: { kind: "completion-applied", entityId: applicationId },
    });
    expect(inbox.map((m) => m.userId)).toEqual([world.users.officeA.id]);
    expect(inbox[0]).toMatchObject({ taskId, entityType: "CompletionApplication" });

    // the office downloads the evidence; the supporting unit sees the application too
    const listed = await office.completion.list.query({ taskId });
    expect(listed).toHaveLength(1);
    const res = await fetch(`${api.url}/api/evidence/${listed[0]!.evidence[0]!.id}`, {
      headers: { cookie: cookieOf.get(office)!()! },
    });
    expect(res.status).toBe(200);
    expect((await support.completion.list.query({ taskId })).map((a) => a.id)).toEqual([
      applicationId,
    ]);
    expect(await outcome(() => other.completion.list.query({ taskId }))).toBe("NOT_FOUND");

    // a second application while the first awaits sign-off
    const again = await apply(
      api,
      lead,
      taskId,
      { version: await version(db, taskId), summary },
      files,
    );
    expect(again.status).toBe(400);
    expect(again.body?.error?.message).toContain("等待领导小组办公室审核");
  });

  test("no self-completion: setStatus 已完成 by the lead or the office, a lead's ledger report of 已完成 or 100 %", async ({
    api,
    world,
    database,
  }) => {
    const db = database.db;
    const taskId = await newTask(db, world, "不能自行办结");
    const lead = await loginAs(api, "lead@a.test", PASSWORD);
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const support = await loginAs(api, "support@a.test", PASSWORD);
    for (const client of [lead, office]) {
      const r = await refused(async () =>
        client.task.setStatus.mutate({
          taskId,
          version: await version(db, taskId),
          status: "COMPLETED",
        }),
      );
      expect(r.code).toBe("BAD_REQUEST");
      expect(r.message).toBe(NO_SELF_COMPLETION);
      const p = await refused(async () =>
        client.task.setStatus.mutate({
          taskId,
          version: await version(db, taskId),
          status: "PENDING_REVIEW",
        }),
      );
      expect(p.message).toBe(NO_SELF_COMPLETION);
    }
    for (const report of [
      { percentComplete: 100, status: "COMPLETED" as const },
      { percentComplete: 100, status: "IN_PROGRESS" as const },
      { percentComplete: 80, status: "COMPLETED" as const },
    ]) {
      const r = await refused(() =>
        lead.ledger.submit.mutate({
          taskId,
          cycleId: world.cycleId,
          progressText: "全部完成",
          ...report,
        }),
      );
      expect(r.message).toContain("请通过办结申请");
    }
    const t = await db.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(t).toMatchObject({ status: "NOT_STARTED", completedAt: null });
    // a supporting unit reports its own part as done: the task does not move, even once approved
    await support.ledger.submit.mutate({
      taskId,
      cycleId: world.cycleId,
      progressText: "配合工作已完成",
      percentComplete: 100,
      status: "COMPLETED",
    });
    const entry = await db.ledgerEntry.findFirstOrThrow({
      where: { taskId, departmentId: world.d2.id, isCurrent: true },
    });
    await office.ledger.review.mutate({
      entryId: entry.id,
      version: entry.version,
      decision: "APPROVE",
    });
    expect((await db.task.findUniqueOrThrow({ where: { id: taskId } })).status).toBe("NOT_STARTED");
  });

  test("the Excel ledger import cannot complete a task either: a lead's 已完成 row is a row error, nothing imported", async ({
    api,
    world,
    database,
  }) => {
    const db = database.db;
    const taskId = await newTask(db, world, "台账导入不能办结");
    const lead = await loginAs(api, "lead@a.test", PASSWORD);
    const res = await fetch(`${api.url}/api/plans/${world.planId}/ledger.xlsx?period=2025Q4`, {
      headers: { cookie: cookieOf.get(lead)!()! },
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet("科学技术局")!;
    let row = 0;
    ws.eachRow((r, n) => {
      if (String(r.getCell(1).value) === taskId) row = n;
    });
    expect(row).toBeGreaterThan(1);
    ws.getCell(row, 10).value = "全部完成";
    ws.getCell(row, 11).value = 100;
    ws.getCell(row, 12).value = "已完成";
    const entries = await db.ledgerEntry.count();
    let details: { errors?: Array<{ row: number; message: string }> } | undefined;
    try {
      await lead.ledger.importWorkbook.mutate({
        planId: world.planId,
        contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString("base64"),
      });
    } catch (error) {
      details = (error as { data?: { details?: typeof details } }).data?.details;
    }
    expect(details?.errors?.find((e) => e.row === row)?.message).toContain("请通过办结申请");
    expect(await db.ledgerEntry.count()).toBe(entries);
    expect((await db.task.findUniqueOrThrow({ where: { id: taskId } })).status).toBe("NOT_STARTED");
  });

  test("the office returns with a comment, the unit re-applies, the office signs off with a rating; other roles cannot decide", async ({
    api,
    world,
    database,
  }) => {
    const db = database.db;
    const taskId = await newTask(db, world, "退回再申请");
    const lead = await loginAs(api, "lead@a.test", PASSWORD);
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const officeB = await loginAs(api, "office@b.test", PASSWORD);
    const leader = await loginAs(api, "leader@a.test", PASSWORD);
    const support = await loginAs(api, "support@a.test", PASSWORD);
    await lead.ledger.submit.mutate({
      taskId,
      cycleId: world.cycleId,
      progressText: "基本完成",
      percentComplete: 90,
      status: "IN_PROGRESS",
    });
    const first = await apply(
      api,
      lead,
      taskId,
      { version: await version(db, taskId), summary: "第一次申请" },
      [{ name: "a.pdf", bytes: PDF }],
    );
    expect(first.status).toBe(201);
    const firstId = first.body!.applicationId!;
    const appVersion = async (id: string) =>
      (await db.completionApplication.findUniqueOrThrow({ where: { id } })).version;

    // while it awaits sign-off the unit still reports the quarter (as 推进中); approving that
    // report leaves the task 待审核
    const reported = await db.ledgerEntry.findFirstOrThrow({
      where: { taskId, departmentId: world.d1.id, isCurrent: true },
    });
    const amended = await lead.ledger.amend.mutate({
      entryId: reported.id,
      version: reported.version,
      progressText: "等待办结审核",
      percentComplete: 95,
      status: "IN_PROGRESS",
    });
    await office.ledger.review.mutate({
      entryId: amended.id,
      version: amended.version,
      decision: "APPROVE",
    });
    expect(await db.task.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({
      status: "PENDING_REVIEW",
      progress: 0,
    });

    const auditBefore = await db.auditEvent.count();
    for (const [who, client, code] of [
      ["lead unit", lead, "FORBIDDEN"],
      ["supporting unit", support, "FORBIDDEN"],
      ["leader", leader, "FORBIDDEN"],
      ["another county's office", officeB, "NOT_FOUND"],
    ] as const) {
      const r = await refused(async () =>
        client.completion.decide.mutate({
          applicationId: firstId,
          version: await appVersion(firstId),
          approve: true,
          rating: "EXCELLENT",
        }),
      );
      expect(r.code, who).toBe(code);
    }
    // a return needs its comment
    expect(
      await outcome(async () =>
        office.completion.decide.mutate({
          applicationId: firstId,
          version: await appVersion(firstId),
          approve: false,
          comment: "",
        }),
      ),
    ).toBe("BAD_REQUEST");
    expect(await db.auditEvent.count()).toBe(auditBefore);
    expect((await db.task.findUniqueOrThrow({ where: { id: taskId } })).status).toBe(
      "PENDING_REVIEW",
    );

    await office.completion.decide.mutate({
      applicationId: firstId,
      version: await appVersion(firstId),
      approve: false,
      comment: "请补充验收材料",
    });
    const returned = await db.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(returned).toMatchObject({ status: "IN_PROGRESS", rating: null, completedAt: null });
    expect(returned.progress).toBeLessThanOrEqual(99);
    expect(
      await db.completionApplication.findUniqueOrThrow({ where: { id: firstId } }),
    ).toMatchObject({ state: "RETURNED", comment: "请补充验收材料" });
    const told = await db.notification.findMany({
      where: { kind: "completion-decided", dedupeKey: { startsWith: `completion:${firstId}` } },
    });
    expect(told.map((m) => m.recipientEmail).sort()).toEqual(["d1@a.test", "lead@a.test"]);
    expect(
      await db.inboxMessage.count({
        where: { kind: "completion-decided", entityId: firstId, userId: world.users.staffLead.id },
      }),
    ).toBe(1);
    // a decided application cannot be decided again
    expect(
      (
        await refused(async () =>
          office.completion.decide.mutate({
            applicationId: firstId,
            version: await appVersion(firstId),
            approve: true,
            rating: "GOOD",
          }),
        )
      ).code,
    ).toBe("CONFLICT");

    const second = await apply(
      api,
      lead,
      taskId,
      { version: await version(db, taskId), summary: "补充材料后再次申请" },
      [
        { name: "b.pdf", bytes: PDF },
        { name: "c.png", bytes: PNG },
      ],
    );
    expect(second.status).toBe(201);
    const secondId = second.body!.applicationId!;
    await office.completion.decide.mutate({
      applicationId: secondId,
      version: await appVersion(secondId),
      approve: true,
      rating: "EXCELLENT",
      comment: "成效显著",
    });
    const done = await db.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(done).toMatchObject({
      status: "COMPLETED",
      progress: 100,
      rating: "EXCELLENT",
      ratingComment: "成效显著",
      ratedById: world.users.officeA.id,
    });
    expect(done.completedAt).not.toBeNull();
    const got = await lead.task.get.query({ taskId });
    expect(got).toMatchObject({ status: "COMPLETED", rating: "EXCELLENT" });
    // history kept: both applications, newest first
    const history = await lead.completion.list.query({ taskId });
    expect(history.map((h) => [h.id, h.state, h.rating])).toEqual([
      [secondId, "APPROVED", "EXCELLENT"],
      [firstId, "RETURNED", null],
    ]);
    expect(history[0]!.evidence).toHaveLength(2);
    expect(history[0]!.decidedByName).toBe("office");
    expect(
      await db.auditEvent.findMany({
        where: { entityId: { in: [firstId, secondId] } },
        orderBy: { id: "asc" },
        select: { action: true },
      }),
    ).toEqual(
      ["completion.apply", "completion.return", "completion.apply", "completion.approve"].map(
        (action) => ({ action }),
      ),
    );
    // the office may still reopen a completed task
    await office.task.setStatus.mutate({
      taskId,
      version: done.version,
      status: "IN_PROGRESS",
      reason: "需继续推进",
    });
    expect((await db.task.findUniqueOrThrow({ where: { id: taskId } })).status).toBe("IN_PROGRESS");
  });

  test("two decisions racing on one application: exactly one wins, the other is a CONFLICT and changes nothing", async ({
    api,
    world,
    database,
  }) => {
    const db = database.db;
    const lead = await loginAs(api, "lead@a.test", PASSWORD);
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const office2 = await loginAs(api, "office@a.test", PASSWORD);
    for (let round = 0; round < 3; round++) {
      const taskId = await newTask(db, world, `并发审核${round}`);
      const res = await apply(
        api,
        lead,
        taskId,
        { version: await version(db, taskId), summary: "申请办结" },
        [{ name: "a.pdf", bytes: PDF }],
      );
      const applicationId = res.body!.applicationId!;
      const results = await Promise.all([
        outcome(() =>
          office.completion.decide.mutate({
            applicationId,
            version: 0,
            approve: true,
            rating: "GOOD",
          }),
        ),
        outcome(() =>
          office2.completion.decide.mutate({
            applicationId,
            version: 0,
            approve: false,
            comment: "退回",
          }),
        ),
      ]);
      expect(results.sort()).toEqual(["CONFLICT", "OK"]);
      const app = await db.completionApplication.findUniqueOrThrow({
        where: { id: applicationId },
      });
      const task = await db.task.findUniqueOrThrow({ where: { id: taskId } });
      expect(app.version).toBe(1);
      expect(task.status).toBe(app.state === "APPROVED" ? "COMPLETED" : "IN_PROGRESS");
      expect(
        await db.auditEvent.count({
          where: {
            entityId: applicationId,
            action: { in: ["completion.approve", "completion.return"] },
          },
        }),
      ).toBe(1);
      expect(
        await db.notification.count({
          where: {
            kind: "completion-decided",
            dedupeKey: { startsWith: `completion:${applicationId}` },
          },
        }),
      ).toBe(2);
    }
  });
});
