// `pnpm duban <command>`: one entry point for operators; each command lives in commands/.

const HELP = `督办 Duban

用法 usage: pnpm duban <command>
  start                               启动全部服务 run the whole product (same as pnpm start)
  parse <file> [--format json|tree]   解析规划文件 parse a plan document (.txt .docx .pdf)
        [--kind plan|division]        规划 / 任务分工方案（默认自动识别）plan or task-division (auto)
  import <file> --jurisdiction <名称>  导入为草稿规划 store it as a draft plan
         [--kind plan|division]       文件类型：规划或分工方案（默认自动识别）document kind (default: detected)
  migrate                             应用数据库迁移 apply database migrations
  demo                                向空数据库加载演示数据 load the demo into an empty database
  audit verify                        校验审计日志哈希链 verify the audit log's hash chain
  backup                              立即备份数据库和佐证材料 back up the database and evidence files now
                                      (DUBAN_BACKUP_DIR, default .data/backups; keeps 7 daily, 4 weekly)
  restore <file> [--force]            从备份恢复 restore a backup (--force: replace a database that has data)
  jobs run <name> [--period 2023Q2] [--as-of 2023-07-01] [--plan <id>] [--dry-run]
                                      立即运行定时任务 run a scheduled job now (dry run: who would be emailed and why)
  admin create --email <邮箱> --name <姓名>
                                      创建系统管理员（队列监控）create a system administrator (queue dashboard);
                                      密码取自 DUBAN_ADMIN_PASSWORD，否则随机生成并显示一次
                                      password from DUBAN_ADMIN_PASSWORD, else generated and printed once
  user link --email <邮箱> (--external-id <标识> | --unlink)
                                      关联统一身份认证标识 link an account to its unified identity (OIDC)
`;

// each command is loaded when it runs: `parse` needs no database client, `--help` nothing at all
const commands: Record<string, (argv: string[]) => Promise<number>> = {
  start: async () => (await import("./commands/start.ts")).startCommand(),
  parse: async (argv) => (await import("./commands/parse.ts")).parseCommand(argv),
  import: async (argv) => (await import("./commands/import.ts")).importCommand(argv),
  migrate: async () => (await import("./commands/migrate.ts")).migrateCommand(),
  audit: async (argv) => (await import("./commands/audit.ts")).auditCommand(argv),
  jobs: async (argv) => (await import("./commands/jobs.ts")).jobsCommand(argv),
  demo: async () => (await import("./commands/demo.ts")).demoCommand(),
  backup: async (argv) => (await import("./commands/backup.ts")).backupCommand(argv),
  restore: async (argv) => (await import("./commands/restore.ts")).restoreCommand(argv),
  admin: async (argv) => (await import("./commands/admin.ts")).adminCommand(argv),
  user: async (argv) => (await import("./commands/user.ts")).userCommand(argv),
};

// `pnpm duban parse plan.txt | head` closes the pipe early: that is not an error
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

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
const code = await command(argv);
// exit explicitly with the command's code: open handles (a pool, a server) must not keep it alive.
// The empty writes call back once everything printed before them is flushed to the pipes.
process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
