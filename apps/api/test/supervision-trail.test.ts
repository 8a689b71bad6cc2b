// The task's trail (办理轨迹) and the 待办 lists of issue #17 ("Everywhere"): order, the one
// visibility rule, and each kind of to-do item appearing and going away when it is handled.
// Rows of the other steps are written directly with Prisma: this part only reads them.
import { afterAll, describe, expect } from "vitest";

import { officeTodo, taskTrail, unitTodo, type Actor, type TrailEvent } from "@duban/domain";
import { test } from "@duban/test-utils";

import { cookieOf, loginAs, refused, startApi, type Api, type Client } from "./harness.ts";
import { buildWorld, PASSWORD } from "./world.ts";

type World = Awaited<ReturnType<typeof buildWorld>>;
type Db = Parameters<typeof buildWorld>[0];
type RoleName = keyof World["users"];

async function actorOf(db: Db, userId: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  const memberships = await db.membership.findMany({ where: { userId } });
  return {
    kind: "user",
    userId,
    email: user.email,
    name: user.name,
    memberships: memberships.map((m) => ({
      jurisdictionId: m.jurisdictionId,
      role: m.role,
      departmentId: m.departmentId,
    })),
  };
}

const at = (iso: string) => new Date(iso);
const docx = Buffer.from("PK stub: the document is another helper's part");

describe("the task's trail and the 待办 lists", () => {
  let api: Api;
  let w: World;
  let db: Db;
  const clients = new Map<RoleName, Client>();
  const actors = new Map<RoleName, Actor>();
  const as = (role: RoleName) => clients.get(role)!;
  const ctx = (role: RoleName, now?: Date) => ({ db, actor: actors.get(role)!, now });

  test.beforeAll(async ({ database, redis }) => {
    db = database.db;
    api = await startApi(database, redis);
    w = await buildWorld(db);
    for (const [role, user] of Object.entries(w.users) as Array<
      [RoleName, { id: string; email: string }]
    >) {
      clients.set(role, await loginAs(api, user.email, PASSWORD));
      actors.set(role, await actorOf(db, user.id));
    }
  });
  afterAll(async () => api?.close());

  test("the trail lists every step in time order, with actor names and links; a supporting unit sees only its own reports", async () => {
    const { users: u } = w;
    // reports through the api: the lead unit's and the supporting unit's
    const lead = await as("staffLead").ledger.submit.mutate({
      taskId: w.t1,
      cycleId: w.cycleId,
      progressText: "TRAIL牵头说明",
      percentComplete: 30,
      status: "IN_PROGRESS",
    });
    const support = await as("staffSupport").ledger.submit.mutate({
      taskId: w.t1,
      cycleId: w.cycleId,
      progressText: "TRAIL配合说明",
      percentComplete: 20,
      status: "IN_PROGRESS",
    });
    const leadEntry = await db.ledgerEntry.findUniqueOrThrow({ where: { id: lead.id } });
    await as("officeA").ledger.review.mutate({
      entryId: lead.id,
      version: leadEntry.version,
      decision: "RETURN",
      comment: "请补充佐证",
    });
    // the rest of the loop, as the other steps leave it (times after the reports)
    await db.task.update({
      where: { id: w.t1 },
      data: {
        assignedAt: at("2020-12-31T02:00:00Z"),
        acknowledgedAt: at("2021-01-04T02:00:00Z"),
        acknowledgedById: u.staffLead.id,
      },
    });
    const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);
    const request = await db.changeRequest.create({
      data: {
        taskId: w.t1,
        jurisdictionId: w.a.id,
        departmentId: w.d1.id,
        kind: "EXTENSION",
        state: "APPROVED",
        reason: "TRAIL延期理由",
        proposedDueDate: at("2026-06-30"),
        fromDueDate: at("2025-12-31"),
        requestedById: u.staffLead.id,
        requestedAt: later(1),
        officeDecidedById: u.officeA.id,
        officeDecidedAt: later(2),
        officeComment: "同意",
      },
    });
    await db.taskDateChange.create({
      data: {
        taskId: w.t1,
        fromDueDate: at("2025-12-31"),
        toDueDate: at("2026-06-30"),
        reason: "TRAIL延期理由",
        changedById: u.officeA.id,
        changedAt: later(2),
      },
    });
    const notice = await db.supervisionNotice.create({
      data: {
        jurisdictionId: w.a.id,
        year: 2026,
        number: 7,
        level: "YELLOW",
        taskId: w.t1,
        departmentId: w.d1.id,
        requirement: "TRAIL督办要求",
        replyDueDate: at("2026-12-10"),
        issuingOffice: "甲县科技创新工作领导小组办公室",
        issuedById: u.officeA.id,
        issuedAt: later(3),
        document: docx,
      },
    });
    const reply = await db.noticeReply.create({
      data: {
        noticeId: notice.id,
        departmentId: w.d1.id,
        text: "TRAIL回复",
        repliedById: u.staffLead.id,
        repliedAt: later(4),
      },
    });
    const replyFile = await db.evidenceFile.create({
      data: {
        noticeReplyId: reply.id,
        fileName: "TRAIL回复佐证.pdf",
        mimeType: "application/pdf",
        size: 10,
        sha256: "0".repeat(64),
        uploadedById: u.staffLead.id,
      },
    });
    const returned = await db.completionApplication.create({
      data: {
        taskId: w.t1,
        departmentId: w.d1.id,
        summary: "TRAIL第一次办结申请",
        state: "RETURNED",
        appliedById: u.staffLead.id,
        appliedAt: later(5),
        decidedById: u.officeA.id,
        decidedAt: later(6),
        comment: "佐证不足",
      },
    });
    const approved = await db.completionApplication.create({
      data: {
        taskId: w.t1,
        departmentId: w.d1.id,
        summary: "TRAIL第二次办结申请",
        state: "APPROVED",
        appliedById: u.staffLead.id,
        appliedAt: later(7),
        decidedById: u.officeA.id,
        decidedAt: later(8),
        rating: "GOOD",
        comment: "按期办结",
      },
    });
    const onTask = await db.instruction.create({
      data: {
        jurisdictionId: w.a.id,
        target: "TASK",
        taskId: w.t1,
        text: "TRAIL批示任务",
        authorId: u.leaderA.id,
        createdAt: later(9),
      },
    });
    const onLeadReport = await db.instruction.create({
      data: {
        jurisdictionId: w.a.id,
        target: "LEDGER_ENTRY",
        taskId: w.t1,
        ledgerEntryId: lead.id,
        text: "TRAIL批示牵头台账",
        authorId: u.leaderA.id,
        createdAt: later(10),
      },
    });

    const trail = await as("officeA").supervision.trail.query({ taskId: w.t1 });
    const types = trail.map((e) => e.type);
    expect(types).toEqual([
      "assigned",
      "acknowledged",
      "reportSubmitted",
      "reportSubmitted",
      "reportReviewed",
      "changeRequested",
      "changeDecided",
      "redated",
      "noticeIssued",
      "noticeReplied",
      "completionApplied",
      "completionDecided",
      "completionApplied",
      "completionDecided",
      "instruction",
      "instruction",
    ]);
    const times = trail.map((e) => e.at);
    expect(times).toEqual([...times].sort());
    const find = <T extends TrailEvent["type"]>(type: T, pick?: (e: TrailEvent) => boolean) =>
      trail.find((e) => e.type === type && (!pick || pick(e))) as Extract<TrailEvent, { type: T }>;
    expect(find("assigned").unit.name).toBe("科学技术局");
    expect(find("acknowledged").actor?.name).toBe("lead");
    expect(find("reportReviewed")).toMatchObject({ decision: "RETURNED", comment: "请补充佐证" });
    expect(find("reportReviewed").actor?.name).toBe("office");
    expect(find("changeDecided")).toMatchObject({
      requestId: request.id,
      by: "office",
      approved: true,
    });
    expect(find("noticeIssued")).toMatchObject({
      number: "督办通知单〔2026〕第7号",
      level: "YELLOW",
      documentUrl: `/api/notices/${notice.id}/document`,
    });
    expect(find("noticeReplied").evidence).toEqual([
      {
        id: replyFile.id,
        fileName: "TRAIL回复佐证.pdf",
        size: 10,
        url: `/api/evidence/${replyFile.id}`,
      },
    ]);
    expect(
      find("completionDecided", (e) => "applicationId" in e && e.applicationId === returned.id),
    ).toMatchObject({ approved: false, comment: "佐证不足" });
    expect(
      find("completionDecided", (e) => "applicationId" in e && e.applicationId === approved.id),
    ).toMatchObject({ approved: true, rating: "GOOD" });
    expect(find("instruction").actor?.name).toBe("leader");
    expect(JSON.stringify(trail)).not.toContain('document":{');

    // the supporting unit: the task's trail, but of the reports only its own (and no instruction on another unit's)
    const seenBySupport = await as("staffSupport").supervision.trail.query({ taskId: w.t1 });
    const text = JSON.stringify(seenBySupport);
    expect(text).toContain("TRAIL配合说明");
    expect(text).not.toContain("TRAIL牵头说明");
    expect(text).not.toContain(lead.id);
    expect(text).not.toContain("TRAIL批示牵头台账");
    expect(text).toContain("TRAIL批示任务");
    expect(seenBySupport.map((e) => e.id)).toContain(`instruction:${onTask.id}`);
    expect(seenBySupport.map((e) => e.id)).not.toContain(`instruction:${onLeadReport.id}`);
    // the lead unit and readers see every unit's reports
    for (const role of ["staffLead", "leaderA", "leaderCity"] as const) {
      const seen = JSON.stringify(await as(role).supervision.trail.query({ taskId: w.t1 }));
      expect(seen, role).toContain("TRAIL牵头说明");
      expect(seen, role).toContain("TRAIL配合说明");
      expect(seen, role).toContain(support.id);
    }
    // a unit of another task, another county: not found, and nothing named
    for (const role of ["staffOther", "officeB", "staffB"] as const) {
      const r = await refused(() => as(role).supervision.trail.query({ taskId: w.t1 }));
      expect(r.code, role).toBe("NOT_FOUND");
      expect(r.message).toContain("不存在或无权查看");
      expect(r.message).not.toContain("TRAIL");
    }
  });

  test("a reassignment shows as a new 交办 to the new unit, from the old one", async () => {
    const task = await db.task.findUniqueOrThrow({ where: { id: w.t2 } });
    await as("officeA").task.reassign.mutate({
      taskId: w.t2,
      version: task.version,
      leadDepartmentId: w.d2.id,
      supportingDepartmentIds: [w.d3.id],
      reason: "职责调整",
    });
    const trail = await as("officeA").supervision.trail.query({ taskId: w.t2 });
    const assigned = trail.filter((e) => e.type === "assigned");
    expect(assigned.map((e) => [e.via, e.from?.name ?? null, e.unit.name])).toEqual([
      ["created", null, "农业农村局"],
      ["reassigned", "农业农村局", "市场监督管理局"],
    ]);
    expect(assigned[1]!.actor?.name).toBe("office");
    // an approved REASSIGNMENT request: one 交办 event, the request's, even if the change it
    // applied also wrote a task.reassign audit event
    const decidedAt = new Date(Date.now() + 60_000);
    await db.changeRequest.create({
      data: {
        taskId: w.t2,
        jurisdictionId: w.a.id,
        departmentId: w.d2.id,
        kind: "REASSIGNMENT",
        declined: true,
        state: "APPROVED",
        reason: "不属于本单位职责",
        requestedById: w.users.staffSupport.id,
        officeDecidedAt: decidedAt,
        officeDecidedById: w.users.officeA.id,
        applied: { fromDepartmentId: w.d2.id, toDepartmentId: w.d1.id },
      },
    });
    await db.auditEvent.create({
      data: {
        at: decidedAt,
        actorUserId: w.users.officeA.id,
        actorLabel: "office@a.test",
        action: "task.reassign",
        entityType: "Task",
        entityId: w.t2,
        before: { leadDepartmentId: w.d2.id },
        after: { leadDepartmentId: w.d1.id },
      },
    });
    const withRequest = (await as("officeA").supervision.trail.query({ taskId: w.t2 })).filter(
      (e) => e.type === "assigned",
    );
    expect(withRequest.map((e) => [e.via, e.from?.name ?? null, e.unit.name])).toEqual([
      ["created", null, "农业农村局"],
      ["reassigned", "农业农村局", "市场监督管理局"],
      ["request", "市场监督管理局", "科学技术局"],
    ]);
    // put it back for the other tests
    const now = await db.task.findUniqueOrThrow({ where: { id: w.t2 } });
    await as("officeA").task.reassign.mutate({
      taskId: w.t2,
      version: now.version,
      leadDepartmentId: w.d3.id,
      supportingDepartmentIds: [],
      reason: "恢复",
    });
  });

  test("unacknowledged after N working days: a weekend does not count", async () => {
    await db.supervisionSettings.upsert({
      where: { jurisdictionId: w.a.id },
      create: { jurisdictionId: w.a.id, acknowledgeWorkingDays: 3 },
      update: { acknowledgeWorkingDays: 3 },
    });
    // assigned on Friday 2026-11-20 (Shanghai); the weekend does not count: Mon 23 is the first
    // working day waited, Wed 25 the third, from when it is listed (unacknowledgedTasks, step 1's rule)
    await db.task.update({
      where: { id: w.t2 },
      data: { assignedAt: at("2026-11-20T09:00:00+08:00"), acknowledgedAt: null },
    });
    const listed = async (now: string) =>
      (await officeTodo(ctx("officeA", at(now)), { planId: w.planId })).unacknowledged.items.map(
        (t) => t.taskId,
      );
    expect(await listed("2026-11-22T10:00:00+08:00")).not.toContain(w.t2); // Sunday
    expect(await listed("2026-11-24T23:00:00+08:00")).not.toContain(w.t2); // Tuesday: 2 days
    expect(await listed("2026-11-25T08:00:00+08:00")).toContain(w.t2); // Wednesday: 3 days
    const item = (await officeTodo(ctx("officeA", at("2026-11-26T08:00:00+08:00")), {
      planId: w.planId,
    }))!.unacknowledged.items.find((t) => t.taskId === w.t2)!;
    expect(item).toMatchObject({
      assignedOn: "2026-11-20",
      workingDaysWaiting: 4,
      limit: 3,
      unit: { name: "农业农村局" },
    });
    // the unit's own list shows it from the start, to its lead unit only
    expect(
      (await unitTodo(ctx("staffOther"), { planId: w.planId })).toAcknowledge.items.map(
        (t) => t.taskId,
      ),
    ).toContain(w.t2);
    expect(
      (await unitTodo(ctx("staffLead"), { planId: w.planId })).toAcknowledge.items.map(
        (t) => t.taskId,
      ),
    ).not.toContain(w.t2);
    // acknowledged: gone from both
    await db.task.update({
      where: { id: w.t2 },
      data: { acknowledgedAt: new Date(), acknowledgedById: w.users.staffOther.id },
    });
    expect(await listed("2026-11-26T08:00:00+08:00")).not.toContain(w.t2);
    expect(
      (await unitTodo(ctx("staffOther"), { planId: w.planId })).toAcknowledge.items.map(
        (t) => t.taskId,
      ),
    ).not.toContain(w.t2);
  });

  test("each kind of 待办 appears, and goes when it is handled", async () => {
    const u = w.users;
    const office = () => officeTodo(ctx("officeA"), { planId: w.planId });
    const leader = () => officeTodo(ctx("leaderA"), { planId: w.planId });
    const unit = (role: RoleName = "staffOther") => unitTodo(ctx(role), { planId: w.planId });
    const ids = <T>(l: { items: T[] }, pick: (t: T) => string) => l.items.map(pick);

    // a report the cycle expects of 农业农村局 on T2; submitted, it waits for review
    expect(ids((await unit()).toReport, (r) => r.taskId)).toContain(w.t2);
    const entry = await as("staffOther").ledger.submit.mutate({
      taskId: w.t2,
      cycleId: w.cycleId,
      progressText: "TODO说明",
      percentComplete: 10,
      status: "IN_PROGRESS",
    });
    expect(ids((await unit()).toReport, (r) => r.taskId)).not.toContain(w.t2);
    expect(ids((await office()).reviews, (r) => r.entryId)).toContain(entry.id);
    // returned: gone from the office's queue, in the unit's returned items; amended: gone
    const v = (await db.ledgerEntry.findUniqueOrThrow({ where: { id: entry.id } })).version;
    await as("officeA").ledger.review.mutate({
      entryId: entry.id,
      version: v,
      decision: "RETURN",
      comment: "请补充",
    });
    expect(ids((await office()).reviews, (r) => r.entryId)).not.toContain(entry.id);
    expect(ids((await unit()).returned, (r) => r.id)).toContain(entry.id);
    const returnedEntry = await db.ledgerEntry.findUniqueOrThrow({ where: { id: entry.id } });
    const amended = await as("staffOther").ledger.amend.mutate({
      entryId: entry.id,
      version: returnedEntry.version,
      progressText: "TODO说明（补充）",
      percentComplete: 15,
      status: "IN_PROGRESS",
    });
    expect(ids((await unit()).returned, (r) => r.id)).not.toContain(entry.id);
    expect(ids((await office()).reviews, (r) => r.entryId)).toContain(amended.id);

    // a change request: the office decides PENDING ones; with a second approval the leader OFFICE_APPROVED ones
    const request = await db.changeRequest.create({
      data: {
        taskId: w.t2,
        jurisdictionId: w.a.id,
        departmentId: w.d3.id,
        kind: "EXTENSION",
        reason: "TODO延期",
        proposedDueDate: at("2026-06-30"),
        fromDueDate: at("2025-12-31"),
        requestedById: u.staffOther.id,
      },
    });
    expect(ids((await office()).changeRequests, (r) => r.requestId)).toContain(request.id);
    expect(ids((await leader()).changeRequests, (r) => r.requestId)).not.toContain(request.id);
    await db.changeRequest.update({
      where: { id: request.id },
      data: {
        state: "OFFICE_APPROVED",
        officeDecidedAt: new Date(),
        officeDecidedById: u.officeA.id,
      },
    });
    expect(ids((await office()).changeRequests, (r) => r.requestId)).not.toContain(request.id);
    expect((await leader()).role).toBe("leader");
    expect(ids((await leader()).changeRequests, (r) => r.requestId)).toContain(request.id);
    // rejected by the leader: gone from the leader's list, in the unit's returned items until it files again
    await db.changeRequest.update({
      where: { id: request.id },
      data: {
        state: "REJECTED",
        leaderDecidedAt: new Date(),
        leaderDecidedById: u.leaderA.id,
        leaderComment: "不同意",
      },
    });
    expect(ids((await leader()).changeRequests, (r) => r.requestId)).not.toContain(request.id);
    const rejected = (await unit()).returned.items.find((r) => r.id === request.id);
    expect(rejected).toMatchObject({ kind: "changeRequest", comment: "不同意" });
    const again = await db.changeRequest.create({
      data: {
        taskId: w.t2,
        jurisdictionId: w.a.id,
        departmentId: w.d3.id,
        kind: "EXTENSION",
        reason: "TODO再次申请延期",
        proposedDueDate: at("2026-03-31"),
        fromDueDate: at("2025-12-31"),
        requestedById: u.staffOther.id,
        requestedAt: new Date(Date.now() + 1000),
      },
    });
    expect(ids((await unit()).returned, (r) => r.id)).not.toContain(request.id);
    await db.changeRequest.update({ where: { id: again.id }, data: { state: "WITHDRAWN" } });

    // a completion application: the office signs off PENDING ones; a returned one waits on the unit until it applies again
    const application = await db.completionApplication.create({
      data: {
        taskId: w.t2,
        departmentId: w.d3.id,
        summary: "TODO办结",
        appliedById: u.staffOther.id,
      },
    });
    expect(ids((await office()).completions, (c) => c.applicationId)).toContain(application.id);
    await db.completionApplication.update({
      where: { id: application.id },
      data: {
        state: "RETURNED",
        decidedAt: new Date(),
        decidedById: u.officeA.id,
        comment: "退回",
      },
    });
    expect(ids((await office()).completions, (c) => c.applicationId)).not.toContain(application.id);
    expect(ids((await unit()).returned, (r) => r.id)).toContain(application.id);
    const reapplied = await db.completionApplication.create({
      data: {
        taskId: w.t2,
        departmentId: w.d3.id,
        summary: "TODO再次办结",
        appliedById: u.staffOther.id,
        appliedAt: new Date(Date.now() + 1000),
      },
    });
    expect(ids((await unit()).returned, (r) => r.id)).not.toContain(application.id);
    expect(ids((await office()).completions, (c) => c.applicationId)).toContain(reapplied.id);

    // notices: the unit answers every one; the office watches those due within 3 days or past
    const notice = (number: number, replyDueDate: string) =>
      db.supervisionNotice.create({
        data: {
          jurisdictionId: w.a.id,
          year: 2027,
          number,
          level: "BLUE",
          taskId: w.t2,
          departmentId: w.d3.id,
          requirement: "TODO督办",
          replyDueDate: at(replyDueDate),
          issuingOffice: "甲县办公室",
          issuedById: u.officeA.id,
          document: docx,
        },
      });
    const asOf = "2026-12-01T10:00:00+08:00";
    const near = await notice(1, "2026-12-03");
    const far = await notice(2, "2026-12-20");
    const officeNotices = await officeTodo(ctx("officeA", at(asOf)), { planId: w.planId });
    expect(ids(officeNotices.notices, (n) => n.noticeId)).toEqual([near.id]);
    expect(officeNotices.notices.items[0]).toMatchObject({
      number: "督办通知单〔2027〕第1号",
      overdue: false,
    });
    const unitNotices = await unitTodo(ctx("staffOther", at(asOf)), { planId: w.planId });
    expect(ids(unitNotices.notices, (n) => n.noticeId).sort()).toEqual([near.id, far.id].sort());
    // another unit is not told of them
    expect((await unit("staffLead")).notices.count).toBe(0);
    const late = await officeTodo(ctx("officeA", at("2026-12-04T10:00:00+08:00")), {
      planId: w.planId,
    });
    expect(late.notices.items.find((n) => n.noticeId === near.id)?.overdue).toBe(true);
    await db.noticeReply.create({
      data: { noticeId: near.id, departmentId: w.d3.id, text: "TODO回复" },
    });
    expect(
      ids(
        (await officeTodo(ctx("officeA", at(asOf)), { planId: w.planId })).notices,
        (n) => n.noticeId,
      ),
    ).toEqual([]);
    expect(ids((await unit()).notices, (n) => n.noticeId)).toEqual([far.id]);
  });

  test("each 待办 is refused to the other side with a clear Chinese message, and to other counties as not found", async () => {
    const staff = await refused(() =>
      as("staffLead").supervision.officeTodo.query({ planId: w.planId }),
    );
    expect(staff).toMatchObject({ code: "FORBIDDEN" });
    expect(staff.message).toContain("办公室待办仅供");
    const office = await refused(() =>
      as("officeA").supervision.unitTodo.query({ planId: w.planId }),
    );
    expect(office).toMatchObject({ code: "FORBIDDEN" });
    expect(office.message).toContain("单位待办仅供");
    for (const role of ["officeB", "staffB"] as const)
      for (const call of [
        () => as(role).supervision.officeTodo.query({ planId: w.planId }),
        () => as(role).supervision.unitTodo.query({ planId: w.planId }),
      ])
        expect((await refused(call)).code, role).toBe("NOT_FOUND");
    // the city above reads the office's list (read only), the county's own leader too
    expect((await as("leaderCity").supervision.officeTodo.query({ planId: w.planId })).role).toBe(
      "office",
    );
  });

  test("a batch of queries whose names pass 100 characters is served (the task page's panels)", async () => {
    const names = Array.from({ length: 7 }, () => "supervision.trail").join(",");
    expect(names.length).toBeGreaterThan(100);
    const input = Object.fromEntries(
      Array.from({ length: 7 }, (_, i) => [i, { json: { taskId: w.t1 } }]),
    );
    const res = await fetch(
      `${api.url}/trpc/${names}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`,
      { headers: { cookie: cookieOf.get(as("officeA"))!()! } },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as Array<{ result?: unknown }>;
    expect(body.filter((r) => r.result)).toHaveLength(7);
  });

  test("the trail as a domain call pins to the same rule (no api in between)", async () => {
    const trail = await taskTrail(ctx("staffLead"), { taskId: w.t1 });
    expect(trail.length).toBeGreaterThan(3);
    await expect(taskTrail(ctx("staffOther"), { taskId: w.t1 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
