// `duban parse <file> [--format json|tree] [--kind plan|division]`: extract, parse, print. File I/O lives here, not in the parser.
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";

import { DomainError, inspectUpload, PLAN_DOCUMENT_LIMITS, uploadFormatOf } from "@duban/domain";
import {
  extractPlanText,
  formatTree,
  MAX_INPUT_BYTES,
  parsePlan,
  PlanInputError,
  readDivisionWorkbook,
} from "@duban/plan-parser";

import { documentProgress } from "../progress.ts";

const USAGE = "用法 (usage): pnpm duban parse <file> [--format json|tree] [--kind plan|division]";

/** One line on stderr, Chinese first; the exit code for bad input is 2. */
const fail = (message: string): number => {
  process.stderr.write(`${message.replace(/\s*\n\s*/gu, " ")}\n`);
  return 2;
};

const fileError = (file: string, error: unknown): string => {
  const code = (error as { code?: string }).code;
  if (code === "ENOENT") return `找不到文件：${file} (file not found)`;
  if (code === "EISDIR") return `不是文件而是目录：${file} (is a directory)`;
  if (code === "EACCES" || code === "EPERM") return `没有权限读取文件：${file} (permission denied)`;
  return `无法读取文件：${file} (cannot read file: ${error instanceof Error ? error.message : String(error)})`;
};

export async function parseCommand(argv: string[]): Promise<number> {
  let values: { format?: string; kind?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: "string", short: "f" },
        kind: { type: "string", short: "k" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    return fail(
      `参数错误 (bad arguments): ${error instanceof Error ? error.message : String(error)}。${USAGE}`,
    );
  }
  if (values.help) {
    process.stdout.write(
      `${USAGE}\n  --format json  输出 JSON（非终端时默认）(JSON, default when piped)\n  --format tree  输出目录树（终端时默认）(outline, default on a terminal)\n  --kind plan|division  文件类型：规划 或 任务分工方案（默认自动识别）(document kind; detected when omitted)\n`,
    );
    return 0;
  }
  const format = values.format ?? (process.stdout.isTTY ? "tree" : "json");
  if (format !== "json" && format !== "tree")
    return fail(`不支持的输出格式：${format} (unsupported format; use json or tree)`);
  const kind = values.kind;
  if (kind !== undefined && kind !== "plan" && kind !== "division")
    return fail(
      `不支持的文件类型：${kind}，应为 plan（规划）或 division（任务分工方案） (unsupported kind; use plan or division)`,
    );
  const file = positionals[0];
  if (!file || positionals.length > 1)
    return fail(`请指定一个规划文件 (expected exactly one file)。${USAGE}`);

  let bytes: Uint8Array;
  try {
    const info = await stat(file);
    if (info.isDirectory()) return fail(fileError(file, { code: "EISDIR" }));
    // Refuse before reading a huge file into memory.
    if (info.size > MAX_INPUT_BYTES) return fail(new PlanInputError("TOO_LARGE").message);
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    return fail(fileError(file, error));
  }

  try {
    // the same limits as an upload: a local file can be a zip bomb too
    await inspectUpload("planDocument", uploadFormatOf(file), bytes);
    // an Excel 分工表 is read as a table, not as text (always a division document)
    const progress = documentProgress();
    const result = /\.xlsx$/iu.test(file)
      ? await readDivisionWorkbook(bytes)
      : parsePlan(
          (
            await extractPlanText(bytes, basename(file), {
              maxPdfPages: PLAN_DOCUMENT_LIMITS.pdf?.maxPages,
              onProgress: progress.onProgress,
            })
          ).text,
          kind ? { kind } : {},
        );
    progress.done({
      headings: result.nodes.length,
      indicators: result.stats.indicators,
      tasks: result.candidateTasks.length,
      warnings: result.warnings.length,
    });
    process.stdout.write(
      format === "json" ? `${JSON.stringify(result, null, 2)}\n` : formatTree(result),
    );
    return 0;
  } catch (error) {
    if (error instanceof PlanInputError) return fail(`${file}：${error.message}`);
    if (error instanceof DomainError) return fail(`${file}：${error.message} (${error.messageEn})`);
    process.stderr.write(
      `解析失败 (parse failed): ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
}
