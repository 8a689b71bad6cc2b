import { chmod, mkdtemp } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import pg from "pg";
import { describe, expect, it } from "vitest";

import { LocalServiceError, startEmbeddedPostgres, startRedisServer } from "../src/index.ts";

async function tempDir() {
  const dir = await mkdtemp(path.join(tmpdir(), "duban-ls-"));
  // as root the embedded server runs as the postgres user, which must be able to enter it
  await chmod(dir, 0o755);
  return dir;
}

function redisCommand(port: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: "127.0.0.1" }, () => socket.write(`${command}\r\n`));
    socket.once("data", (d) => {
      socket.destroy();
      resolve(d.toString());
    });
    socket.once("error", reject);
  });
}

describe("the embedded services a fresh machine starts on", () => {
  it("embedded PostgreSQL initialises, keeps its data across restarts, and stops", async () => {
    const dir = await tempDir();
    const first = await startEmbeddedPostgres(path.join(dir, "pg"));
    const c1 = new pg.Client({ connectionString: first.url("postgres") });
    await c1.connect();
    await c1.query("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('数据保留')");
    await c1.end();
    await first.stop();
    const second = await startEmbeddedPostgres(path.join(dir, "pg"));
    const c2 = new pg.Client({ connectionString: second.url("postgres") });
    await c2.connect();
    expect((await c2.query("SELECT v FROM kept")).rows).toEqual([{ v: "数据保留" }]);
    // listens on loopback only
    expect((await c2.query("SHOW listen_addresses")).rows[0].listen_addresses).toBe("127.0.0.1");
    await c2.end();
    await second.stop();
  }, 60_000);

  it("a second server on the same data folder is refused with a clear message", async () => {
    const dir = await tempDir();
    const running = await startEmbeddedPostgres(path.join(dir, "pg"));
    try {
      await expect(startEmbeddedPostgres(path.join(dir, "pg"))).rejects.toThrow(LocalServiceError);
    } finally {
      await running.stop();
    }
  }, 60_000);

  it("a private redis-server runs with an append-only file and noeviction", async () => {
    const dir = await tempDir();
    const redis = await startRedisServer(path.join(dir, "redis"));
    try {
      expect(await redisCommand(redis.port, "CONFIG GET appendonly")).toContain("yes");
      expect(await redisCommand(redis.port, "CONFIG GET maxmemory-policy")).toContain("noeviction");
    } finally {
      await redis.stop();
    }
  });

  it("without redis-server it says how to get one", async () => {
    const error = await startRedisServer(await tempDir(), {
      binary: "/nonexistent/redis-server",
    }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(LocalServiceError);
    expect((error as Error).message).toMatch(
      /apt-get install -y redis-server[\s\S]*brew install redis[\s\S]*docker compose/,
    );
  });
});
