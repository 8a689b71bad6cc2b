import { createHash, timingSafeEqual } from "node:crypto";

import type { Queue } from "bullmq";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

import type { ReadCache } from "@duban/api";
import type { Db } from "@duban/db";

export type MetricsDeps = { db: Db; queues?: Queue[]; readCache?: ReadCache };

/**
 * Where /metrics is served. Nothing set: nowhere (the public port answers 404). `listen`: only on
 * that separate listener (bind it to 127.0.0.1 or a private network Prometheus reaches). `token`:
 * every scrape must send `Authorization: Bearer <token>` (on whichever port serves it), as
 * Prometheus's `authorization` scrape setting does.
 */
export type MetricsExposure = { token?: string; listen?: { port: number; host: string } };

const digest = (s: string) => createHash("sha256").update(s).digest();
/** constant-time comparison of the Authorization header with the expected bearer token */
const bearerMatches = (header: string | undefined, token: string) =>
  timingSafeEqual(digest(header ?? ""), digest(`Bearer ${token}`));

/** tRPC procedure names are a fixed set: anything else is "other", so labels stay bounded. */
function routeLabel(url: string, routePattern: string | undefined, known: Set<string>): string {
  if (url.startsWith("/trpc/")) {
    const names = url.slice(6).split("?")[0]!.split(",");
    return names.length > 1
      ? "trpc:batch"
      : known.has(names[0]!)
        ? `trpc:${names[0]}`
        : "trpc:other";
  }
  return routePattern ?? "other";
}

/**
 * Prometheus metrics at /metrics: request latency per route, queue depth per job queue, email
 * outcomes from the outbox (counted in the database, so every worker's sends are included).
 * Served only as `expose` allows (see MetricsExposure); by default the public port answers 404.
 */
export async function metricsRoutes(
  app: FastifyInstance,
  deps: MetricsDeps & { procedures: string[]; expose?: MetricsExposure },
) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "duban_api_" });
  const known = new Set(deps.procedures);
  const latency = new Histogram({
    name: "duban_http_request_duration_seconds",
    help: "HTTP request latency",
    labelNames: ["route", "method", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const errors = new Counter({
    name: "duban_http_errors_total",
    help: "Responses with status ≥ 500",
    labelNames: ["route"],
    registers: [registry],
  });
  new Gauge({
    name: "duban_queue_jobs",
    help: "Jobs per BullMQ queue and state",
    labelNames: ["queue", "state"],
    registers: [registry],
    async collect() {
      for (const q of deps.queues ?? []) {
        const counts = await q
          .getJobCounts("waiting", "active", "delayed", "failed", "completed")
          .catch(() => null);
        if (counts)
          for (const [state, n] of Object.entries(counts)) this.set({ queue: q.name, state }, n);
      }
    },
  });
  new Gauge({
    name: "duban_notifications",
    help: "Emails in the outbox by state (SENT and FAILED are the outcomes)",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      const rows = await deps.db.notification
        .groupBy({ by: ["state"], _count: { _all: true } })
        .catch(() => []);
      for (const state of ["PENDING", "SENDING", "SENT", "FAILED", "CANCELLED"])
        this.set({ state }, rows.find((r) => r.state === state)?._count._all ?? 0);
    },
  });
  new Gauge({
    name: "duban_read_cache",
    help: "Cached plan pages: hits and misses since start, entries and characters held now",
    labelNames: ["figure"],
    registers: [registry],
    collect() {
      const stats = deps.readCache?.stats();
      if (stats) for (const [figure, n] of Object.entries(stats)) this.set({ figure }, n);
    },
  });
  app.addHook("onResponse", async (req, reply) => {
    if (req.url === "/metrics") return;
    const route = routeLabel(req.url, req.routeOptions.url, known);
    latency.observe(
      { route, method: req.method, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    if (reply.statusCode >= 500) errors.inc({ route });
  });
  const expose = deps.expose ?? {};
  const serve = async (req: FastifyRequest, reply: FastifyReply) => {
    if (expose.token && !bearerMatches(req.headers.authorization, expose.token)) {
      return reply
        .code(401)
        .header("www-authenticate", 'Bearer realm="metrics"')
        .send({
          error: {
            message: "需要有效的指标令牌 (a valid metrics token is required)",
            code: "UNAUTHENTICATED",
          },
        });
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  };
  const notHere = async (_req: FastifyRequest, reply: FastifyReply) =>
    reply.code(404).send({ error: { message: "未找到 (not found)", code: "NOT_FOUND" } });
  const listen = expose.listen;
  if (!listen) {
    app.get("/metrics", expose.token ? serve : notHere);
    return;
  }
  app.get("/metrics", notHere);
  const side = Fastify({ loggerInstance: app.log });
  side.get("/metrics", serve);
  // opened with the api (a port in use fails the start) and closed with it
  app.addHook("onReady", async () => void (await side.listen(listen)));
  app.addHook("onClose", async () => side.close());
}
