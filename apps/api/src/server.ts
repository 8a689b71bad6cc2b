import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";

import compress from "@fastify/compress";
import cookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from "@trpc/server/adapters/fastify";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
} from "fastify";
import type { Redis } from "ioredis";

import {
  appRouter,
  CachedAnswers,
  databaseUnavailable,
  isDatabaseUnavailable,
  retryAfterMeta,
  uploadProcedurePaths,
  type AppRouter,
  type Context,
  type ReadCache,
} from "@duban/api";
import type { Db } from "@duban/db";
import { actorFromSession } from "@duban/domain";
import type { JobQueues } from "@duban/jobs";
import type { Logger } from "@duban/logger";

import { annualPlanRoutes } from "./annual-plan-routes.ts";
import { BODY_LIMITS, bodyLimits } from "./body-limits.ts";
import { changeRequestRoutes } from "./change-request-routes.ts";
import { completionRoutes } from "./completion-routes.ts";
import { csrfGuard } from "./csrf.ts";
import { evidenceRoutes } from "./evidence-routes.ts";
import { checkHealth } from "./health.ts";
import { metricsRoutes, type MetricsExposure } from "./metrics.ts";
import { noticeRoutes } from "./notice-routes.ts";
import { OIDC_ID_TOKEN_COOKIE, oidcRoutes } from "./oidc-routes.ts";
import type { Oidc } from "./oidc.ts";
import { queueDashboard } from "./queue-dashboard.ts";
import { clientErrorHandler, frameworkErrors } from "./refusals.ts";
import { reportRoutes } from "./report-routes.ts";
import { checkSecretKeyAtStart, type SecretKeyStart } from "./secret-key-start.ts";
import { SESSION_COOKIE } from "./session-cookie.ts";

export { SESSION_COOKIE };

export type ServerDeps = {
  db: Db;
  redis: Redis;
  log: Logger;
  baseUrl: string;
  webDist?: string;
  /** where evidence uploads are stored: outside the web root */
  evidenceDir: string;
  cookieSecure?: boolean;
  runJobNow?: Context["runJobNow"];
  /** the job queues, for /metrics, /healthz, the jobs page and the system administrator's queue dashboard */
  queues?: JobQueues;
  /** the cache of plan pages; without it every read is computed */
  readCache?: ReadCache;
  /** proxies whose X-Forwarded-For is believed (addresses or CIDRs; env TRUST_PROXY); none by default */
  trustProxy?: string[];
  /** where /metrics is served (env METRICS_PORT, METRICS_TOKEN); by default nowhere */
  metrics?: MetricsExposure;
  /** the unified identity provider (统一身份认证, env DUBAN_OIDC_*); without it, passwords only */
  oidc?: Oidc;
  /** whether the deployment has an SMS gateway (env DUBAN_SMS_URL, as the worker has it) */
  smsGateway?: boolean;
  /** DUBAN_SECRET_KEY at start (secret-key-start.ts): by default process.env and NODE_ENV */
  secretKey?: SecretKeyStart;
  /** extra routes (evidence files, queue dashboard) registered by the caller */
  extend?: (app: FastifyInstance) => Promise<void>;
};

/** answers shorter than this go uncompressed */
const COMPRESS_FROM_BYTES = 1024;

/** whether an Accept-Encoding header takes gzip (and does not refuse it with q=0) */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  for (const part of String(header ?? "").split(",")) {
    const [name, ...params] = part.split(";").map((p) => p.trim().toLowerCase());
    if (name !== "gzip" && name !== "x-gzip" && name !== "*") continue;
    const q = params.find((p) => p.startsWith("q="));
    return !q || Number(q.slice(2)) > 0;
  }
  return false;
}

/** The api's HTTP host. Throws StartRefused (secret-key-start.ts) when it must not start. */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  // before anything listens: a key that cannot serve the stored secrets is said at once
  const secrets = await checkSecretKeyAtStart(deps.db, deps.log, deps.secretKey);
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    // 1 MB; only a signed-in upload gets more (body-limits.ts)
    bodyLimit: BODY_LIMITS.ordinary,
    // a URL or headers over Node's 16 KB answer 431 with a message, Chinese first
    clientErrorHandler,
    // a URL Fastify cannot decode, or a parameter over maxParamLength: a 400 with a message too
    frameworkErrors,
    // a tRPC batch names every procedure in the path (/trpc/task.get,completion.list,…): the task
    // page's panels together passed Fastify's default of 100 characters (up to 40 a batch, web client)
    maxParamLength: 2048,
    // believing every client's X-Forwarded-For would let it pick a fresh address per login attempt
    trustProxy: deps.trustProxy ?? false,
    // on close: drop idle keep-alive sockets at once; in-flight ones get "connection: close" below
    forceCloseConnections: "idle",
  });
  await app.register(cookie);
  // JSON compresses 5–10×; small bodies are not worth it. gzip, not brotli: brotli's per-stream
  // window costs megabytes of memory under concurrent requests. (The web app's own files come
  // compressed from its build, brotli included: fastifyStatic's preCompressed below.)
  // tRPC answers with a fetch Response, whose body is a web stream; as a stream, every answer (even
  // 200 bytes) would be gzipped through a zlib stream of its own, which costs CPU and ~300 KB each.
  // The web app's links do not stream, so the answer is one JSON text: as a Buffer, small answers
  // go as they are and the rest through one synchronous gzip with a known length. Pages of the
  // read cache are put into the text here (see CachedAnswers), gzipped once per page.
  const cachedAnswers = new WeakMap<FastifyRequest, CachedAnswers>();
  app.addHook("onSend", async (req, reply, payload) => {
    if (!req.url.startsWith("/trpc/") || !(payload instanceof Response)) return payload;
    reply.code(payload.status);
    for (const [name, value] of payload.headers) reply.header(name, value);
    const cached = cachedAnswers.get(req);
    if (!cached?.size) return Buffer.from(await payload.arrayBuffer());
    const { body, gzipped } = cached.encode(await payload.text(), {
      gzip: acceptsGzip(req.headers["accept-encoding"]),
      gzipFrom: COMPRESS_FROM_BYTES,
    });
    if (gzipped) reply.header("content-encoding", "gzip").header("vary", "accept-encoding");
    return body;
  });
  // up to 64 KB (a page of the ledger grid, the overview) in one synchronous gzip call: a zlib
  // stream per answer cost more than the compression itself
  await app.register(compress, {
    threshold: COMPRESS_FROM_BYTES,
    syncThreshold: 64 * 1024,
    encodings: ["gzip"],
  });
  await metricsRoutes(app, {
    db: deps.db,
    readCache: deps.readCache,
    queues: deps.queues ? Object.values(deps.queues) : [],
    procedures: Object.keys(appRouter._def.procedures),
    expose: deps.metrics,
  });
  app.addHook("onRequest", csrfGuard([deps.baseUrl]));
  bodyLimits(app, { db: deps.db, uploadProcedures: uploadProcedurePaths(appRouter) });
  // Requests in flight when shutdown starts still finish, but their keep-alive sockets must not
  // hold the server open for the 72 s keep-alive timeout afterwards.
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onSend", async (req, reply) => {
    if (closing) reply.header("connection", "close");
    reply.header("x-request-id", req.id);
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "same-origin");
    reply.header("x-frame-options", "DENY");
  });

  app.get("/healthz", async (_req, reply) => {
    const report = await checkHealth(
      deps.db,
      deps.redis,
      deps.queues ? Object.values(deps.queues) : [],
      secrets,
    );
    return reply.code(report.status === "ok" ? 200 : 503).send(report);
  });
  app.get("/readyz", async (_req, reply) => {
    const report = await checkHealth(deps.db, deps.redis);
    const ready = report.database.ok && report.redis.ok;
    return reply.code(ready ? 200 : 503).send({ ready, ...report });
  });

  const secure = deps.cookieSecure ?? deps.baseUrl.startsWith("https://");
  const oidc = deps.oidc;
  await app.register(fastifyTRPCPlugin, {
    prefix: "/trpc",
    trpcOptions: {
      router: appRouter,
      responseMeta: retryAfterMeta,
      createContext: async ({ req, res }): Promise<Context> => {
        const token = req.cookies[SESSION_COOKIE] ?? null;
        const answers = deps.readCache ? new CachedAnswers(deps.readCache) : undefined;
        if (answers) cachedAnswers.set(req, answers);
        let actor: Awaited<ReturnType<typeof actorFromSession>>;
        try {
          actor = token ? await actorFromSession({ db: deps.db }, { token }) : null;
        } catch (error) {
          // the session lookup is the first database call of every request
          if (isDatabaseUnavailable(error)) throw databaseUnavailable(error);
          throw error;
        }
        return {
          db: deps.db,
          redis: deps.redis,
          log: req.log.child({ userId: actor?.userId }) as unknown as Logger,
          requestId: String(req.id),
          actor,
          sessionToken: token,
          ip: req.ip,
          userAgent: String(req.headers["user-agent"] ?? ""),
          baseUrl: deps.baseUrl,
          runJobNow: deps.runJobNow,
          readCache: answers,
          jobQueues: deps.queues,
          smsGateway: deps.smsGateway ?? false,
          setSessionCookie: (value, expiresAt) =>
            void res.setCookie(SESSION_COOKIE, value, {
              httpOnly: true,
              sameSite: "lax",
              secure,
              path: "/",
              expires: expiresAt,
            }),
          clearSessionCookie: () => {
            void res.clearCookie(SESSION_COOKIE, { path: "/" });
            if (deps.oidc) void res.clearCookie(OIDC_ID_TOKEN_COOKIE, { path: "/" });
          },
          oidc: oidc
            ? {
                name: oidc.settings.name,
                nameEn: oidc.settings.nameEn,
                endSessionUrl: () => oidc.endSessionUrl(req.cookies[OIDC_ID_TOKEN_COOKIE]),
              }
            : undefined,
        };
      },
      onError: ({ error, path: procedure }) => {
        if (error.code === "INTERNAL_SERVER_ERROR")
          deps.log.error({ err: error, procedure }, "trpc error");
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>["trpcOptions"],
  });

  if (oidc) await oidcRoutes(app, { db: deps.db, oidc, baseUrl: deps.baseUrl, secure });
  await evidenceRoutes(app, { db: deps.db, storageDir: deps.evidenceDir });
  await noticeRoutes(app, { db: deps.db, storageDir: deps.evidenceDir });
  await completionRoutes(app, { db: deps.db, storageDir: deps.evidenceDir });
  await changeRequestRoutes(app, { db: deps.db, storageDir: deps.evidenceDir });
  await reportRoutes(app, { db: deps.db });
  await annualPlanRoutes(app, { db: deps.db });
  if (deps.queues) await queueDashboard(app, { db: deps.db, queues: Object.values(deps.queues) });
  if (deps.extend) await deps.extend(app);

  const webDist = deps.webDist;
  if (webDist && existsSync(path.join(webDist, "index.html"))) {
    await app.register(fastifyStatic, {
      root: webDist,
      prefix: "/",
      wildcard: false,
      index: ["index.html"],
      // The web build writes `<file>.br` and `<file>.gz` beside each text file over 1 KB
      // (apps/web/build/precompress.ts): a request that accepts brotli gets the .br, one that
      // takes gzip the .gz, with Content-Encoding and `Vary: accept-encoding`; any other gets the
      // file itself. Compressed once at build: no CPU or zlib memory per request (issue #20).
      preCompressed: true,
      // Vite names assets by content hash: they never change, so browsers may keep them; the
      // page itself must be revalidated so a new deploy is picked up at once
      setHeaders: (res, filePath) => {
        res.header(
          "cache-control",
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? "public, max-age=31536000, immutable"
            : "no-cache",
        );
      },
    });
    // the single-page app owns every other GET path
    app.setNotFoundHandler((req, reply) => {
      if (req.method === "GET" && !req.url.startsWith("/trpc") && !req.url.startsWith("/api/"))
        return reply.sendFile("index.html");
      return reply.code(404).send({ error: { message: "未找到 (not found)", code: "NOT_FOUND" } });
    });
  } else {
    app.get("/", async (_req, reply) =>
      reply
        .type("text/html; charset=utf-8")
        .send(
          "<!doctype html><meta charset=utf-8><title>督办</title><p>前端尚未构建：请运行 <code>pnpm build</code>。(The web app is not built: run <code>pnpm build</code>.)</p>",
        ),
    );
  }
  return app;
}
