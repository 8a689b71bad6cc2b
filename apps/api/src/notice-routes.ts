import type { FastifyInstance } from "fastify";

import type { Db } from "@duban/db";
import {
  addNoticeReplyEvidence,
  MAX_EVIDENCE_BYTES,
  noticeDocument,
  noticeReplyForEvidence,
  storeEvidenceBytes,
} from "@duban/domain";

import { requireActor, sendDomainError } from "./http-helpers.ts";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * 督办通知单 files (issue #17 step 4): the notice's .docx as issued (a download for whoever may see
 * the task), and evidence on a reply (multipart, the urged unit's staff only). Registered after
 * evidenceRoutes, which registers @fastify/multipart for the whole app; the same order as the
 * ledger's evidence: session, permission, then the body, then storeEvidenceBytes's checks.
 */
export async function noticeRoutes(app: FastifyInstance, deps: { db: Db; storageDir: string }) {
  app.get<{ Params: { noticeId: string } }>(
    "/api/notices/:noticeId/document",
    async (req, reply) => {
      const actor = await requireActor(deps.db, req, reply);
      if (!actor) return reply;
      if (!UUID.test(req.params.noticeId))
        return reply
          .code(404)
          .send({ error: { code: "NOT_FOUND", message: "未找到 (not found)" } });
      try {
        const file = await noticeDocument(
          { db: deps.db, actor },
          { noticeId: req.params.noticeId },
        );
        return reply
          .header("content-type", DOCX)
          .header(
            "content-disposition",
            `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
          )
          .header("content-security-policy", "sandbox")
          .send(file.bytes);
      } catch (error) {
        return sendDomainError(reply, error);
      }
    },
  );

  app.post<{ Params: { replyId: string } }>(
    "/api/notice-replies/:replyId/evidence",
    async (req, reply) => {
      const actor = await requireActor(deps.db, req, reply);
      if (!actor) return reply;
      if (!UUID.test(req.params.replyId))
        return reply
          .code(400)
          .send({ error: { code: "INVALID", message: "无效的编号 (invalid id)" } });
      const ctx = { db: deps.db, actor, requestId: String(req.id) };
      try {
        // who may attach to this reply is known before a byte of the file is read
        await noticeReplyForEvidence(ctx, { replyId: req.params.replyId });
      } catch (error) {
        return sendDomainError(reply.header("connection", "close"), error);
      }
      const part = await req.file({
        limits: { fileSize: MAX_EVIDENCE_BYTES + 1, files: 1, fields: 0 },
      });
      if (!part)
        return reply
          .code(400)
          .send({ error: { code: "INVALID", message: "请选择文件 (no file)" } });
      const bytes = new Uint8Array(
        await part.toBuffer().catch(() => Buffer.alloc(MAX_EVIDENCE_BYTES + 1)),
      );
      try {
        const stored = await storeEvidenceBytes(ctx, {
          fileName: part.filename,
          bytes,
          storageDir: deps.storageDir,
        });
        const file = await addNoticeReplyEvidence(ctx, { replyId: req.params.replyId, stored });
        return reply
          .code(201)
          .send({ id: file.id, fileName: file.fileName, size: file.size, mimeType: file.mimeType });
      } catch (error) {
        return sendDomainError(reply, error);
      }
    },
  );
}
