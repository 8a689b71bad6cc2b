import multipart from "@fastify/multipart";
import type { FastifyInstance } from "fastify";

import type { Db } from "@duban/db";
import { addEvidence, evidenceEntryFor, MAX_EVIDENCE_BYTES, readEvidence } from "@duban/domain";

import { evidenceUploadRoute, sendDownload } from "./evidence-upload.ts";
import { requireActor, sendDomainError } from "./http-helpers.ts";

/**
 * Evidence files: multipart upload to a ledger entry, download by id. Stored outside the web root.
 * Upload order: session, permission on the entry, then the body (capped by multipart's fileSize),
 * then addEvidence's type and zip checks (EVIDENCE_LIMITS).
 */
export async function evidenceRoutes(app: FastifyInstance, deps: { db: Db; storageDir: string }) {
  await app.register(multipart, {
    limits: { fileSize: MAX_EVIDENCE_BYTES + 1, files: 1, fields: 0 },
  });
  evidenceUploadRoute(app, deps, {
    path: "/api/ledger/:entryId/evidence",
    authorize: (ctx, entryId) => evidenceEntryFor(ctx, { entryId }),
    add: (ctx, { id, ...file }) => addEvidence(ctx, { entryId: id, ...file }),
  });
  app.get<{ Params: { evidenceId: string } }>("/api/evidence/:evidenceId", async (req, reply) => {
    const actor = await requireActor(deps.db, req, reply);
    if (!actor) return reply;
    if (!/^[0-9a-f-]{36}$/.test(req.params.evidenceId))
      return reply.code(404).send({ error: { code: "NOT_FOUND", message: "未找到 (not found)" } });
    try {
      const { file, bytes } = await readEvidence(
        { db: deps.db, actor },
        {
          evidenceId: req.params.evidenceId,
          storageDir: deps.storageDir,
        },
      );
      return sendDownload(reply, { bytes, fileName: file.fileName, mimeType: file.mimeType });
    } catch (error) {
      return sendDomainError(reply, error);
    }
  });
}
