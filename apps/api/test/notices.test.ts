// 催办 and 督办通知单 over HTTP (issue #17 step 4): numbers unique and gap-free per jurisdiction and
// year under concurrent issuing, a refused batch consumes no number, the .docx reads back, RED is
// copied to the leaders (outbox + inbox), only the urged unit replies, the filter picks exactly
// the unit's overdue tasks.
import JSZip from "jszip";
import { afterAll, describe, expect } from "vitest";

import {
  addDays,
  createTasks,
  importPlan,
  issueNotices,
  shanghaiDay,
  suggestedNoticeLevel,
  systemActor,
} from "@duban/domain";
import { buildNoticeDocx } from "@duban/reports";
import { test } from "@duban/test-utils";

import { cookieOf, loginAs, outcome, refused, startApi, type Api, type Client } from "./harness.ts";
import { buildWorld, PASSWORD, XIFENG_TITLE, xifengBytes } from "./world.ts";

type World = Awaited<ReturnType<typeof buildWorld>>;
type Db = Parameters<typeof buildWorld>[0];

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const docText = async (bytes: Buffer) => {
  const xml = await (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string");
  return [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
};

describe("督办通知单: issue, number, download, reply", () => {
  let api: Api;
  let w: World;
  let db: Db;
  const year = Number(shanghaiDay(new Date()).slice(0, 4));
  const today = shanghaiDay(new Date());
  const c: Record<string, Client> = {};
  let tb: string;
  let planB: string;
  let closedTask: string;
  let overdueD1: string;
  let futureD1: string;

  const counter = async (jurisdictionId: string, y = year) =>
    (
      await db.noticeCounter.findUnique({
        where: { jurisdictionId_year: { jurisdictionId, year: y } },
      })
    )?.last ?? 0;
  const issue = (
    client: Client,
    planId: string,
    taskIds: string[],
    level: "BLUE" | "YELLOW" | "RED" = "YELLOW",
  ) =>
    client.notice.issue.mutate({
      planId,
      level,
      requirement: "请于一周内报送整改方案",
      replyDueDate: addDays(today, 7),
      taskIds,
    });
  const http = (client: Client, path: string, init: RequestInit = {}) =>
    fetch(`${api.url}${path}`, {
      ...init,
      headers: { cookie: cookieOf.get(client)?.() ?? "", "x-duban-csrf": "1" },
    });

  test.beforeAll(async ({ database, redis }) => {
    db = database.db;
    api = await startApi(database, redis);
    w = await buildWorld(db);
    const system = systemActor("notices-setup");
    const importedB = await importPlan(
      { db, actor: system },
      {
        jurisdictionId: w.b.id,
        fileName: "b.txt",
        bytes: await xifengBytes(),
        title: XIFENG_TITLE,
      },
    );
    planB = importedB.planId;
    const taskDraft = (title: string, lead: string, startDate: string, dueDate: string) => ({
      nodeId: null,
      title,
      description: "",
      leadDepartmentId: lead,
      supportingDepartmentIds: [],
      phaseKey: "CLOSE",
      startDate,
      dueDate,
      milestones: [],
    });
    [tb] = (await createTasks(
      { db, actor: system },
      {
        planId: planB,
        tasks: [
          { ...taskDraft("乙县任务", w.bDept.id, "2021-01-01", "2025-12-31"), phaseKey: "LAUNCH" },
        ],
      },
    )) as [string];
    [closedTask, overdueD1, futureD1] = (await createTasks(
      { db, actor: system },
      {
        planId: w.planId,
        tasks: [
          taskDraft("已办结的任务", w.d1.id, "2021-01-01", "2025-06-30"),
          taskDraft("科技局逾期任务", w.d1.id, "2021-01-01", "2025-03-31"),
          taskDraft("科技局远期任务", w.d1.id, "2021-01-01", "2025-12-31"),
        ],
      },
    )) as [string, string, string];
    await db.task.update({
      where: { id: closedTask },
      data: { status: "COMPLETED", progress: 100 },
    });
    // not overdue: due after today (the plan's date checks are for drafts; the filter reads the row)
    await db.task.update({
      where: { id: futureD1 },
      data: { dueDate: new Date(`${addDays(today, 400)}T00:00:00Z`), progress: 90 },
    });
    for (const [role, email] of Object.entries({
      office: "office@a.test",
      leader: "leader@a.test",
      lead: "lead@a.test",
      support: "support@a.test",
      other: "other@a.test",
      officeB: "office@b.test",
    }))
      c[role] = await loginAs(api, email, PASSWORD);
  });
  afterAll(async () => api?.close());

  test("the first notice of the year is 第1号, the next 第2号", async () => {
    const first = await issue(c.office!, w.planId, [w.t1]);
    expect(first.notices).toEqual([
      expect.objectContaining({
        taskId: w.t1,
        year,
        number: 1,
        title: `督办通知单〔${year}〕第1号`,
      }),
    ]);
    const second = await issue(c.office!, w.planId, [w.t1]);
    expect(second.notices[0]!.number).toBe(2);
    expect(await counter(w.a.id)).toBe(2);
    const audit = await db.auditEvent.findMany({ where: { action: "notice.issue" } });
    expect(audit).toHaveLength(2);
  });

  test("a refused batch (a closed task, another plan's task) consumes no number and writes nothing", async () => {
    const notices = await db.supervisionNotice.count();
    const audits = await db.auditEvent.count();
    const outbox = await db.notification.count();
    const closed = await refused(() => issue(c.office!, w.planId, [w.t2, closedTask]));
    expect(closed.code).toBe("BAD_REQUEST");
    expect(closed.message).toContain("「已办结的任务」");
    expect(closed.message).toContain("不能催办");
    const foreign = await refused(() => issue(c.office!, w.planId, [w.t2, tb]));
    expect(foreign.code).toBe("NOT_FOUND");
    expect(await counter(w.a.id)).toBe(2);
    expect(await db.supervisionNotice.count()).toBe(notices);
    expect(await db.auditEvent.count()).toBe(audits);
    expect(await db.notification.count()).toBe(outbox);
    // and the next one continues without a gap
    expect((await issue(c.office!, w.planId, [w.t2])).notices[0]!.number).toBe(3);
  });

  test("20 notices issued at once get 4…23: unique and gap-free", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => issue(c.office!, w.planId, [i % 2 ? w.t1 : w.t2])),
    );
    const numbers = results.map((r) => r.notices[0]!.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 4));
    const stored = await db.supervisionNotice.findMany({
      where: { jurisdictionId: w.a.id, year },
      select: { number: true },
      orderBy: { number: "asc" },
    });
    expect(stored.map((n) => n.number)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    expect(await counter(w.a.id)).toBe(23);
  });

  test("numbers are per jurisdiction and restart each year", async () => {
    const b = await issue(c.officeB!, planB, [tb]);
    expect(b.notices[0]!.number).toBe(1);
    expect(await counter(w.a.id)).toBe(23);
    // the same function the router calls, on 5 January of next year (Asia/Shanghai)
    const next = await issueNotices(
      { db, actor: systemActor("notices-test"), now: new Date(`${year + 1}-01-04T16:30:00Z`) },
      {
        planId: w.planId,
        level: "BLUE",
        requirement: "新年度提醒",
        replyDueDate: `${year + 1}-01-20`,
        taskIds: [w.t2],
      },
      buildNoticeDocx,
    );
    expect(next.notices[0]).toMatchObject({ year: year + 1, number: 1 });
    expect(await counter(w.a.id)).toBe(23);
    expect(await counter(w.a.id, year + 1)).toBe(1);
  });

  test("the .docx downloads with its number as file name and reads back: number, unit, requirement, dates", async () => {
    const notice = await db.supervisionNotice.findFirstOrThrow({
      where: { jurisdictionId: w.a.id, year, number: 1 },
    });
    const res = await http(c.lead!, `/api/notices/${notice.id}/document`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("wordprocessingml");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent(`督办通知单〔${year}〕第1号.docx`)}`,
    );
    const text = await docText(Buffer.from(await res.arrayBuffer()));
    expect(text).toContain(`〔${year}〕第1号`);
    expect(text).toContain("黄色督办");
    expect(text).toContain("科学技术局：");
    expect(text).toContain("任务一");
    expect(text).toContain("请于一周内报送整改方案");
    const [y, m, d] = addDays(today, 7).split("-").map(Number);
    expect(text).toContain(`请于${y}年${m}月${d}日前将办理情况书面回复`);
    expect(text).toContain("甲县科技创新工作领导小组办公室");
    const [ty, tm, td] = today.split("-").map(Number);
    expect(text).toContain(`${ty}年${tm}月${td}日`);
    expect(text).not.toContain("抄送");
    // the supporting unit sees the task, so the notice; a unit that does not, and another county, do not
    expect((await http(c.support!, `/api/notices/${notice.id}/document`)).status).toBe(200);
    expect((await http(c.other!, `/api/notices/${notice.id}/document`)).status).toBe(404);
    expect((await http(c.officeB!, `/api/notices/${notice.id}/document`)).status).toBe(404);
    expect((await fetch(`${api.url}/api/notices/${notice.id}/document`)).status).toBe(401);
  });

  test("a RED notice is copied to the leaders: outbox and inbox rows, and the 抄送 line", async () => {
    const red = await issue(c.office!, w.planId, [w.t1], "RED");
    const notice = red.notices[0]!;
    const outbox = await db.notification.findMany({
      where: { kind: "supervision-notice", dedupeKey: { startsWith: `notice:${notice.id}:` } },
    });
    const emails = outbox.map((n) => n.recipientEmail).sort();
    expect(emails).toEqual(expect.arrayContaining(["d1@a.test", "lead@a.test", "leader@a.test"]));
    expect(emails).not.toContain("office@a.test");
    expect(emails).not.toContain("support@a.test");
    const payload = outbox.find((n) => n.recipientEmail === "leader@a.test")!.payload as {
      copiedToLeaders: boolean;
      noticeNumber: string;
      level: string;
    };
    expect(payload).toMatchObject({
      copiedToLeaders: true,
      level: "RED",
      noticeNumber: notice.title,
    });
    const inbox = await db.inboxMessage.findMany({ where: { entityId: notice.id } });
    expect(inbox.map((m) => m.userId).sort()).toEqual(
      [w.users.leaderA.id, w.users.staffLead.id].sort(),
    );
    const text = await docText(
      Buffer.from(
        await (await http(c.leader!, `/api/notices/${notice.id}/document`)).arrayBuffer(),
      ),
    );
    expect(text).toContain("红色督办");
    expect(text).toContain("抄送：leader。");
    // a yellow one reaches the unit only
    const yellow = (await issue(c.office!, w.planId, [w.t1])).notices[0]!;
    const yellowInbox = await db.inboxMessage.findMany({ where: { entityId: yellow.id } });
    expect(yellowInbox.map((m) => m.userId)).toEqual([w.users.staffLead.id]);
  });

  test("only the urged unit replies (text, then evidence); the office hears of it", async () => {
    const notice = await db.supervisionNotice.findFirstOrThrow({
      where: { jurisdictionId: w.a.id, year, number: 1 },
    });
    const before = await db.auditEvent.count();
    expect(
      await refused(() =>
        c.support!.notice.reply.mutate({ noticeId: notice.id, text: "配合单位回复" }),
      ),
    ).toMatchObject({ code: "FORBIDDEN", message: "只有被督办单位可以回复督办通知单" });
    expect(
      (await refused(() => c.office!.notice.reply.mutate({ noticeId: notice.id, text: "办公室" })))
        .code,
    ).toBe("FORBIDDEN");
    expect(
      (await refused(() => c.leader!.notice.reply.mutate({ noticeId: notice.id, text: "领导" })))
        .code,
    ).toBe("FORBIDDEN");
    expect(
      (await refused(() => c.other!.notice.reply.mutate({ noticeId: notice.id, text: "他人" })))
        .code,
    ).toBe("NOT_FOUND");
    expect(await db.auditEvent.count()).toBe(before);
    expect(await db.noticeReply.count()).toBe(0);

    const first = await c.lead!.notice.reply.mutate({
      noticeId: notice.id,
      text: "已制定整改方案",
    });
    const second = await c.lead!.notice.reply.mutate({ noticeId: notice.id, text: "补充说明" });
    expect(await db.auditEvent.count({ where: { action: "notice.reply" } })).toBe(2);
    const told = await db.notification.findMany({
      where: { kind: "notice-reply", dedupeKey: { startsWith: `notice-reply:${first.id}:` } },
    });
    expect(told.map((n) => n.recipientEmail)).toEqual(["office@a.test"]);
    expect(
      await db.inboxMessage.count({ where: { kind: "notice-reply", userId: w.users.officeA.id } }),
    ).toBe(2);

    const upload = (client: Client, replyId: string) => {
      const form = new FormData();
      form.append("file", new Blob([Buffer.from(PDF)]), "整改方案.pdf");
      return http(client, `/api/notice-replies/${replyId}/evidence`, {
        method: "POST",
        body: form,
      });
    };
    expect((await upload(c.support!, first.id)).status).toBe(403);
    expect((await upload(c.office!, first.id)).status).toBe(403);
    expect((await upload(c.other!, first.id)).status).toBe(404);
    const ok = await upload(c.lead!, first.id);
    expect(ok.status).toBe(201);
    const file = (await ok.json()) as { id: string };
    expect(await db.evidenceFile.findUniqueOrThrow({ where: { id: file.id } })).toMatchObject({
      noticeReplyId: first.id,
      fileName: "整改方案.pdf",
    });
    expect(
      await db.auditEvent.count({ where: { action: "evidence.add", entityId: file.id } }),
    ).toBe(1);
    // the office downloads it like any evidence
    expect((await http(c.office!, `/api/evidence/${file.id}`)).status).toBe(200);

    const listed = await c.office!.notice.list.query({ planId: w.planId, taskId: w.t1 });
    const mine = listed.items.find((n) => n.id === notice.id)!;
    expect(mine.replies.map((r) => r.text)).toEqual(["已制定整改方案", "补充说明"]);
    expect(mine.replies[0]!.evidence.map((e) => e.fileName)).toEqual(["整改方案.pdf"]);
    expect(mine.canReply).toBe(false);
    expect(second.id).not.toBe(first.id);
    const asLead = await c.lead!.notice.list.query({ planId: w.planId, taskId: w.t1 });
    expect(asLead.items.every((n) => n.canReply)).toBe(true);
    const unanswered = await c.office!.notice.list.query({
      planId: w.planId,
      unanswered: true,
      pageSize: 200,
    });
    expect(unanswered.items.map((n) => n.id)).not.toContain(notice.id);
  });

  test("the list: staff see notices of their units' tasks, the office and leaders all", async () => {
    const all = await c.office!.notice.list.query({ planId: w.planId, pageSize: 200 });
    const byLeader = await c.leader!.notice.list.query({ planId: w.planId, pageSize: 200 });
    expect(byLeader.total).toBe(all.total);
    const other = await c.other!.notice.list.query({ planId: w.planId, pageSize: 200 });
    expect(other.total).toBeGreaterThan(0);
    expect(new Set(other.items.map((n) => n.taskId))).toEqual(new Set([w.t2]));
    const support = await c.support!.notice.list.query({ planId: w.planId, pageSize: 200 });
    expect(new Set(support.items.map((n) => n.taskId))).toEqual(new Set([w.t1]));
    expect(await outcome(() => c.officeB!.notice.list.query({ planId: w.planId }))).toBe(
      "NOT_FOUND",
    );
  });

  test("units and leaders cannot issue; another county's office cannot see the plan", async () => {
    const before = await counter(w.a.id);
    for (const who of ["lead", "support", "other", "leader"])
      expect(await outcome(() => issue(c[who]!, w.planId, [w.t1])), who).toBe("FORBIDDEN");
    expect(await outcome(() => issue(c.officeB!, w.planId, [w.t1]))).toBe("NOT_FOUND");
    expect(await counter(w.a.id)).toBe(before);
  });

  test("a filter batch urges exactly the unit's overdue open tasks", async () => {
    const before = await counter(w.a.id);
    const notices = await db.supervisionNotice.count();
    // the confirmation's dry run: the same tasks, no number taken, nothing written
    const dry = await c.office!.notice.issue.mutate({
      planId: w.planId,
      level: "YELLOW",
      requirement: "逾期任务集中催办",
      replyDueDate: addDays(today, 5),
      filter: { departmentId: w.d1.id, schedule: "OVERDUE" },
      dryRun: true,
    });
    expect(dry.notices).toEqual([]);
    expect(new Set(dry.tasks.map((t) => t.id))).toEqual(new Set([w.t1, overdueD1]));
    expect(await counter(w.a.id)).toBe(before);
    expect(await db.supervisionNotice.count()).toBe(notices);
    const result = await c.office!.notice.issue.mutate({
      planId: w.planId,
      level: "YELLOW",
      requirement: "逾期任务集中催办",
      replyDueDate: addDays(today, 5),
      filter: { departmentId: w.d1.id, schedule: "OVERDUE" },
    });
    // 科技局 leads t1 (overdue), the overdue task and the future one; the completed one is closed
    expect(new Set(result.notices.map((n) => n.taskId))).toEqual(new Set([w.t1, overdueD1]));
    expect(result.notices.map((n) => n.number).sort((a, b) => a - b)).toEqual([
      before + 1,
      before + 2,
    ]);
    // the schedule rule is the task list's: the same tasks it lists as overdue for the unit
    const listed = await c.office!.task.list.query({
      planId: w.planId,
      schedule: "OVERDUE",
      pageSize: 200,
    });
    expect(
      new Set(listed.items.filter((t) => t.leadDepartment.id === w.d1.id).map((t) => t.id)),
    ).toEqual(new Set([w.t1, overdueD1]));
    // neither given, both given, nothing matching, a past reply date: clear refusals, no number taken
    const base = {
      planId: w.planId,
      level: "BLUE" as const,
      requirement: "x",
      replyDueDate: today,
    };
    expect((await refused(() => c.office!.notice.issue.mutate(base))).code).toBe("BAD_REQUEST");
    expect(
      (
        await refused(() =>
          c.office!.notice.issue.mutate({
            ...base,
            taskIds: [w.t1],
            filter: { departmentId: w.d1.id },
          }),
        )
      ).code,
    ).toBe("BAD_REQUEST");
    expect(
      (
        await refused(() =>
          c.office!.notice.issue.mutate({ ...base, filter: { departmentId: w.d2.id } }),
        )
      ).message,
    ).toBe("没有符合条件的未办结任务");
    expect(
      (
        await refused(() =>
          c.office!.notice.issue.mutate({
            ...base,
            replyDueDate: addDays(today, -1),
            taskIds: [w.t1],
          }),
        )
      ).message,
    ).toBe("回复期限不能早于今天");
    expect(await counter(w.a.id)).toBe(before + 2);
  });

  test("the LAGGING filter follows the jurisdiction's bands, as the task list does", async () => {
    const [lagging] = (await createTasks(
      { db, actor: systemActor("notices-test") },
      {
        planId: w.planId,
        tasks: [
          {
            nodeId: null,
            title: "科技局滞后任务",
            description: "",
            leadDepartmentId: w.d1.id,
            supportingDepartmentIds: [],
            phaseKey: "CLOSE",
            startDate: "2021-01-01",
            dueDate: "2025-12-31",
            milestones: [],
          },
        ],
      },
    )) as [string];
    // half its time gone, nothing done: 50 points behind 序时进度
    await db.task.update({
      where: { id: lagging },
      data: {
        startDate: new Date(`${addDays(today, -300)}T00:00:00Z`),
        dueDate: new Date(`${addDays(today, 300)}T00:00:00Z`),
        progress: 0,
      },
    });
    const judged = async () => {
      const dry = await c
        .office!.notice.issue.mutate({
          planId: w.planId,
          level: "YELLOW",
          requirement: "滞后任务催办",
          replyDueDate: addDays(today, 5),
          filter: { departmentId: w.d1.id, schedule: "LAGGING" },
          dryRun: true,
        })
        .catch(() => ({ tasks: [] }));
      const listed = await c.office!.task.list.query({
        planId: w.planId,
        schedule: "LAGGING",
        pageSize: 200,
      });
      const fromList = listed.items.filter((t) => t.leadDepartment.id === w.d1.id).map((t) => t.id);
      expect(new Set(dry.tasks.map((t) => t.id))).toEqual(new Set(fromList));
      return fromList;
    };
    expect(await judged()).toEqual([lagging]);
    await db.supervisionSettings.create({
      data: { jurisdictionId: w.a.id, yellowLagPoints: 60, redLagPoints: 70 },
    });
    expect(await judged()).toEqual([]);
    await db.supervisionSettings.delete({ where: { jurisdictionId: w.a.id } });
  });

  test("the suggested level: RED past the escalation days, YELLOW after a notice or when behind, else BLUE", async () => {
    expect((await c.office!.notice.suggestLevel.query({ taskId: w.t1 })).level).toBe("RED");
    expect(await outcome(() => c.lead!.notice.suggestLevel.query({ taskId: w.t1 }))).toBe(
      "FORBIDDEN",
    );
    const task = { status: "IN_PROGRESS" as const, progress: 50, startDate: "2026-01-01" };
    const rules = { escalationDays: 30, yellowLagPoints: 10 };
    expect(
      suggestedNoticeLevel({ ...task, dueDate: "2026-10-31", noticeCount: 0 }, rules, "2026-12-01"),
    ).toBe("RED");
    expect(
      suggestedNoticeLevel({ ...task, dueDate: "2026-11-20", noticeCount: 0 }, rules, "2026-12-01"),
    ).toBe("YELLOW");
    expect(
      suggestedNoticeLevel({ ...task, dueDate: "2026-12-31", noticeCount: 0 }, rules, "2026-12-01"),
    ).toBe("YELLOW");
    expect(
      suggestedNoticeLevel(
        { ...task, progress: 95, dueDate: "2026-12-31", noticeCount: 0 },
        rules,
        "2026-12-01",
      ),
    ).toBe("BLUE");
    expect(
      suggestedNoticeLevel(
        { ...task, progress: 95, dueDate: "2026-12-31", noticeCount: 1 },
        rules,
        "2026-12-01",
      ),
    ).toBe("YELLOW");
  });
});
