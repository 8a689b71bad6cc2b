import ExcelJS from "exceljs";
import fc from "fast-check";
import { afterAll, describe, expect } from "vitest";

import { isLegalSheetName } from "@duban/reports";
import { test } from "@duban/test-utils";

import { loginAs, outcome, startApi, type Api } from "./harness.ts";
import { buildWorld, PASSWORD } from "./world.ts";

/** Unit names that each break one of Excel's sheet-name rules, and random ones from every corner of UTF-16. */
const FIXED = [
  "History",
  "history",
  "'引号开头",
  "引号结尾'",
  "'",
  "科学技术局",
  "科学技术局 ",
  "[知识产权]局",
  "a:b/c\\d?e*f",
  "_duban",
  "ABC局",
  "abc局",
  "x".repeat(30) + "😀",
  "单位".repeat(20),
  "😀".repeat(20),
  "\ud83d孤立代理",
  "控制\u0001字符",
  "\uFFFE非字符\uFFFF",
];
const RANDOM = fc.sample(
  fc.oneof(
    fc.string({ unit: "binary", minLength: 1, maxLength: 40 }),
    fc.string({
      unit: fc.constantFrom(
        "'",
        "[",
        "]",
        ":",
        "*",
        "?",
        "/",
        "\\",
        " ",
        "h",
        "H",
        "史",
        "😀",
        "\ud83d",
      ),
      minLength: 1,
      maxLength: 40,
    }),
  ),
  { seed: 14, numRuns: 30 },
);

describe("the ledger download with hostile unit names", () => {
  let api: Api | undefined;
  afterAll(async () => api?.close());

  test("every unit name the app accepts gives a workbook that opens, with legal unique sheet names, and imports back to the right unit", async ({
    database,
    redis,
  }) => {
    api = await startApi(database, redis);
    const world = await buildWorld(database.db);
    const office = await loginAs(api, "office@a.test", PASSWORD);
    const accepted: Array<{ id: string; name: string }> = [];
    for (const name of [...FIXED, ...RANDOM]) {
      // whatever is refused is refused as bad input or a duplicate, never with a 500
      let created: { id: string; name: string } | undefined;
      const answer = await outcome(async () => {
        created = await office.admin.createDepartment.mutate({ jurisdictionId: world.a.id, name });
      });
      expect(["OK", "BAD_REQUEST", "CONFLICT"], JSON.stringify(name)).toContain(answer);
      if (created) accepted.push(created);
    }
    expect(accepted.length).toBeGreaterThan(FIXED.length);
    // each new unit supports 任务二, so each gets a sheet
    await database.db.taskSupport.createMany({
      data: accepted.map((d) => ({ taskId: world.t2, departmentId: d.id })),
    });

    const login = await fetch(`${api.url}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-duban-csrf": "1" },
      body: JSON.stringify({ json: { email: "office@a.test", password: PASSWORD } }),
    });
    const res = await fetch(`${api.url}/api/plans/${world.planId}/ledger.xlsx?period=2025Q4`, {
      headers: { cookie: login.headers.getSetCookie()[0]!.split(";")[0]! },
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const names = wb.worksheets.map((w) => w.name);
    for (const n of names) expect(isLegalSheetName(n), JSON.stringify(n)).toBe(true);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(wb.worksheets.filter((w) => w.state === "visible")).toHaveLength(3 + accepted.length);

    // two of the worst-named units fill their row in the office's whole workbook and import it
    const meta = wb.getWorksheet("_duban")!;
    const sheetOf = new Map<string, string>();
    meta.eachRow((row, n) => {
      if (n > 1) sheetOf.set(String(row.getCell(2).value), String(row.getCell(1).value));
    });
    for (const [i, name] of ["history", "'引号开头"].entries()) {
      const unit = accepted.find((d) => d.name === name)!;
      const email = `hostile${i}@a.test`;
      await office.admin.createUser.mutate({
        jurisdictionId: world.a.id,
        email,
        name: "填报员",
        role: "DEPARTMENT",
        departmentId: unit.id,
        password: "a-long-enough-passphrase",
      });
      const staff = await loginAs(api, email, "a-long-enough-passphrase");
      const ws = wb.getWorksheet(sheetOf.get(unit.id)!)!;
      expect(ws.name).not.toBe(unit.name);
      ws.getCell("J2").value = `${name} 的进展`;
      ws.getCell("K2").value = 20 + i;
      ws.getCell("L2").value = "推进中";
      const result = await staff.ledger.importWorkbook.mutate({
        planId: world.planId,
        contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString("base64"),
      });
      expect(result).toEqual({ submitted: 1, amended: 0, unchanged: 0 });
      expect(
        await database.db.ledgerEntry.findFirstOrThrow({
          where: { taskId: world.t2, departmentId: unit.id, isCurrent: true },
        }),
      ).toMatchObject({ progressText: `${name} 的进展`, percentComplete: 20 + i });
      // cleared again so that the next unit's import holds its own row only
      for (const col of ["J2", "K2", "L2"]) ws.getCell(col).value = null;
    }
  });
});
