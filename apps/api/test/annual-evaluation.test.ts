// 年度评估 (issue #18) over HTTP: the year's annual-plan items done / not done with the lead
// units' explanations, indicators against the year's targets, the adjustments made in the year,
// the published scores (or 年度考核结果尚未发布), as .docx and .xlsx; the Evaluation row keeps the
// year. Annual plans, targets and scores are written by other modules: here their rows are
// inserted with the Prisma client.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect } from "vitest";

import { shanghaiDay } from "@duban/domain";

import { loginAs, outcome, type Api } from "./harness.ts";
import { test } from "./served-world.ts";
import { PASSWORD } from "./world.ts";

const year = Number(shanghaiDay(new Date()).slice(0, 4));

async function download(api: Api, cookie: string, path: string) {
  const res = await fetch(`${api.url}${path}`, { headers: { cookie } });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}
async function sessionCookie(api: Api, email: string) {
  const res = await fetch(`${api.url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-duban-csrf": "1" },
    body: JSON.stringify({ json: { email, password: PASSWORD } }),
  });
  return res.headers.getSetCookie()[0]!.split(";")[0]!;
}
const docText = async (bytes: Buffer) => {
  const xml = await (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string");
  return [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
};

describe("年度评估: the year's items, indicators against the year's targets, adjustments, scores", () => {
  test("without an annual plan or published scores the document says so", async ({
    api,
    world,
  }) => {
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const data = await office.evaluation.preview.query({
      planId: world.planId,
      kind: "ANNUAL",
      year: year - 3,
    });
    expect(data.asOf).toBe(`${year - 3}-12-31`);
    expect(data.title).toBe(`息烽县“十四五”科技创新规划${year - 3}年度评估报告`);
    expect(data.annual).toMatchObject({
      year: year - 3,
      annualPlan: null,
      items: [],
      scores: null,
    });
    const text = await docText(
      (
        await download(
          api,
          await sessionCookie(api, "leader@a.test"),
          `/api/plans/${world.planId}/evaluation.docx?kind=ANNUAL&year=${year - 3}`,
        )
      ).bytes,
    );
    expect(text).toContain(`${year - 3}年度未制定年度工作要点。`);
    expect(text).toContain("年度考核结果尚未发布。");
    // ANNUAL needs its year; a department's staff may not see the whole plan's evaluation
    const bad = await download(
      api,
      await sessionCookie(api, "leader@a.test"),
      `/api/plans/${world.planId}/evaluation.docx?kind=ANNUAL`,
    );
    expect(bad.status).toBe(400);
    const lead = await loginAs(api, "lead@a.test", PASSWORD);
    expect(
      await outcome(() =>
        lead.evaluation.preview.query({ planId: world.planId, kind: "ANNUAL", year }),
      ),
    ).toBe("FORBIDDEN");
  });

  test("the year's evaluation lists items done and not done, the year's target, the year's adjustments and the published scores", async ({
    api,
    world,
    database,
  }) => {
    const db = database.db;
    const office = await loginAs(api, "office@a.test", PASSWORD);
    // the year's annual plan: 任务一 confirmed done, 任务二 not done with its unit's explanation
    const annualPlan = await db.annualPlan.create({
      data: {
        planId: world.planId,
        year,
        title: `甲县${year}年科技创新工作要点`,
        docNumber: `甲科领办发〔${year}〕1号`,
        status: "ISSUED",
        items: {
          create: [
            {
              taskId: world.t1,
              deliverable: "完成年度建设任务",
              dueDate: new Date(`${year}-06-30T00:00:00Z`),
              order: 1,
              doneAt: new Date(`${year}-06-20T02:00:00Z`),
            },
            {
              taskId: world.t2,
              deliverable: "完成项目立项",
              dueDate: new Date(`${year}-09-30T00:00:00Z`),
              order: 2,
              explanation: "用地指标未落实，已报县自然资源局协调",
            },
          ],
        },
      },
    });
    expect(annualPlan.id).toBeTruthy();
    // the year's target for R&D replaces the trajectory; an older target it replaced is ignored
    const rnd = await db.indicator.findFirstOrThrow({
      where: { planId: world.planId, name: { contains: "R&D" } },
    });
    await db.indicatorAnnualTarget.createMany({
      data: [
        { indicatorId: rnd.id, year, value: 99999, supersededAt: new Date(Date.now() - 1000) },
        { indicatorId: rnd.id, year, value: 26000 },
      ],
    });
    await db.indicatorObservation.create({
      data: { indicatorId: rnd.id, period: `${year}Q3`, value: 27000 },
    });
    // an adjustment made in the year (today), listed by the year's evaluation only
    const t = await office.task.get.query({ taskId: world.t2 });
    await office.task.redate.mutate({
      taskId: world.t2,
      version: t.version,
      dueDate: "2025-09-30",
      reason: "年度计划顺延",
    });
    // the published final scores of the year
    const scheme = await db.assessmentScheme.create({
      data: {
        jurisdictionId: world.a.id,
        year,
        version: 1,
        name: `${year}年度考核方案`,
        components: [{ kind: "ITEM_COMPLETION", weight: 100 }],
        lockedAt: new Date(),
      },
    });
    const unit = (d: { id: string; name: string }, rank: number, total: number) => ({
      departmentId: d.id,
      departmentName: d.name,
      rank,
      total,
      components: [],
      bonus: 0,
      deduction: 0,
    });
    await db.scorePublication.create({
      data: {
        jurisdictionId: world.a.id,
        schemeId: scheme.id,
        period: String(year),
        sheet: {
          jurisdictionId: world.a.id,
          period: String(year),
          kind: "YEAR",
          schemeId: scheme.id,
          schemeVersion: 1,
          asOf: `${year}-12-31`,
          computedAt: new Date().toISOString(),
          units: [unit(world.d3, 2, 50), unit(world.d1, 1, 100)],
        },
      },
    });

    const generated = await office.evaluation.generate.mutate({
      planId: world.planId,
      kind: "ANNUAL",
      year,
    });
    expect(generated).toMatchObject({ kind: "ANNUAL", asOf: `${year}-12-31` });
    const listed = await office.evaluation.list.query({ planId: world.planId });
    expect(listed.find((e) => e.id === generated.id)).toMatchObject({ kind: "ANNUAL", year });

    const data = await office.evaluation.preview.query({
      planId: world.planId,
      kind: "ANNUAL",
      year,
    });
    expect(data.annual!.items.map((i) => [i.title, i.done, i.onTime, i.explanation])).toEqual([
      ["任务一", true, true, ""],
      ["任务二", false, false, "用地指标未落实，已报县自然资源局协调"],
    ]);
    expect(data.annual!.indicators.find((i) => i.name === rnd.name)).toMatchObject({
      yearTarget: 26000,
      expected: 26000,
      actual: 27000,
      verdict: "达标",
    });
    expect(data.adjustments.map((a) => a.reason)).toContain("年度计划顺延");
    const lastYear = await office.evaluation.preview.query({
      planId: world.planId,
      kind: "ANNUAL",
      year: year - 1,
    });
    expect(lastYear.adjustments.map((a) => a.reason)).not.toContain("年度计划顺延");
    expect(data.annual!.scores!.units).toEqual([
      { rank: 1, name: world.d1.name, total: 100 },
      { rank: 2, name: world.d3.name, total: 50 },
    ]);
    // the trajectory chart's series: the year's target in force
    expect(data.indicators.find((i) => i.name === rnd.name)!.trajectory.annualTargets).toEqual([
      { year, value: 26000 },
    ]);

    const leader = await sessionCookie(api, "leader@a.test");
    const docx = await download(
      api,
      leader,
      `/api/plans/${world.planId}/evaluation.docx?kind=ANNUAL&year=${year}`,
    );
    expect(docx.status).toBe(200);
    const text = await docText(docx.bytes);
    for (const s of [
      "二、年度重点工作完成情况",
      "按时完成",
      "（一）任务二",
      "单位说明：用地指标未落实，已报县自然资源局协调",
      `主要指标${year}年度目标完成情况表`,
      "年度计划顺延",
      `${year}年度考核得分表`,
      "100.00",
      "甲县科技创新工作领导小组办公室",
      `${year}年12月31日`,
    ])
      expect(text).toContain(s);
    // charts: the trajectories and the completion per unit are pictures in the file
    const zip = await JSZip.loadAsync(docx.bytes);
    expect(
      Object.keys(zip.files).filter((f) => f.startsWith("word/media/")).length,
    ).toBeGreaterThan(1);

    const xlsx = await download(
      api,
      leader,
      `/api/plans/${world.planId}/evaluation.xlsx?kind=ANNUAL&year=${year}`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(wb.getWorksheet("年度重点工作")!.getCell("E3").value).toBe("未完成");
    expect(wb.getWorksheet("年度重点工作")!.getCell("H3").value).toBe(
      "用地指标未落实，已报县自然资源局协调",
    );
    expect(wb.getWorksheet("年度考核")!.getCell("B2").value).toBe(world.d1.name);
  });
});
