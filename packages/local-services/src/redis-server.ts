import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdir } from "node:fs/promises";
import net from "node:net";

import { freePort } from "./free-port.ts";
import { LocalServiceError } from "./service-error.ts";
import { stopChild } from "./stop-child.ts";

export type RedisServerHandle = {
  url: string;
  port: number;
  pid: number;
  stop: () => Promise<void>;
};

export const REDIS_INSTALL_HINT = [
  "找不到 redis-server（Duban 的任务队列需要 Redis）。请安装后重试 (redis-server was not found on PATH; install it and retry):",
  "  Debian/Ubuntu:  sudo apt-get install -y redis-server",
  "  macOS:          brew install redis",
  "  Docker:         docker compose -f infra/docker-compose.yml up -d redis   然后 then  export REDIS_URL=redis://127.0.0.1:6379",
  "或者设置 REDIS_URL 使用已有的 Redis (or set REDIS_URL to an existing server).",
].join("\n");

export function hasRedisServer(binary = "redis-server"): boolean {
  return spawnSync(binary, ["--version"], { stdio: "ignore" }).status === 0;
}

/**
 * Starts a private redis-server on a free loopback port. Queued jobs and schedulers must survive
 * restarts (appendonly) and must never be evicted under memory pressure (noeviction).
 * `ownProcessGroup`: as for startEmbeddedPostgres, a Ctrl-C at the terminal does not reach it.
 * The server is stopped when this process exits, whatever the way.
 */
export async function startRedisServer(
  dataDir: string,
  options: { persistent?: boolean; binary?: string; port?: number; ownProcessGroup?: boolean } = {},
): Promise<RedisServerHandle> {
  const binary = options.binary ?? "redis-server";
  if (!hasRedisServer(binary)) throw new LocalServiceError(REDIS_INSTALL_HINT);
  const persistent = options.persistent ?? true;
  await mkdir(dataDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const args = [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--dir",
    dataDir,
    "--appendonly",
    persistent ? "yes" : "no",
    "--appendfsync",
    "everysec",
    "--save",
    "",
    "--maxmemory-policy",
    "noeviction",
    "--daemonize",
    "no",
    "--protected-mode",
    "yes",
  ];
  const child = spawn(binary, args, {
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.ownProcessGroup ?? false,
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  await waitForPing(port, child, () => output);
  const onExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  };
  process.on("exit", onExit);
  return {
    port,
    pid: child.pid!,
    url: `redis://127.0.0.1:${port}`,
    // SIGTERM makes redis flush the append-only file before exiting
    stop: async () => {
      await stopChild(child, "SIGTERM", 10_000);
      process.off("exit", onExit);
    },
  };
}

async function waitForPing(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new LocalServiceError(
        `redis-server 启动失败 (exited with ${child.exitCode}):\n${output()}`,
      );
    if (await ping(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill("SIGKILL");
  throw new LocalServiceError(
    `redis-server 启动超时 (did not answer PING within 15 s):\n${output()}`,
  );
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.setTimeout(500);
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("+PONG"));
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
}
