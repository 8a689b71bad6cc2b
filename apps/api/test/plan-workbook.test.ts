// An Excel 分工表 (.xlsx) imported as a plan over HTTP: the draft tasks the wizard makes of it, the
// stored source text, and the upload guard's limits (an .xlsx bomb is refused before exceljs).
import { describe, expect } from "vitest";

import { draftsFromCandidates } from "@duban/domain";
import { bombs } from "@duban/test-utils/bombs";

import { xlsx } from "../../../packages/plan-parser/test/helpers/xlsx.ts";
import { loginAs, refused } from "./harness.ts";
import { test } from "./served-world.ts";
import { PASSWORD } from "./world.ts";

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

/** 甲县's units are 科学技术局 (科技局), 市场监督管理局 (市场监管局), 农业农村局 (see world.ts). */
const divisionTable = () =>
  xlsx([
    {
      name: "分工表",
      rows: [
        ["甲县2024年重点任务分工表"],
        ["序号", "类别", "重点任务", "牵头单位", "配合单位", "完成时限"],
        [1, "优化营商环境", "推行企业开办一网通办。", "县市场监管局", "县科技局", "2024年6月底前"],
        [2, null, "开展质量提升行动。", "县市场监管局", null, "2024年底前"],
        [3, "强化科技支撑", "新增高新技术企业10家。", "县科技局", "县农业农村局", "每季度"],
        [4, null, "建设农业科技园区。", "县乡村振兴局", null, "2024年"],
      ],
      merges: ["A1:F1", "B3:B4", "B5:B6"],
    },
  ]);

describe("plan import of an Excel 分工表", () => {
  test("preview and import give the sections, the tasks and drafts led by the written units", async ({
    api,
    world,
    database,
  }) => {
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const file = { jurisdictionId: world.a.id, fileName: "分工表.xlsx" };
    const contentBase64 = b64(await divisionTable());
    const preview = await office.plan.preview.mutate({ ...file, contentBase64 });
    expect(preview.kind).toBe("division");
    expect(preview.title).toBe("甲县2024年重点任务分工表");
    expect(preview.candidateTasks.map((c) => [c.nodeCode, c.leadText, c.suggestedLead])).toEqual([
      ["一.1", "县市场监管局", "市场监督管理局"],
      ["一.2", "县市场监管局", "市场监督管理局"],
      ["二.3", "县科技局", "科学技术局"],
      // a unit the directory does not hold is kept as written, never guessed
      ["二.4", "县乡村振兴局", null],
    ]);

    const imported = await office.plan.import.mutate({ ...file, contentBase64 });
    expect(imported).toMatchObject({ created: true, title: "甲县2024年重点任务分工表" });
    const plan = await database.db.plan.findUniqueOrThrow({ where: { id: imported.planId } });
    expect(plan).toMatchObject({ sourceFormat: "xlsx", periodStart: 2024, periodEnd: 2024 });
    // the stored source: one row per line, so the warnings' and nodes' lines point into it
    const lines = plan.sourceText.split("\n");
    expect(lines[0]).toBe("【工作表：分工表】");
    expect(lines[2]).toBe("序号\t类别\t重点任务\t牵头单位\t配合单位\t完成时限");

    const doc = await office.plan.document.query({ planId: imported.planId });
    expect(doc.nodes.map((n) => `${n.kind}:${n.code}:${n.title}`)).toEqual([
      "SECTION:一:优化营商环境",
      "ITEM:一.1:推行企业开办一网通办",
      "ITEM:一.2:开展质量提升行动",
      "SECTION:二:强化科技支撑",
      "ITEM:二.3:新增高新技术企业10家",
      "ITEM:二.4:建设农业科技园区",
    ]);
    const item = doc.nodes.find((n) => n.code === "二.3")!;
    expect(lines[item.lineStart - 1]).toContain("新增高新技术企业10家。");

    const units = await database.db.department.findMany({ where: { jurisdictionId: world.a.id } });
    const id = (name: string) => units.find((u) => u.name === name)!.id;
    const drafts = draftsFromCandidates(
      doc.nodes,
      { periodStart: doc.plan.periodStart, periodEnd: doc.plan.periodEnd, phases: doc.phases },
      units,
    );
    expect(drafts.map((d) => [d.code, d.title, d.leadDepartmentId])).toEqual([
      ["一.1", "推行企业开办一网通办", id("市场监督管理局")],
      ["一.2", "开展质量提升行动", id("市场监督管理局")],
      ["二.3", "新增高新技术企业10家", id("科学技术局")],
      ["二.4", "建设农业科技园区", null],
    ]);
    expect(drafts[0]!.supportingDepartmentIds).toEqual([id("科学技术局")]);
    expect(drafts[2]!.supportingDepartmentIds).toEqual([id("农业农村局")]);

    // the drafts the office confirms become tasks
    const confirmed = drafts
      .filter((d) => d.leadDepartmentId)
      .map(({ code: _c, unmatched: _u, leadDepartmentId, ...d }) => ({
        ...d,
        leadDepartmentId: leadDepartmentId!,
      }));
    const { taskIds } = await office.plan.createTasks.mutate({
      planId: imported.planId,
      tasks: confirmed,
    });
    expect(taskIds).toHaveLength(3);
  });

  test("a workbook without a 分工表 header is refused naming its headers; an .xlsx bomb before reading", async ({
    api,
    world,
    database,
  }) => {
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const before = await database.db.plan.count();
    const names = await xlsx([
      {
        name: "名单",
        rows: [
          ["姓名", "电话"],
          ["张三", "1"],
        ],
      },
    ]);
    const cases: Array<[Uint8Array, string]> = [
      [names, "未找到分工表表头"],
      [names, "姓名 | 电话"],
      [bombs.xlsxSharedStrings(1), "文件解压后超过 64 MB"],
      [bombs.xlsxCells(2), "XML 元素超过 25 万 个"],
      [bombs.xlsxDeepXml(100_000), "XML 嵌套超过 128 层"],
    ];
    for (const [bytes, message] of cases) {
      for (const call of [office.plan.preview, office.plan.import]) {
        const refusal = await refused(() =>
          call.mutate({
            jurisdictionId: world.a.id,
            fileName: "分工表.xlsx",
            contentBase64: b64(bytes),
          }),
        );
        expect(refusal, message).toEqual({
          code: "BAD_REQUEST",
          message: expect.stringContaining(message),
        });
      }
    }
    expect(await database.db.plan.count()).toBe(before);
  });
});
