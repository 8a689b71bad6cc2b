import { Transform, type Readable } from "node:stream";

import type { FastifyInstance, FastifyRequest } from "fastify";

import { isDatabaseUnavailable } from "@duban/api";
import type { Db } from "@duban/db";
import { actorFromSession } from "@duban/domain";

import { refuse, refuseError, trpcPathsOf, type Refusal } from "./refusals.ts";
import { SESSION_COOKIE } from "./session-cookie.ts";

const MB = 1024 * 1024;

/**
 * Request body limits, in bytes.
 * - `ordinary`, 1 MB: every request that carries no file, and every request of someone not signed
 *   in. The largest legitimate body measured is plan.createTasks with 500 tasks (the most one call
 *   takes) from the seed plans: 452 KB for Xifeng (926 bytes a task), 336 KB for Zunyi; the web
 *   wizard sends bigger selections in several calls of at most 256 KB.
 * - `upload`, 30 MB: a 20 MB file as base64 (26.7 MB) in JSON, for the procedures marked
 *   `meta({ upload: true })` (plan.preview, plan.import, ledger.importWorkbook) and the evidence
 *   route (multipart, capped by its own per-file limit), and only with a session that resolves.
 */
export const BODY_LIMITS = { ordinary: 1 * MB, upload: 30 * MB } as const;

/** the multipart routes that take files: evidence to a ledger entry, a change request or a reply to a 督办通知单, a completion application (办结申请) */
const EVIDENCE_UPLOAD =
  /^\/api\/(?:ledger\/[^/?]+\/evidence|change-requests\/[^/?]+\/evidence|notice-replies\/[^/?]+\/evidence|tasks\/[^/?]+\/completion)(?:\?|$)/;

const tooLarge = (limit: number): Refusal => ({
  status: 413,
  code: "PAYLOAD_TOO_LARGE",
  zh: `请求内容超过 ${limit / MB} MB，已拒绝；如需提交大量数据请分批进行`,
  en: `request body larger than ${limit / MB} MB; send large data in parts`,
});

/** A stream that passes the body on and fails with 413 once it has carried more than `limit` bytes. */
function capped(source: Readable, limit: number): Readable {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      (counter as Transform & { receivedEncodedLength: number }).receivedEncodedLength = seen;
      if (seen > limit)
        done(
          Object.assign(new Error("body too large"), {
            statusCode: 413,
            code: "DUBAN_BODY_TOO_LARGE",
          }),
        );
      else done(null, chunk);
    },
  });
  source.on("error", (error) => counter.destroy(error));
  return source.pipe(counter);
}

/**
 * Body limits decided before the body is read (issue 14): an anonymous client cannot make the api
 * parse more than 1 MB per request. onRequest looks at the path, the declared length and, only for
 * a large body to an upload, whether the session cookie resolves; a body that declares too much is
 * refused at once (413, or 401 for an upload without a session). A body without a declared length
 * is counted as it arrives (preParsing) against the same allowance. Register before the routes.
 */
export function bodyLimits(app: FastifyInstance, deps: { db: Db; uploadProcedures: string[] }) {
  const uploads = new Set(deps.uploadProcedures);
  const allowance = new WeakMap<FastifyRequest, number>();
  const takesFile = (url: string) => {
    const paths = trpcPathsOf(url);
    return paths ? paths.every((p) => uploads.has(p)) : EVIDENCE_UPLOAD.test(url);
  };

  // the tRPC route reads up to the upload limit; each request's own allowance is enforced below
  app.addHook("onRoute", (route) => {
    if (route.url.startsWith("/trpc")) route.bodyLimit = BODY_LIMITS.upload;
  });

  app.addHook("onRequest", async (req, reply) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return;
    const declared = Number(req.headers["content-length"] ?? Number.NaN);
    let limit: number = BODY_LIMITS.ordinary;
    if (!(declared <= BODY_LIMITS.ordinary) && takesFile(req.url)) {
      const token = req.cookies[SESSION_COOKIE];
      let signedIn: boolean;
      try {
        signedIn = !!token && !!(await actorFromSession({ db: deps.db }, { token }));
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        return refuse(req, reply, {
          status: 503,
          code: "SERVICE_UNAVAILABLE",
          zh: "数据库暂时不可用，请稍后重试",
          en: "database temporarily unavailable",
        });
      }
      if (signedIn) limit = BODY_LIMITS.upload;
      else if (declared > BODY_LIMITS.ordinary)
        return refuse(req, reply, {
          status: 401,
          code: "UNAUTHORIZED",
          zh: "请先登录再上传文件",
          en: "sign in to upload a file",
        });
    }
    allowance.set(req, limit);
    if (declared > limit) return refuse(req, reply, tooLarge(limit));
  });

  // a body of unknown length (chunked) to the tRPC route is counted against the allowance
  app.addHook("preParsing", async (req, _reply, payload) => {
    const limit = allowance.get(req) ?? BODY_LIMITS.ordinary;
    return req.url.startsWith("/trpc/") && limit < BODY_LIMITS.upload
      ? capped(payload, limit)
      : payload;
  });

  app.setErrorHandler(
    (error: { statusCode?: number; code?: string; message?: string }, req, reply) => {
      if (error.statusCode === 413 || error.code === "FST_ERR_CTP_BODY_TOO_LARGE")
        return refuse(req, reply, tooLarge(allowance.get(req) ?? BODY_LIMITS.ordinary));
      return refuseError(error, req, reply);
    },
  );
}
