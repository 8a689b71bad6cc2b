import type { FastifyInstance } from "fastify";

import type { Db } from "@duban/db";
import {
  applyForCompletion,
  completionApplicantFor,
  invalidInput,
  MAX_COMPLETION_FILES,
  MAX_EVIDENCE_BYTES,
} from "@duban/domain";
import { ZApplyCompletionInput } from "@duban/domain/schemas";

import { BODY_LIMITS } from "./body-limits.ts";
import { requireActor, sendDomainError } from "./http-helpers.ts";

/** the two text fields a completion application carries: `version` and `summary` (5000 characters, up to 4 bytes each) */
const MAX_FIELD_BYTES = 24 * 1024;

const refused = (message: string, code = "INVALID") => ({ error: { code, message } });

/**
 * 办结申请 (issue #17 step 3): POST /api/tasks/:taskId/completion, multipart with the fields
 * `version` and `summary` and 1–10 evidence files. Order, as the evidence route's: session (and
 * CSRF, the global hook), the permission on the task (completionApplicantFor: its lead unit, the
 * task 未启动 / 推进中) before a byte of the body is read, then the body within multipart limits
 * (each file ≤ MAX_EVIDENCE_BYTES, ≤ 10 files, 2 fields of bounded size, all files together ≤ the
 * upload body limit), the fields checked by ZApplyCompletionInput, then applyForCompletion (each
 * file's type and zip checks, one transaction). 201 with the application's id.
 */
export async function completionRoutes(app: FastifyInstance, deps: { db: Db; storageDir: string }) {
  app.post<{ Params: { taskId: string } }>("/api/tasks/:taskId/completion", async (req, reply) => {
    const actor = await requireActor(deps.db, req, reply);
    if (!actor) return reply;
    if (!/^[0-9a-f-]{36}$/.test(req.params.taskId))
      return reply.code(400).send(refused("无效的编号 (invalid id)"));
    try {
      await completionApplicantFor({ db: deps.db, actor }, { taskId: req.params.taskId });
    } catch (error) {
      return sendDomainError(reply.header("connection", "close"), error);
    }
    if (!req.isMultipart())
      return reply.code(400).send(refused("请以表单上传办结申请和佐证材料 (multipart expected)"));
    const fields: Record<string, string> = {};
    const files: Array<{ fileName: string; bytes: Uint8Array }> = [];
    let total = 0;
    try {
      for await (const part of req.parts({
        limits: {
          fileSize: MAX_EVIDENCE_BYTES,
          files: MAX_COMPLETION_FILES,
          fields: 2,
          fieldSize: MAX_FIELD_BYTES,
          parts: MAX_COMPLETION_FILES + 2,
        },
      })) {
        if (part.type === "file") {
          const bytes = new Uint8Array(await part.toBuffer());
          total += bytes.byteLength;
          if (total > BODY_LIMITS.upload)
            return reply
              .code(413)
              .header("connection", "close")
              .send(
                refused(
                  `佐证材料合计超过 ${BODY_LIMITS.upload / 1024 / 1024} MB (files too large together)`,
                  "PAYLOAD_TOO_LARGE",
                ),
              );
          files.push({ fileName: part.filename, bytes });
        } else {
          if (part.fieldname !== "version" && part.fieldname !== "summary")
            return reply
              .code(400)
              .send(refused(`未知字段 ${part.fieldname.slice(0, 40)} (unknown field)`));
          if (part.valueTruncated || part.fieldname in fields)
            return reply
              .code(400)
              .send(refused("办结申请内容过长或重复 (field too long or repeated)"));
          fields[part.fieldname] = String(part.value);
        }
      }
    } catch (error) {
      const code = (error as { code?: string }).code;
      const message =
        code === "FST_REQ_FILE_TOO_LARGE"
          ? `单个佐证材料不能超过 ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB (file too large)`
          : code === "FST_FILES_LIMIT" || code === "FST_PARTS_LIMIT"
            ? `佐证材料最多 ${MAX_COMPLETION_FILES} 份 (at most ${MAX_COMPLETION_FILES} files)`
            : code === "FST_FIELDS_LIMIT"
              ? "表单字段过多 (too many fields)"
              : null;
      if (!message) throw error;
      return reply
        .code(413)
        .header("connection", "close")
        .send(refused(message, "PAYLOAD_TOO_LARGE"));
    }
    if (!/^\d{1,9}$/.test(fields.version ?? ""))
      return reply
        .code(400)
        .send(refused("缺少任务版本号，请刷新后重试 (version missing or invalid)"));
    const parsed = ZApplyCompletionInput.safeParse({
      taskId: req.params.taskId,
      version: Number(fields.version),
      summary: fields.summary ?? "",
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return sendDomainError(reply, invalidInput(issue.message, String(issue.path[0] ?? "")));
    }
    try {
      const result = await applyForCompletion(
        { db: deps.db, actor, requestId: String(req.id) },
        { ...parsed.data, files, storageDir: deps.storageDir },
      );
      return reply.code(201).send(result);
    } catch (error) {
      return sendDomainError(reply, error);
    }
  });
}
