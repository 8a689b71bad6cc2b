// The plan's title on import (issue #16): the title the office gives wins, else the document's own
// (a forwarding notice's 《X》 included); with neither, importPlan refuses on field `title` and
// stores nothing. The file name is never a title.
import { readFile } from "node:fs/promises";
import path from "node:path";

import { expect } from "vitest";

import { test } from "@duban/test-utils";

import { DomainError, importPlan, previewPlan, systemActor } from "../src/index.ts";

const seeds = path.resolve(import.meta.dirname, "../../../seeds");
const xifeng = async () =>
  new Uint8Array(await readFile(path.join(seeds, "xifeng-county-14th-fyp-sti-plan.txt")));
const enc = (lines: string[]) => new TextEncoder().encode(lines.join("\n"));

const BODY = [
  "一、总体要求",
  "坚持创新驱动发展，全面提升县域科技创新能力。",
  "二、重点任务",
  "（一）优化营商环境",
  "1.推行企业开办一网通办。",
  "2.压缩工程建设项目审批时限。",
];
/** A copy from a county web site: navigation, 文号, the 印发通知, then the document without its title. */
const NOTICE_DOC = enc([
  "首页 > 政务公开 > 政策文件",
  "来源：西丰县人民政府办公室 发布时间：2023-03-01",
  "西政办发〔2023〕2号",
  "西丰县人民政府办公室关于印发《西丰县2023年科技工作要点》的通知",
  "各乡镇人民政府，县政府各部门：",
  "现将《西丰县2023年科技工作要点》印发给你们，请认真贯彻执行。",
  "西丰县人民政府办公室",
  "2023年3月1日",
  ...BODY,
]);

const refusal = async (run: () => Promise<unknown>): Promise<DomainError> => {
  try {
    await run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
};

test("a document without a title is refused on field title unless one is given; a given title wins", async ({
  database,
}) => {
  const { db } = database;
  const county = await db.jurisdiction.create({ data: { name: "息烽县", kind: "COUNTY" } });
  const ctx = { db, actor: systemActor("test") };
  const bytes = await xifeng();

  // the seed starts with its preface: the parser finds no title, and the file name is not one
  const preview = await previewPlan(ctx, {
    jurisdictionId: county.id,
    fileName: "息烽县科技创新规划.txt",
    bytes,
  });
  expect(preview.title).toBeNull();
  expect(preview.warnings.map((w) => w.code)).toContain("TITLE_MISSING");
  const refused = await refusal(() =>
    importPlan(ctx, { jurisdictionId: county.id, fileName: "息烽县科技创新规划.txt", bytes }),
  );
  expect(refused).toMatchObject({
    code: "INVALID",
    field: "title",
    message: "未能识别文件标题，请填写规划标题",
    messageEn: "no title was found in the document; enter the plan title",
  });
  const blank = await refusal(() =>
    importPlan(ctx, { jurisdictionId: county.id, fileName: "x.txt", bytes, title: "   " }),
  );
  expect(blank.field).toBe("title");
  const long = await refusal(() =>
    importPlan(ctx, {
      jurisdictionId: county.id,
      fileName: "x.txt",
      bytes,
      title: "规".repeat(201),
    }),
  );
  expect(long).toMatchObject({ code: "INVALID", field: "title" });
  expect(await db.plan.count()).toBe(0);
  expect(await db.auditEvent.count({ where: { action: "plan.import" } })).toBe(0);

  // the preview shows a given title, and its period
  const titled = await previewPlan(ctx, {
    jurisdictionId: county.id,
    fileName: "x.txt",
    bytes,
    title: "息烽县“十四五”科技创新规划",
  });
  expect(titled.title).toBe("息烽县“十四五”科技创新规划");
  expect(titled.period).toEqual({ start: 2021, end: 2025 });

  const imported = await importPlan(ctx, {
    jurisdictionId: county.id,
    fileName: "x.txt",
    bytes,
    title: "  息烽县“十四五”科技创新规划 ",
  });
  expect(imported).toMatchObject({ created: true, title: "息烽县“十四五”科技创新规划" });
  const plan = await db.plan.findUniqueOrThrow({ where: { id: imported.planId } });
  expect(plan).toMatchObject({
    title: "息烽县“十四五”科技创新规划",
    periodStart: 2021,
    periodEnd: 2025,
  });
  const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "plan.import" } });
  expect(audit.after).toMatchObject({ title: "息烽县“十四五”科技创新规划" });
});

test("a forwarded document imports under its own title and year; a given title and its year win", async ({
  database,
}) => {
  const { db } = database;
  const county = await db.jurisdiction.create({ data: { name: "西丰县", kind: "COUNTY" } });
  await db.jurisdiction.create({ data: { name: "昌图县", kind: "COUNTY" } });
  const ctx = { db, actor: systemActor("test") };

  const preview = await previewPlan(ctx, {
    jurisdictionId: county.id,
    fileName: "通知.txt",
    bytes: NOTICE_DOC,
  });
  expect(preview.title).toBe("西丰县2023年科技工作要点");
  expect(preview.period).toEqual({ start: 2023, end: 2023 });
  expect(preview.jurisdictionName).toBe("西丰县");
  expect(preview.warnings.find((w) => w.code === "HEADER_SKIPPED")?.message).toBe(
    "第 1–2 行（网页导航或信息公开栏目）、第 3 行（文号）、第 4–8 行（印发通知）不属于文件正文，已略过",
  );
  const imported = await importPlan(ctx, {
    jurisdictionId: county.id,
    fileName: "通知.txt",
    bytes: NOTICE_DOC,
  });
  expect(imported.title).toBe("西丰县2023年科技工作要点");
  expect(await db.plan.findUniqueOrThrow({ where: { id: imported.planId } })).toMatchObject({
    periodStart: 2023,
    periodEnd: 2023,
  });

  // the office corrects the title: it is stored, and the year written in it sets the period
  const other = enc(["西丰县2023年科技工作要点", ...BODY, "3.新增高新技术企业10家。"]);
  const corrected = await importPlan(ctx, {
    jurisdictionId: county.id,
    fileName: "要点.txt",
    bytes: other,
    title: "西丰县2024年科技工作要点",
  });
  expect(await db.plan.findUniqueOrThrow({ where: { id: corrected.planId } })).toMatchObject({
    title: "西丰县2024年科技工作要点",
    periodStart: 2024,
    periodEnd: 2024,
  });
});

test("the place is taken from the known jurisdictions before place-name patterns", async ({
  database,
}) => {
  const { db } = database;
  const county = await db.jurisdiction.create({ data: { name: "铁岭县", kind: "COUNTY" } });
  const ctx = { db, actor: systemActor("test") };
  // 清原县 reads as a place and is mentioned most, but only 铁岭县 is a known jurisdiction
  const bytes = enc([
    "关于加快推进科技创新的实施意见",
    "学习清原县经验，借鉴清原县做法，推广清原县模式，铁岭县全面落实，铁岭县加快推进。",
    ...BODY,
  ]);
  const preview = await previewPlan(ctx, {
    jurisdictionId: county.id,
    fileName: "意见.txt",
    bytes,
  });
  expect(preview.title).toBe("关于加快推进科技创新的实施意见");
  expect(preview.jurisdictionName).toBe("铁岭县");
});
