import { afterAll, describe, expect } from "vitest";

import { addDays, hashPassword, shanghaiDay } from "@duban/domain";
import { test } from "@duban/test-utils";

import { applyOverHttp, PDF } from "./completion-http.ts";
import { loginAs, outcome, startApi, type Api, type Client } from "./harness.ts";
import { XIFENG_TITLE, xifengBytes } from "./world.ts";

/**
 * A whole quarter of the Xifeng plan through the HTTP API: import, decompose and assign,
 * activate, open the cycle, departments report, the office reviews (one entry returned and
 * amended), and completion per department comes out as reported and approved.
 */
describe("a quarter of the Xifeng plan", () => {
  let api: Api;
  afterAll(async () => api?.close());

  test("import → assign → report → review → completion per department", async ({
    database,
    redis,
  }) => {
    const { db } = database;
    api = await startApi(database, redis);
    const county = await db.jurisdiction.create({ data: { name: "息烽县", kind: "COUNTY" } });
    const names = [
      ["科学技术局", "科技局"],
      ["市场监督管理局", "市场监管局"],
      ["人力资源和社会保障局", "人社局"],
      ["工业和信息化局", "工信局"],
      ["农业农村局", "农业农村局"],
      ["教育局", "教育局"],
      ["财政局", "财政局"],
      ["发展和改革局", "发展改革局"],
    ] as const;
    for (const [name, shortName] of names)
      await db.department.create({
        data: { jurisdictionId: county.id, name, shortName, contactEmails: [] },
      });
    const office = await db.user.create({
      data: {
        email: "office@xifeng.test",
        name: "办公室",
        passwordHash: await hashPassword("office-password"),
      },
    });
    await db.membership.create({
      data: { userId: office.id, jurisdictionId: county.id, role: "OFFICE" },
    });
    const officeClient = await loginAs(api, "office@xifeng.test", "office-password");

    // import, twice: the second changes nothing
    const contentBase64 = Buffer.from(await xifengBytes()).toString("base64");
    const imported = await officeClient.plan.import.mutate({
      jurisdictionId: county.id,
      fileName: "息烽县科技创新十四五规划.txt",
      contentBase64,
      title: XIFENG_TITLE,
    });
    expect(imported.created).toBe(true);
    const again = await officeClient.plan.import.mutate({
      jurisdictionId: county.id,
      fileName: "copy.txt",
      contentBase64,
    });
    expect(again).toMatchObject({ created: false, planId: imported.planId });
    expect(await db.plan.count()).toBe(1);

    // decompose: accept the parser's suggestions for every candidate node
    const doc = await officeClient.plan.document.query({ planId: imported.planId });
    expect(doc.indicators).toHaveLength(7);
    const departments = await officeClient.admin.departments.query({ jurisdictionId: county.id });
    const keji = departments.find((d) => d.shortName === "科技局")!;
    const candidates = doc.nodes.filter((n) => n.candidate);
    expect(candidates.length).toBeGreaterThan(10);
    const tasks = candidates.map((n) => {
      const c = n.candidate as {
        suggestedPhase: string;
        suggestedLead: { departmentId: string | null } | null;
        suggestedSupporting: Array<{ departmentId: string | null }>;
      };
      const lead = c.suggestedLead?.departmentId ?? keji.id;
      return {
        nodeId: n.id,
        title: n.title || n.code,
        leadDepartmentId: lead,
        supportingDepartmentIds: [
          ...new Set(
            c.suggestedSupporting
              .map((s) => s.departmentId)
              .filter((d): d is string => !!d && d !== lead),
          ),
        ],
        phaseKey: c.suggestedPhase,
        startDate: "2021-01-01",
        dueDate: "2025-12-31",
        milestones: [{ title: "2021年度目标", dueDate: "2021-12-31" }],
      };
    });
    const { taskIds } = await officeClient.plan.createTasks.mutate({
      planId: imported.planId,
      tasks,
    });
    expect(taskIds).toHaveLength(tasks.length);
    const activated = await officeClient.plan.activate.mutate({
      planId: imported.planId,
      version: doc.plan.version,
    });
    expect(activated.version).toBe(doc.plan.version + 1);

    // the office creates one login per lead unit
    const leadIds = [...new Set(tasks.map((t) => t.leadDepartmentId))];
    const staff = new Map<string, Client>();
    for (const [i, departmentId] of leadIds.entries()) {
      await officeClient.admin.createUser.mutate({
        jurisdictionId: county.id,
        email: `staff${i}@xifeng.test`,
        name: `填报员${i}`,
        role: "DEPARTMENT",
        departmentId,
        password: "staff-password-1",
      });
      staff.set(departmentId, await loginAs(api, `staff${i}@xifeng.test`, "staff-password-1"));
    }

    // the quarter opens; every lead unit reports on its tasks: even-numbered ones completed
    const today = shanghaiDay(new Date());
    const cycle = await officeClient.ledger.openCycle.mutate({
      planId: imported.planId,
      period: "2025Q4",
      dueDate: addDays(today, 7),
      closeDate: addDays(today, 14),
    });
    const expectedCompleted = new Map<string, number>();
    const entries: Array<{ id: string; version: number; taskId: string; departmentId: string }> =
      [];
    for (const [i, taskId] of taskIds.entries()) {
      const lead = tasks[i]!.leadDepartmentId;
      const done = i % 2 === 0;
      const entry = await staff.get(lead)!.ledger.submit.mutate({
        taskId,
        cycleId: cycle.id,
        progressText: done ? "已基本完成" : "推进中",
        percentComplete: done ? 95 : 60,
        status: "IN_PROGRESS",
        problems: "",
        nextSteps: "",
      });
      entries.push({ id: entry.id, version: entry.version, taskId, departmentId: lead });
      if (done) expectedCompleted.set(lead, (expectedCompleted.get(lead) ?? 0) + 1);
    }
    // a second report on the same task in the same cycle is refused: amendments only
    const dup = await outcome(() =>
      staff.get(entries[0]!.departmentId)!.ledger.submit.mutate({
        taskId: entries[0]!.taskId,
        cycleId: cycle.id,
        progressText: "x",
        percentComplete: 99,
        status: "IN_PROGRESS",
      }),
    );
    expect(dup).toBe("CONFLICT");

    // review: the first entry goes back with a comment, is amended, then approved; the rest approved
    const queue = await officeClient.ledger.reviewQueue.query({ planId: imported.planId });
    expect(queue).toHaveLength(taskIds.length);
    const [first, ...rest] = entries;
    await officeClient.ledger.review.mutate({
      entryId: first!.id,
      version: first!.version,
      decision: "RETURN",
      comment: "请补充佐证材料",
    });
    const amended = await staff.get(first!.departmentId)!.ledger.amend.mutate({
      entryId: first!.id,
      version: first!.version + 1,
      progressText: "已基本完成，已补充佐证",
      percentComplete: 95,
      status: "IN_PROGRESS",
      problems: "",
      nextSteps: "",
    });
    expect(amended.revision).toBe(2);
    await officeClient.ledger.review.mutate({
      entryId: amended.id,
      version: amended.version,
      decision: "APPROVE",
      comment: "",
    });
    for (const e of rest)
      await officeClient.ledger.review.mutate({
        entryId: e.id,
        version: e.version,
        decision: "APPROVE",
        comment: "",
      });
    // the even-numbered tasks are finished: their lead units apply for completion with evidence
    // and the office signs off (issue #17 step 3: a report alone never completes a task)
    for (const [i, taskId] of taskIds.entries()) {
      if (i % 2 !== 0) continue;
      const lead = staff.get(tasks[i]!.leadDepartmentId)!;
      const { version } = await lead.task.get.query({ taskId });
      const applied = await applyOverHttp(
        api,
        lead,
        taskId,
        { version, summary: "已完成全部建设内容" },
        [{ name: "验收报告.pdf", bytes: PDF }],
      );
      expect(applied.status).toBe(201);
      await officeClient.completion.decide.mutate({
        applicationId: applied.body!.applicationId!,
        version: applied.body!.version!,
        approve: true,
        rating: "GOOD",
      });
    }
    const history = await officeClient.ledger.history.query({ taskId: first!.taskId });
    expect(history.map((h) => [h.revision, h.reviewState, h.isCurrent])).toEqual([
      [2, "APPROVED", true],
      [1, "RETURNED", false],
    ]);

    // completion per department: what was approved as completed, and full, on-time reporting
    const completion = await officeClient.overview.completion.query({ planId: imported.planId });
    expect(completion.totals.total).toBe(taskIds.length);
    for (const row of completion.departments) {
      expect(row.completed, row.name).toBe(expectedCompleted.get(row.departmentId) ?? 0);
      expect(row.reportedProgress).toBeGreaterThan(0);
    }
    expect(completion.totals.completed).toBe(
      [...expectedCompleted.values()].reduce((a, b) => a + b, 0),
    );
    const leadRows = completion.departments.filter((d) => d.ledger);
    for (const row of leadRows) expect(row.ledger!.submitted).toBeGreaterThanOrEqual(row.total);

    // the quarter closes and completeness is recorded per department
    const closed = await officeClient.ledger.closeCycle.mutate({ cycleId: cycle.id });
    const stats = await db.cycleDepartmentStat.findMany({ where: { cycleId: cycle.id } });
    expect(stats.length).toBe(closed.stats.length);
    for (const s of stats.filter((s) => leadIds.includes(s.departmentId)))
      expect(s.onTime).toBeGreaterThan(0);
  });
});
