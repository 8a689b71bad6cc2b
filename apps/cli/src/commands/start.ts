import { spawn, type ChildProcess } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { serverAppDir, serverEnv, serverNodeArgs, type ServerApp } from "@duban/build/server";
import { applyMigrations, createDb } from "@duban/db";
import { loadDemo } from "@duban/domain";
import { freePort, isPortInUse, onProcessExit } from "@duban/local-services";
import { acquireServices, clearRuntime, runningServices, writeRuntime } from "../services.ts";
import { dataDir } from "../paths.ts";
import { demoSeeds } from "../demo-seeds.ts";
import { reportFailure } from "../fail.ts";

type Child = { name: string; proc: ChildProcess };

async function choosePort(preferred: number): Promise<number> {
  return (await isPortInUse(preferred)) ? freePort() : preferred;
}

function spawnApp(app: ServerApp, args: string[], env: NodeJS.ProcessEnv): Child {
  // the built JavaScript (apps/<app>/dist/main.js), as in production: `pnpm start` builds it first
  const proc = spawn(process.execPath, args, { cwd: serverAppDir(app), env: serverEnv(env), stdio: ["ignore", "inherit", "inherit"] });
  return { name: app, proc };
}

async function waitForHttp(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status < 500 || res.status === 503) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/**
 * `pnpm start`: the whole product on one machine. Uses DATABASE_URL / REDIS_URL / SMTP_URL when
 * set, otherwise starts an embedded PostgreSQL, a private redis-server and a mail catcher, with
 * data under .data/. Migrates, loads the demo on first start, runs api + worker, prints URLs.
 */
export async function startCommand(): Promise<number> {
  if (runningServices()) {
    console.error("督办已在运行 (Duban is already running from this folder). 先停止它 (stop it first) or set DUBAN_DATA_DIR.");
    return 2;
  }
  const started = Date.now();
  let args: Record<ServerApp, string[]>;
  try {
    args = { api: serverNodeArgs("api"), worker: serverNodeArgs("worker") };
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  await mkdir(dataDir(), { recursive: true });
  const services = await acquireServices({ log: () => {} }).catch((e: unknown) => e as Error);
  if (services instanceof Error) return reportFailure(services);
  const children: Child[] = [];
  let stopping: Promise<void> | null = null;
  const stopAll = (code: number) => (stopping ??= stopEverything(code));
  const stopEverything = async (code: number) => {
    console.log("\n正在停止… (stopping…)");
    await Promise.all(children.map(({ proc }) => new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode) return resolve();
      const timer = setTimeout(() => proc.kill("SIGKILL"), 15_000);
      proc.once("exit", () => { clearTimeout(timer); resolve(); });
      proc.kill("SIGTERM");
    })));
    await services.stop();
    await clearRuntime();
    console.log("已停止 (stopped).");
    process.exitCode = code;
  };
  // Ctrl-C and SIGTERM: api and worker first (they finish what they are doing), then the services
  onProcessExit(() => stopAll(0));

  try {
    await writeRuntime({ pid: process.pid, databaseUrl: services.databaseUrl, redisUrl: services.redisUrl });
    const applied = await applyMigrations(services.databaseUrl);
    if (applied.length) console.log(`数据库迁移 (migrations applied): ${applied.join(", ")}`);
    const db = createDb({ connectionString: services.databaseUrl, max: 4 });
    const credentials = await loadDemo(db, await demoSeeds(), { password: process.env.DUBAN_DEMO_PASSWORD });
    await db.$disconnect();

    let smtpUrl = process.env.SMTP_URL;
    let mailUi: string | null = null;
    if (!smtpUrl) {
      const smtpPort = await choosePort(1025);
      const webPort = await choosePort(1080);
      // maildev is ESM-only (no require entry): resolve its main module, the CLI sits beside it
      const maildevBin = path.join(path.dirname(fileURLToPath(import.meta.resolve("maildev"))), "bin", "maildev.js");
      const proc = spawn(process.execPath, [maildevBin, "--smtp", String(smtpPort), "--web", String(webPort), "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--mail-directory", path.join(dataDir(), "mail")], { stdio: ["ignore", "ignore", "inherit"] });
      children.push({ name: "mail", proc });
      smtpUrl = `smtp://127.0.0.1:${smtpPort}`;
      mailUi = `http://127.0.0.1:${webPort}`;
    }
    const port = await choosePort(Number(process.env.PORT ?? 3000));
    const baseUrl = process.env.APP_BASE_URL ?? `http://localhost:${port}`;
    const env = {
      ...process.env,
      DATABASE_URL: services.databaseUrl,
      REDIS_URL: services.redisUrl,
      SMTP_URL: smtpUrl,
      MAIL_FROM: process.env.MAIL_FROM ?? "督办 <noreply@duban.local>",
      APP_BASE_URL: baseUrl,
      PORT: String(port),
      LOG_PRETTY: process.env.LOG_PRETTY ?? (process.stdout.isTTY ? "1" : "0"),
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      ...(mailUi ? { MAIL_CATCHER_URL: mailUi } : {}),
    };
    children.push(spawnApp("api", args.api, env));
    children.push(spawnApp("worker", args.worker, env));
    for (const child of children) {
      child.proc.once("exit", (code, signal) => {
        if (stopping) return;
        console.error(`${child.name} 意外退出 (exited unexpectedly: code ${code}, signal ${signal})，正在停止全部服务`);
        void stopAll(1).then(() => process.exit(1));
      });
    }
    if (!(await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000))) {
      console.error("api 未能在 60 秒内启动 (the api did not come up within 60 s)");
      await stopAll(1);
      return 1;
    }
    const lines = [
      "",
      `督办 Duban 已启动 (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
      `  网页 Web:            ${baseUrl}`,
      `  健康检查 Health:     ${baseUrl}/healthz`,
      ...(mailUi ? [`  邮件收件箱 Mail:     ${mailUi}`] : [`  SMTP:                ${smtpUrl}`]),
      `  数据库 PostgreSQL:   ${services.embedded.postgres ? `内置 embedded (${path.join(dataDir(), "pg")})` : "DATABASE_URL"}`,
      `  Redis:               ${services.embedded.redis ? `内置 embedded (${path.join(dataDir(), "redis")})` : "REDIS_URL"}`,
    ];
    if (credentials) {
      lines.push("", "演示账号（仅显示这一次，请妥善保存）Demo logins (shown once, keep them):");
      for (const c of credentials) lines.push(`  ${c.jurisdiction} ${c.role.padEnd(10)} ${c.email.padEnd(28)} ${c.password}${c.department ? `  (${c.department})` : ""}`);
    }
    lines.push("", "按 Ctrl-C 停止 (press Ctrl-C to stop)");
    console.log(lines.join("\n"));
    await new Promise(() => {});
    return 0;
  } catch (error) {
    const code = reportFailure(error);
    await stopAll(code);
    return code;
  }
}
