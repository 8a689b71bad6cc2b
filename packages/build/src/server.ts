// How the long-running servers are started, in one place for `pnpm start` (apps/cli), the
// benchmark (bench/src/processes.ts) and the tests. The Docker image (infra/Dockerfile),
// infra/docker-compose.yml and the apps' own `start` scripts spell the same out; a test checks
// that they agree.
import { existsSync } from "node:fs";
import path from "node:path";

export type ServerApp = "api" | "worker";

/**
 * node flags of the api and worker processes. `--liftoff-only`: WebAssembly is compiled by V8's
 * baseline compiler only, never re-optimised by TurboFan. The one large wasm module here is
 * Prisma's query compiler: TurboFan's tier-up of it cost 50–75 MB of resident memory per process
 * (api at start 223 → 169 MB in the province benchmark) for no latency difference the benchmark
 * could see (planning a query is a small part of a request).
 * `--heap-growing-percent=20`: after each full collection V8 lets the heap grow by 20% of what
 * survived before collecting again, instead of a factor up to 4 it picks from the allocation rate.
 * Under 20 users asking for pages nobody had computed yet (the province benchmark), the api's heap
 * grew to 294 MB with 91 MB live, and its resident set to 388 MB; with the flag 145 MB and 238 MB,
 * at the same latency. Unlike a cap, it never turns a spike into a crash: the heap still grows.
 * Measured and left out: --max-semi-space-size=8 (no gain beyond run-to-run noise),
 * --optimize-for-size (api peak 285 → 180 MB, but p95 at 20 users up to twice as slow),
 * --max-old-space-size (a cap turns a spike into a crash). See README.md, "Build and memory".
 */
export const SERVER_NODE_FLAGS: readonly string[] = ["--liftoff-only", "--heap-growing-percent=20"];

/**
 * Environment of the api and worker processes; a value already set in the environment wins.
 * MALLOC_ARENA_MAX=2: glibc gives each thread that allocates (libuv's pool running argon2's
 * 7 MiB hashes and gzip, V8's helpers) an arena of its own, up to 8 per core, and keeps what was
 * freed in each. With two arenas the api peaked at 231–280 MB in the benchmark, 289–293 MB without.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: "2" };

/** `env` with SERVER_ENV added where it does not set those variables itself */
export const serverEnv = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ ...SERVER_ENV, ...env });

export const repoRoot = path.resolve(import.meta.dirname, "../../..");

/** the app's folder (its working directory when started) */
export const serverAppDir = (app: ServerApp) => path.join(repoRoot, "apps", app);

/** the built entry, apps/<app>/dist/main.js */
export const serverEntry = (app: ServerApp) => path.join(serverAppDir(app), "dist", "main.js");

export class ServerNotBuiltError extends Error {
  override name = "ServerNotBuiltError";
  constructor(readonly app: ServerApp) {
    super(
      `${path.relative(repoRoot, serverEntry(app))} 不存在，请先构建 (is missing: run \`pnpm build\`, or start with \`pnpm start\`, which builds first)`,
    );
  }
}

/** `node` arguments that start the built app: the shared flags, any extra ones, the entry. */
export function serverNodeArgs(app: ServerApp, extraFlags: readonly string[] = []): string[] {
  const entry = serverEntry(app);
  if (!existsSync(entry)) throw new ServerNotBuiltError(app);
  return [...SERVER_NODE_FLAGS, ...extraFlags, entry];
}
