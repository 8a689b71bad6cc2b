import { randomUUID } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import type { FastifyInstance } from "fastify";
import { Redis } from "ioredis";
import superjson from "superjson";

import { ReadCache, type AppRouter } from "@duban/api";
import { allQueues, closeQueues, createJobRunner, type JobQueues } from "@duban/jobs";
import { createLogger } from "@duban/logger";
import type { DatabaseFixture, RedisFixture } from "@duban/test-utils";

import { buildServer, type ServerDeps } from "../src/server.ts";

export type Api = {
  url: string;
  close: () => Promise<void>;
  app: FastifyInstance;
  /** where this api stores evidence files */ evidenceDir?: string;
  queues?: JobQueues;
};

export type ApiOptions = Partial<
  Pick<ServerDeps, "trustProxy" | "metrics" | "oidc" | "secretKey" | "log" | "smsGateway">
> & {
  /** a Redis key space of its own under the file's prefix (rate limits of one test do not reach another) */
  keySpace?: string;
  /** also the job queues (jobs page, /healthz, queue dashboard) and "run now", as apps/api/src/main.ts wires them */
  jobs?: boolean;
};

/** The real HTTP host on a free port, against the test file's database and Redis prefix. */
export async function startApi(
  database: DatabaseFixture,
  redisFixture: RedisFixture,
  options: ApiOptions = {},
): Promise<Api> {
  const keyPrefix = options.keySpace
    ? `${redisFixture.prefix}:${options.keySpace}:`
    : `${redisFixture.prefix}:`;
  const redis = new Redis(redisFixture.url, { keyPrefix, maxRetriesPerRequest: 2 });
  // the login limiters reject at once while the client is not ready (rejectIfRedisNotReady): a
  // test's first login right after start answered 503 on a loaded machine (CI, 2026-12-03)
  if (redis.status !== "ready")
    await new Promise<void>((resolve, reject) => {
      redis.once("ready", () => resolve());
      redis.once("error", (error: unknown) => reject(error));
    });
  const evidenceDir = await mkdtemp(path.join(tmpdir(), "duban-evidence-"));
  const connection = { url: redisFixture.url };
  const queues = options.jobs ? allQueues(connection, redisFixture.prefix) : undefined;
  const runJobNow = options.jobs
    ? createJobRunner({
        db: database.db,
        connection,
        prefix: redisFixture.prefix,
        log: createLogger("jobs-test", { level: "silent" }),
      })
    : undefined;
  const app = await buildServer({
    trustProxy: options.trustProxy,
    metrics: options.metrics,
    oidc: options.oidc,
    // as a deployment with an SMS gateway (the channel tests send codes); false to test without
    smsGateway: options.smsGateway ?? true,
    db: database.db,
    redis,
    secretKey: options.secretKey,
    log: options.log ?? createLogger("api-test", { level: "silent" }),
    baseUrl: "http://localhost:3000",
    evidenceDir,
    // as in production: every read and write test also checks that cached pages follow the data
    readCache: new ReadCache({ maxChars: 8 * 1024 * 1024, ttlMs: 15 * 60_000 }),
    queues,
    runJobNow,
  }).catch(async (error: unknown) => {
    // refused at start (secret-key-start.ts): release what was opened for it
    await runJobNow?.close();
    if (queues) await closeQueues(queues);
    redis.disconnect();
    throw error;
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const close = async () => {
    await app.close();
    await runJobNow?.close();
    if (queues) await closeQueues(queues);
    redis.disconnect();
  };
  return { url: `http://127.0.0.1:${port}`, evidenceDir, close, app, queues };
}

export type Client = ReturnType<typeof createTRPCClient<AppRouter>>;

/** The x-request-id of every request a client sent, oldest first (the client is a proxy: no own fields). */
export const requestIdsOf = new WeakMap<Client, string[]>();

/** A client's session cookie (`duban_session=…`) as it stands, for plain /api requests. */
export const cookieOf = new WeakMap<Client, () => string | null>();

/**
 * A browser-like tRPC client: keeps the session cookie, sends the CSRF header, and tags every
 * request with its own x-request-id so tests can find the audit events a call produced.
 */
export function connect(api: Api): Client {
  let cookie: string | null = null;
  const requestIds: string[] = [];
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${api.url}/trpc`,
        transformer: superjson,
        headers: () => {
          const id = randomUUID();
          requestIds.push(id);
          return { "x-duban-csrf": "1", "x-request-id": id, ...(cookie ? { cookie } : {}) };
        },
        fetch: async (url, init) => {
          const res = await fetch(url, init as RequestInit);
          const set = res.headers.getSetCookie?.() ?? [];
          for (const c of set) {
            const [pair] = c.split(";");
            if (pair!.startsWith("duban_session="))
              cookie = pair!.endsWith("=") || /expires=Thu, 01 Jan 1970/i.test(c) ? null : pair!;
          }
          return res;
        },
      }),
    ],
  });
  requestIdsOf.set(client, requestIds);
  cookieOf.set(client, () => cookie);
  return client;
}

export async function loginAs(api: Api, email: string, password: string): Promise<Client> {
  const client = connect(api);
  await client.auth.login.mutate({ email, password });
  return client;
}

/** The tRPC error code of a failed call, or "OK". */
export async function outcome(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return "OK";
  } catch (error) {
    if (error instanceof TRPCClientError)
      return (error.data as { code?: string } | undefined)?.code ?? "UNKNOWN";
    throw error;
  }
}

/** The refusal of a tRPC call: its code and message. Throws when the call passes. */
export async function refused(
  call: () => Promise<unknown>,
): Promise<{ code: string; message: string }> {
  try {
    await call();
  } catch (error) {
    if (error instanceof TRPCClientError)
      return { code: (error.data as { code: string }).code, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal, the call passed");
}
