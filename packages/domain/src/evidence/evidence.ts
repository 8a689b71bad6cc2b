import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

import { actorDepartmentIds } from "../access.ts";
import { recordAudit } from "../audit.ts";
import type { DomainContext } from "../context.ts";
import { forbidden, invalid, invalidInput, notFound } from "../errors.ts";
import { findLedgerEntry, getLedgerEntry } from "../ledger/ledger-queries.ts";
import { ZEvidenceFileName } from "../schemas/ledger.ts";
import { loadTaskForActor } from "../tasks/load-task.ts";
import { EVIDENCE_LIMITS } from "../uploads/limits.ts";
import { parseUpload, uploadBytes, uploadFormatOf } from "../uploads/open-upload.ts";

/** the evidence size cap: EVIDENCE_LIMITS.maxBytes, named here for the multipart route */
export const MAX_EVIDENCE_BYTES = EVIDENCE_LIMITS.maxBytes;

/** Evidence types by their first bytes, not by what the browser claims. */
const SIGNATURES: Array<{ mime: string; ext: string[]; test: (b: Uint8Array) => boolean }> = [
  {
    mime: "application/pdf",
    ext: ["pdf"],
    test: (b) => b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46,
  },
  {
    mime: "image/png",
    ext: ["png"],
    test: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  },
  {
    mime: "image/jpeg",
    ext: ["jpg", "jpeg"],
    test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  },
  // docx and xlsx are zip containers
  {
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ext: ["docx"],
    test: (b) => b[0] === 0x50 && b[1] === 0x4b,
  },
  {
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ext: ["xlsx"],
    test: (b) => b[0] === 0x50 && b[1] === 0x4b,
  },
];

export function detectEvidenceType(fileName: string, bytes: Uint8Array): string {
  const ext = fileName.toLowerCase().split(".").pop() ?? "";
  const match = SIGNATURES.find((s) => s.ext.includes(ext));
  if (!match)
    throw invalid(
      "仅支持 PDF、图片（PNG/JPG）、Word、Excel 佐证材料",
      "evidence must be PDF, PNG/JPG, DOCX or XLSX",
      "file",
    );
  if (!match.test(bytes))
    throw invalid(
      "文件内容与扩展名不符",
      "the file's content does not match its extension",
      "file",
    );
  return match.mime;
}

/**
 * The name an evidence file is listed and downloaded under: the name the browser sent, checked by
 * the text rule every input keeps (no NUL, half emoji or noncharacter; at most 200 characters,
 * refused beyond, never cut inside an emoji), with path and control characters made "_".
 */
export function evidenceFileName(name: string): string {
  const parsed = ZEvidenceFileName.safeParse(name);
  if (!parsed.success) throw invalidInput(parsed.error.issues[0]!.message, "file");
  return [...parsed.data]
    .map((ch) => (ch.charCodeAt(0) < 32 || '\\/<>:"|?*'.includes(ch) ? "_" : ch))
    .join("");
}

/** Files live outside the web root, named by content hash; names are never taken from the user. */
const storedPath = (dir: string, sha256: string) => path.join(dir, sha256.slice(0, 2), sha256);

/**
 * The entry evidence may be attached to by this actor: the reporting unit's own current, not yet
 * approved entry. NOT_FOUND when the actor cannot see the entry, FORBIDDEN / INVALID otherwise.
 * Cheap: the upload route calls it before it reads the request body.
 */
export async function evidenceEntryFor(
  { db, actor }: DomainContext,
  { entryId }: { entryId: string },
) {
  const entry = await getLedgerEntry({ db, actor }, { entryId });
  if (actor.kind !== "user" || !actorDepartmentIds(actor).includes(entry.departmentId))
    throw forbidden(
      "只能为本单位的台账上传佐证材料",
      "you can only attach evidence to your own unit's entries",
    );
  if (!entry.isCurrent || entry.reviewState === "APPROVED")
    throw invalid(
      "该记录已审核通过或已被修改，请在最新版本上补充",
      "attach evidence to the latest, unapproved revision",
    );
  return entry;
}

/**
 * The reporting unit attaches evidence to its own current, not yet approved entry. Permission
 * first (evidenceEntryFor), then the size, the type by content, and for .docx/.xlsx the zip limits
 * (EVIDENCE_LIMITS: entries, inflated bytes, sizes that match their headers) inside the heavy-parse
 * limiter; only then is the file stored.
 */
export async function addEvidence(
  ctx: DomainContext,
  input: { entryId: string; fileName: string; bytes: Uint8Array; storageDir: string },
) {
  const { db, actor, requestId } = ctx;
  const entry = await evidenceEntryFor(ctx, { entryId: input.entryId });
  const { safeName, mimeType, bytes, sha256 } = await storeEvidenceBytes(ctx, input);
  return db.$transaction(async (tx) => {
    const file = await tx.evidenceFile.create({
      data: {
        ledgerEntryId: entry.id,
        fileName: safeName,
        mimeType,
        size: bytes.byteLength,
        sha256,
        uploadedById: actor.kind === "user" ? actor.userId : null,
      },
    });
    await recordAudit(tx, actor, {
      action: "evidence.add",
      entityType: "EvidenceFile",
      entityId: file.id,
      after: { ledgerEntryId: entry.id, fileName: safeName, sha256, size: file.size },
      requestId,
    });
    return file;
  });
}

/** An evidence file checked and written to the store, ready for its EvidenceFile row. */
export type StoredEvidence = {
  safeName: string;
  mimeType: string;
  bytes: Uint8Array;
  sha256: string;
};

/**
 * Checks an uploaded evidence file and writes it to the store (outside the web root, by SHA-256):
 * the name (evidenceFileName), the size (EVIDENCE_LIMITS), the type by content, and for .docx/.xlsx
 * the zip limits inside the heavy-parse limiter. Call it after the permission check and before the
 * transaction that creates the EvidenceFile row (a stored file with no row is harmless; a row with
 * no file is not). INVALID with the field `file` for a refused file.
 */
export async function storeEvidenceBytes(
  { actor }: Pick<DomainContext, "actor">,
  input: { fileName: string; bytes: Uint8Array; storageDir: string },
): Promise<StoredEvidence> {
  const safeName = evidenceFileName(input.fileName);
  const bytes = uploadBytes("evidence", { bytes: input.bytes });
  const mimeType = detectEvidenceType(input.fileName, bytes);
  await parseUpload(
    actor,
    "evidence",
    uploadFormatOf(input.fileName),
    bytes,
    async () => undefined,
  );
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const target = storedPath(input.storageDir, sha256);
  await mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temp, bytes, { mode: 0o600 });
  await rename(temp, target);
  return { safeName, mimeType, bytes, sha256 };
}

/** Reads an evidence file the actor may see (through the entry's visibility rules). */
export async function readEvidence(
  { db, actor }: DomainContext,
  input: { evidenceId: string; storageDir: string },
) {
  const file = await db.evidenceFile.findUnique({ where: { id: input.evidenceId } });
  if (!file) throw notFound("佐证材料", "evidence file");
  if (file.ledgerEntryId) {
    const entry = await findLedgerEntry(db, actor, file.ledgerEntryId);
    if (!entry) throw notFound("佐证材料", "evidence file");
  } else {
    // evidence of a change request, a completion application or a reply to a notice: whoever
    // may see the task sees its supervision trail
    const taskId = await evidenceTaskId(db, file);
    if (!taskId) throw notFound("佐证材料", "evidence file");
    await loadTaskForActor(db, actor, taskId).catch(() => {
      throw notFound("佐证材料", "evidence file");
    });
  }
  return { file, bytes: await readFile(storedPath(input.storageDir, file.sha256)) };
}

/** The task a non-ledger evidence file belongs to, through its owner row. */
async function evidenceTaskId(
  db: DomainContext["db"],
  file: {
    changeRequestId: string | null;
    completionApplicationId: string | null;
    noticeReplyId: string | null;
  },
): Promise<string | null> {
  if (file.changeRequestId)
    return (
      (
        await db.changeRequest.findUnique({
          where: { id: file.changeRequestId },
          select: { taskId: true },
        })
      )?.taskId ?? null
    );
  if (file.completionApplicationId)
    return (
      (
        await db.completionApplication.findUnique({
          where: { id: file.completionApplicationId },
          select: { taskId: true },
        })
      )?.taskId ?? null
    );
  if (file.noticeReplyId)
    return (
      (
        await db.noticeReply.findUnique({
          where: { id: file.noticeReplyId },
          select: { notice: { select: { taskId: true } } },
        })
      )?.notice.taskId ?? null
    );
  return null;
}
