import type { Socket } from "node:net";

import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

// Refusals the HTTP host makes itself (before or around a route: body limits, bad URLs, malformed
// requests), Chinese first and in the shape the caller reads, like every refusal of a route.

/** The procedure paths of a tRPC request URL (`/trpc/a.b,c.d?batch=1` → ["a.b", "c.d"]), or null for other URLs. */
export function trpcPathsOf(url: string): string[] | null {
  if (!url.startsWith("/trpc/")) return null;
  const raw = url.slice("/trpc/".length).split("?")[0]!;
  try {
    return decodeURIComponent(raw).split(",");
  } catch {
    return [raw];
  }
}

export type Refusal = {
  status: number;
  code: keyof typeof TRPC_ERROR_CODES_BY_KEY;
  zh: string;
  en: string;
};

/**
 * Sends a refusal before the body is read, in the shape the caller reads: a tRPC error (one per
 * procedure of a batch) on /trpc, `{ error: { code, message, messageEn } }` elsewhere. The socket
 * is closed after the answer, so an unread body is not drained on a kept-alive connection.
 */
export function refuse(req: FastifyRequest, reply: FastifyReply, r: Refusal) {
  const message = `${r.zh} (${r.en})`;
  const paths = trpcPathsOf(req.url);
  void reply
    .code(r.status)
    .header("connection", "close")
    .header("content-type", "application/json; charset=utf-8");
  if (!paths) return reply.send({ error: { code: r.code, message, messageEn: r.en } });
  const one = (path: string) => ({
    error: {
      json: {
        message,
        code: TRPC_ERROR_CODES_BY_KEY[r.code],
        data: {
          code: r.code,
          httpStatus: r.status,
          path,
          domainCode: null,
          messageEn: r.en,
          field: null,
          details: null,
          zodError: null,
        },
      },
    },
  });
  const batch = /[?&]batch=1(?:&|$)/.test(req.url);
  return reply.send(JSON.stringify(batch ? paths.map(one) : one(paths[0]!)));
}

const STATUS_CODES: Record<number, keyof typeof TRPC_ERROR_CODES_BY_KEY> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_SUPPORTED",
  408: "TIMEOUT",
  413: "PAYLOAD_TOO_LARGE",
  414: "BAD_REQUEST",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "TOO_MANY_REQUESTS",
};
const ZH: Record<string, string> = {
  FST_ERR_BAD_URL: "网址有误",
  FST_ERR_MAX_PARAM_LENGTH: "网址中的参数过长",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "不支持的内容类型",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "请求长度与声明不符",
  FST_ERR_CTP_EMPTY_JSON_BODY: "请求内容为空",
  FST_ERR_CTP_INVALID_JSON_BODY: "请求内容不是有效的 JSON",
};

/**
 * The multipart parser's (busboy's) complaints about a malformed body: plain Errors without a
 * status, raised by `req.file()` / `req.parts()` in an upload route. The client sent them, so they
 * are a 400, not a 500 (a truncated or hand-made form on any upload route).
 */
const MALFORMED_MULTIPART =
  /^(Unexpected end of multipart data|(Part|Preamble) terminated early due to unexpected end of multipart data|Multipart: Boundary not found|Malformed part header)$/;

/**
 * Fastify's own refusals (a 4xx it raised: bad URL, bad content length, malformed JSON…) and a
 * malformed multipart body in our shape with a Chinese message; anything else goes on to
 * Fastify's default handler (a logged 500).
 */
export function refuseError(
  error: { statusCode?: number; code?: string; message?: string },
  req: FastifyRequest,
  reply: FastifyReply,
) {
  if (error.statusCode === undefined && MALFORMED_MULTIPART.test(error.message ?? ""))
    return refuse(req, reply, {
      status: 400,
      code: "BAD_REQUEST",
      zh: "上传的表单格式有误，请重新选择文件上传",
      en: "malformed multipart body",
    });
  const status = error.statusCode ?? 500;
  if (status < 400 || status >= 500) throw error;
  return refuse(req, reply, {
    status,
    code: STATUS_CODES[status] ?? "BAD_REQUEST",
    zh: ZH[error.code ?? ""] ?? "请求有误",
    en: error.message ?? "bad request",
  });
}

/** Fastify's `frameworkErrors` (a URL it cannot decode, a parameter over its length) answered the same way. */
export function frameworkErrors(
  error: { statusCode?: number; code?: string; message?: string },
  req: FastifyRequest,
  reply: FastifyReply,
) {
  return refuseError(
    { ...error, message: error.message, statusCode: error.statusCode ?? 400 },
    req,
    reply,
  );
}

const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, "请求头或网址过长，已拒绝", "request headers or URL too large"],
  ERR_HTTP_REQUEST_TIMEOUT: [408, "请求超时", "request timed out"],
};

/**
 * Answers what Node's HTTP parser refuses before Fastify sees a request (a URL or headers over
 * 16 KB, a malformed request), Chinese first, as Fastify's default does in English.
 */
export function clientErrorHandler(
  this: FastifyInstance,
  err: NodeJS.ErrnoException,
  socket: Socket,
) {
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const [status, zh, en] = CLIENT_ERRORS[err.code ?? ""] ?? [
    400,
    "请求格式有误",
    "malformed request",
  ];
  const body = JSON.stringify({
    error: {
      code:
        status === 431
          ? "REQUEST_HEADER_FIELDS_TOO_LARGE"
          : status === 408
            ? "TIMEOUT"
            : "BAD_REQUEST",
      message: `${zh} (${en})`,
      messageEn: en,
    },
  });
  this.log.debug({ err }, "client error");
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${status === 431 ? "Request Header Fields Too Large" : status === 408 ? "Request Timeout" : "Bad Request"}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
