import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";

import { applyMigrations } from "@duban/db";
import { DomainError, importPlan, jurisdictionByName, systemActor } from "@duban/domain";

import { userPath } from "../paths.ts";
import { documentProgress } from "../progress.ts";
import { withDatabase } from "../with-database.ts";

const USAGE =
  '用法 usage: pnpm duban import <file> --jurisdiction <名称 name> [--create county|city] [--title "规划标题 plan title"] [--kind plan|division]';

/**
 * `pnpm duban import <file> --jurisdiction <name> [--title "…"]`: stores a plan document as a
 * draft plan. `--title` names the plan (it wins over the title read from the document); a document
 * whose title cannot be read needs it, and without it the command exits 2 saying so.
 */
export async function importCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        jurisdiction: { type: "string", short: "j" },
        create: { type: "string" },
        kind: { type: "string" },
        title: { type: "string", short: "t" },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const file = parsed.positionals[0];
  const jurisdictionName = parsed.values.jurisdiction;
  const create = parsed.values.create;
  const title = parsed.values.title?.trim();
  if (parsed.values.title !== undefined && !title) {
    console.error(`--title 不能为空 (--title must not be blank)\n${USAGE}`);
    return 2;
  }
  if (create !== undefined && create !== "county" && create !== "city") {
    console.error(`--create 只能是 county 或 city (--create takes county or city)\n${USAGE}`);
    return 2;
  }
  const kind = parsed.values.kind;
  if (kind !== undefined && kind !== "plan" && kind !== "division") {
    console.error(
      `--kind 只能是 plan（规划）或 division（分工方案）(--kind takes plan or division)\n${USAGE}`,
    );
    return 2;
  }
  if (!file || !jurisdictionName) {
    console.error(USAGE);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(userPath(file)));
  } catch (error) {
    console.error(
      `无法读取文件 ${file} (cannot read file): ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
    return 2;
  }
  return withDatabase(async (db, services) => {
    await applyMigrations(services.databaseUrl);
    const ctx = { db, actor: systemActor("cli") };
    let jurisdiction;
    try {
      jurisdiction = await jurisdictionByName(ctx, {
        name: jurisdictionName,
        createAs: create === "city" ? "CITY" : create === "county" ? "COUNTY" : undefined,
      });
    } catch (error) {
      if (!(error instanceof DomainError && error.code === "NOT_FOUND")) throw error;
      const known = (error.details?.known as string[] | undefined) ?? [];
      console.error(
        `找不到行政区“${jurisdictionName}” (no jurisdiction named ${jurisdictionName}). 已有 known: ${known.join("、") || "（无 none）"}。新建请加 --create county|city (add --create county|city to create it)`,
      );
      return 2;
    }
    // pages read, on stderr, for a document that takes over a second
    const { onProgress } = documentProgress();
    let result;
    try {
      result = await importPlan(
        ctx,
        { jurisdictionId: jurisdiction.id, fileName: file.split("/").pop()!, bytes, title, kind },
        { onProgress },
      );
    } catch (error) {
      if (!(error instanceof DomainError && error.field === "title")) throw error;
      console.error(
        `未能识别文件标题，请用 --title "规划标题" 给出 (no title was found in the document; give it with --title "…")\n${USAGE}`,
      );
      return 2;
    }
    console.log(
      result.created
        ? `已导入草稿规划“${result.title}” (imported draft plan) id=${result.planId}，解析提示 ${result.warnings} 条 (warnings)`
        : `该文件已导入过，未做任何更改 (already imported, nothing changed) id=${result.planId}`,
    );
    return 0;
  });
}
