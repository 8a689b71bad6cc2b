import multipart from "@fastify/multipart";
import type { FastifyInstance } from "fastify";

import type { Db } from "@duban/db";
import { addEvidence, evidenceEntryFor, MAX_EVIDENCE_BYTES, readEvidence } from "@duban/domain";

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
  app.post<{ Params: { entryId: string } }>("/api/ledger/:entryId/evidence", async (req, reply) => {
    const actor = await requireActor(deps.db, req, reply);
    if (!actor) return reply;
    if (!/^[0-9a-f-]{36}$/.test(req.params.entryId))
      return reply
        .code(400)
        .send({ error: { code: "INVALID", message: "无效的编号 (invalid id)" } });
    try {
      // who may attach to this entry is known before a byte of the file is read
      await evidenceEntryFor({ db: deps.db, actor }, { entryId: req.params.entryId });
    } catch (error) {
      return sendDomainError(reply.header("connection", "close"), error);
    }
    const part = await req.file();
    if (!part)
      return reply.code(400).send({ error: { code: "INVALID", message: "请选择文件 (no file)" } });
    const bytes = new Uint8Array(
      await part.toBuffer().catch(() => Buffer.alloc(MAX_EVIDENCE_BYTES + 1)),
    );
    try {
      const file = await addEvidence(
        { db: deps.db, actor, requestId: String(req.id) },
        {
          entryId: req.params.entryId,
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
      // always a download, never rendered inline in our origin
      return reply
        .header("content-type", file.mimeType)
        .header(
          "content-disposition",
          `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .header("content-security-policy", "sandbox")
        .send(bytes);
    } catch (error) {
      return sendDomainError(reply, error);
    }
  });
}
