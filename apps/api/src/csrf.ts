import type { FastifyReply, FastifyRequest } from "fastify";

export const CSRF_HEADER = "x-duban-csrf";

/**
 * Cross-site request forgery guard for every state-changing request. A forged form post or a
 * text/plain fetch from another site cannot send a JSON content type without a CORS preflight,
 * cannot set our custom header, and carries a foreign Origin; each alone stops it, and we demand all.
 */
export function csrfGuard(allowedOrigins: string[]) {
  const allowed = new Set(allowedOrigins.map((o) => new URL(o).origin));
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return;
    // Bull Board's own UI cannot send our header; its routes need a system administrator's session, which a
    // cross-site request cannot carry (SameSite=Lax), and must still come from our origin.
    const dashboard = req.url.startsWith("/admin/queues/");
    const contentType = String(req.headers["content-type"] ?? "").toLowerCase();
    const multipart = contentType.startsWith("multipart/form-data");
    const json = contentType.startsWith("application/json");
    const origin = req.headers.origin;
    const host = req.headers.host;
    const sameHost =
      origin && host && (origin === `http://${host}` || origin === `https://${host}`);
    const reason = dashboard
      ? origin && !allowed.has(origin) && !sameHost
        ? "请求来源不被信任 (untrusted origin)"
        : null
      : !json && !multipart
        ? "只接受 JSON 请求 (only application/json is accepted)"
        : req.headers[CSRF_HEADER] !== "1"
          ? `缺少 ${CSRF_HEADER} 请求头 (missing ${CSRF_HEADER} header)`
          : origin && !allowed.has(origin) && !sameHost
            ? "请求来源不被信任 (untrusted origin)"
            : null;
    if (reason) {
      req.log.warn({ origin, contentType, url: req.url }, "csrf rejected");
      return reply.code(403).send({ error: { message: reason, code: "FORBIDDEN" } });
    }
  };
}
