import type { FastifyInstance } from "fastify";

import type { Db } from "@duban/db";
import {
  addChangeRequestEvidence,
  changeRequestEvidenceTarget,
  MAX_EVIDENCE_BYTES,
} from "@duban/domain";

import { requireActor, sendDomainError } from "./http-helpers.ts";

/**
 * Evidence for a change request (调整申请, issue #17 step 2): POST /api/change-requests/:id/evidence,
 * multipart, one file. Order as for ledger evidence (evidence-routes.ts, which registers the
 * multipart parser): session, permission (only the requesting unit, only while the request is
 * PENDING: changeRequestEvidenceTarget), then the body (capped), then the file's checks and store,
 * then the EvidenceFile row and the audit event in one transaction.
 */
export async function changeRequestRoutes(
  app: FastifyInstance,
  deps: { db: Db; storageDir: string },
) {
  app.post<{ Params: { requestId: string } }>(
    "/api/change-requests/:requestId/evidence",
    async (req, reply) => {
      const actor = await requireActor(deps.db, req, reply);
      if (!actor) return reply;
      if (!/^[0-9a-f-]{36}$/.test(req.params.requestId))
        return reply
          .code(400)
          .send({ error: { code: "INVALID", message: "无效的编号 (invalid id)" } });
      try {
        // who may attach to this request is known before a byte of the file is read
        await changeRequestEvidenceTarget(
          { db: deps.db, actor },
          { requestId: req.params.requestId },
        );
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
        const file = await addChangeRequestEvidence(
          { db: deps.db, actor, requestId: String(req.id) },
          {
            requestId: req.params.requestId,
            fileName: part.filename,
            bytes,
            storageDir: deps.storageDir,
          },
        );
        return reply
          .code(201)
          .send({ id: file.id, fileName: file.fileName, size: file.size, mimeType: file.mimeType });
      } catch (error) {
        return sendDomainError(reply, error);
      }
    },
  );
}
