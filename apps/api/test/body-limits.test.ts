// Request body limits over HTTP (apps/api/src/body-limits.ts): before, every route parsed up to
// 30 MB of JSON for anyone, so an anonymous client could make the api read 30 MB per request on
// auth.login. Now a body over 1 MB is refused before it is read, unless it goes to a procedure
// that takes a file and the session cookie resolves; a body of unknown length is counted.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import http from "node:http";
import path from "node:path";

import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import { afterAll, describe, expect } from "vitest";

import { appRouter, uploadProcedurePaths, type AppRouter } from "@duban/api";
import { ZImportLedgerWorkbookInput, ZImportPlanInput } from "@duban/domain/schemas";
import { test, type DatabaseFixture, type RedisFixture } from "@duban/test-utils";
import { docxEntries, zipFile } from "@duban/test-utils/bombs";

import { connect, startApi, type Api } from "./harness.ts";
import { walk } from "./input-walk.ts";
import { buildWorld, PASSWORD } from "./world.ts";

const MB = 1024 * 1024;
const seeds = path.resolve(import.meta.dirname, "../../../seeds");

type Served = { api: Api; world: Awaited<ReturnType<typeof buildWorld>>; office: string };
let served: Promise<Served> | undefined;
/** the api, the test world and the office's session, made by whichever test asks first (each test stands alone) */
const serve = (database: DatabaseFixture, redis: RedisFixture) =>
  (served ??= (async () => {
    const api = await startApi(database, redis);
    const world = await buildWorld(database.db);
    const res = await fetch(`${api.url}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-duban-csrf": "1" },
      body: JSON.stringify({ json: { email: "office@a.test", password: PASSWORD } }),
    });
    return { api, world, office: res.headers.getSetCookie()[0]!.split(";")[0]! };
  })());
afterAll(async () => (await served)?.api.close());

type Answer = { status: number; message: string; sent: number };
const messageOf = (body: string) => {
  const parsed = JSON.parse(body) as
    | { error?: { message?: string; json?: { message?: string } } }
    | Array<{ error?: { json?: { message?: string } } }>;
  const one = Array.isArray(parsed) ? parsed[0] : parsed;
  return (
    one?.error?.json?.message ?? (one?.error as { message?: string } | undefined)?.message ?? ""
  );
};

/**
 * POSTs a body that declares `declared` bytes (or is chunked when null) and sends it in 64 KB
 * chunks, at most `send` bytes, waiting for each to drain; stops sending as soon as an answer
 * arrives. `sent` is how much had been written when the answer came.
 */
function post(
  api: Api,
  url: string,
  cookie: string,
  declared: number | null,
  send: number,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-duban-csrf": "1",
      ...(cookie ? { cookie } : {}),
    };
    if (declared !== null) headers["content-length"] = String(declared);
    const req = http.request(`${api.url}${url}`, { method: "POST", headers });
    let sent = 0;
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      const at = sent;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => {
        resolve({ status: res.statusCode!, message: messageOf(body), sent: at });
        req.destroy();
      });
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    void (async () => {
      req.write('{"json":{"email":"x@a.test","password":"');
      while (!answered && sent < send && !req.destroyed) {
        const ok = req.write(chunk);
        sent += chunk.length;
        if (!ok)
          await new Promise((r) => {
            req.once("drain", r);
            req.once("close", r);
          });
      }
      // a body that is all there ends; one cut short waits for the answer
      if (!answered && declared === null && !req.destroyed) req.end('"}}');
    })().catch(() => undefined);
  });
}

describe("body limits: 1 MB for everything but a signed-in upload", () => {
  test("the upload procedures are the ones that take a file, looked up from the router", () => {
    const uploads = uploadProcedurePaths(appRouter).sort();
    expect(uploads).toEqual([
      "annualPlan.importDocument",
      "ledger.importWorkbook",
      "plan.import",
      "plan.preview",
    ]);
    // every procedure whose input has a string over 1 MB is among them, and no other
    const large = Object.entries(
      appRouter._def.procedures as unknown as Record<string, { _def: { inputs: unknown[] } }>,
    )
      .filter(([, p]) =>
        p._def.inputs.some((schema) =>
          walk(schema).strings.some((s) => (s.schema.maxLength ?? 0) > MB),
        ),
      )
      .map(([name]) => name)
      .sort();
    expect(large).toEqual(uploads);
    expect(
      [ZImportPlanInput, ZImportLedgerWorkbookInput].every((s) =>
        walk(s).strings.some((f) => f.key === "contentBase64"),
      ),
    ).toBe(true);
  });

  test("2 MB to auth.login: 413 with a Chinese message, answered with 64 KB of it sent", async ({
    database,
    redis,
  }) => {
    const { api } = await serve(database, redis);
    const started = performance.now();
    const answer = await post(api, "/trpc/auth.login", "", 2 * MB, 64 * 1024);
    console.log(
      `2 MB to auth.login: ${answer.status} after ${Math.round(performance.now() - started)} ms, ${answer.sent} bytes sent`,
    );
    expect(answer.status).toBe(413);
    expect(answer.message).toMatch(/^请求内容超过 1 MB/);
    expect(answer.sent).toBeLessThanOrEqual(64 * 1024);
  });

  test("the refusal reads as a tRPC error in the clients (one call, and a batch as the web app sends)", async ({
    database,
    redis,
  }) => {
    const { api } = await serve(database, redis);
    const batching = createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: `${api.url}/trpc`,
          transformer: superjson,
          headers: { "x-duban-csrf": "1" },
        }),
      ],
    });
    for (const client of [connect(api), batching]) {
      const error = await client.auth.login
        .mutate({ email: "office@a.test", password: "a".repeat(2 * MB) })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(TRPCClientError);
      const e = error as TRPCClientError<AppRouter>;
      expect(e.message).toMatch(/^请求内容超过 1 MB，已拒绝/);
      expect(e.data).toMatchObject({
        code: "PAYLOAD_TOO_LARGE",
        httpStatus: 413,
        messageEn: expect.stringContaining("larger than 1 MB"),
      });
    }
  });

  test("2 MB to auth.login without a declared length: counted as it arrives, 413", async ({
    database,
    redis,
  }) => {
    const { api } = await serve(database, redis);
    const answer = await post(api, "/trpc/auth.login", "", null, 2 * MB);
    expect(answer.status).toBe(413);
    expect(answer.message).toMatch(/^请求内容超过 1 MB/);
  });

  test("20 MB to plan.import without a session: 401 before the body is read; chunked, 413 after 1 MB", async ({
    database,
    redis,
  }) => {
    const { api } = await serve(database, redis);
    const rssBefore = process.memoryUsage().rss;
    const declared = await post(api, "/trpc/plan.import", "", 20 * MB, 64 * 1024);
    expect(declared.status).toBe(401);
    expect(declared.message).toMatch(/^请先登录/);
    expect(declared.sent).toBeLessThanOrEqual(64 * 1024);
    // a forged cookie is no session
    expect(
      (
        await post(
          api,
          "/trpc/plan.import",
          "duban_session=forged-token-0123456789",
          20 * MB,
          64 * 1024,
        )
      ).status,
    ).toBe(401);
    // without a declared length the body is read only up to the ordinary limit
    const chunked = await post(api, "/trpc/plan.import", "", null, 20 * MB);
    expect(chunked.status).toBe(413);
    expect(chunked.sent).toBeLessThan(20 * MB);
    console.log(
      `anonymous 20 MB to plan.import: chunked answered after ${(chunked.sent / MB).toFixed(1)} MB sent; RSS ${((process.memoryUsage().rss - rssBefore) / MB).toFixed(0)} MB more`,
    );
    // generous: the 20 MB body was never held (the process holds the test's client as well)
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * MB);
  });

  test("signed in, a large body to anything but an upload is 413 before it is read, a batch with one too", async ({
    database,
    redis,
  }) => {
    const { api, office } = await serve(database, redis);
    for (const url of ["/trpc/plan.createTasks", "/trpc/plan.import,plan.createTasks?batch=1"]) {
      const answer = await post(api, url, office, 20 * MB, 64 * 1024);
      expect(answer.status, url).toBe(413);
      expect(answer.message, url).toMatch(/^请求内容超过 1 MB/);
      expect(answer.sent, url).toBeLessThanOrEqual(64 * 1024);
    }
  });

  test("a 20 MB plan document imported by the office still works", async ({ database, redis }) => {
    const { api, world, office } = await serve(database, redis);
    const text = await readFile(path.join(seeds, "zunyi-city-14th-fyp-sti-plan.txt"), "utf8");
    const escapeXml = (s: string) =>
      s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    // the plan's text and a 19.5 MB picture, as a Word file with photos is
    const docx = zipFile([
      ...docxEntries(
        text
          .split("\n")
          .map((l) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(l)}</w:t></w:r></w:p>`),
      ),
      { name: "word/media/image1.png", content: [randomBytes(19.5 * MB)], method: 0 },
    ]);
    expect(docx.length).toBeGreaterThan(19.5 * MB);
    expect(docx.length).toBeLessThanOrEqual(20 * MB);
    const body = JSON.stringify({
      json: {
        jurisdictionId: world.a.id,
        fileName: "遵义市规划.docx",
        contentBase64: docx.toString("base64"),
      },
    });
    const res = await fetch(`${api.url}/trpc/plan.import`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-duban-csrf": "1", cookie: office },
      body,
    });
    const answer = (await res.json()) as {
      result?: { data: { json: { planId: string; created: boolean } } };
      error?: unknown;
    };
    expect(res.status, JSON.stringify(answer.error)).toBe(200);
    expect(answer.result!.data.json.created).toBe(true);
    expect(
      (await database.db.plan.findUniqueOrThrow({ where: { id: answer.result!.data.json.planId } }))
        .title,
    ).toContain("遵义");
  }, 120_000);
});
