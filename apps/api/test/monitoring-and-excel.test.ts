import ExcelJS from "exceljs";
import mammoth from "mammoth";
import { describe, expect } from "vitest";

import { shanghaiDay } from "@duban/domain";

import { loginAs, outcome, type Api } from "./harness.ts";
import { test } from "./served-world.ts";
import { PASSWORD } from "./world.ts";

async function download(api: Api, cookie: string, path: string) {
  const res = await fetch(`${api.url}${path}`, { headers: { cookie } });
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    bytes: new Uint8Array(await res.arrayBuffer()),
  };
}

describe("indicators, the ledger in Excel both ways, evaluation documents", () => {
  test("the responsible department reports an indicator; a correction supersedes; status follows the trajectory", async ({
    api,
    world,
    database,
  }) => {
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const lead = await loginAs(api, "lead@a.test", PASSWORD);
    const other = await loginAs(api, "other@a.test", PASSWORD);
    const list = await office.indicator.list.query({
      planId: world.planId,
      asOf: "2023-12-31",
    });
    const rnd = list.indicators.find((i) => i.name.includes("R&D"))!;
    expect(rnd).toMatchObject({ baselineValue: 7529.2, targetValue: 30000 });
    expect(
      await outcome(() =>
        lead.indicator.record.mutate({ indicatorId: rnd.id, period: "2023Q4", value: 1 }),
      ),
    ).toBe("FORBIDDEN");
    await office.indicator.update.mutate({
      indicatorId: rnd.id,
      version: rnd.version,
      responsibleDepartmentId: world.d1.id,
    });
    expect(
      await outcome(() =>
        other.indicator.record.mutate({ indicatorId: rnd.id, period: "2023Q4", value: 1 }),
      ),
    ).toBe("FORBIDDEN");
    await lead.indicator.record.mutate({
      indicatorId: rnd.id,
      period: "2023Q4",
      value: 12000,
      source: "统计快报",
    });
    let after = (
      await office.indicator.list.query({ planId: world.planId, asOf: "2023-12-31" })
    ).indicators.find((i) => i.id === rnd.id)!;
    // expected at the end of 2023: 7529.2 + (30000 − 7529.2) × 3/5 = 21011.68; 12000 is far behind
    expect(after.assessment.expected).toBeCloseTo(21011.68, 1);
    expect(after.assessment.status).toBe("OFF_TRACK");
    await lead.indicator.record.mutate({
      indicatorId: rnd.id,
      period: "2023Q4",
      value: 21000,
      note: "更正",
    });
    after = (
      await office.indicator.list.query({ planId: world.planId, asOf: "2023-12-31" })
    ).indicators.find((i) => i.id === rnd.id)!;
    expect(after.assessment.status).toBe("ON_TRACK");
    const history = await office.indicator.history.query({ indicatorId: rnd.id });
    expect(history.map((h) => [h.value, h.supersededAt === null])).toEqual([
      [12000, false],
      [21000, true],
    ]);
    expect(
      await outcome(() =>
        lead.indicator.record.mutate({ indicatorId: rnd.id, period: "2019Q4", value: 1 }),
      ),
    ).toBe("BAD_REQUEST");
    // the year after the period takes values once the plan reports in it (a 年度工作要点 for it)
    const { periodEnd } = await database.db.plan.findUniqueOrThrow({
      where: { id: world.planId },
    });
    const later = `${periodEnd + 1}Q1`;
    expect(
      await outcome(() =>
        lead.indicator.record.mutate({ indicatorId: rnd.id, period: later, value: 1 }),
      ),
    ).toBe("BAD_REQUEST");
    await office.annualPlan.create.mutate({ planId: world.planId, year: periodEnd + 1 });
    await lead.indicator.record.mutate({ indicatorId: rnd.id, period: later, value: 25000 });
    expect(
      await database.db.auditEvent.count({
        where: { action: { in: ["indicator.report", "indicator.correct"] } },
      }),
    ).toBe(3);
  });

  test("a value missing after the reporting deadline is a warning", async ({
    api,
    world,
    database,
  }) => {
    const office = await loginAs(api, "office@a.test", PASSWORD);
    await database.db.reportingCycle.create({
      data: {
        planId: world.planId,
        period: "2024Q1",
        opensAt: new Date("2024-01-01"),
        dueAt: new Date("2024-04-10"),
        closesAt: new Date("2024-04-15"),
        state: "CLOSED",
      },
    });
    const { warnings } = await office.indicator.list.query({ planId: world.planId });
    const missing = warnings.filter((w) => w.kind === "MISSING");
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.every((w) => w.period === "2025Q4" || w.period === "2024Q1")).toBe(true);
  });

  test("export → edit → import: the department's Excel ledger comes back as reports", async ({
    api,
    world,
    database,
  }) => {
    const lead = await loginAs(api, "lead@a.test", PASSWORD);
    const cookie = await sessionCookie(api, "lead@a.test");
    const file = await download(
      api,
      cookie,
      `/api/plans/${world.planId}/ledger.xlsx?period=2025Q4`,
    );
    expect(file.status).toBe(200);
    expect(file.type).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
    const sheets = wb.worksheets.filter((w) => w.state === "visible");
    expect(sheets.map((s) => s.name)).toEqual(["科学技术局"]);
    const ws = sheets[0]!;
    expect(ws.getCell("D2").value).toBe(
      (await database.db.task.findUniqueOrThrow({ where: { id: world.t1 } })).title,
    );
    ws.getCell("J2").value = "完成年度目标的 80%";
    ws.getCell("K2").value = 80;
    ws.getCell("L2").value = "推进中";
    ws.getCell("M2").value = "无";
    const filled = Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
    const result = await lead.ledger.importWorkbook.mutate({
      planId: world.planId,
      contentBase64: filled,
    });
    expect(result).toEqual({ submitted: 1, amended: 0, unchanged: 0 });
    const entry = await database.db.ledgerEntry.findFirstOrThrow({
      where: { taskId: world.t1, departmentId: world.d1.id, isCurrent: true },
    });
    expect(entry).toMatchObject({
      progressText: "完成年度目标的 80%",
      percentComplete: 80,
      status: "IN_PROGRESS",
      problems: "无",
    });
    // the same file again changes nothing; an edited one amends
    expect(
      await lead.ledger.importWorkbook.mutate({
        planId: world.planId,
        contentBase64: filled,
      }),
    ).toEqual({ submitted: 0, amended: 0, unchanged: 1 });
    ws.getCell("K2").value = 90;
    const edited = Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
    expect(
      await lead.ledger.importWorkbook.mutate({
        planId: world.planId,
        contentBase64: edited,
      }),
    ).toEqual({ submitted: 0, amended: 1, unchanged: 0 });
  });

  test("a broken file is rejected row by row with nothing applied", async ({
    api,
    world,
    database,
    onTestFinished,
  }) => {
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const support = await loginAs(api, "support@a.test", PASSWORD);
    const lead = await loginAs(api, "lead@a.test", PASSWORD);
    // the lead unit has reported on T1 this quarter (unless the export test above already did;
    // a report made here is removed afterwards, so that test still finds the quarter unreported)
    const leadReport = { taskId: world.t1, departmentId: world.d1.id, cycleId: world.cycleId };
    if (!(await database.db.ledgerEntry.count({ where: { ...leadReport, isCurrent: true } }))) {
      const made = await lead.ledger.submit.mutate({
        taskId: world.t1,
        cycleId: world.cycleId,
        progressText: "完成年度目标的 80%",
        percentComplete: 80,
        status: "IN_PROGRESS",
      });
      onTestFinished(async () => {
        await database.db.ledgerEntry.delete({ where: { id: made.id } });
      });
    }
    const cookie = await sessionCookie(api, "office@a.test");
    const file = await download(
      api,
      cookie,
      `/api/plans/${world.planId}/ledger.xlsx?period=2025Q4`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
    // the supporting unit fills its sheet: one good row is not enough when another is bad
    const ws = wb.getWorksheet("市场监督管理局")!;
    ws.getCell("J2").value = "配合开展知识产权保护";
    ws.getCell("K2").value = 150;
    ws.getCell("L2").value = "推进中";
    const before = {
      entries: await database.db.ledgerEntry.count(),
      audit: await database.db.auditEvent.count(),
    };
    const error = await support.ledger.importWorkbook
      .mutate({
        planId: world.planId,
        contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString("base64"),
      })
      .catch(
        (e: {
          message: string;
          data?: { details?: { errors?: Array<{ sheet: string; row: number; message: string }> } };
        }) => e,
      );
    expect((error as { message: string }).message).toMatch(/有误，未导入任何数据/);
    // the office's workbook also holds the lead unit's report: refused whatever it says (an "unchanged" would tell)
    expect((error as { data: { details: { errors: unknown[] } } }).data.details.errors).toEqual([
      {
        sheet: "科学技术局",
        row: 2,
        column: null,
        message: expect.stringMatching(/只能导入本单位的台账/),
      },
      {
        sheet: "市场监督管理局",
        row: 2,
        column: "完成比例(%)",
        message: expect.stringMatching(/^完成比例请填写 0–100 的整数/),
      },
    ]);
    expect({
      entries: await database.db.ledgerEntry.count(),
      audit: await database.db.auditEvent.count(),
    }).toEqual(before);
    // rows of another unit in the same file are refused as well
    ws.getCell("K2").value = 50;
    const other = wb.getWorksheet("科学技术局")!;
    other.getCell("J2").value = "越权填报";
    other.getCell("K2").value = 99;
    other.getCell("L2").value = "推进中";
    const cross = await support.ledger.importWorkbook
      .mutate({
        planId: world.planId,
        contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString("base64"),
      })
      .catch((e: { data?: { details?: { errors?: Array<{ sheet: string }> } } }) => e);
    expect(
      (
        cross as { data: { details: { errors: Array<{ sheet: string }> } } }
      ).data.details.errors.map((e) => e.sheet),
    ).toContain("科学技术局");
    expect(await database.db.ledgerEntry.count()).toBe(before.entries);
    expect(
      await outcome(() =>
        support.ledger.importWorkbook.mutate({
          planId: world.planId,
          contentBase64: Buffer.from("not excel").toString("base64"),
        }),
      ),
    ).toBe("BAD_REQUEST");
    // the office reviews reports, it does not import them in the units' name
    expect(
      await outcome(() =>
        office.ledger.importWorkbook.mutate({
          planId: world.planId,
          contentBase64: Buffer.from("not excel").toString("base64"),
        }),
      ),
    ).toBe("FORBIDDEN");
  });

  test("the mid-term evaluation downloads as Word and Excel, generated from the data", async ({
    api,
    world,
    database,
  }) => {
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const t = await office.task.get.query({ taskId: world.t2 });
    await office.task.redate.mutate({
      taskId: world.t2,
      version: t.version,
      dueDate: "2023-03-31",
      reason: "提前完成部署",
    });
    const today = shanghaiDay(new Date());
    const generated = await office.evaluation.generate.mutate({
      planId: world.planId,
      kind: "MIDTERM",
      asOf: today,
    });
    expect(generated.asOf).toBe(today);
    // as of mid-2023 the adjustment (made today) had not happened yet
    const early = await office.evaluation.preview.query({
      planId: world.planId,
      kind: "MIDTERM",
      asOf: "2023-06-30",
    });
    expect(early.adjustments).toEqual([]);
    expect(early.totals.total).toBe(2);
    expect(await database.db.evaluation.count()).toBe(1);
    const cookie = await sessionCookie(api, "leader@a.test");
    const docx = await download(
      api,
      cookie,
      `/api/plans/${world.planId}/evaluation.docx?kind=MIDTERM&asOf=${today}`,
    );
    expect(docx.status).toBe(200);
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(docx.bytes) });
    const paragraphs = value
      .split("\n")
      .map((p) => p.trim())
      .filter(Boolean);
    expect(paragraphs[0]).toMatch(/中期评估报告$/);
    expect(value).toContain("提前完成部署");
    expect(value).toContain("农业农村局");
    const xlsx = await download(
      api,
      cookie,
      `/api/plans/${world.planId}/evaluation.xlsx?kind=FINAL`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.bytes) as unknown as ArrayBuffer);
    expect(wb.getWorksheet("主要指标")!.rowCount).toBe(8);
    const foreign = await download(
      api,
      await sessionCookie(api, "office@b.test"),
      `/api/plans/${world.planId}/evaluation.docx?kind=FINAL`,
    );
    expect(foreign.status).toBe(404);
  });

  async function sessionCookie(api: Api, email: string) {
    const res = await fetch(`${api.url}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-duban-csrf": "1" },
      body: JSON.stringify({ json: { email, password: PASSWORD } }),
    });
    return res.headers.getSetCookie()[0]!.split(";")[0]!;
  }
});
