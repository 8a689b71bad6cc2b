import { mkdir } from "node:fs/promises";
import path from "node:path";

import { serverNodeArgs, type ServerApp } from "@duban/build/server";
import { applyMigrations, createDb } from "@duban/db";
import { loadDemo } from "@duban/domain";
import { freePort, isPortInUse, onStopSignals } from "@duban/local-services";

import { scheduleBackups, type BackupSchedule } from "../backup/schedule.ts";
import { demoSeeds } from "../demo-seeds.ts";
import { reportFailure } from "../fail.ts";
import { adoptLegacyEvidence } from "../legacy-evidence.ts";
import { backupDir, dataDir, evidenceDir } from "../paths.ts";
import { ensureSecretKey } from "../secret-key.ts";
import { acquireServices, clearRuntime, runningServices } from "../services.ts";
import { runtimePublisher, superviseApp, superviseMail } from "../supervisor/stack.ts";
import type { Supervised } from "../supervisor/supervise.ts";

/** how long the api and the worker get to finish what they are doing before SIGKILL */
const APP_STOP_GRACE_MS = 30_000;

async function choosePort(preferred: number): Promise<number> {
  return (await isPortInUse(preferred)) ? freePort() : preferred;
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
 * `pnpm start`: the whole product on one machine, supervised. Uses DATABASE_URL / REDIS_URL /
 * SMTP_URL when set, otherwise starts an embedded PostgreSQL, a private redis-server and a mail
 * catcher, with data under .data/. Migrates, loads the demo on first start, runs api + worker,
 * prints URLs. A child that dies is restarted with backoff (supervisor/); a daily backup runs at
 * 02:30 (backup/schedule.ts). Only SIGINT, SIGTERM or SIGHUP stop it: api and worker first, then
 * the mail catcher, PostgreSQL and Redis; a second signal kills what is left. Every child runs in
 * a process group of its own, so a terminal's Ctrl-C reaches only this process and the order holds.
 */
export async function startCommand(): Promise<number> {
  if (runningServices()) {
    console.error(
      "督办已在运行 (Duban is already running from this folder). 先停止它 (stop it first) or set DUBAN_DATA_DIR.",
    );
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
  const services = await acquireServices({ log: () => {}, ownProcessGroup: true }).catch(
    (e: unknown) => e as Error,
  );
  if (services instanceof Error) return reportFailure(services);
  const apps: Supervised[] = [];
  let mail: Supervised | null = null;
  let backups: BackupSchedule | null = null;
  let stopping: Promise<void> | null = null;
  const stopEverything = async (code: number) => {
    console.log("\n正在停止… (stopping…)");
    await Promise.all([backups?.stop(), ...apps.map((app) => app.stop(APP_STOP_GRACE_MS))]);
    await mail?.stop(5_000);
    await services.stop();
    await clearRuntime();
    console.log("已停止 (stopped).");
    process.exitCode = code;
  };
  const stopAll = (code: number) => (stopping ??= stopEverything(code));
  onStopSignals(
    () => void stopAll(0).then(() => process.exit(0)),
    (signal) => {
      console.error(`再次收到 ${signal}：强制停止 (${signal} again: killing what is left)`);
      for (const child of [...apps, ...(mail ? [mail] : [])]) child.kill();
      const backupPid = backups?.pid();
      if (backupPid)
        try {
          process.kill(-backupPid, "SIGKILL");
        } catch {
          /* gone */
        }
      // PostgreSQL and Redis still get their own fast shutdown; never wait more than 10 s for it
      setTimeout(() => process.exit(130), 10_000).unref();
      void services
        .stop()
        .then(() => clearRuntime())
        .finally(() => process.exit(130));
    },
  );
  const publish = runtimePublisher(
    { pid: process.pid, databaseUrl: services.databaseUrl, redisUrl: services.redisUrl },
    services,
    () => [...apps, ...(mail ? [mail] : [])],
  );

  try {
    await publish();
    const applied = await applyMigrations(services.databaseUrl);
    if (applied.length) console.log(`数据库迁移 (migrations applied): ${applied.join(", ")}`);
    const db = createDb({ connectionString: services.databaseUrl, max: 4 });
    const credentials = await loadDemo(
      { db },
      { seeds: await demoSeeds(), password: process.env.DUBAN_DEMO_PASSWORD },
    );
    await db.$disconnect();
    const adopted = await adoptLegacyEvidence(!credentials);
    if (adopted)
      console.log(
        `佐证材料已从 ${adopted} 复制到 ${evidenceDir()} (evidence files copied to the data folder)`,
      );

    let smtpUrl = process.env.SMTP_URL;
    let mailUi: string | null = null;
    if (!smtpUrl) {
      const smtpPort = await choosePort(1025);
      const webPort = await choosePort(1080);
      mail = superviseMail(smtpPort, webPort, path.join(dataDir(), "mail"), () => void publish());
      smtpUrl = `smtp://127.0.0.1:${smtpPort}`;
      mailUi = `http://127.0.0.1:${webPort}`;
    }
    const secret = await ensureSecretKey();
    if (secret.created)
      console.log(
        `已生成密钥 ${secret.file}，用于加密机器人密钥和短信凭据；备份时请另行妥善保存 (made the secret key that seals robot and SMS secrets; keep a copy apart from the backups)`,
      );
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
      EVIDENCE_DIR: evidenceDir(),
      DUBAN_SECRET_KEY: secret.key,
      LOG_PRETTY: process.env.LOG_PRETTY ?? (process.stdout.isTTY ? "1" : "0"),
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      ...(mailUi ? { MAIL_CATCHER_URL: mailUi } : {}),
    };
    apps.push(superviseApp("api", args.api, env, () => void publish()));
    apps.push(superviseApp("worker", args.worker, env, () => void publish()));
    if (!(await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000))) {
      console.error("api 未能在 60 秒内启动 (the api did not come up within 60 s)");
      await stopAll(1);
      return 1;
    }
    backups = await scheduleBackups({
      env: { ...env, DUBAN_BACKUP_DIR: backupDir() },
      backupDir: backupDir(),
    });
    const lines = [
      "",
      `督办 Duban 已启动 (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
      `  网页 Web:            ${baseUrl}`,
      `  健康检查 Health:     ${baseUrl}/healthz`,
      ...(mailUi ? [`  邮件收件箱 Mail:     ${mailUi}`] : [`  SMTP:                ${smtpUrl}`]),
      `  数据库 PostgreSQL:   ${services.embedded.postgres ? `内置 embedded (${path.join(dataDir(), "pg")})` : "DATABASE_URL"}`,
      `  Redis:               ${services.embedded.redis ? `内置 embedded (${path.join(dataDir(), "redis")})` : "REDIS_URL"}`,
      `  备份 Backups:        ${backupDir()} (每天 daily 02:30)`,
    ];
    if (credentials) {
      lines.push("", "演示账号（仅显示这一次，请妥善保存）Demo logins (shown once, keep them):");
      for (const c of credentials)
        lines.push(
          `  ${c.jurisdiction} ${c.role.padEnd(10)} ${c.email.padEnd(28)} ${c.password}${c.department ? `  (${c.department})` : ""}`,
        );
    }
    lines.push(
      "",
      "崩溃的部分会自动重启 (crashed parts restart by themselves)。按 Ctrl-C 停止 (press Ctrl-C to stop)",
    );
    console.log(lines.join("\n"));
    await new Promise(() => {});
    return 0;
  } catch (error) {
    const code = reportFailure(error);
    await stopAll(code);
    return code;
  }
}
