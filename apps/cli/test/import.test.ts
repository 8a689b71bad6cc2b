import { spawnSync } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "vitest";

import { test } from "@duban/test-utils";

const cliDir = path.resolve(import.meta.dirname, "..");
const seed = path.resolve(cliDir, "../../seeds/xifeng-county-14th-fyp-sti-plan.txt");

/** The CLI as an operator runs it: a real process, its output and exit code. */
function duban(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "src/bin.ts", ...args], {
    cwd: cliDir,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test("import stores a draft plan once; the same file again changes nothing; bad input exits 2 with nothing stored", async ({
  database,
}) => {
  const env = { DATABASE_URL: database.url, INIT_CWD: cliDir };
  const missing = duban(["import", seed, "--jurisdiction", "息烽县"], env);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain("找不到行政区");

  // the seed has no title line: without --title nothing is stored, and the message says what to do
  const untitled = duban(["import", seed, "--jurisdiction", "息烽县", "--create", "county"], env);
  expect(untitled.code).toBe(2);
  expect(untitled.stderr).toContain("未能识别文件标题");
  expect(untitled.stderr).toContain("--title");
  expect(await database.db.plan.count()).toBe(0);
  const blank = duban(["import", seed, "--jurisdiction", "息烽县", "--title", " "], env);
  expect(blank.code).toBe(2);
  expect(blank.stderr).toContain("--title 不能为空");

  const first = duban(
    ["import", seed, "--jurisdiction", "息烽县", "--title", "息烽县“十四五”科技创新规划"],
    env,
  );
  expect(first.stderr).toBe("");
  expect(first.code).toBe(0);
  expect(first.stdout).toContain("已导入草稿规划“息烽县“十四五”科技创新规划”");
  const second = duban(["import", seed, "--jurisdiction", "息烽县"], env);
  expect(second.code).toBe(0);
  expect(second.stdout).toContain("未做任何更改");
  const plans = await database.db.plan.findMany({
    include: { _count: { select: { nodes: true, indicators: true } } },
  });
  expect(plans).toHaveLength(1);
  expect(plans[0]).toMatchObject({
    title: "息烽县“十四五”科技创新规划",
    status: "DRAFT",
    _count: { indicators: 7 },
  });
  const nodes = plans[0]!._count.nodes;

  const dir = await mkdtemp(path.join(tmpdir(), "duban-cli-"));
  const cases: Array<[string, Uint8Array | string]> = [
    ["empty.txt", ""],
    ["binary.txt", new Uint8Array([0, 159, 146, 150, 0, 1, 2, 3, 255, 0])],
    ["english.txt", "This is a plan written in English, not Chinese. ".repeat(50)],
    ["plan.doc", "旧格式文件"],
  ];
  for (const [name, content] of cases) {
    const file = path.join(dir, name);
    await writeFile(file, content);
    const r = duban(["import", file, "--jurisdiction", "息烽县"], env);
    expect(r.code, name).toBe(2);
    expect(r.stderr, name).toMatch(/[\u4e00-\u9fff]/);
    expect(r.stderr, name).not.toMatch(/\n\s+at /);
  }
  expect(await database.db.plan.count()).toBe(1);
  expect(await database.db.planNode.count()).toBe(nodes);
});
