import { afterAll, describe, expect } from "vitest";

import { freePort } from "@duban/local-services";
import { test } from "@duban/test-utils";

import { loginAs, startApi, type Api } from "./harness.ts";
import { servedTest } from "./served-world.ts";
import { PASSWORD } from "./world.ts";

const METRICS_TOKEN = "scrape-token-0123456789";

/** the api with metrics behind a token, over the test world */
const served = servedTest({ metrics: { token: METRICS_TOKEN } });

describe("operations endpoints", () => {
  served(
    "/metrics exposes request latency per procedure and email outcomes in Prometheus format",
    async ({ api, database }) => {
      await database.db.notification.createMany({
        data: [
          {
            kind: "k",
            recipientEmail: "a@x.test",
            dedupeKey: "m1",
            subject: "s",
            payload: {},
            state: "SENT",
          },
          {
            kind: "k",
            recipientEmail: "a@x.test",
            dedupeKey: "m2",
            subject: "s",
            payload: {},
            state: "FAILED",
          },
        ],
      });
      const office = await loginAs(api, "office@a.test", PASSWORD);
      await office.plan.list.query({});
      const res = await fetch(`${api.url}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(res.headers.get("content-type")).toContain("text/plain");
      const text = await res.text();
      expect(text).toMatch(
        /duban_http_request_duration_seconds_count\{route="trpc:plan\.list",method="GET",status="200"\} 1/,
      );
      expect(text).toMatch(
        /duban_http_request_duration_seconds_count\{route="trpc:auth\.login",method="POST",status="200"\} 1/,
      );
      expect(text).toContain('duban_notifications{state="SENT"} 1');
      expect(text).toContain('duban_notifications{state="FAILED"} 1');
      expect(text).toContain("duban_api_process_resident_memory_bytes");
    },
  );

  served(
    "every response carries a request id; /healthz and /readyz report their checks",
    async ({ api }) => {
      const res = await fetch(`${api.url}/readyz`);
      expect(res.headers.get("x-request-id")).toMatch(/^[\w-]{8,}$/);
      const body = (await res.json()) as { ready: boolean; database: { ok: boolean } };
      expect(body).toMatchObject({ ready: true, database: { ok: true } });
      // no worker runs in this test: the product's health says so
      const health = await fetch(`${api.url}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: "degraded", worker: { ok: false } });
    },
  );
});

describe("/metrics is not open to anyone", () => {
  const apis: Api[] = [];
  afterAll(async () => Promise.all(apis.map((a) => a.close())));

  test("by default the public port does not serve /metrics at all", async ({ database, redis }) => {
    const api = await startApi(database, redis);
    apis.push(api);
    const res = await fetch(`${api.url}/metrics`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("duban_");
  });

  test("METRICS_TOKEN: scrapes without the bearer token, or with a wrong one, are refused", async ({
    database,
    redis,
  }) => {
    const api = await startApi(database, redis, { metrics: { token: METRICS_TOKEN } });
    apis.push(api);
    const scrape = (authorization?: string) =>
      fetch(`${api.url}/metrics`, { headers: authorization ? { authorization } : {} });
    const [none, wrong, basic, right] = await Promise.all([
      scrape(),
      scrape("Bearer not-the-token-at-all"),
      scrape(`Basic ${METRICS_TOKEN}`),
      scrape(`Bearer ${METRICS_TOKEN}`),
    ]);
    expect([none.status, wrong.status, basic.status, right.status]).toEqual([401, 401, 401, 200]);
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect(await none.text()).not.toContain("duban_");
    expect(await right.text()).toContain("duban_http_request_duration_seconds");
  });

  test("METRICS_PORT: served on the separate listener only, which closes with the api", async ({
    database,
    redis,
  }) => {
    const port = await freePort();
    const api = await startApi(database, redis, {
      metrics: { listen: { port, host: "127.0.0.1" } },
    });
    const onPublic = await fetch(`${api.url}/metrics`);
    expect(onPublic.status).toBe(404);
    const side = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(side.status).toBe(200);
    expect(await side.text()).toContain("duban_api_process_resident_memory_bytes");
    // the side listener serves nothing else
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(404);
    await api.close();
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });
});

describe("the web app as the api serves it", () => {
  test("hashed assets are cached for good, the page revalidates, and bodies are compressed", async ({
    database,
    redis,
  }) => {
    const { mkdtemp, mkdir, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const { buildServer } = await import("../src/server.ts");
    const { createLogger } = await import("@duban/logger");
    const { Redis } = await import("ioredis");
    const dist = await mkdtemp(path.join(tmpdir(), "duban-dist-"));
    await mkdir(path.join(dist, "assets"));
    await writeFile(path.join(dist, "index.html"), "<!doctype html><title>督办</title>");
    await writeFile(
      path.join(dist, "assets", "index-abc123.js"),
      "console.log('督办');\n".repeat(500),
    );
    const client = new Redis(redis.url, { keyPrefix: `${redis.prefix}:static:` });
    const app = await buildServer({
      db: database.db,
      redis: client,
      log: createLogger("t", { level: "silent" }),
      baseUrl: "http://localhost",
      webDist: dist,
      evidenceDir: dist,
    });
    try {
      const asset = await app.inject({
        url: "/assets/index-abc123.js",
        headers: { "accept-encoding": "br, gzip" },
      });
      expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(asset.headers["content-encoding"]).toBe("gzip");
      expect(asset.rawPayload.length).toBeLessThan(2000);
      const page = await app.inject({ url: "/ledger/anything" });
      expect(page.statusCode).toBe(200);
      expect(page.headers["cache-control"]).toBe("no-cache");
      expect(page.body).toContain("督办");
    } finally {
      await app.close();
      client.disconnect();
    }
  });

  test("what the web build compresses is served brotli to a browser that takes it, gzip to one that takes only gzip, as it is to others", async ({
    database,
    redis,
  }) => {
    const { mkdtemp, mkdir, readFile, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const { brotliDecompressSync, gunzipSync } = await import("node:zlib");
    const { buildServer } = await import("../src/server.ts");
    const { createLogger } = await import("@duban/logger");
    const { Redis } = await import("ioredis");
    // the web build's own step (apps/web/build/precompress.ts) over a small dist
    const { compressFiles } = await import("../../web/build/compress-files.ts");
    const dist = await mkdtemp(path.join(tmpdir(), "duban-dist-br-"));
    await mkdir(path.join(dist, "assets"));
    const script = Array.from(
      { length: 400 },
      (_, i) => `export const 台账${i} = ${JSON.stringify({ i, 填报: "进展情况".repeat(i % 7) })};`,
    ).join("\n");
    const page = `<!doctype html><html lang="zh-CN"><title>督办</title>${"<!-- 规划 -->".repeat(200)}</html>`;
    await writeFile(path.join(dist, "assets", "LedgerPage-abc123.js"), script);
    await writeFile(path.join(dist, "assets", "tiny-abc123.js"), "export const x = 1;");
    await writeFile(path.join(dist, "index.html"), page);
    const compressed = await compressFiles(dist, [
      "assets/LedgerPage-abc123.js",
      "assets/tiny-abc123.js",
      "index.html",
    ]);
    // under 1 KB stays as it is
    expect(compressed.sort()).toEqual(["assets/LedgerPage-abc123.js", "index.html"]);
    const original = await readFile(path.join(dist, "assets", "LedgerPage-abc123.js"));
    const client = new Redis(redis.url, { keyPrefix: `${redis.prefix}:static-br:` });
    const app = await buildServer({
      db: database.db,
      redis: client,
      log: createLogger("t", { level: "silent" }),
      baseUrl: "http://localhost",
      webDist: dist,
      evidenceDir: dist,
    });
    const get = (url: string, acceptEncoding?: string) =>
      app.inject({
        url,
        headers: acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding },
      });
    const asset = "/assets/LedgerPage-abc123.js";
    try {
      // Chromium's header
      const br = await get(asset, "gzip, deflate, br, zstd");
      expect(br.statusCode).toBe(200);
      expect(br.headers["content-encoding"]).toBe("br");
      expect(br.headers["content-type"]).toMatch(/^text\/javascript|^application\/javascript/);
      expect(br.headers["vary"]).toMatch(/accept-encoding/i);
      expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(Number(br.headers["content-length"])).toBe(br.rawPayload.length);
      expect(brotliDecompressSync(br.rawPayload).equals(original)).toBe(true);

      const gzip = await get(asset, "gzip, deflate");
      expect(gzip.headers["content-encoding"]).toBe("gzip");
      expect(gzip.headers["vary"]).toMatch(/accept-encoding/i);
      expect(gzip.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(gunzipSync(gzip.rawPayload).equals(original)).toBe(true);
      // brotli is the smaller of the two, or there would be no point
      expect(br.rawPayload.length).toBeLessThan(gzip.rawPayload.length);

      // brotli refused with q=0: gzip
      const noBr = await get(asset, "br;q=0, gzip");
      expect(noBr.headers["content-encoding"]).toBe("gzip");
      expect(gunzipSync(noBr.rawPayload).equals(original)).toBe(true);

      for (const plain of [undefined, "identity"]) {
        const raw = await get(asset, plain);
        expect(raw.headers["content-encoding"] ?? "identity", String(plain)).toBe("identity");
        expect(raw.headers["vary"]).toMatch(/accept-encoding/i);
        expect(raw.rawPayload.equals(original), String(plain)).toBe(true);
      }

      // a small file has no .br: never brotli, and (as before) gzipped on the fly as a stream
      const tiny = await get("/assets/tiny-abc123.js", "gzip, deflate, br");
      expect(tiny.statusCode).toBe(200);
      expect(tiny.headers["content-encoding"]).not.toBe("br");
      const tinyBody =
        tiny.headers["content-encoding"] === "gzip" ? gunzipSync(tiny.rawPayload) : tiny.rawPayload;
      expect(tinyBody.toString()).toBe("export const x = 1;");

      // the page, at its own path and as any route of the single-page app: brotli, revalidated
      for (const url of ["/", "/ledger"]) {
        const html = await get(url, "gzip, deflate, br");
        expect(html.statusCode, url).toBe(200);
        expect(html.headers["content-encoding"], url).toBe("br");
        expect(html.headers["content-type"], url).toMatch(/^text\/html/);
        expect(html.headers["cache-control"], url).toBe("no-cache");
        expect(brotliDecompressSync(html.rawPayload).toString(), url).toBe(page);
      }
    } finally {
      await app.close();
      client.disconnect();
    }
  });
});
