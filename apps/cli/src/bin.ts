#!/usr/bin/env -S node --import tsx
// `pnpm duban <command>`: one entry point for operators; each command lives in commands/.
import { startCommand } from "./commands/start.ts";
import { importCommand } from "./commands/import.ts";
import { migrateCommand } from "./commands/migrate.ts";
import { parseCommand } from "./commands/parse.ts";

const HELP = `督办 Duban

用法 usage: pnpm duban <command>
  start                               启动全部服务 run the whole product (same as pnpm start)
  parse <file> [--format json|tree]   解析规划文件 parse a plan document (.txt .docx .pdf)
  import <file> --jurisdiction <名称>  导入为草稿规划 store it as a draft plan
  migrate                             应用数据库迁移 apply database migrations
  jobs run <name> [--period 2023Q2] [--as-of 2023-07-01] [--dry-run]
                                      立即运行任务 run a scheduled job now`;

const commands: Record<string, (argv: string[]) => Promise<number>> = {
  start: () => startCommand(),
  parse: (argv) => parseCommand(argv),
  import: (argv) => importCommand(argv),
  migrate: () => migrateCommand(),
  jobs: async (argv) => (await import("./commands/jobs.ts")).jobsCommand(argv),
};

const [name, ...argv] = process.argv.slice(2);
if (!name || name === "help" || name === "--help" || name === "-h") {
  console.log(HELP);
  process.exit(name ? 0 : 2);
}
const command = commands[name];
if (!command) {
  console.error(`未知命令 unknown command: ${name}\n\n${HELP}`);
  process.exit(2);
}
process.exitCode = await command(argv);
