// 年度工作要点 over HTTP (issue #18): the office creates a year's plan, pulls plan tasks with this
// year's deliverable, carries the previous year's unfinished items over with their reasons, marks
// items done, issues the plan (the lead units are told by email and inbox), imports a year's
// 分工方案, and downloads the plan as a sheet; units see their own items of an issued plan only.
import { describe, expect } from "vitest";

import { importPlan, shanghaiDay, systemActor } from "@duban/domain";
import { createMailer, sendPendingNotifications } from "@duban/jobs";
import { createLogger } from "@duban/logger";
import { readWorkbook } from "@duban/reports";

import { cookieOf, loginAs, outcome, refused, type Api, type Client } from "./harness.ts";
import { test, type World } from "./served-world.ts";
import { PASSWORD, xifengBytes } from "./world.ts";

const office = (api: Api) => loginAs(api, "office@a.test", PASSWORD);
/** The year the clock is in: items marked done today count for it (annualItemOutcome). */
const THIS_YEAR = Number(shanghaiDay(new Date()).slice(0, 4));

async function created(client: Client, world: World, year: number) {
  const { annualPlanId } = await client.annualPlan.create.mutate({ planId: world.planId, year });
  return annualPlanId;
}

async function download(api: Api, client: Client, annualPlanId: string) {
  return fetch(`${api.url}/api/annual-plans/${annualPlanId}/export.xlsx`, {
    headers: { cookie: cookieOf.get(client)!() ?? "" },
  });
}

describe("年度工作要点", () => {
  test("the office creates a year's plan and pulls tasks; bad years, dates, tasks and writers are refused", async ({
    api,
    world,
    database,
  }) => {
    const { db } = database;
    const o = await office(api);
    const staff = await loginAs(api, "lead@a.test", PASSWORD);
    const leader = await loginAs(api, "leader@a.test", PASSWORD);
    // the year rule: from the plan's first year to five years after its last (2021–2030)
    for (const year of [2020, 2031])
      expect(
        (await refused(() => o.annualPlan.create.mutate({ planId: world.planId, year }))).code,
      ).toBe("BAD_REQUEST");
    expect(
      await outcome(() => staff.annualPlan.create.mutate({ planId: world.planId, year: 2021 })),
    ).toBe("FORBIDDEN");
    const id = await created(o, world, 2021);
    expect(
      await outcome(() => o.annualPlan.create.mutate({ planId: world.planId, year: 2021 })),
    ).toBe("CONFLICT");

    // the dialog prefills T1's deliverable from its 2021 milestone
    const suggestions = await o.annualPlan.suggestions.query({ annualPlanId: id });
    const s1 = suggestions.find((s) => s.taskId === world.t1)!;
    expect(s1).toMatchObject({ deliverable: "2021年度目标", suggestedDueDate: "2021-12-31" });
    expect(suggestions.find((s) => s.taskId === world.t2)!.suggestedDueDate).toBe("2021-12-31");
    expect(await outcome(() => staff.annualPlan.suggestions.query({ annualPlanId: id }))).toBe(
      "NOT_FOUND",
    );

    const plan = await o.annualPlan.get.query({ annualPlanId: id });
    const bad = async (items: Array<{ taskId: string; deliverable: string; dueDate: string }>) =>
      refused(() =>
        o.annualPlan.addItems.mutate({ annualPlanId: id, version: plan.version, items }),
      );
    // another county's plan's task
    const other = await importPlan(
      { db, actor: systemActor("test") },
      {
        jurisdictionId: world.b.id,
        fileName: "b.txt",
        bytes: await xifengBytes(),
        title: "乙县规划",
      },
    );
    const foreign = await db.task.create({
      data: {
        planId: other.planId,
        title: "乙县任务",
        leadDepartmentId: world.bDept.id,
        startDate: new Date("2021-01-01"),
        dueDate: new Date("2025-12-31"),
        originalDueDate: new Date("2025-12-31"),
      },
    });
    const before = await db.annualPlanItem.count();
    const wrongYear = await bad([{ taskId: world.t1, deliverable: "x", dueDate: "2022-03-31" }]);
    expect(wrongYear).toMatchObject({ code: "BAD_REQUEST" });
    expect(wrongYear.message).toContain("2021 年度内");
    expect(
      (await bad([{ taskId: foreign.id, deliverable: "x", dueDate: "2021-06-30" }])).message,
    ).toContain("不是本规划的任务");
    expect(
      (
        await bad([
          { taskId: world.t1, deliverable: "x", dueDate: "2021-06-30" },
          { taskId: world.t1, deliverable: "y", dueDate: "2021-06-30" },
        ])
      ).message,
    ).toContain("已在 2021 年度工作要点中");
    expect(await db.annualPlanItem.count()).toBe(before);

    const added = await o.annualPlan.addItems.mutate({
      annualPlanId: id,
      version: plan.version,
      items: [
        { taskId: world.t1, deliverable: s1.deliverable, dueDate: s1.suggestedDueDate },
        { taskId: world.t2, deliverable: "完成年度建设任务", dueDate: "2021-09-30" },
      ],
    });
    expect(added.itemIds).toHaveLength(2);
    // a stale version, and the same task again
    expect(
      await outcome(() =>
        o.annualPlan.addItems.mutate({
          annualPlanId: id,
          version: plan.version,
          items: [{ taskId: world.t2, deliverable: "x", dueDate: "2021-06-30" }],
        }),
      ),
    ).toBe("CONFLICT");
    expect(
      (
        await refused(() =>
          o.annualPlan.addItems.mutate({
            annualPlanId: id,
            version: added.version,
            items: [{ taskId: world.t2, deliverable: "x", dueDate: "2021-06-30" }],
          }),
        )
      ).message,
    ).toContain("已在");
    // a cancelled task is refused
    const cancelled = await db.task.create({
      data: {
        planId: world.planId,
        title: "已取消的任务",
        status: "CANCELLED",
        leadDepartmentId: world.d1.id,
        startDate: new Date("2021-01-01"),
        dueDate: new Date("2025-12-31"),
        originalDueDate: new Date("2025-12-31"),
      },
    });
    expect(
      (
        await refused(() =>
          o.annualPlan.addItems.mutate({
            annualPlanId: id,
            version: added.version,
            items: [{ taskId: cancelled.id, deliverable: "x", dueDate: "2021-06-30" }],
          }),
        )
      ).message,
    ).toContain("已取消");
    await db.task.delete({ where: { id: cancelled.id } });

    const detail = await o.annualPlan.get.query({ annualPlanId: id });
    expect(detail.items.map((i) => [i.task.title, i.deliverable, i.dueDate])).toEqual([
      ["任务一", "2021年度目标", "2021-12-31"],
      ["任务二", "完成年度建设任务", "2021-09-30"],
    ]);
    expect(detail.items[0]!.task).toMatchObject({
      leadDepartment: { id: world.d1.id },
      supportingDepartments: [{ id: world.d2.id, name: "市场监督管理局" }],
    });
    // the year 2021 is long past and nothing was done: both overdue (annualItemOutcome)
    expect(detail.items.map((i) => i.outcome.overdue)).toEqual([true, true]);
    expect(
      await db.auditEvent.count({ where: { action: "annualPlan.addItems", entityId: id } }),
    ).toBe(1);

    // a draft is the office's: units, leaders and the other county see nothing of it
    for (const client of [staff, leader, await loginAs(api, "office@b.test", PASSWORD)]) {
      expect(await outcome(() => client.annualPlan.get.query({ annualPlanId: id }))).toBe(
        "NOT_FOUND",
      );
      expect(
        await outcome(() =>
          download(api, client, id).then((r) => {
            if (r.status !== 404) throw new Error(String(r.status));
          }),
        ),
      ).toBe("OK");
    }
    expect(
      (await staff.annualPlan.list.query({ planId: world.planId })).map((p) => p.year),
    ).not.toContain(2021);
    expect(
      await outcome(() =>
        staff.annualPlan.addItems.mutate({
          annualPlanId: id,
          version: added.version,
          items: [{ taskId: world.t1, deliverable: "x", dueDate: "2021-06-30" }],
        }),
      ),
    ).toBe("NOT_FOUND");
  });

  test("结转: the previous year's unfinished items are proposed, finished ones not; the reason is kept", async ({
    api,
    world,
    database,
  }) => {
    const { db } = database;
    const o = await office(api);
    const prev = await created(o, world, 2023);
    const { version } = await o.annualPlan.get.query({ annualPlanId: prev });
    const { itemIds } = await o.annualPlan.addItems.mutate({
      annualPlanId: prev,
      version,
      items: [
        { taskId: world.t1, deliverable: "建成平台", dueDate: "2023-12-31" },
        { taskId: world.t2, deliverable: "完成验收", dueDate: "2023-11-30" },
      ],
    });
    // history: T2's item was confirmed done in November 2023 (the office's mark, dated then)
    await db.annualPlanItem.update({
      where: { id: itemIds[1]! },
      data: { doneAt: new Date("2023-11-20T02:00:00Z") },
    });

    const next = await created(o, world, 2024);
    const candidates = await o.annualPlan.carryOverCandidates.query({ annualPlanId: next });
    expect(candidates.map((c) => [c.fromItemId, c.taskTitle, c.deliverable])).toEqual([
      [itemIds[0], "任务一", "建成平台"],
    ]);
    const staff = await loginAs(api, "lead@a.test", PASSWORD);
    expect(
      await outcome(() => staff.annualPlan.carryOverCandidates.query({ annualPlanId: next })),
    ).toBe("NOT_FOUND");

    const v = (await o.annualPlan.get.query({ annualPlanId: next })).version;
    // the finished item is no candidate
    expect(
      (
        await refused(() =>
          o.annualPlan.carryOver.mutate({
            annualPlanId: next,
            version: v,
            items: [{ fromItemId: itemIds[1]!, reason: "x", dueDate: "2024-06-30" }],
          }),
        )
      ).code,
    ).toBe("BAD_REQUEST");
    expect(
      (
        await refused(() =>
          o.annualPlan.carryOver.mutate({
            annualPlanId: next,
            version: v,
            items: [{ fromItemId: itemIds[0]!, reason: "x", dueDate: "2025-01-31" }],
          }),
        )
      ).code,
    ).toBe("BAD_REQUEST");
    await o.annualPlan.carryOver.mutate({
      annualPlanId: next,
      version: v,
      items: [
        { fromItemId: itemIds[0]!, reason: "用地审批延迟，平台主体未完工", dueDate: "2024-06-30" },
      ],
    });
    const detail = await o.annualPlan.get.query({ annualPlanId: next });
    expect(detail.items).toHaveLength(1);
    expect(detail.items[0]).toMatchObject({
      deliverable: "建成平台",
      dueDate: "2024-06-30",
      carriedOver: {
        fromItemId: itemIds[0],
        fromYear: 2023,
        reason: "用地审批延迟，平台主体未完工",
      },
      task: { id: world.t1 },
    });
    // carried once only
    expect(await o.annualPlan.carryOverCandidates.query({ annualPlanId: next })).toEqual([]);
    expect(
      await db.auditEvent.count({ where: { action: "annualPlan.carryOver", entityId: next } }),
    ).toBe(1);

    // the sheet's 结转 column says where it came from and why
    const res = await download(api, o, next);
    expect(res.status).toBe(200);
    const [sheet] = await readWorkbook(Buffer.from(await res.arrayBuffer()));
    expect(sheet!.rows[3]![7]).toBe("2023年结转：用地审批延迟，平台主体未完工");
  });

  test("issue: units are told by email and inbox, see their own items, explain them; the office marks them done", async ({
    api,
    world,
    database,
    smtp,
  }) => {
    const { db } = database;
    const o = await office(api);
    const id = await created(o, world, THIS_YEAR);
    const { version } = await o.annualPlan.get.query({ annualPlanId: id });
    const added = await o.annualPlan.addItems.mutate({
      annualPlanId: id,
      version,
      items: [
        { taskId: world.t1, deliverable: "完成平台一期建设", dueDate: `${THIS_YEAR}-12-31` },
        { taskId: world.t2, deliverable: "新增示范基地2个", dueDate: `${THIS_YEAR}-12-31` },
      ],
    });
    const staff = await loginAs(api, "lead@a.test", PASSWORD);
    expect(
      await outcome(() =>
        staff.annualPlan.issue.mutate({ annualPlanId: id, version: added.version }),
      ),
    ).toBe("NOT_FOUND");
    const issued = await o.annualPlan.issue.mutate({
      annualPlanId: id,
      version: added.version,
      docNumber: "甲科领办发〔2026〕1号",
    });
    expect(issued.units).toBe(2);
    expect(
      await outcome(() => o.annualPlan.issue.mutate({ annualPlanId: id, version: issued.version })),
    ).toBe("BAD_REQUEST");

    const mails = await db.notification.findMany({
      where: { kind: "annual-plan-issued", dedupeKey: { startsWith: `annual-plan:${id}:` } },
    });
    expect(mails.map((m) => m.recipientEmail).sort()).toEqual([
      "d1@a.test",
      "d3@a.test",
      "lead@a.test",
      "other@a.test",
    ]);
    const toLead = mails.find((m) => m.recipientEmail === "lead@a.test")!;
    expect(toLead.payload).toMatchObject({
      docNumber: "甲科领办发〔2026〕1号",
      items: [{ taskId: world.t1, deliverable: "完成平台一期建设" }],
    });
    const inbox = await db.inboxMessage.findMany({
      where: { kind: "annual-plan-issued", entityId: id },
      include: { user: { select: { email: true } } },
    });
    expect(inbox.map((m) => m.user.email).sort()).toEqual(["lead@a.test", "other@a.test"]);
    // the outbox delivers them through real SMTP
    await sendPendingNotifications({
      db,
      mailer: createMailer({ url: smtp.url, from: "duban@a.test", timeoutMs: 5000, idleMs: 50 }),
      log: createLogger("annual-test", { level: "silent" }),
      baseUrl: "http://localhost:3000",
    });
    const caught = (await smtp.waitFor(4)).filter((m) => m.subject.includes("年度工作要点"));
    const leadMail = caught.find((m) => m.to.includes("lead@a.test"))!;
    expect(leadMail.text).toContain("完成平台一期建设");
    expect(leadMail.text).not.toContain("新增示范基地2个");

    // units see the items of the tasks they lead or support; leaders see all
    const support = await loginAs(api, "support@a.test", PASSWORD);
    const other = await loginAs(api, "other@a.test", PASSWORD);
    const leader = await loginAs(api, "leader@a.test", PASSWORD);
    const titles = async (c: Client) =>
      (await c.annualPlan.get.query({ annualPlanId: id })).items.map((i) => i.task.title);
    expect(await titles(staff)).toEqual(["任务一"]);
    expect(await titles(support)).toEqual(["任务一"]);
    expect(await titles(other)).toEqual(["任务二"]);
    expect(await titles(leader)).toEqual(["任务一", "任务二"]);
    expect(
      (await staff.annualPlan.list.query({ planId: world.planId })).find((p) => p.id === id),
    ).toMatchObject({ items: 1, status: "ISSUED" });

    // the lead unit explains; the supporting unit and the leader may not; staff may not mark
    const item = (await staff.annualPlan.get.query({ annualPlanId: id })).items[0]!;
    expect(item.canExplain).toBe(true);
    expect(
      await outcome(() =>
        support.annualPlan.explainItem.mutate({
          itemId: item.id,
          version: item.version,
          explanation: "x",
        }),
      ),
    ).toBe("FORBIDDEN");
    expect(
      await outcome(() =>
        leader.annualPlan.explainItem.mutate({
          itemId: item.id,
          version: item.version,
          explanation: "x",
        }),
      ),
    ).toBe("FORBIDDEN");
    expect(
      await outcome(() =>
        other.annualPlan.explainItem.mutate({
          itemId: item.id,
          version: item.version,
          explanation: "x",
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await outcome(() =>
        staff.annualPlan.markItem.mutate({ itemId: item.id, version: item.version, done: true }),
      ),
    ).toBe("FORBIDDEN");
    const explained = await staff.annualPlan.explainItem.mutate({
      itemId: item.id,
      version: item.version,
      explanation: "设备采购招标流标，已重新挂网",
    });

    // mark done: the outcome says done today and on time; undo withdraws it
    const marked = await o.annualPlan.markItem.mutate({
      itemId: item.id,
      version: explained.version,
      done: true,
    });
    let row = (await o.annualPlan.get.query({ annualPlanId: id })).items[0]!;
    expect(row.outcome).toMatchObject({
      done: true,
      onTime: true,
      overdue: false,
      doneOn: shanghaiDay(new Date()),
    });
    expect(row.explanation).toBe("设备采购招标流标，已重新挂网");
    await o.annualPlan.markItem.mutate({ itemId: item.id, version: marked.version, done: false });
    row = (await o.annualPlan.get.query({ annualPlanId: id })).items[0]!;
    expect(row.outcome.done).toBe(false);
    expect(
      await db.auditEvent.count({
        where: {
          entityId: item.id,
          action: {
            in: ["annualPlan.markDone", "annualPlan.unmarkDone", "annualPlan.explainItem"],
          },
        },
      }),
    ).toBe(3);

    // the export: the office's sheet has both items, the unit's only its own
    const res = await download(api, o, id);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const [sheet] = await readWorkbook(Buffer.from(await res.arrayBuffer()));
    expect(sheet!.rows[0]![0]).toContain(`${THIS_YEAR}年度工作要点`);
    expect(sheet!.rows[2]).toEqual([
      "序号",
      "任务",
      "年度目标",
      "牵头单位",
      "配合单位",
      "完成时限",
      "状态",
      "结转",
    ]);
    expect(sheet!.rows.slice(3).map((r) => r.slice(0, 6))).toEqual([
      [1, "任务一", "完成平台一期建设", "科学技术局", "市场监督管理局", `${THIS_YEAR}-12-31`],
      [2, "任务二", "新增示范基地2个", "农业农村局", "", `${THIS_YEAR}-12-31`],
    ]);
    const [own] = await readWorkbook(
      Buffer.from(await (await download(api, staff, id)).arrayBuffer()),
    );
    expect(own!.rows.slice(3).map((r) => r[1])).toEqual(["任务一"]);

    // remove: the task stays, the item goes (audited)
    const t2item = (await o.annualPlan.get.query({ annualPlanId: id })).items[1]!;
    await o.annualPlan.removeItem.mutate({ itemId: t2item.id, version: t2item.version });
    expect((await o.annualPlan.get.query({ annualPlanId: id })).items).toHaveLength(1);
    expect(await db.task.count({ where: { id: world.t2 } })).toBe(1);
  });

  test("import a year's 分工方案: the dry run proposes, the real run creates the year and its items", async ({
    api,
    world,
    database,
  }) => {
    const { db } = database;
    const o = await office(api);
    const doc = [
      "甲县2025年科技创新工作要点",
      "一、重点任务",
      "1.任务一（牵头单位：县科技局；配合单位：县市场监管局；完成时限：2025年6月底前）",
      "2.建设县级农业科技示范园区（牵头单位：县农业农村局；完成时限：2025年）",
      "3.开展科普宣传月活动（牵头单位：县气象局）",
      "",
    ].join("\n");
    const input = {
      planId: world.planId,
      year: 2025,
      fileName: "2025年工作要点.txt",
      contentBase64: Buffer.from(doc).toString("base64"),
    };
    const staff = await loginAs(api, "lead@a.test", PASSWORD);
    expect(await outcome(() => staff.annualPlan.importDocument.mutate(input))).toBe("FORBIDDEN");

    const dry = await o.annualPlan.importDocument.mutate(input);
    expect(dry.dryRun).toBe(true);
    expect(
      dry.rows.map((r) => [r.action, r.match?.taskId ?? null, r.leadDepartment?.id ?? null]),
    ).toEqual([
      ["add", world.t1, world.d1.id],
      ["new", null, world.d3.id],
      ["skip", null, null],
    ]);
    expect(dry.rows[0]!.dueDate).toBe("2025-06-30");
    expect(dry.rows[1]!.dueDate).toBe("2025-12-31");
    expect(await db.annualPlan.count({ where: { planId: world.planId, year: 2025 } })).toBe(0);

    const real = await o.annualPlan.importDocument.mutate({ ...input, dryRun: false });
    const detail = await o.annualPlan.get.query({ annualPlanId: real.annualPlanId! });
    expect(detail).toMatchObject({ year: 2025, status: "DRAFT" });
    expect(detail.items.map((i) => [i.task.title, i.task.source, i.dueDate])).toEqual([
      ["任务一", "PLAN", "2025-06-30"],
      ["建设县级农业科技示范园区", "HIGHER_LEVEL", "2025-12-31"],
    ]);
    const newTask = await db.task.findUniqueOrThrow({ where: { id: detail.items[1]!.task.id } });
    expect(newTask).toMatchObject({
      planId: world.planId,
      leadDepartmentId: world.d3.id,
      source: "HIGHER_LEVEL",
    });
    expect(newTask.sourceNote).toContain("2025年工作要点.txt");
    // importing again adds nothing: both rows are in the year's plan now
    const again = await o.annualPlan.importDocument.mutate(input);
    expect(again.rows.map((r) => r.action)).toEqual(["skip", "skip", "skip"]);
  });
});
