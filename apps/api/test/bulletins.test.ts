// 督查通报 over HTTP (issue #18): a draft from a hand-made score publication names the best and the
// worst units and the worst units' lagging items; the office edits it; issuing numbers it per
// jurisdiction and year (concurrent issues distinct), sends emails and inbox messages, freezes it;
// the .docx reads back paragraph by paragraph; drafts stay the office's, other counties see nothing.
import JSZip from "jszip";
import mammoth from "mammoth";
import { SaxesParser } from "saxes";
import { afterAll, describe, expect } from "vitest";

import { chineseDate, createTasks, shanghaiDay, systemActor } from "@duban/domain";
import type { ScoreSheet, UnitScore } from "@duban/domain/schemas";
import { createMailer, sendPendingNotifications } from "@duban/jobs";
import { createLogger } from "@duban/logger";
import { readWorkbook } from "@duban/reports";
import { test } from "@duban/test-utils";

import { cookieOf, loginAs, refused, startApi, type Api, type Client } from "./harness.ts";
import { buildWorld, PASSWORD } from "./world.ts";

type World = Awaited<ReturnType<typeof buildWorld>>;
type Db = Parameters<typeof buildWorld>[0];

/** The text of each paragraph of a .docx body, in order (table cells are paragraphs too). */
const paragraphsOf = async (bytes: Buffer) => {
  const xml = await (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string");
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""))
    .filter((t) => t !== "");
};

/** The first well-formedness error of an XML part (saxes, a strict parser), or null. */
const xmlError = (xml: string) => {
  let error: Error | null = null;
  const parser = new SaxesParser();
  parser.on("error", (e) => {
    error ??= e;
  });
  parser.write(xml).close();
  return error;
};

const unit = (departmentId: string, departmentName: string, rank: number, total: number) =>
  ({
    departmentId,
    departmentName,
    rank,
    total,
    bonus: 0,
    deduction: 0,
    components: [
      {
        kind: "ITEM_COMPLETION",
        weight: 60,
        effectiveWeight: 60,
        ratio: (total * 0.6) / 60,
        points: total * 0.6,
        numerator: 3,
        denominator: 4,
      },
      {
        kind: "REPORTING",
        weight: 40,
        effectiveWeight: 40,
        ratio: (total * 0.4) / 40,
        points: total * 0.4,
        numerator: 7,
        denominator: 8,
      },
    ],
  }) satisfies UnitScore;

describe("督查通报: draft, edit, issue, documents", () => {
  let api: Api;
  let w: World;
  let db: Db;
  const c: Record<string, Client> = {};
  const extra: Record<string, string> = {};
  let q3Publication: string;
  let yearPublication: string;
  let first: { id: string; version: number };

  const http = (client: Client, path: string) =>
    fetch(`${api.url}${path}`, { headers: { cookie: cookieOf.get(client)?.() ?? "" } });

  test.beforeAll(async ({ database, redis }) => {
    db = database.db;
    api = await startApi(database, redis);
    w = await buildWorld(db);
    const system = systemActor("bulletin-setup");
    for (const [key, name] of [
      ["fgj", "发展和改革局"],
      ["czj", "财政局"],
      ["jyj", "教育局"],
      ["gxj", "工业和信息化局"],
    ] as const)
      extra[key] = (
        await db.department.create({
          data: { jurisdictionId: w.a.id, name, contactEmails: [`${key}@a.test`] },
        })
      ).id;
    const draft = (title: string, lead: string) => ({
      nodeId: null,
      title,
      description: "",
      leadDepartmentId: lead,
      supportingDepartmentIds: [],
      phaseKey: "CLOSE",
      startDate: "2021-01-01",
      dueDate: "2025-12-31",
      milestones: [],
    });
    const [farm, market, industry, marketYear] = (await createTasks(
      { db, actor: system },
      {
        planId: w.planId,
        tasks: [
          draft("农业科技示范园建设", w.d3.id),
          draft("市场主体培育工程", w.d2.id),
          draft("工业互联网平台建设", extra.gxj!),
          draft("质量基础设施提升", w.d2.id),
        ],
      },
    )) as [string, string, string, string];
    const due = (id: string, day: string) =>
      db.task.update({ where: { id }, data: { dueDate: new Date(`${day}T00:00:00Z`) } });
    await due(farm, "2026-06-30");
    await due(market, "2026-03-31");
    await due(industry, "2026-12-31");
    await due(marketYear, "2026-12-31");
    // the year's items: 工业互联网 due 2026-08-31 (overdue at Q3's end), 质量基础设施 due at the
    // year's end (not done for the year), 任务一 (科技局) done
    const annual = await db.annualPlan.create({
      data: { planId: w.planId, year: 2026, title: "2026年科技创新工作要点" },
    });
    await db.annualPlanItem.createMany({
      data: [
        { taskId: industry, deliverable: "平台上线", dueDate: new Date("2026-08-31") },
        { taskId: marketYear, deliverable: "建成检测中心", dueDate: new Date("2026-12-31") },
        {
          taskId: w.t1,
          deliverable: "年度目标",
          dueDate: new Date("2026-06-30"),
          doneAt: new Date("2026-06-01T02:00:00Z"),
        },
      ].map((i, order) => ({ ...i, order, annualPlanId: annual.id })),
    });
    const scheme = await db.assessmentScheme.create({
      data: {
        jurisdictionId: w.a.id,
        year: 2026,
        version: 1,
        name: "2026年度考核方案",
        components: [
          { kind: "ITEM_COMPLETION", weight: 60 },
          { kind: "REPORTING", weight: 40 },
        ],
        lockedAt: new Date(),
      },
    });
    const units = [
      unit(w.d1.id, "科学技术局", 1, 95),
      unit(extra.fgj!, "发展和改革局", 2, 90),
      unit(extra.czj!, "财政局", 3, 85),
      unit(extra.jyj!, "教育局", 4, 80),
      unit(w.d2.id, "市场监督管理局", 5, 70),
      unit(extra.gxj!, "工业和信息化局", 6, 60),
      unit(w.d3.id, "农业农村局", 7, 50),
    ];
    const sheet = (period: string, kind: "QUARTER" | "YEAR", asOf: string): ScoreSheet => ({
      jurisdictionId: w.a.id,
      period,
      kind,
      schemeId: scheme.id,
      schemeVersion: 1,
      asOf,
      computedAt: new Date().toISOString(),
      units,
    });
    const publish = async (period: string, s: ScoreSheet) =>
      (
        await db.scorePublication.create({
          data: { jurisdictionId: w.a.id, schemeId: scheme.id, period, sheet: s },
        })
      ).id;
    q3Publication = await publish("2026Q3", sheet("2026Q3", "QUARTER", "2026-09-30"));
    yearPublication = await publish("2026", sheet("2026", "YEAR", "2026-12-31"));
    for (const [key, email] of [
      ["office", "office@a.test"],
      ["leader", "leader@a.test"],
      ["staff", "other@a.test"],
      ["staffLead", "lead@a.test"],
      ["officeB", "office@b.test"],
      ["leaderCity", "leader@city.test"],
    ] as const)
      c[key] = await loginAs(api, email, PASSWORD);
  });
  afterAll(async () => api?.close());

  test("a draft from the Q3 publication praises the best three and names the worst three's lagging items", async () => {
    const b = await c.office!.bulletin.create.mutate({ publicationId: q3Publication });
    first = b;
    expect(b).toMatchObject({ state: "DRAFT", number: null, docNumber: null, period: "2026Q3" });
    expect(b.title).toBe("关于2026年第三季度科技创新规划实施情况的通报");
    const [opening] = b.text.opening;
    expect(opening).toContain("共对7个成员单位进行考核评分");
    expect(opening).toContain("平均得分75.71分");
    expect(opening).toContain("最高科学技术局95分");
    expect(opening).toContain("最低农业农村局50分");
    // due by 2026-09-30: 工业互联网 (not done) and 任务一 (done); 质量基础设施 is due later
    expect(opening).toContain("应完成事项2项，已完成1项，完成率50%");
    expect(b.text.praise).toHaveLength(1);
    expect(b.text.praise[0]).toMatch(
      /^科学技术局（95分）、发展和改革局（90分）、财政局（85分）得分位列前3名/,
    );
    const criticism = b.text.criticism.join("\n");
    expect(b.text.criticism[0]).toContain("市场监督管理局、工业和信息化局、农业农村局");
    expect(criticism).not.toContain("教育局");
    // the first paragraph names the three; one paragraph per unit follows
    const lineOf = (name: string) => b.text.criticism.slice(1).find((p) => p.startsWith(name))!;
    expect(lineOf("市场监督管理局")).toContain("排名第5位");
    expect(lineOf("市场监督管理局")).toContain(
      "“市场主体培育工程”（已逾期，完成时限2026年3月31日）",
    );
    expect(lineOf("市场监督管理局")).not.toContain("质量基础设施提升");
    expect(lineOf("工业和信息化局")).toContain(
      "“工业互联网平台建设”（年度任务未完成，完成时限2026年8月31日）",
    );
    expect(lineOf("农业农村局")).toContain("“任务二”（已逾期");
    expect(lineOf("农业农村局")).toContain("“农业科技示范园建设”（已逾期，完成时限2026年6月30日）");
    expect(b.text.requirements.length).toBeGreaterThan(0);
    expect(b.ranking.map((r) => [r.rank, r.departmentName, r.total])).toEqual([
      [1, "科学技术局", 95],
      [2, "发展和改革局", 90],
      [3, "财政局", 85],
      [4, "教育局", 80],
      [5, "市场监督管理局", 70],
      [6, "工业和信息化局", 60],
      [7, "农业农村局", 50],
    ]);
    const audit = await db.auditEvent.findFirst({
      where: { entityId: b.id, action: "bulletin.create" },
    });
    expect(audit?.jurisdictionId).toBe(w.a.id);
  });

  test("a year's draft names the items of the year not done", async () => {
    const b = await c.office!.bulletin.create.mutate({ publicationId: yearPublication });
    expect(b.title).toBe("关于2026年度科技创新规划实施情况的通报");
    const market = b.text.criticism.slice(1).find((p) => p.startsWith("市场监督管理局"))!;
    expect(market).toContain("“质量基础设施提升”（年度任务未完成，完成时限2026年12月31日）");
    expect(b.text.opening[0]).toContain("应完成事项3项，已完成1项");
  });

  test("the office edits a draft; a stale version and other roles are refused", async () => {
    const text = {
      opening: ["总体情况段落（修改）。"],
      praise: ["表扬段落一。", "表扬段落二。"],
      criticism: ["批评段落。"],
      requirements: ["要求一。", "要求二。"],
    };
    const updated = await c.office!.bulletin.update.mutate({
      bulletinId: first.id,
      version: first.version,
      title: "关于2026年第三季度规划实施情况的通报",
      text,
    });
    expect(updated).toMatchObject({ version: first.version + 1, text });
    expect(
      (
        await refused(() =>
          c.office!.bulletin.update.mutate({
            bulletinId: first.id,
            version: first.version,
            title: "旧版本",
          }),
        )
      ).code,
    ).toBe("CONFLICT");
    first = updated;
    const audit = await db.auditEvent.findFirst({
      where: { entityId: first.id, action: "bulletin.update" },
    });
    expect(audit?.before).toMatchObject({ title: "关于2026年第三季度科技创新规划实施情况的通报" });
    expect(
      (await refused(() => c.leader!.bulletin.update.mutate({ bulletinId: first.id, version: 1 })))
        .code,
    ).toBe("NOT_FOUND");
  });

  test("drafts are the office's: staff, leaders and other counties cannot create, read or issue them", async () => {
    expect(
      (await refused(() => c.staff!.bulletin.create.mutate({ publicationId: q3Publication }))).code,
    ).toBe("FORBIDDEN");
    expect(
      (await refused(() => c.officeB!.bulletin.create.mutate({ publicationId: q3Publication })))
        .code,
    ).toBe("NOT_FOUND");
    for (const who of ["staff", "leader", "officeB", "leaderCity"] as const) {
      expect((await refused(() => c[who]!.bulletin.get.query({ bulletinId: first.id }))).code).toBe(
        "NOT_FOUND",
      );
      expect(
        (
          await refused(() =>
            c[who]!.bulletin.issue.mutate({ bulletinId: first.id, version: first.version }),
          )
        ).code,
      ).toBe("NOT_FOUND");
      expect((await http(c[who]!, `/api/bulletins/${first.id}/document`)).status).toBe(404);
    }
    expect((await c.staff!.bulletin.list.query({ jurisdictionId: w.a.id })).bulletins).toEqual([]);
    expect(
      (await refused(() => c.officeB!.bulletin.list.query({ jurisdictionId: w.a.id }))).code,
    ).toBe("NOT_FOUND");
    expect(
      (await refused(() => c.staff!.bulletin.sources.query({ jurisdictionId: w.a.id }))).code,
    ).toBe("FORBIDDEN");
    const sources = await c.office!.bulletin.sources.query({ jurisdictionId: w.a.id });
    expect(sources.map((s) => s.period).sort()).toEqual(["2026", "2026Q3"]);
  });

  test("issuing numbers 1, then two at once get 2 and 3; mails and inbox messages go out; issued never changes", async ({
    smtp,
  }) => {
    const issued = await c.office!.bulletin.issue.mutate({
      bulletinId: first.id,
      version: first.version,
    });
    expect(issued).toMatchObject({ state: "ISSUED", number: 1, docNumber: "甲科督通〔2026〕1号" });
    const [x, y] = await Promise.all(
      [q3Publication, yearPublication].map(() =>
        c.office!.bulletin.create.mutate({ publicationId: q3Publication }),
      ),
    );
    const both = await Promise.all(
      [x!, y!].map((b) =>
        c.office!.bulletin.issue.mutate({ bulletinId: b.id, version: b.version }),
      ),
    );
    expect(both.map((b) => b.number).sort()).toEqual([2, 3]);
    expect(new Set(both.map((b) => b.docNumber)).size).toBe(2);

    for (const attempt of [
      () =>
        c.office!.bulletin.update.mutate({
          bulletinId: first.id,
          version: issued.version,
          title: "改",
        }),
      () => c.office!.bulletin.issue.mutate({ bulletinId: first.id, version: issued.version }),
    ])
      expect((await refused(attempt)).code).toBe("CONFLICT");
    const row = await db.bulletin.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({ title: "关于2026年第三季度规划实施情况的通报", number: 1 });
    expect(
      await db.auditEvent.count({ where: { entityId: first.id, action: "bulletin.issue" } }),
    ).toBe(1);

    // inbox: every user of the county's units and its leader, not the issuing office, not county B
    const inbox = await db.inboxMessage.findMany({
      where: { kind: "bulletin", entityId: first.id },
      select: { userId: true, title: true },
    });
    const u = w.users;
    expect(inbox.map((m) => m.userId).sort()).toEqual(
      [u.leaderA.id, u.staffLead.id, u.staffSupport.id, u.staffOther.id].sort(),
    );
    expect(inbox[0]!.title).toContain("甲科督通〔2026〕1号");

    await sendPendingNotifications({
      db,
      mailer: createMailer({ url: smtp.url, from: "duban@a.test", timeoutMs: 5000, idleMs: 50 }),
      log: createLogger("bulletin-mail", { level: "silent" }),
      baseUrl: "https://duban.example.gov.cn",
    });
    const mails = smtp.messages.filter((m) => m.subject.includes("甲科督通〔2026〕1号"));
    const to = mails.flatMap((m) => m.to).sort();
    // each unit's contact mailbox (d1–d3 and the four added) and staff, and the leader
    for (const email of [
      "d1@a.test",
      "d2@a.test",
      "d3@a.test",
      "fgj@a.test",
      "czj@a.test",
      "jyj@a.test",
      "gxj@a.test",
      "leader@a.test",
      "lead@a.test",
      "other@a.test",
    ])
      expect(to).toContain(email);
    expect(to).not.toContain("office@a.test");
    expect(to.filter((e) => e.endsWith("b.test"))).toEqual([]);
    expect(mails[0]!.subject).toBe(
      "【督查通报】甲科督通〔2026〕1号 关于2026年第三季度规划实施情况的通报",
    );
    expect(mails[0]!.html).toContain(
      `https://duban.example.gov.cn/api/bulletins/${first.id}/document`,
    );
    // the .docx as issued rides along: the same document the link serves
    const [attached] = mails[0]!.attachments;
    expect(attached?.filename).toBe(
      "甲科督通〔2026〕1号-关于2026年第三季度规划实施情况的通报.docx",
    );
    const attachedText = (await paragraphsOf(attached!.content)).join("");
    expect(attachedText).toContain("甲科督通〔2026〕1号关于2026年第三季度");
    expect(attachedText).toContain("甲县科技创新工作领导小组办公室");
  });

  test("the issued .docx reads back paragraph by paragraph, in order", async () => {
    const res = await http(c.staff!, `/api/bulletins/${first.id}/document`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("wordprocessingml");
    const paragraphs = await paragraphsOf(Buffer.from(await res.arrayBuffer()));
    const expected = [
      "甲科督通〔2026〕1号",
      "关于2026年第三季度规划实施情况的通报",
      "各成员单位：",
      "一、总体情况",
      "总体情况段落（修改）。",
      "二、表扬",
      "表扬段落一。",
      "表扬段落二。",
      "三、通报批评",
      "批评段落。",
      "四、工作要求",
      "要求一。",
      "要求二。",
      "2026年第三季度考核评分排名",
      "排名",
      "单位",
      "总分",
      "年度任务完成",
      "台账报送及时完整",
      "加减分",
      ...[
        ["1", "科学技术局", "95", "57", "38", "0"],
        ["7", "农业农村局", "50", "30", "20", "0"],
      ].flat(),
      "甲县科技创新工作领导小组办公室",
      chineseDate(shanghaiDay(new Date())),
    ];
    // the title may be broken over lines by the builder: match on the text run together, in order
    const all = paragraphs.join("\n");
    let at = 0;
    for (const text of expected) {
      const found = all.indexOf(text, at);
      expect(found, `「${text}」 after position ${at}`).toBeGreaterThanOrEqual(0);
      at = found + text.length;
    }
    for (const text of ["总体情况段落（修改）。", "表扬段落二。", "要求二。", "一、总体情况"])
      expect(paragraphs).toContain(text);
  });

  test("hostile text (control characters, markup, 4000 characters) and left-out parts: the .docx stays valid XML, opens, and numbers its headings without gaps", async () => {
    const draft = await c.office!.bulletin.create.mutate({ publicationId: yearPublication });
    const hostile =
      "控\u0001制\u0008字\u000B符\u000C与\u001F\u007F\u0085标记<w:p>&amp;]]></w:t></w:r><w:r><w:t>注入\u2028\u200E😀";
    const long = hostile + "长".repeat(4000 - hostile.length);
    const title = "</w:t></w:r></w:p><w:p><w:r><w:t>标题注入\u0001";
    const edited = await c.office!.bulletin.update.mutate({
      bulletinId: draft.id,
      version: draft.version,
      title,
      // 表扬 and 通报批评 left out (as when nobody stands out), blank paragraphs dropped
      text: {
        opening: [long, "", "   "],
        praise: [],
        criticism: ["\t\n"],
        requirements: ["要求。"],
      },
    });
    expect(edited.text.opening[0]).toBe(long);
    const res = await http(c.office!, `/api/bulletins/${draft.id}/document`);
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    const zip = await JSZip.loadAsync(bytes);
    const parts = Object.keys(zip.files).filter((f) => /\.(xml|rels)$/.test(f));
    expect(parts).toContain("word/document.xml");
    for (const part of parts)
      expect(xmlError(await zip.file(part)!.async("string")), part).toBeNull();
    const paragraphs = await paragraphsOf(bytes);
    const headings = paragraphs.filter((p) => /^[一二三四五]、/.test(p));
    expect(headings).toEqual(["一、总体情况", "二、工作要求"]);
    // the markup is text, not structure: one paragraph holds all of it
    const text = (await mammoth.extractRawText({ buffer: bytes })).value;
    expect(text).toContain("标记<w:p>&amp;]]></w:t></w:r><w:r><w:t>注入");
    expect(text).toContain("</w:t></w:r></w:p><w:p><w:r><w:t>标题注入");
    expect(paragraphs.find((p) => p.includes("注入") && p.includes("长".repeat(100)))).toBeTruthy();
  });

  test("issued: everyone in the county reads it; staff see other units' totals but not their drill-down", async () => {
    const asStaff = await c.staff!.bulletin.get.query({ bulletinId: first.id });
    const own = asStaff.ranking.find((r) => r.departmentId === w.d3.id)!;
    const other = asStaff.ranking.find((r) => r.departmentId === w.d1.id)!;
    expect(own.components[0]).toMatchObject({ numerator: 3, denominator: 4 });
    expect(other.total).toBe(95);
    expect(other.components[0]).toMatchObject({ points: 57, numerator: null, denominator: null });
    expect(asStaff.canEdit).toBe(false);
    const asLeader = await c.leader!.bulletin.get.query({ bulletinId: first.id });
    expect(asLeader.ranking[0]!.components[0]!.numerator).toBe(3);
    expect((await c.leaderCity!.bulletin.get.query({ bulletinId: first.id })).id).toBe(first.id);
    const listed = await c.staff!.bulletin.list.query({ jurisdictionId: w.a.id, year: 2026 });
    expect(listed.bulletins.map((b) => b.number).sort()).toEqual([1, 2, 3]);
    expect(listed.canCreate).toBe(false);
    expect(
      (await refused(() => c.officeB!.bulletin.get.query({ bulletinId: first.id }))).code,
    ).toBe("NOT_FOUND");
    expect((await http(c.officeB!, `/api/bulletins/${first.id}/scores.xlsx`)).status).toBe(404);

    const xlsx = await http(c.staff!, `/api/bulletins/${first.id}/scores.xlsx`);
    expect(xlsx.status).toBe(200);
    const sheets = await readWorkbook(Buffer.from(await xlsx.arrayBuffer()));
    const ranking = sheets.find((s) => s.name === "排名")!.rows;
    expect(ranking[0]).toEqual([
      "排名",
      "单位",
      "总分",
      "年度任务完成",
      "台账报送及时完整",
      "加分",
      "减分",
    ]);
    expect(ranking[1]).toEqual([1, "科学技术局", 95, 57, 38, 0, 0]);
    const detail = sheets.find((s) => s.name === "得分明细")!.rows;
    const otherDetail = detail.find((r) => r[0] === "科学技术局")!;
    const ownDetail = detail.find((r) => r[0] === "农业农村局")!;
    expect(otherDetail.slice(3, 6).every((v) => v === null || v === undefined || v === "")).toBe(
      true,
    );
    expect(ownDetail.slice(4, 6)).toEqual([3, 4]);
  });
});
