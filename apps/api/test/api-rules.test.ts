import { describe, expect } from "vitest";

import { connect, loginAs, outcome, requestIdsOf } from "./harness.ts";
import { test } from "./served-world.ts";
import { PASSWORD } from "./world.ts";

describe("rules through the HTTP API", () => {
  test("concurrent edits: the second save with a stale version is a conflict, the first is kept", async ({
    api,
    world,
    database,
  }) => {
    const a = await loginAs(api, "office@a.test", PASSWORD);
    const b = await loginAs(api, "office@a.test", PASSWORD);
    const task = await a.task.get.query({ taskId: world.t1 });
    await a.task.update.mutate({
      taskId: world.t1,
      version: task.version,
      title: "甲的修改",
    });
    expect(
      await outcome(() =>
        b.task.update.mutate({ taskId: world.t1, version: task.version, title: "乙的修改" }),
      ),
    ).toBe("CONFLICT");
    expect((await database.db.task.findUniqueOrThrow({ where: { id: world.t1 } })).title).toBe(
      "甲的修改",
    );
  });

  test("the status machine: the lead starts, completing is the sign-off's; reopening is the office's", async ({
    api,
    world,
    database,
  }) => {
    const lead = await loginAs(api, "lead@a.test", PASSWORD);
    const office = await loginAs(api, "office@a.test", PASSWORD);
    let t = await lead.task.get.query({ taskId: world.t1 });
    expect(t.status).toBe("NOT_STARTED");
    expect(
      await outcome(() =>
        lead.task.setStatus.mutate({
          taskId: world.t1,
          version: t.version,
          status: "SUSPENDED",
        }),
      ),
    ).toBe("FORBIDDEN");
    await lead.task.setStatus.mutate({
      taskId: world.t1,
      version: t.version,
      status: "IN_PROGRESS",
    });
    t = await lead.task.get.query({ taskId: world.t1 });
    // nobody completes a task by a status change (issue #17): the sign-off does it (completion.test.ts)
    expect(
      await outcome(() =>
        lead.task.setStatus.mutate({ taskId: world.t1, version: t.version, status: "COMPLETED" }),
      ),
    ).toBe("BAD_REQUEST");
    await database.db.task.update({
      where: { id: world.t1 },
      data: {
        status: "COMPLETED",
        progress: 100,
        completedAt: new Date(),
        version: { increment: 1 },
      },
    });
    t = await lead.task.get.query({ taskId: world.t1 });
    expect(t).toMatchObject({ status: "COMPLETED", progress: 100, schedule: "COMPLETED" });
    expect(
      await outcome(() =>
        lead.task.setStatus.mutate({
          taskId: world.t1,
          version: t.version,
          status: "IN_PROGRESS",
        }),
      ),
    ).toBe("FORBIDDEN");
    await office.task.setStatus.mutate({
      taskId: world.t1,
      version: t.version,
      status: "IN_PROGRESS",
      reason: "验收未通过",
    });
    t = await office.task.get.query({ taskId: world.t1 });
    await office.task.setStatus.mutate({
      taskId: world.t1,
      version: t.version,
      status: "CANCELLED",
    });
    t = await office.task.get.query({ taskId: world.t1 });
    expect(
      await outcome(() =>
        office.task.setStatus.mutate({
          taskId: world.t1,
          version: t.version,
          status: "IN_PROGRESS",
        }),
      ),
    ).toBe("BAD_REQUEST");
  });

  test("re-dating keeps the original due date and the reason", async ({ api, world }) => {
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const t = await office.task.get.query({ taskId: world.t2 });
    await office.task.redate.mutate({
      taskId: world.t2,
      version: t.version,
      dueDate: "2025-06-30",
      reason: "项目提前",
    });
    const after = await office.task.get.query({ taskId: world.t2 });
    expect(after).toMatchObject({
      dueDate: "2025-06-30",
      originalDueDate: "2025-12-31",
      redated: true,
    });
    expect(after.dateChanges.map((c) => [c.fromDueDate, c.toDueDate, c.reason])).toEqual([
      ["2025-12-31", "2025-06-30", "项目提前"],
    ]);
    expect(
      await outcome(() =>
        office.task.redate.mutate({
          taskId: world.t2,
          version: after.version,
          dueDate: "2031-01-01",
          reason: "x",
        }),
      ),
    ).toBe("BAD_REQUEST");
  });

  test("invalid input is a validation error with the field, never a 500", async ({
    api,
    world,
  }) => {
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const bad: Array<() => Promise<unknown>> = [
      () => office.task.get.query({ taskId: "not-a-uuid" }),
      () => office.task.update.mutate({ taskId: world.t1, version: -1 } as never),
      () =>
        office.ledger.submit.mutate({
          taskId: world.t1,
          cycleId: world.cycleId,
          progressText: "",
          percentComplete: 101,
          status: "IN_PROGRESS",
        }),
      () =>
        office.plan.createTasks.mutate({
          planId: world.planId,
          tasks: [
            {
              nodeId: null,
              title: "x",
              leadDepartmentId: world.d1.id,
              startDate: "2025-13-01",
              dueDate: "2025-01-01",
            },
          ],
        } as never),
      () =>
        office.admin.createUser.mutate({
          jurisdictionId: world.a.id,
          email: "not an email",
          name: "x",
          role: "DEPARTMENT",
          password: "short",
        }),
      () => office.task.list.query({ planId: world.planId, pageSize: 10_000 }),
      () =>
        office.task.list.query({
          planId: world.planId,
          search: '\'; DROP TABLE "Task"; --',
        }),
    ];
    const results = await Promise.all(bad.map(outcome));
    expect(results.slice(0, 6)).toEqual(Array(6).fill("BAD_REQUEST"));
    expect(results[6]).toBe("OK");
  });

  test("every successful mutation wrote an audit event carrying its request id", async ({
    api,
    world,
    database,
  }) => {
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const lead = await loginAs(api, "lead@a.test", PASSWORD);
    const t = await office.task.get.query({ taskId: world.t2 });
    const ids: string[] = [];
    const track = async (client: typeof office, call: () => Promise<unknown>) => {
      await call();
      ids.push(requestIdsOf.get(client)!.at(-1)!);
    };
    await track(office, () =>
      office.task.update.mutate({
        taskId: world.t2,
        version: t.version,
        description: "说明",
      }),
    );
    await track(office, () =>
      office.task.addMilestone.mutate({
        taskId: world.t2,
        title: "新节点",
        dueDate: "2024-06-30",
      }),
    );
    await track(lead, () =>
      lead.task.setMilestoneDone.mutate({
        milestoneId: world.milestoneId,
        version: 0,
        done: true,
      }),
    );
    await track(office, () =>
      office.admin.createDepartment.mutate({
        jurisdictionId: world.a.id,
        name: "审计测试单位",
      }),
    );
    await track(office, () => office.auth.logout.mutate());
    for (const id of ids) {
      expect(await database.db.auditEvent.count({ where: { requestId: id } }), id).toBeGreaterThan(
        0,
      );
    }
  });

  test("CSRF: mutations without JSON, without the header or from a foreign origin are refused", async ({
    api,
  }) => {
    const url = `${api.url}/trpc/auth.login`;
    const body = JSON.stringify({ json: { email: "office@a.test", password: PASSWORD } });
    const form = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "email=office@a.test",
    });
    const plain = await fetch(url, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body,
    });
    const noHeader = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    const foreign = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-duban-csrf": "1",
        origin: "https://evil.example",
      },
      body,
    });
    const ok = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-duban-csrf": "1",
        origin: "http://localhost:3000",
      },
      body,
    });
    expect([form.status, plain.status, noHeader.status, foreign.status, ok.status]).toEqual([
      403, 403, 403, 403, 200,
    ]);
    expect(ok.headers.get("set-cookie")).toMatch(/duban_session=.*HttpOnly.*SameSite=Lax/i);
  });

  test("password reset by emailed token: the outbox holds the email; the token works once and ends old sessions", async ({
    api,
    world,
    database,
  }) => {
    const anon = connect(api);
    const old = await loginAs(api, "support@a.test", PASSWORD);
    await anon.auth.requestPasswordReset.mutate({ email: "support@a.test" });
    await anon.auth.requestPasswordReset.mutate({ email: "nobody@a.test" });
    const mails = await database.db.notification.findMany({ where: { kind: "password-reset" } });
    expect(mails.map((m) => m.recipientEmail)).toEqual(["support@a.test"]);
    const token = new URL((mails[0]!.payload as { url: string }).url).searchParams.get("token")!;
    await anon.auth.resetPassword.mutate({ token, password: "a-brand-new-password" });
    expect(
      await outcome(() =>
        anon.auth.resetPassword.mutate({ token, password: "another-new-password" }),
      ),
    ).toBe("BAD_REQUEST");
    expect(await outcome(() => old.task.list.query({ planId: world.planId }))).toBe("UNAUTHORIZED");
    expect(await outcome(() => loginAs(api, "support@a.test", "a-brand-new-password"))).toBe("OK");
  });
});
