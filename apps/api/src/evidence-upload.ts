import type { FastifyInstance, FastifyReply } from "fastify";

import type { Db } from "@duban/db";
import { MAX_EVIDENCE_BYTES, type DomainContext } from "@duban/domain";

import { requireActor, sendDomainError } from "./http-helpers.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The file as it was stored: what the upload answers with (201). */
type StoredFile = { id: string; fileName: string; size: number; mimeType: string };

/**
 * One evidence upload route: POST `path` (one parameter, the owner's id), multipart, one file. The order is
 * the same for every owner (a ledger entry, a change request, a reply to a notice): session, the id's
 * shape, the permission on the owner (`authorize`, before a byte of the body is read; a refusal
 * closes the connection), then the body (capped at MAX_EVIDENCE_BYTES + 1, so an oversize file is
 * refused by the domain's size check), then `add` (the file's checks, its store, its row and audit
 * event). @fastify/multipart must be registered (evidenceRoutes does it for the whole app).
 */
export function evidenceUploadRoute(
  app: FastifyInstance,
  deps: { db: Db; storageDir: string },
  spec: {
    path: string;
    authorize: (ctx: DomainContext, id: string) => Promise<unknown>;
    add: (
      ctx: DomainContext,
      input: { id: string; fileName: string; bytes: Uint8Array; storageDir: string },
    ) => Promise<StoredFile>;
  },
) {
  app.post<{ Params: Record<string, string> }>(spec.path, async (req, reply) => {
    const actor = await requireActor(deps.db, req, reply);
    if (!actor) return reply;
    const id = Object.values(req.params)[0] ?? "";
    if (!UUID.test(id))
      return reply
        .code(400)
        .send({ error: { code: "INVALID", message: "无效的编号 (invalid id)" } });
    const ctx: DomainContext = { db: deps.db, actor, requestId: String(req.id) };
    try {
      await spec.authorize(ctx, id);
    } catch (error) {
      return sendDomainError(reply.header("connection", "close"), error);
    }
    const part = await req.file({
      limits: { fileSize: MAX_EVIDENCE_BYTES + 1, files: 1, fields: 0 },
    });
    if (!part)
      return reply.code(400).send({ error: { code: "INVALID", message: "请选择文件 (no file)" } });
    const bytes = new Uint8Array(
      await part.toBuffer().catch(() => Buffer.alloc(MAX_EVIDENCE_BYTES + 1)),
    );
    try {
      const file = await spec.add(ctx, {
        id,
        fileName: part.filename,
        bytes,
        storageDir: deps.storageDir,
      });
      return reply
        .code(201)
        .send({ id: file.id, fileName: file.fileName, size: file.size, mimeType: file.mimeType });
    } catch (error) {
      return sendDomainError(reply, error);
    }
  });
}

/**
 * Sends a stored file as a download: always an attachment (never rendered inline in our origin),
 * the name in RFC 5987 form, and a sandbox CSP in case a browser renders it anyway.
 */
export function sendDownload(
  reply: FastifyReply,
  file: { bytes: Uint8Array; fileName: string; mimeType: string },
) {
  return reply
    .header("content-type", file.mimeType)
    .header(
      "content-disposition",
      `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .header("content-security-policy", "sandbox")
    .send(file.bytes);
}
