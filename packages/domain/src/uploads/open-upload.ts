import type { Actor } from "../actor.ts";
import { HeavyWorkLimiter } from "./limiter.ts";
import { HEAVY_PARSE_LIMITS, UPLOAD_LIMITS, type UploadKind } from "./limits.ts";
import { inspectPdf } from "./pdf-inspect.ts";
import { uploadRefusal } from "./refusals.ts";
import { inspectZip } from "./zip-inspect.ts";

/** An uploaded file as it arrives: raw bytes (CLI, multipart) or base64 (tRPC JSON). */
export type UploadContent =
  { bytes: Uint8Array; contentBase64?: never } | { contentBase64: string; bytes?: never };

/** How the file is opened: a zip container (.xlsx/.docx), a PDF, or read as it is (text, images). */
export type UploadFormat = "zip" | "pdf" | "plain";

/** The format a file name says; the inspectors check that the content agrees. */
export function uploadFormatOf(fileName: string): UploadFormat {
  const ext = /\.([A-Za-z0-9]+)$/u.exec(fileName)?.[1]?.toLowerCase() ?? "";
  return ext === "xlsx" || ext === "docx" ? "zip" : ext === "pdf" ? "pdf" : "plain";
}

/** The one limiter of heavy parses in this process (api, worker or CLI): see HEAVY_PARSE_LIMITS. */
export const heavyParses = new HeavyWorkLimiter(HEAVY_PARSE_LIMITS);

/**
 * The upload's bytes, refusing an empty file or one over the kind's `maxBytes` before decoding
 * base64 (its length tells the size). Throws INVALID (uploadRefusal.tooLarge / empty).
 */
export function uploadBytes(kind: UploadKind, content: UploadContent): Uint8Array {
  const { maxBytes, label } = UPLOAD_LIMITS[kind];
  if (content.contentBase64 !== undefined) {
    const base64 = content.contentBase64;
    const padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
    if (Math.floor((base64.length * 3) / 4) - padding > maxBytes)
      throw uploadRefusal.tooLarge(label, maxBytes);
    content = { bytes: new Uint8Array(Buffer.from(base64, "base64")) };
  }
  const bytes = content.bytes!;
  if (bytes.byteLength === 0) throw uploadRefusal.empty();
  if (bytes.byteLength > maxBytes) throw uploadRefusal.tooLarge(label, maxBytes);
  return bytes;
}

/**
 * Checks a container against its kind's limits without parsing it (zip: inspectZip; PDF:
 * inspectPdf; plain: nothing beyond the size). Throws the refusal of the first limit hit.
 */
export async function inspectUpload(
  kind: UploadKind,
  format: UploadFormat,
  bytes: Uint8Array,
): Promise<void> {
  const limits = UPLOAD_LIMITS[kind];
  if (format === "zip") await inspectZip(bytes, limits.zip, limits.label);
  else if (format === "pdf" && limits.pdf) await inspectPdf(bytes, limits.pdf);
}

const limiterKey = (actor: Actor) =>
  actor.kind === "user" ? `user:${actor.userId}` : `system:${actor.label}`;

/**
 * Inspects and then parses an upload whose sender was already authorised, holding a place of the
 * heavy-parse limiter throughout: refused with RATE_LIMITED when the process or this user has none
 * free. Plain files (text) take no place: nothing in them unpacks, and their size is capped.
 */
export async function parseUpload<T>(
  actor: Actor,
  kind: UploadKind,
  format: UploadFormat,
  bytes: Uint8Array,
  parse: (bytes: Uint8Array) => Promise<T>,
): Promise<T> {
  if (format === "plain") return parse(bytes);
  return heavyParses.run(limiterKey(actor), async () => {
    await inspectUpload(kind, format, bytes);
    return parse(bytes);
  });
}

/**
 * The way a route opens an uploaded file, in this order: `authorize` (the permission check on the
 * object the file is for: NOT_FOUND / FORBIDDEN before anything is decoded), the size cap, then,
 * inside the heavy-parse limiter, the container checks and `parse`. A new upload route passes its
 * own check and parser and gets the rest.
 */
export async function openUpload<T>(
  actor: Actor,
  kind: UploadKind,
  file: { fileName: string; content: UploadContent },
  steps: { authorize: () => Promise<unknown>; parse: (bytes: Uint8Array) => Promise<T> },
): Promise<T> {
  await steps.authorize();
  const bytes = uploadBytes(kind, file.content);
  return parseUpload(actor, kind, uploadFormatOf(file.fileName), bytes, steps.parse);
}
