import type { FastifyInstance } from "fastify";

import type { Db } from "@duban/db";
import {
  addNoticeReplyEvidence,
  noticeDocument,
  noticeReplyForEvidence,
  storeEvidenceBytes,
} from "@duban/domain";

import { evidenceUploadRoute, sendDownload } from "./evidence-upload.ts";
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
        return sendDownload(reply, { ...file, mimeType: DOCX });
      } catch (error) {
        return sendDomainError(reply, error);
      }
    },
  );

  evidenceUploadRoute(app, deps, {
    path: "/api/notice-replies/:replyId/evidence",
    authorize: (ctx, replyId) => noticeReplyForEvidence(ctx, { replyId }),
    add: async (ctx, { id, ...file }) =>
      addNoticeReplyEvidence(ctx, { replyId: id, stored: await storeEvidenceBytes(ctx, file) }),
  });
}
