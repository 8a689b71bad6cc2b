// 调整申请 over HTTP (issue #17 step 2): who may file and decide, late requests, the office's and
// the leader's approvals, two decisions racing, what an approval applies, evidence, mail and inbox.
import { describe, expect } from "vitest";

import { shanghaiDay } from "@duban/domain";

import { cookieOf, loginAs, outcome, refused, type Api, type Client } from "./harness.ts";
import { test } from "./served-world.ts";
import { PASSWORD, type buildWorld } from "./world.ts";

type World = Awaited<ReturnType<typeof buildWorld>>;
type Db = Parameters<typeof buildWorld>[0];

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

/** Signs in each address, in order: one client per user. */
async function logins<const T extends readonly string[]>(
  api: Api,
  emails: T,
): Promise<{ [K in keyof T]: Client }> {
  const out: Client[] = [];
  for (const e of emails) out.push(await loginAs(api, e, PASSWORD));
  return out as { [K in keyof T]: Client };
}

function uploadEvidence(api: Api, client: Client, requestId: string) {
  const form = new FormData();
  form.append("file", new Blob([Buffer.from(PDF)]), "延期说明.pdf");
  return fetch(`${api.url}/api/change-requests/${requestId}/evidence`, {
    method: "POST",
    headers: { cookie: cookieOf.get(client)!() ?? "", "x-duban-csrf": "1" },
    body: form,
  });
}

/** t1 due in the future (the plan period widened), so its lead unit files on time. */
async function onTime(db: Db, w: World) {
  const plan = await db.plan.findUniqueOrThrow({ where: { id: w.planId } });
  if (plan.periodEnd < 2030)
    await db.plan.update({ where: { id: w.planId }, data: { periodEnd: 2030 } });
  await db.task.update({
    where: { id: w.t1 },
    data: {
      dueDate: new Date("2027-06-30T00:00:00Z"),
      originalDueDate: new Date("2025-12-31T00:00:00Z"),
    },
  });
}

const settings = (
  db: Db,
  w: World,
  data: { allowLateRequests?: boolean; leaderApprovalRequired?: boolean },
) =>
  db.supervisionSettings.upsert({
    where: { jurisdictionId: w.a.id },
    create: { jurisdictionId: w.a.id, ...data },
    update: data,
  });

describe("调整申请 (change requests)", () => {
  test("a request on another unit's task, or by anyone but the lead unit, is refused and nothing is written", async ({
    api,
    world,
    database: { db },
  }) => {
    await onTime(db, world);
    const clients = new Map<string, Client>();
    for (const email of [
      "other@a.test",
      "support@a.test",
      "office@a.test",
      "leader@a.test",
      "staff@b.test",
    ])
      clients.set(email, await loginAs(api, email, PASSWORD));
    const before = { audit: await db.auditEvent.count(), requests: await db.changeRequest.count() };
    const input = {
      kind: "EXTENSION" as const,
      taskId: world.t1,
      reason: "需要延期",
      proposedDueDate: "2027-12-31",
    };
    const other = clients.get("other@a.test")!;
    const notSeen = await refused(() => other.changeRequest.file.mutate(input));
    expect(notSeen).toMatchObject({ code: "NOT_FOUND" });
    expect(notSeen.message).toContain("任务不存在或无权查看");
    for (const email of ["support@a.test", "office@a.test", "leader@a.test"]) {
      const c = clients.get(email)!;
      const r = await refused(() => c.changeRequest.file.mutate(input));
      expect(r.code, email).toBe("FORBIDDEN");
      expect(r.message).toContain("只能为本单位牵头的任务提交调整申请");
    }
    const staffB = clients.get("staff@b.test")!;
    expect(await outcome(() => staffB.changeRequest.file.mutate(input))).toBe("NOT_FOUND");
    expect(await db.changeRequest.count()).toBe(before.requests);
    expect(await db.auditEvent.count()).toBe(before.audit);
    expect(await db.notification.count({ where: { kind: "change-request" } })).toBe(0);
  });

  test("after the due date a request is refused unless the office allows late requests; a rejection stays visible", async ({
    api,
    world,
    database: { db },
  }) => {
    const other = await loginAs(api, "other@a.test", PASSWORD);
    const office = await loginAs(api, "office@a.test", PASSWORD);
    // t2 was due 2025-12-31
    const input = { kind: "SUSPENSION" as const, taskId: world.t2, reason: "资金未落实" };
    const late = await refused(() => other.changeRequest.file.mutate(input));
    expect(late.code).toBe("BAD_REQUEST");
    expect(late.message).toContain("已超过完成时限");
    expect(await db.changeRequest.count()).toBe(0);
    await settings(db, world, { allowLateRequests: true });
    const filed = await other.changeRequest.file.mutate(input);
    expect(filed.late).toBe(true);
    // a rejection needs a comment
    expect(
      (
        await refused(() =>
          office.changeRequest.decide.mutate({
            requestId: filed.requestId,
            version: 0,
            approve: false,
          }),
        )
      ).code,
    ).toBe("BAD_REQUEST");
    await office.changeRequest.decide.mutate({
      requestId: filed.requestId,
      version: 0,
      approve: false,
      comment: "请先落实资金渠道",
    });
    expect((await db.task.findUniqueOrThrow({ where: { id: world.t2 } })).status).not.toBe(
      "SUSPENDED",
    );
    const listed = await other.changeRequest.list.query({ planId: world.planId });
    expect(listed.items).toEqual([
      expect.objectContaining({
        id: filed.requestId,
        state: "REJECTED",
        late: true,
        officeComment: "请先落实资金渠道",
      }),
    ]);
    const decided = await db.notification.findMany({ where: { kind: "change-request-decided" } });
    expect(decided.map((n) => n.recipientEmail).sort()).toEqual(["d3@a.test", "other@a.test"]);
    expect(decided[0]!.payload).toMatchObject({ approved: false, comment: "请先落实资金渠道" });
    await settings(db, world, { allowLateRequests: false });
  });

  test("an extension: one open at a time, evidence by the requester while pending, wrong roles refused, approval re-dates with history", async ({
    api,
    world,
    database: { db },
  }) => {
    const [lead, support, office, leader, officeB] = await logins(api, [
      "lead@a.test",
      "support@a.test",
      "office@a.test",
      "leader@a.test",
      "office@b.test",
    ] as const);
    const asked = "2027-12-31";
    const bad = await refused(() =>
      lead.changeRequest.file.mutate({
        kind: "EXTENSION",
        taskId: world.t1,
        reason: "x",
        proposedDueDate: "2027-01-01",
      }),
    );
    expect(bad).toMatchObject({ code: "BAD_REQUEST" });
    expect(bad.message).toContain("须晚于现完成时限");
    const { requestId } = await lead.changeRequest.file.mutate({
      kind: "EXTENSION",
      taskId: world.t1,
      reason: "用地审批延后",
      proposedDueDate: asked,
    });
    expect(
      (
        await refused(() =>
          lead.changeRequest.file.mutate({
            kind: "EXTENSION",
            taskId: world.t1,
            reason: "再申请",
            proposedDueDate: asked,
          }),
        )
      ).code,
    ).toBe("CONFLICT");
    // the office hears of it by mail and inbox
    const filedMail = await db.notification.findMany({
      where: { kind: "change-request", payload: { path: ["requestId"], equals: requestId } },
    });
    expect(filedMail.map((m) => m.recipientEmail)).toEqual(["office@a.test"]);
    expect(filedMail[0]!.payload).toMatchObject({
      kind: "EXTENSION",
      proposedDueDate: asked,
      awaiting: "office",
    });
    expect(
      await db.inboxMessage.count({
        where: { userId: world.users.officeA.id, entityId: requestId },
      }),
    ).toBe(1);

    // evidence: the requesting unit only
    expect((await uploadEvidence(api, lead, requestId)).status).toBe(201);
    expect([403, 404]).toContain((await uploadEvidence(api, support, requestId)).status);
    expect([403, 404]).toContain((await uploadEvidence(api, office, requestId)).status);
    expect(await db.evidenceFile.count({ where: { changeRequestId: requestId } })).toBe(1);

    // the wrong roles: the unit, a leader while the office is due, another county's office
    const audit = await db.auditEvent.count();
    const decide = (c: Client) =>
      refused(() => c.changeRequest.decide.mutate({ requestId, version: 0, approve: true }));
    expect(await decide(lead)).toMatchObject({ code: "FORBIDDEN" });
    const byLeader = await decide(leader);
    expect(byLeader.code).toBe("FORBIDDEN");
    expect(byLeader.message).toContain("待领导小组办公室审批");
    expect((await decide(officeB)).code).toBe("NOT_FOUND");
    expect(await db.auditEvent.count()).toBe(audit);

    const decided = await office.changeRequest.decide.mutate({
      requestId,
      version: 0,
      approve: true,
      comment: "同意",
    });
    expect(decided).toMatchObject({
      state: "APPROVED",
      applied: { fromDueDate: "2027-06-30", toDueDate: asked },
    });
    const task = await db.task.findUniqueOrThrow({ where: { id: world.t1 } });
    expect(task.dueDate.toISOString().slice(0, 10)).toBe(asked);
    expect(task.originalDueDate.toISOString().slice(0, 10)).toBe("2025-12-31");
    const history = await db.taskDateChange.findMany({ where: { taskId: world.t1 } });
    expect(
      history.map((h) => [
        h.fromDueDate.toISOString().slice(0, 10),
        h.toDueDate.toISOString().slice(0, 10),
      ]),
    ).toEqual([["2027-06-30", asked]]);
    expect(history[0]!.reason).toContain("用地审批延后");
    const redates = await db.auditEvent.findMany({
      where: { action: "task.redate", entityId: world.t1 },
    });
    expect(redates.map((a) => (a.after as { changeRequestId?: string }).changeRequestId)).toEqual([
      requestId,
    ]);
    expect(
      await db.auditEvent.count({ where: { action: "changeRequest.decide", entityId: requestId } }),
    ).toBe(1);
    const told = await db.notification.findMany({
      where: {
        kind: "change-request-decided",
        payload: { path: ["requestId"], equals: requestId },
      },
    });
    expect(told.map((n) => n.recipientEmail).sort()).toEqual(["d1@a.test", "lead@a.test"]);
    expect(told[0]!.payload).toMatchObject({ approved: true, newDueDate: asked });
    expect(
      await db.inboxMessage.count({
        where: { userId: world.users.staffLead.id, kind: "change-request-decided" },
      }),
    ).toBe(1);
    // decided: no more evidence, no second decision
    expect((await uploadEvidence(api, lead, requestId)).status).toBe(400);
    expect(
      (
        await refused(() =>
          office.changeRequest.decide.mutate({ requestId, version: 1, approve: true }),
        )
      ).code,
    ).toBe("CONFLICT");
    // the evaluation lists it
    const evaluation = await office.evaluation.preview.query({
      planId: world.planId,
      kind: "MIDTERM",
      asOf: shanghaiDay(new Date()),
    });
    expect(evaluation.adjustments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "调整完成时限", from: "2027-06-30", to: asked }),
      ]),
    );
  });

  test("two decisions at once: exactly one wins, the other gets CONFLICT and changes nothing", async ({
    api,
    world,
    database: { db },
  }) => {
    const lead = await loginAs(api, "lead@a.test", PASSWORD);
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const office2 = await loginAs(api, "office@a.test", PASSWORD);
    const { requestId } = await lead.changeRequest.file.mutate({
      kind: "EXTENSION",
      taskId: world.t1,
      reason: "再延期",
      proposedDueDate: "2028-06-30",
    });
    const taskBefore = await db.task.findUniqueOrThrow({ where: { id: world.t1 } });
    const results = await Promise.allSettled([
      office.changeRequest.decide.mutate({ requestId, version: 0, approve: true, comment: "同意" }),
      office2.changeRequest.decide.mutate({
        requestId,
        version: 0,
        approve: false,
        comment: "不同意",
      }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const lostError = (lost[0] as PromiseRejectedResult).reason as {
      data: { code: string };
      message: string;
    };
    expect(lostError.data.code).toBe("CONFLICT");
    expect(lostError.message).toMatch(/已被他人修改|已处理/);
    expect(
      await db.auditEvent.count({ where: { action: "changeRequest.decide", entityId: requestId } }),
    ).toBe(1);
    const request = await db.changeRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(request.version).toBe(1);
    const taskAfter = await db.task.findUniqueOrThrow({ where: { id: world.t1 } });
    const approved = request.state === "APPROVED";
    expect(taskAfter.version).toBe(taskBefore.version + (approved ? 1 : 0));
    expect(await db.taskDateChange.count({ where: { taskId: world.t1 } })).toBe(approved ? 2 : 1);
  });

  test("a reassignment: the office names the unit; the task is 待签收 there and its staff are told; the old unit loses it", async ({
    api,
    world,
    database: { db },
  }) => {
    const lead = await loginAs(api, "lead@a.test", PASSWORD);
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const other = await loginAs(api, "other@a.test", PASSWORD);
    const v = (await db.task.findUniqueOrThrow({ where: { id: world.t1 } })).version;
    await lead.task.acknowledge.mutate({ taskId: world.t1, version: v });
    const { requestId } = await lead.changeRequest.file.mutate({
      kind: "REASSIGNMENT",
      taskId: world.t1,
      reason: "职能已划转农业农村局",
      proposedDepartmentId: world.d3.id,
    });
    // the office must name a unit other than the current one
    expect(
      (
        await refused(() =>
          office.changeRequest.decide.mutate({
            requestId,
            version: 0,
            approve: true,
            leadDepartmentId: world.d1.id,
          }),
        )
      ).code,
    ).toBe("BAD_REQUEST");
    const decided = await office.changeRequest.decide.mutate({
      requestId,
      version: 0,
      approve: true,
      leadDepartmentId: world.d3.id,
      supportingDepartmentIds: [world.d2.id],
    });
    expect(decided.applied).toMatchObject({
      fromDepartmentName: "科学技术局",
      toDepartmentName: "农业农村局",
    });
    const task = await db.task.findUniqueOrThrow({
      where: { id: world.t1 },
      include: { supportingDepartments: true },
    });
    expect(task).toMatchObject({ leadDepartmentId: world.d3.id, acknowledgedAt: null });
    expect(task.supportingDepartments.map((s) => s.departmentId)).toEqual([world.d2.id]);
    expect(
      await db.inboxMessage.count({
        where: { userId: world.users.staffOther.id, kind: "task-assigned", taskId: world.t1 },
      }),
    ).toBe(1);
    expect(await outcome(() => lead.task.get.query({ taskId: world.t1 }))).toBe("NOT_FOUND");
    const got = await other.task.get.query({ taskId: world.t1 });
    expect(got).toMatchObject({ acknowledgedAt: null });
    await other.task.acknowledge.mutate({ taskId: world.t1, version: task.version });
    const evaluation = await office.evaluation.preview.query({
      planId: world.planId,
      kind: "MIDTERM",
      asOf: shanghaiDay(new Date()),
    });
    expect(evaluation.adjustments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "调整牵头单位", from: "科学技术局", to: "农业农村局" }),
      ]),
    );
  });

  test("a leader's second approval where configured: office first, then a leader; each refused at the other's stage", async ({
    api,
    world,
    database: { db },
  }) => {
    await settings(db, world, { leaderApprovalRequired: true });
    const other = await loginAs(api, "other@a.test", PASSWORD);
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const leader = await loginAs(api, "leader@a.test", PASSWORD);
    const leaderCity = await loginAs(api, "leader@city.test", PASSWORD);
    const dueBefore = (await db.task.findUniqueOrThrow({ where: { id: world.t1 } })).dueDate;
    const { requestId } = await other.changeRequest.file.mutate({
      kind: "EXTENSION",
      taskId: world.t1,
      reason: "划转后需要时间",
      proposedDueDate: "2029-06-30",
    });
    const first = await office.changeRequest.decide.mutate({
      requestId,
      version: 0,
      approve: true,
      comment: "拟同意",
      dueDate: "2029-03-31",
    });
    expect(first).toMatchObject({ state: "OFFICE_APPROVED", applied: null });
    expect((await db.task.findUniqueOrThrow({ where: { id: world.t1 } })).dueDate).toEqual(
      dueBefore,
    );
    const leaderMail = await db.notification.findMany({
      where: { kind: "change-request", payload: { path: ["awaiting"], equals: "leader" } },
    });
    expect(leaderMail.map((m) => m.recipientEmail)).toEqual(["leader@a.test"]);
    expect(
      await db.inboxMessage.count({
        where: { userId: world.users.leaderA.id, entityId: requestId },
      }),
    ).toBe(1);
    // the office when a leader is due, the unit, a city leader (reads only): refused
    const byOffice = await refused(() =>
      office.changeRequest.decide.mutate({ requestId, version: 1, approve: true }),
    );
    expect(byOffice.code).toBe("FORBIDDEN");
    expect(byOffice.message).toContain("待领导审批");
    expect(
      (
        await refused(() =>
          other.changeRequest.decide.mutate({ requestId, version: 1, approve: true }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(
      (
        await refused(() =>
          leaderCity.changeRequest.decide.mutate({ requestId, version: 1, approve: true }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    // a leader decides the office's terms as they stand
    expect(
      (
        await refused(() =>
          leader.changeRequest.decide.mutate({
            requestId,
            version: 1,
            approve: true,
            dueDate: "2029-06-30",
          }),
        )
      ).code,
    ).toBe("BAD_REQUEST");
    const final = await leader.changeRequest.decide.mutate({
      requestId,
      version: 1,
      approve: true,
      comment: "同意",
    });
    expect(final).toMatchObject({ state: "APPROVED", applied: { toDueDate: "2029-03-31" } });
    expect(
      (await db.task.findUniqueOrThrow({ where: { id: world.t1 } })).dueDate.toISOString(),
    ).toMatch(/^2029-03-31/);
    const row = await db.changeRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(row).toMatchObject({
      officeDecidedById: world.users.officeA.id,
      leaderDecidedById: world.users.leaderA.id,
      leaderComment: "同意",
    });

    // and a leader's rejection changes nothing
    const second = await other.changeRequest.file.mutate({
      kind: "CANCELLATION",
      taskId: world.t1,
      reason: "不再需要",
    });
    await office.changeRequest.decide.mutate({
      requestId: second.requestId,
      version: 0,
      approve: true,
    });
    await leader.changeRequest.decide.mutate({
      requestId: second.requestId,
      version: 1,
      approve: false,
      comment: "继续推进",
    });
    expect((await db.task.findUniqueOrThrow({ where: { id: world.t1 } })).status).not.toBe(
      "CANCELLED",
    );
    expect(
      (await db.changeRequest.findUniqueOrThrow({ where: { id: second.requestId } })).state,
    ).toBe("REJECTED");
    await settings(db, world, { leaderApprovalRequired: false });
  });

  test("withdrawal by the requesting unit only; the list shows each unit only its tasks' requests", async ({
    api,
    world,
    database: { db },
  }) => {
    const other = await loginAs(api, "other@a.test", PASSWORD);
    const support = await loginAs(api, "support@a.test", PASSWORD);
    const lead = await loginAs(api, "lead@a.test", PASSWORD);
    const staffB = await loginAs(api, "staff@b.test", PASSWORD);
    const { requestId } = await other.changeRequest.file.mutate({
      kind: "SUSPENSION",
      taskId: world.t1,
      reason: "暂缓",
    });
    expect(
      (await refused(() => support.changeRequest.withdraw.mutate({ requestId, version: 0 }))).code,
    ).toBe("FORBIDDEN");
    await other.changeRequest.withdraw.mutate({ requestId, version: 0 });
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe(
      "WITHDRAWN",
    );
    expect(
      (await refused(() => other.changeRequest.withdraw.mutate({ requestId, version: 1 }))).code,
    ).toBe("CONFLICT");
    // 科技局 no longer leads or supports t1 (nor t2): it sees none of their requests; the supporting unit sees t1's
    const leadList = await lead.changeRequest.list.query({ planId: world.planId });
    expect(leadList.items).toEqual([]);
    const supportList = await support.changeRequest.list.query({
      planId: world.planId,
      taskId: world.t1,
    });
    expect(supportList.items.length).toBeGreaterThan(0);
    expect(await outcome(() => staffB.changeRequest.list.query({ planId: world.planId }))).toBe(
      "NOT_FOUND",
    );
  });
});
