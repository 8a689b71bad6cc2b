import { TRPCClientError } from "@trpc/client";
import ExcelJS from "exceljs";
import { afterAll, describe, expect } from "vitest";

import { createTasks, systemActor } from "@duban/domain";
import { test, type DatabaseFixture, type RedisFixture } from "@duban/test-utils";

import { loginAs, startApi, type Api } from "./harness.ts";
import { buildWorld, PASSWORD } from "./world.ts";

type RowError = { sheet: string; row: number; column: string | null; message: string };
type Issue = { path: string[]; message: string; params: Record<string, unknown> | null };
type Failure = {
  message: string;
  errors: RowError[];
  fieldErrors: Record<string, string[]>;
  issues: Issue[];
};

async function failure(call: () => Promise<unknown>): Promise<Failure> {
  try {
    await call();
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const data = error.data as {
      details?: { errors?: RowError[] };
      zodError?: { fieldErrors: Record<string, string[]> };
      issues?: Issue[] | null;
    };
    return {
      message: error.message,
      errors: data.details?.errors ?? [],
      fieldErrors: data.zodError?.fieldErrors ?? {},
      issues: data.issues ?? [],
    };
  }
  throw new Error("expected the call to be refused");
}

/** The api over the shared world plus five more tasks led by 科学技术局, made by whichever test asks first. */
function lazyWorld() {
  let made:
    | Promise<{ api: Api; world: Awaited<ReturnType<typeof buildWorld>>; tasks: string[] }>
    | undefined;
  afterAll(async () => (await made)?.api.close());
  return (database: DatabaseFixture, redis: RedisFixture) =>
    (made ??= (async () => {
      const api = await startApi(database, redis);
      const world = await buildWorld(database.db);
      const more = await createTasks(
        { db: database.db, actor: systemActor("test-setup") },
        {
          planId: world.planId,
          tasks: [1, 2, 3, 4, 5].map((n) => ({
            nodeId: null,
            title: `附加任务${n}`,
            description: "",
            leadDepartmentId: world.d1.id,
            supportingDepartmentIds: [],
            phaseKey: "LAUNCH",
            startDate: "2021-01-01",
            dueDate: "2025-12-31",
            milestones: [],
          })),
        },
      );
      return { api, world, tasks: [world.t1, ...more] };
    })());
}

async function download(api: Api, email: string, planId: string) {
  const login = await fetch(`${api.url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-duban-csrf": "1" },
    body: JSON.stringify({ json: { email, password: PASSWORD } }),
  });
  const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
  const res = await fetch(`${api.url}/api/plans/${planId}/ledger.xlsx?period=2025Q4`, {
    headers: { cookie },
  });
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb;
}

/** Row number of each task in a sheet, from the hidden 任务编号 column (A). */
function rowsByTask(ws: ExcelJS.Worksheet): Map<string, number> {
  const rows = new Map<string, number>();
  ws.eachRow((row, n) => {
    if (n > 1) rows.set(String(row.getCell(1).value), n);
  });
  return rows;
}

const LONG = "问".repeat(3500);

describe("the ledger workbook is checked by the web form's schema, cell by cell", () => {
  const served = lazyWorld();

  test("export → edit with exceljs (blank, long text, formulas, rich text, an error value, 0.8) → every problem named by sheet, row and column; nothing applied; then fixed and imported", async ({
    database,
    redis,
  }) => {
    const { api, world, tasks } = await served(database, redis);
    const lead = await loginAs(api, "lead@a.test", PASSWORD);
    const wb = await download(api, "lead@a.test", world.planId);
    const ws = wb.getWorksheet("科学技术局")!;
    const at = rowsByTask(ws);
    const [blankPercent, longText, noResult, withResults, fraction, errorValue] = tasks.map((t) =>
      at.get(t)!,
    );
    const fill = (
      row: number,
      progress: ExcelJS.CellValue,
      percent: ExcelJS.CellValue,
      status: ExcelJS.CellValue = "推进中",
    ) => {
      ws.getCell(row, 10).value = progress;
      ws.getCell(row, 11).value = percent;
      ws.getCell(row, 12).value = status;
    };
    fill(blankPercent!, "已开展调研", null);
    fill(longText!, "已完成年度目标的一半", 50);
    ws.getCell(longText!, 13).value = LONG;
    fill(noResult!, "按公式计算", { formula: "K2*2" } as ExcelJS.CellFormulaValue);
    fill(
      withResults!,
      { formula: '"进展"&"顺利"', result: "进展顺利" } as ExcelJS.CellFormulaValue,
      { formula: "40+20", result: 60 } as ExcelJS.CellFormulaValue,
    );
    ws.getCell(withResults!, 13).value = {
      richText: [{ text: "资金", font: { bold: true } }, { text: "不足" }],
    };
    fill(fraction!, { richText: [{ text: "完成" }, { text: "八成" }] }, 0.8);
    fill(errorValue!, "引用了别的表", { error: "#DIV/0!" } as ExcelJS.CellErrorValue);
    const before = {
      entries: await database.db.ledgerEntry.count(),
      audit: await database.db.auditEvent.count(),
    };

    const refused = await failure(async () =>
      lead.ledger.importWorkbook.mutate({
        planId: world.planId,
        contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString("base64"),
      }),
    );
    expect(refused.message).toBe("台账文件有 5 行有误，未导入任何数据");
    const sheet = "科学技术局";
    expect(refused.errors).toEqual([
      {
        sheet,
        row: blankPercent,
        column: "完成比例(%)",
        message: "请填写完成比例",
      },
      {
        sheet,
        row: longText,
        column: "存在问题",
        message: "存在问题不能超过 3000 个字",
      },
      {
        sheet,
        row: noResult,
        column: "完成比例(%)",
        message: expect.stringMatching(/^公式 =K2\*2 没有保存计算结果/),
      },
      {
        sheet,
        row: fraction,
        column: "完成比例(%)",
        message: expect.stringContaining(
          "完成比例请填写 0–100 的整数（0.8 看起来是小数形式的百分比，请填 80）",
        ),
      },
      {
        sheet,
        row: errorValue,
        column: "完成比例(%)",
        message: expect.stringMatching(/^单元格是错误值 #DIV\/0!（除以零）/),
      },
    ]);
    expect(JSON.stringify(refused.errors)).not.toContain("[object Object]");
    expect({
      entries: await database.db.ledgerEntry.count(),
      audit: await database.db.auditEvent.count(),
    }).toEqual(before);

    // the same words as the web form's: ledger.submit with the same values is refused with the same messages
    const submit = (fields: { percentComplete: number; problems?: string }) =>
      failure(() =>
        lead.ledger.submit.mutate({
          taskId: tasks[0]!,
          cycleId: world.cycleId,
          progressText: "x",
          status: "IN_PROGRESS",
          ...fields,
        }),
      );
    expect((await submit({ percentComplete: Number.NaN })).fieldErrors.percentComplete).toEqual([
      refused.errors[0]!.message,
    ]);
    const tooLong = await submit({ percentComplete: 50, problems: LONG });
    expect(tooLong.fieldErrors.problems).toEqual([refused.errors[1]!.message]);
    // and with the code and params the web words in its own language (validationText, zh or en)
    expect(tooLong.issues).toEqual([
      {
        path: ["problems"],
        message: "存在问题不能超过 3000 个字",
        params: { code: "text.tooLong", field: "problems", max: 3000 },
      },
    ]);
    expect((await submit({ percentComplete: 0.8 })).fieldErrors.percentComplete).toEqual([
      refused.errors[3]!.message,
    ]);

    // fixed: the percent typed as a percentage (0.8 shown as 80%) counts as 80; formulas give their results
    ws.getCell(blankPercent!, 11).value = 10;
    ws.getCell(longText!, 13).value = "问".repeat(3000);
    ws.getCell(noResult!, 11).value = { formula: "10+10", result: 20 } as ExcelJS.CellFormulaValue;
    // a style of its own: exceljs shares one style object among the cells read with the same style
    ws.getCell(fraction!, 11).style = { ...ws.getCell(fraction!, 11).style, numFmt: "0%" };
    ws.getCell(errorValue!, 11).value = 40;
    const result = await lead.ledger.importWorkbook.mutate({
      planId: world.planId,
      contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString("base64"),
    });
    expect(result).toEqual({ submitted: 6, amended: 0, unchanged: 0 });
    const entry = (taskId: string) =>
      database.db.ledgerEntry.findFirstOrThrow({
        where: { taskId, departmentId: world.d1.id, isCurrent: true },
      });
    expect(await entry(tasks[0]!)).toMatchObject({ percentComplete: 10 });
    expect((await entry(tasks[1]!)).problems).toHaveLength(3000);
    expect(await entry(tasks[2]!)).toMatchObject({ percentComplete: 20 });
    expect(await entry(tasks[3]!)).toMatchObject({
      progressText: "进展顺利",
      percentComplete: 60,
      problems: "资金不足",
    });
    expect(await entry(tasks[4]!)).toMatchObject({ progressText: "完成八成", percentComplete: 80 });
  });

  test("a row with only 存在问题 filled is checked, not skipped; a blank status and an unknown one are named", async ({
    database,
    redis,
  }) => {
    const { api, world, tasks } = await served(database, redis);
    const support = await loginAs(api, "support@a.test", PASSWORD);
    const wb = await download(api, "support@a.test", world.planId);
    const ws = wb.getWorksheet("市场监督管理局")!;
    const row = rowsByTask(ws).get(tasks[0]!)!;
    ws.getCell(row, 13).value = "只填了问题";
    const onlyProblems = await failure(async () =>
      support.ledger.importWorkbook.mutate({
        planId: world.planId,
        contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString("base64"),
      }),
    );
    expect(onlyProblems.errors.map((e) => [e.column, e.message])).toEqual([
      ["本期进展情况", "请填写进展情况"],
      ["完成比例(%)", "请填写完成比例"],
      ["填报状态", "请选择填报状态"],
    ]);
    ws.getCell(row, 10).value = "配合开展";
    ws.getCell(row, 11).value = "８０％";
    ws.getCell(row, 12).value = "进行中";
    const unknown = await failure(async () =>
      support.ledger.importWorkbook.mutate({
        planId: world.planId,
        contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString("base64"),
      }),
    );
    expect(unknown.errors).toEqual([
      {
        sheet: "市场监督管理局",
        row,
        column: "填报状态",
        message: expect.stringMatching(/^填报状态应为：未启动、推进中、已完成、已暂缓、已取消/),
      },
    ]);
    ws.getCell(row, 12).value = "推进中";
    expect(
      await support.ledger.importWorkbook.mutate({
        planId: world.planId,
        contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString("base64"),
      }),
    ).toEqual({ submitted: 1, amended: 0, unchanged: 0 });
    expect(
      await database.db.ledgerEntry.findFirstOrThrow({
        where: { taskId: tasks[0], departmentId: world.d2.id, isCurrent: true },
      }),
    ).toMatchObject({ percentComplete: 80, problems: "只填了问题" });
  });
});
