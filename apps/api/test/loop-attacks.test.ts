// The supervision loop (issue #17) attacked over HTTP: state holes an ordinary user can reach by
// acting in an unexpected order (a reassignment while the old unit's requests are open, a loop
// step on an archived plan). Each refusal is a clear Chinese error with nothing written.
import { describe, expect } from "vitest";

import { addDays, shanghaiDay } from "@duban/domain";

import { applyOverHttp, PDF } from "./completion-http.ts";
import { cookieOf, loginAs, refused, type Api, type Client } from "./harness.ts";
import { test, type World } from "./served-world.ts";
import { PASSWORD, type buildWorld } from "./world.ts";

type Db = Parameters<typeof buildWorld>[0];

/** The task due in the future (the plan period widened), so its lead unit files on time. */
async function dueLater(db: Db, w: World, taskId: string) {
  await db.plan.update({ where: { id: w.planId }, data: { periodEnd: 2030 } });
  await db.task.update({
    where: { id: taskId },
    data: { dueDate: new Date("2027-06-30T00:00:00Z") },
  });
}

const version = async (db: Db, taskId: string) =>
  (await db.task.findUniqueOrThrow({ where: { id: taskId } })).version;

function upload(api: Api, client: Client, path: string) {
  const form = new FormData();
  form.append("file", new Blob([Buffer.from(PDF)]), "说明.pdf");
  return fetch(`${api.url}${path}`, {
    method: "POST",
    headers: { cookie: cookieOf.get(client)!() ?? "", "x-duban-csrf": "1" },
    body: form,
  });
}

describe("the loop attacked over HTTP", () => {
  test("a reassignment closes the previous lead unit's open requests, and the new unit may file its own", async ({
    api,
    world: w,
    database: { db },
  }) => {
    await dueLater(db, w, w.t1);
    const lead = await loginAs(api, "lead@a.test", PASSWORD);
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const other = await loginAs(api, "other@a.test", PASSWORD);
    const filed = await lead.changeRequest.file.mutate({
      taskId: w.t1,
      kind: "EXTENSION",
      reason: "原单位申请延期",
      proposedDueDate: "2028-06-30",
    });
    await office.task.reassign.mutate({
      taskId: w.t1,
      version: await version(db, w.t1),
      leadDepartmentId: w.d3.id,
      supportingDepartmentIds: [w.d2.id],
      reason: "职责调整",
    });
    const old = await db.changeRequest.findUniqueOrThrow({ where: { id: filed.requestId } });
    expect(old.state).toBe("WITHDRAWN");
    expect(
      await db.auditEvent.count({
        where: { entityId: filed.requestId, action: "changeRequest.close" },
      }),
    ).toBe(1);
    // the office can no longer approve what the previous unit asked for
    const late = await refused(() =>
      office.changeRequest.decide.mutate({
        requestId: filed.requestId,
        version: old.version,
        approve: true,
      }),
    );
    expect(late.code).toBe("CONFLICT");
    expect(late.message).toMatch(/已撤回|已处理/);
    // the new lead unit is not blocked by the previous unit's request
    const own = await other.changeRequest.file.mutate({
      taskId: w.t1,
      kind: "EXTENSION",
      reason: "新牵头单位申请延期",
      proposedDueDate: "2028-03-31",
    });
    expect(own.requestId).toBeTruthy();
    await other.changeRequest.withdraw.mutate({ requestId: own.requestId, version: own.version });
    // back to D1 for the other tests
    await office.task.reassign.mutate({
      taskId: w.t1,
      version: await version(db, w.t1),
      leadDepartmentId: w.d1.id,
      supportingDepartmentIds: [w.d2.id],
      reason: "职责调整回原单位",
    });
  });

  test("a task awaiting sign-off is not reassigned, directly or by an approved request", async ({
    api,
    world: w,
    database: { db },
  }) => {
    await dueLater(db, w, w.t2);
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const other = await loginAs(api, "other@a.test", PASSWORD);
    const request = await other.changeRequest.file.mutate({
      taskId: w.t2,
      kind: "REASSIGNMENT",
      reason: "不属于本单位职责",
      proposedDepartmentId: w.d1.id,
    });
    const applied = await applyOverHttp(
      api,
      other,
      w.t2,
      { version: await version(db, w.t2), summary: "已完成" },
      [{ name: "总结.pdf", bytes: PDF }],
    );
    expect(applied.status).toBe(201);
    const before = {
      audit: await db.auditEvent.count(),
      task: await db.task.findUniqueOrThrow({ where: { id: w.t2 } }),
    };
    const direct = await refused(() =>
      office.task.reassign.mutate({
        taskId: w.t2,
        version: before.task.version,
        leadDepartmentId: w.d1.id,
        supportingDepartmentIds: [],
        reason: "调整",
      }),
    );
    expect(direct.code).toBe("BAD_REQUEST");
    expect(direct.message).toContain("待审核");
    const byRequest = await refused(() =>
      office.changeRequest.decide.mutate({
        requestId: request.requestId,
        version: request.version,
        approve: true,
      }),
    );
    expect(byRequest.code).toBe("BAD_REQUEST");
    expect(byRequest.message).toContain("待审核");
    expect(await db.auditEvent.count()).toBe(before.audit);
    const after = await db.task.findUniqueOrThrow({ where: { id: w.t2 } });
    expect(after.leadDepartmentId).toBe(w.d3.id);
    expect(after.version).toBe(before.task.version);
    expect(
      (await db.changeRequest.findUniqueOrThrow({ where: { id: request.requestId } })).state,
    ).toBe("PENDING");
    // clean up: the office returns the application, the unit withdraws its request
    await office.completion.decide.mutate({
      applicationId: applied.body!.applicationId!,
      version: applied.body!.version!,
      approve: false,
      comment: "请补充材料",
    });
    await other.changeRequest.withdraw.mutate({
      requestId: request.requestId,
      version: request.version,
    });
  });

  test("no loop step writes to an archived plan: replies, reply evidence, sign-off, withdrawal, request evidence", async ({
    api,
    world: w,
    database: { db },
  }) => {
    await dueLater(db, w, w.t2);
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const other = await loginAs(api, "other@a.test", PASSWORD);
    const today = shanghaiDay(new Date());
    const { notices } = await office.notice.issue.mutate({
      planId: w.planId,
      level: "BLUE",
      requirement: "请报送进展",
      replyDueDate: addDays(today, 7),
      taskIds: [w.t2],
    });
    const reply = await other.notice.reply.mutate({ noticeId: notices[0]!.id, text: "已推进" });
    const request = await other.changeRequest.file.mutate({
      taskId: w.t2,
      kind: "EXTENSION",
      reason: "需要延期",
      proposedDueDate: "2028-06-30",
    });
    const applied = await applyOverHttp(
      api,
      other,
      w.t2,
      { version: await version(db, w.t2), summary: "已完成" },
      [{ name: "总结.pdf", bytes: PDF }],
    );
    expect(applied.status).toBe(201);
    await db.plan.update({ where: { id: w.planId }, data: { status: "ARCHIVED" } });
    try {
      const before = {
        audit: await db.auditEvent.count(),
        replies: await db.noticeReply.count(),
        evidence: await db.evidenceFile.count(),
        outbox: await db.notification.count(),
        inbox: await db.inboxMessage.count(),
      };
      for (const call of [
        () => other.notice.reply.mutate({ noticeId: notices[0]!.id, text: "归档后回复" }),
        () =>
          office.completion.decide.mutate({
            applicationId: applied.body!.applicationId!,
            version: applied.body!.version!,
            approve: true,
            rating: "GOOD",
          }),
        () =>
          other.changeRequest.withdraw.mutate({
            requestId: request.requestId,
            version: request.version,
          }),
      ]) {
        const r = await refused(call);
        expect(r.code).toBe("BAD_REQUEST");
        expect(r.message).toContain("规划已归档");
      }
      for (const path of [
        `/api/notice-replies/${reply.id}/evidence`,
        `/api/change-requests/${request.requestId}/evidence`,
      ]) {
        const res = await upload(api, other, path);
        expect(res.status).toBe(400);
        expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
          "规划已归档",
        );
      }
      expect({
        audit: await db.auditEvent.count(),
        replies: await db.noticeReply.count(),
        evidence: await db.evidenceFile.count(),
        outbox: await db.notification.count(),
        inbox: await db.inboxMessage.count(),
      }).toEqual(before);
      expect((await db.task.findUniqueOrThrow({ where: { id: w.t2 } })).status).toBe(
        "PENDING_REVIEW",
      );
      expect(
        (await db.changeRequest.findUniqueOrThrow({ where: { id: request.requestId } })).state,
      ).toBe("PENDING");
    } finally {
      await db.plan.update({ where: { id: w.planId }, data: { status: "ACTIVE" } });
    }
    await other.changeRequest.withdraw.mutate({
      requestId: request.requestId,
      version: request.version,
    });
    await office.completion.decide.mutate({
      applicationId: applied.body!.applicationId!,
      version: applied.body!.version!,
      approve: false,
      comment: "请补充材料",
    });
  });

  test("odd multipart bodies on the loop's upload routes are 4xx refusals, never a 500, and write nothing", async ({
    api,
    world: w,
    database: { db },
  }) => {
    await dueLater(db, w, w.t2);
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const other = await loginAs(api, "other@a.test", PASSWORD);
    const today = shanghaiDay(new Date());
    const { notices } = await office.notice.issue.mutate({
      planId: w.planId,
      level: "BLUE",
      requirement: "请报送进展",
      replyDueDate: addDays(today, 7),
      taskIds: [w.t2],
    });
    const reply = await other.notice.reply.mutate({ noticeId: notices[0]!.id, text: "已推进" });
    const request = await other.changeRequest.file.mutate({
      taskId: w.t2,
      kind: "EXTENSION",
      reason: "需要延期",
      proposedDueDate: "2028-06-30",
    });
    const cookie = cookieOf.get(other)!() ?? "";
    const post = (path: string, body: FormData | string, headers: Record<string, string> = {}) =>
      fetch(`${api.url}${path}`, {
        method: "POST",
        headers: { cookie, "x-duban-csrf": "1", ...headers },
        body,
      });
    const before = {
      evidence: await db.evidenceFile.count(),
      audit: await db.auditEvent.count(),
      applications: await db.completionApplication.count(),
    };
    const statuses: Record<string, number> = {};
    for (const path of [
      `/api/notice-replies/${reply.id}/evidence`,
      `/api/change-requests/${request.requestId}/evidence`,
      `/api/tasks/${w.t2}/completion`,
    ]) {
      const twoFiles = new FormData();
      twoFiles.append("file", new Blob([Buffer.from(PDF)]), "a.exe");
      twoFiles.append("file", new Blob([Buffer.from(PDF)]), "b.pdf");
      statuses[`${path} bad name`] = (await post(path, twoFiles)).status;
      statuses[`${path} json`] = (
        await post(path, JSON.stringify({ a: 1 }), { "content-type": "application/json" })
      ).status;
      statuses[`${path} empty`] = (await post(path, new FormData())).status;
      statuses[`${path} garbage`] = (
        await post(path, "--xx\r\nnot a part", {
          "content-type": "multipart/form-data; boundary=xx",
        })
      ).status;
    }
    const fieldFirst = new FormData();
    fieldFirst.append("note", "x");
    fieldFirst.append("file", new Blob([Buffer.from(PDF)]), "a.pdf");
    statuses["completion unknown field"] = (
      await post(`/api/tasks/${w.t2}/completion`, fieldFirst)
    ).status;
    const eleven = new FormData();
    eleven.append("version", String(await version(db, w.t2)));
    eleven.append("summary", "已完成");
    for (let i = 0; i < 11; i++) eleven.append("file", new Blob([Buffer.from(PDF)]), `f${i}.pdf`);
    statuses["completion 11 files"] = (await post(`/api/tasks/${w.t2}/completion`, eleven)).status;
    const server = Object.entries(statuses).filter(([, s]) => s >= 500 || s < 400);
    expect(server).toEqual([]);
    expect({
      evidence: await db.evidenceFile.count(),
      audit: await db.auditEvent.count(),
      applications: await db.completionApplication.count(),
    }).toEqual(before);
    await other.changeRequest.withdraw.mutate({
      requestId: request.requestId,
      version: request.version,
    });
  });

  test("a unit that declined a task cannot also acknowledge it while the decline is open", async ({
    api,
    world: w,
    database: { db },
  }) => {
    await dueLater(db, w, w.t2);
    await db.task.update({ where: { id: w.t2 }, data: { acknowledgedAt: null } });
    const other = await loginAs(api, "other@a.test", PASSWORD);
    const declined = await other.task.decline.mutate({
      taskId: w.t2,
      version: await version(db, w.t2),
      reason: "不属于本单位职责",
    });
    const before = await db.auditEvent.count();
    const r = await refused(() =>
      other.task.acknowledge.mutate({ taskId: w.t2, version: declined.version }),
    );
    expect(r.code).toBe("BAD_REQUEST");
    expect(r.message).toContain("退回");
    expect(await db.auditEvent.count()).toBe(before);
    expect((await db.task.findUniqueOrThrow({ where: { id: w.t2 } })).acknowledgedAt).toBeNull();
    // withdrawn, the decline no longer stands in the way
    await other.changeRequest.withdraw.mutate({ requestId: declined.requestId, version: 0 });
    await other.task.acknowledge.mutate({ taskId: w.t2, version: declined.version });
  });

  test("another county's users reach nothing of the loop by id, and the city's leader writes nothing", async ({
    api,
    world: w,
    database: { db },
  }) => {
    await dueLater(db, w, w.t1);
    const [office, lead, leader] = [
      await loginAs(api, "office@a.test", PASSWORD),
      await loginAs(api, "lead@a.test", PASSWORD),
      await loginAs(api, "leader@a.test", PASSWORD),
    ];
    const today = shanghaiDay(new Date());
    const request = await lead.changeRequest.file.mutate({
      taskId: w.t1,
      kind: "EXTENSION",
      reason: "申请延期",
      proposedDueDate: "2028-06-30",
    });
    const requestFile = (await (
      await upload(api, lead, `/api/change-requests/${request.requestId}/evidence`)
    ).json()) as { id: string };
    const { notices } = await office.notice.issue.mutate({
      planId: w.planId,
      level: "YELLOW",
      requirement: "请报送进展",
      replyDueDate: addDays(today, 7),
      taskIds: [w.t1],
    });
    const noticeId = notices[0]!.id;
    const reply = await lead.notice.reply.mutate({ noticeId, text: "已推进" });
    const { instructionId } = await leader.instruction.write.mutate({
      target: "TASK",
      taskId: w.t1,
      text: "抓紧推进",
    });
    const applied = await applyOverHttp(
      api,
      lead,
      w.t1,
      { version: await version(db, w.t1), summary: "已完成" },
      [{ name: "总结.pdf", bytes: PDF }],
    );
    const applicationId = applied.body!.applicationId!;
    const message = await db.inboxMessage.findFirstOrThrow({
      where: { userId: w.users.officeA.id },
    });
    const outsiders = new Map<string, Client>();
    for (const email of ["office@b.test", "staff@b.test", "leader@city.test"])
      outsiders.set(email, await loginAs(api, email, PASSWORD));
    const before = {
      audit: await db.auditEvent.count(),
      outbox: await db.notification.count(),
      inbox: await db.inboxMessage.count(),
      readAt: message.readAt,
    };
    const procedures = (c: Client) => ({
      acknowledge: () => c.task.acknowledge.mutate({ taskId: w.t1, version: 0 }),
      decline: () => c.task.decline.mutate({ taskId: w.t1, version: 0, reason: "不是我的" }),
      file: () =>
        c.changeRequest.file.mutate({
          taskId: w.t1,
          kind: "SUSPENSION",
          reason: "暂缓",
        }),
      decide: () =>
        c.changeRequest.decide.mutate({ requestId: request.requestId, version: 0, approve: true }),
      withdraw: () => c.changeRequest.withdraw.mutate({ requestId: request.requestId, version: 0 }),
      requests: () => c.changeRequest.list.query({ planId: w.planId, taskId: w.t1 }),
      signOff: () =>
        c.completion.decide.mutate({ applicationId, version: 0, approve: true, rating: "GOOD" }),
      applications: () => c.completion.list.query({ taskId: w.t1 }),
      issue: () =>
        c.notice.issue.mutate({
          planId: w.planId,
          level: "RED",
          requirement: "x",
          replyDueDate: addDays(today, 3),
          taskIds: [w.t1],
        }),
      notices: () => c.notice.list.query({ planId: w.planId }),
      suggest: () => c.notice.suggestLevel.query({ taskId: w.t1 }),
      reply: () => c.notice.reply.mutate({ noticeId, text: "冒名回复" }),
      instruct: () => c.instruction.write.mutate({ target: "TASK", taskId: w.t1, text: "批示" }),
      instructions: () => c.instruction.list.query({ taskId: w.t1 }),
      followUp: () =>
        c.instruction.followUp.mutate({
          instructionId,
          planId: w.planId,
          title: "跟进",
          leadDepartmentId: w.d1.id,
          dueDate: addDays(today, 30),
        }),
      register: () =>
        c.item.register.mutate({
          planId: w.planId,
          title: "立项",
          source: "MEETING",
          leadDepartmentId: w.d1.id,
          startDate: today,
          dueDate: addDays(today, 30),
        }),
      markRead: () => c.inbox.markRead.mutate({ messageIds: [message.id] }),
      settings: () => c.supervisionSettings.get.query({ jurisdictionId: w.a.id }),
    });
    const routes = (c: Client) => ({
      "request evidence": () =>
        upload(api, c, `/api/change-requests/${request.requestId}/evidence`),
      "reply evidence": () => upload(api, c, `/api/notice-replies/${reply.id}/evidence`),
      apply: () => upload(api, c, `/api/tasks/${w.t1}/completion`),
      "notice document": () =>
        fetch(`${api.url}/api/notices/${noticeId}/document`, {
          headers: { cookie: cookieOf.get(c)!() ?? "" },
        }),
      evidence: () =>
        fetch(`${api.url}/api/evidence/${requestFile.id}`, {
          headers: { cookie: cookieOf.get(c)!() ?? "" },
        }),
    });
    const leaks: string[] = [];
    const wrong: string[] = [];
    for (const [email, c] of outsiders) {
      const county = email !== "leader@city.test";
      for (const [name, call] of Object.entries(procedures(c))) {
        let code = "OK";
        try {
          await call();
        } catch (error) {
          const e = error as { message: string; data?: { code?: string } };
          code = e.data?.code ?? "UNKNOWN";
          if (/任务一|科学技术局|申请延期|已推进|抓紧推进/.test(e.message))
            leaks.push(`${email} ${name}: ${e.message}`);
        }
        // a county outside A sees nothing of it; the city's leader reads but writes nothing
        const ok = county
          ? code === "NOT_FOUND" || (code === "FORBIDDEN" && ["issue", "register"].includes(name))
          : ["requests", "applications", "notices", "instructions"].includes(name)
            ? code === "OK"
            : ["FORBIDDEN", "NOT_FOUND", "BAD_REQUEST"].includes(code);
        if (!ok) wrong.push(`${email} ${name}: ${code}`);
      }
      for (const [name, call] of Object.entries(routes(c))) {
        const res = await call();
        const text = await res.text();
        if (/任务一|科学技术局|申请延期/.test(text) && res.status >= 400)
          leaks.push(`${email} ${name}: ${text}`);
        const reads = ["notice document", "evidence"];
        const ok = county
          ? res.status === 404
          : reads.includes(name)
            ? res.status === 200
            : [403, 404].includes(res.status);
        if (!ok) wrong.push(`${email} ${name}: HTTP ${res.status}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(wrong).toEqual([]);
    expect({
      audit: await db.auditEvent.count(),
      outbox: await db.notification.count(),
      inbox: await db.inboxMessage.count(),
      readAt: (await db.inboxMessage.findUniqueOrThrow({ where: { id: message.id } })).readAt,
    }).toEqual(before);
    await office.completion.decide.mutate({
      applicationId,
      version: applied.body!.version!,
      approve: false,
      comment: "退回",
    });
    await lead.changeRequest.withdraw.mutate({
      requestId: request.requestId,
      version: request.version,
    });
  });

  test("a request filed while the task is being reassigned never stays open for the unit that lost it", async ({
    api,
    world: w,
    database: { db },
  }) => {
    await dueLater(db, w, w.t1);
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const lead = await loginAs(api, "lead@a.test", PASSWORD);
    const outcomes = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const v = await version(db, w.t1);
      const [moved, filed] = await Promise.allSettled([
        office.task.reassign.mutate({
          taskId: w.t1,
          version: v,
          leadDepartmentId: w.d3.id,
          supportingDepartmentIds: [w.d2.id],
          reason: "职责调整",
        }),
        lead.changeRequest.file.mutate({
          taskId: w.t1,
          kind: "EXTENSION",
          reason: "申请延期",
          proposedDueDate: "2028-06-30",
        }),
      ]);
      outcomes.add(`${moved.status}/${filed.status}`);
      const task = await db.task.findUniqueOrThrow({ where: { id: w.t1 } });
      expect(
        await db.changeRequest.count({
          where: {
            taskId: w.t1,
            state: { in: ["PENDING", "OFFICE_APPROVED"] },
            departmentId: { not: task.leadDepartmentId },
          },
        }),
      ).toBe(0);
      // back to the start: D1 leads, no request open
      await db.changeRequest.updateMany({
        where: { taskId: w.t1, state: "PENDING" },
        data: { state: "WITHDRAWN" },
      });
      if (task.leadDepartmentId !== w.d1.id)
        await office.task.reassign.mutate({
          taskId: w.t1,
          version: task.version,
          leadDepartmentId: w.d1.id,
          supportingDepartmentIds: [w.d2.id],
          reason: "调回",
        });
    }
    expect([...outcomes].every((o) => o.startsWith("fulfilled"))).toBe(true);
  });

  test("a task signed off or cancelled leaves no change request open to approve", async ({
    api,
    world: w,
    database: { db },
  }) => {
    await dueLater(db, w, w.t2);
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const other = await loginAs(api, "other@a.test", PASSWORD);
    const extension = () =>
      other.changeRequest.file.mutate({
        taskId: w.t2,
        kind: "EXTENSION",
        reason: "申请延期",
        proposedDueDate: "2028-06-30",
      });
    const closedBy = async (requestId: string, why: string) => {
      const r = await db.changeRequest.findUniqueOrThrow({ where: { id: requestId } });
      expect(r.state).toBe("WITHDRAWN");
      const audit = await db.auditEvent.findFirstOrThrow({
        where: { entityId: requestId, action: "changeRequest.close" },
      });
      expect(audit.after).toMatchObject({ why });
      const late = await refused(() =>
        office.changeRequest.decide.mutate({ requestId, version: r.version, approve: true }),
      );
      expect(late.code).toBe("CONFLICT");
    };

    // signed off: the extension asked for before is moot
    const before = await extension();
    const applied = await applyOverHttp(
      api,
      other,
      w.t2,
      { version: await version(db, w.t2), summary: "已完成" },
      [{ name: "总结.pdf", bytes: PDF }],
    );
    await office.completion.decide.mutate({
      applicationId: applied.body!.applicationId!,
      version: applied.body!.version!,
      approve: true,
      rating: "GOOD",
    });
    await closedBy(before.requestId, "completed");
    const t = await db.task.findUniqueOrThrow({ where: { id: w.t2 } });
    expect(t.dueDate.toISOString().slice(0, 10)).toBe("2027-06-30");
    await office.task.setStatus.mutate({
      taskId: w.t2,
      version: t.version,
      status: "IN_PROGRESS",
      reason: "重新推进",
    });

    // cancelled by an approved request: the other open request is closed with it
    const pending = await extension();
    const cancel = await other.changeRequest.file.mutate({
      taskId: w.t2,
      kind: "CANCELLATION",
      reason: "任务取消",
    });
    await office.changeRequest.decide.mutate({
      requestId: cancel.requestId,
      version: cancel.version,
      approve: true,
    });
    expect((await db.task.findUniqueOrThrow({ where: { id: w.t2 } })).status).toBe("CANCELLED");
    expect(
      (await db.changeRequest.findUniqueOrThrow({ where: { id: cancel.requestId } })).state,
    ).toBe("APPROVED");
    await closedBy(pending.requestId, "cancelled");
    await db.task.update({ where: { id: w.t2 }, data: { status: "IN_PROGRESS" } });
  });

  test("races: two applications at once, a decision against a withdrawal: exactly one wins each time", async ({
    api,
    world: w,
    database: { db },
  }) => {
    await dueLater(db, w, w.t2);
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const other = await loginAs(api, "other@a.test", PASSWORD);
    const v = await version(db, w.t2);
    const before = await db.completionApplication.count({ where: { taskId: w.t2 } });
    const both = await Promise.all(
      ["甲", "乙"].map((who) =>
        applyOverHttp(api, other, w.t2, { version: v, summary: `${who}提交` }, [
          { name: "总结.pdf", bytes: PDF },
        ]),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await db.completionApplication.count({ where: { taskId: w.t2 } })).toBe(before + 1);
    const won = both.find((r) => r.status === 201)!.body!;
    await office.completion.decide.mutate({
      applicationId: won.applicationId!,
      version: won.version!,
      approve: false,
      comment: "退回",
    });

    for (let i = 0; i < 3; i++) {
      const r = await other.changeRequest.file.mutate({
        taskId: w.t2,
        kind: "EXTENSION",
        reason: "申请延期",
        proposedDueDate: "2028-06-30",
      });
      const due = await db.task.findUniqueOrThrow({ where: { id: w.t2 } });
      const results = await Promise.allSettled([
        office.changeRequest.decide.mutate({
          requestId: r.requestId,
          version: r.version,
          approve: true,
        }),
        other.changeRequest.withdraw.mutate({ requestId: r.requestId, version: r.version }),
      ]);
      expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(1);
      const final = await db.changeRequest.findUniqueOrThrow({ where: { id: r.requestId } });
      const after = await db.task.findUniqueOrThrow({ where: { id: w.t2 } });
      if (final.state === "WITHDRAWN") expect(after.dueDate).toEqual(due.dueDate);
      else {
        expect(final.state).toBe("APPROVED");
        expect(after.dueDate.toISOString().slice(0, 10)).toBe("2028-06-30");
        await db.task.update({ where: { id: w.t2 }, data: { dueDate: due.dueDate } });
      }
      expect(
        await db.auditEvent.count({
          where: {
            entityId: r.requestId,
            action: { in: ["changeRequest.decide", "changeRequest.withdraw"] },
          },
        }),
      ).toBe(1);
    }
  });

  test("an inbox message about a task reassigned away no longer shows the task to the unit that lost it", async ({
    api,
    world: w,
    database: { db },
  }) => {
    await dueLater(db, w, w.t1);
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const lead = await loginAs(api, "lead@a.test", PASSWORD);
    const title = (await db.task.findUniqueOrThrow({ where: { id: w.t1 } })).title;
    await office.notice.issue.mutate({
      planId: w.planId,
      level: "BLUE",
      requirement: "请报送整改方案：机密内容",
      replyDueDate: addDays(shanghaiDay(new Date()), 7),
      taskIds: [w.t1],
    });
    const about = (items: Array<{ title: string; body: string; taskId: string | null }>) =>
      items.filter((m) => m.taskId === w.t1 || m.title.includes(title) || m.body.includes("机密"));
    const seen = await lead.inbox.list.query({ page: 1, pageSize: 50 });
    expect(about(seen.items).length).toBeGreaterThan(0);
    await office.task.reassign.mutate({
      taskId: w.t1,
      version: await version(db, w.t1),
      leadDepartmentId: w.d3.id,
      supportingDepartmentIds: [w.d2.id],
      reason: "职责调整",
    });
    const after = await lead.inbox.list.query({ page: 1, pageSize: 50 });
    expect(after.total).toBe(seen.total);
    expect(about(after.items)).toEqual([]);
    // the new lead unit's staff read theirs in full
    const other = await loginAs(api, "other@a.test", PASSWORD);
    const theirs = await other.inbox.list.query({ page: 1, pageSize: 50 });
    expect(theirs.items.some((m) => m.taskId === w.t1 && m.title.includes(title))).toBe(true);
    await office.task.reassign.mutate({
      taskId: w.t1,
      version: await version(db, w.t1),
      leadDepartmentId: w.d1.id,
      supportingDepartmentIds: [w.d2.id],
      reason: "调回",
    });
    // back with D1 (and told of it once more), the unit reads them all again
    expect(
      about((await lead.inbox.list.query({ page: 1, pageSize: 50 })).items).length,
    ).toBeGreaterThan(about(seen.items).length);
  });

  test("applying for completion acknowledges a task not yet acknowledged; it can no longer be declined", async ({
    api,
    world: w,
    database: { db },
  }) => {
    await dueLater(db, w, w.t2);
    await db.task.update({
      where: { id: w.t2 },
      data: { acknowledgedAt: null, acknowledgedById: null },
    });
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const other = await loginAs(api, "other@a.test", PASSWORD);
    const applied = await applyOverHttp(
      api,
      other,
      w.t2,
      { version: await version(db, w.t2), summary: "已完成" },
      [{ name: "总结.pdf", bytes: PDF }],
    );
    expect(applied.status).toBe(201);
    const task = await db.task.findUniqueOrThrow({ where: { id: w.t2 } });
    expect(task.acknowledgedAt).not.toBeNull();
    expect(task.acknowledgedById).toBe(w.users.staffOther.id);
    expect(
      await db.auditEvent.count({ where: { entityId: w.t2, action: "task.acknowledge" } }),
    ).toBeGreaterThan(0);
    const r = await refused(() =>
      other.task.decline.mutate({ taskId: w.t2, version: task.version, reason: "不是本单位的" }),
    );
    expect(r.message).toContain("已签收");
    await office.completion.decide.mutate({
      applicationId: applied.body!.applicationId!,
      version: applied.body!.version!,
      approve: false,
      comment: "退回",
    });
  });

  test("a task awaiting the office's sign-off is not urged, by name or by a filter", async ({
    api,
    world: w,
    database: { db },
  }) => {
    await dueLater(db, w, w.t2);
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const other = await loginAs(api, "other@a.test", PASSWORD);
    const applied = await applyOverHttp(
      api,
      other,
      w.t2,
      { version: await version(db, w.t2), summary: "已完成" },
      [{ name: "总结.pdf", bytes: PDF }],
    );
    expect(applied.status).toBe(201);
    // overdue now: the filter of the unit's overdue tasks would have caught it
    await db.task.update({
      where: { id: w.t2 },
      data: { dueDate: new Date("2026-01-31T00:00:00Z") },
    });
    const today = shanghaiDay(new Date());
    const notices = await db.supervisionNotice.count();
    const named = await refused(() =>
      office.notice.issue.mutate({
        planId: w.planId,
        level: "YELLOW",
        requirement: "请加快推进",
        replyDueDate: addDays(today, 7),
        taskIds: [w.t2],
      }),
    );
    expect(named.code).toBe("BAD_REQUEST");
    expect(named.message).toContain("等待领导小组办公室审核");
    const filtered = await refused(() =>
      office.notice.issue.mutate({
        planId: w.planId,
        level: "YELLOW",
        requirement: "请加快推进",
        replyDueDate: addDays(today, 7),
        filter: { departmentId: w.d3.id, schedule: "OVERDUE" },
      }),
    );
    expect(filtered.message).toContain("没有符合条件");
    expect(await db.supervisionNotice.count()).toBe(notices);
    await office.completion.decide.mutate({
      applicationId: applied.body!.applicationId!,
      version: applied.body!.version!,
      approve: false,
      comment: "退回",
    });
    await dueLater(db, w, w.t2);
  });

  test("a disabled user's open session reaches nothing of the loop: not even an inbox count", async ({
    api,
    world: w,
    database: { db },
  }) => {
    const support = await loginAs(api, "support@a.test", PASSWORD);
    expect(await support.inbox.unreadCount.query()).toHaveProperty("unread");
    await db.user.update({
      where: { id: w.users.staffSupport.id },
      data: { disabledAt: new Date() },
    });
    try {
      for (const call of [
        () => support.inbox.unreadCount.query(),
        () => support.inbox.list.query({ page: 1, pageSize: 10 }),
        () => support.inbox.markAllRead.mutate(),
        () => support.notice.list.query({ planId: w.planId }),
        () => support.completion.list.query({ taskId: w.t1 }),
      ])
        expect((await refused(call)).code).toBe("UNAUTHORIZED");
      const res = await upload(api, support, `/api/tasks/${w.t1}/completion`);
      expect(res.status).toBe(401);
    } finally {
      await db.user.update({ where: { id: w.users.staffSupport.id }, data: { disabledAt: null } });
    }
  });
});
