import type { Readable } from "node:stream";

import yauzl from "yauzl";

import { DomainError } from "../errors.ts";
import type { ZipLimits } from "./limits.ts";
import { uploadRefusal } from "./refusals.ts";
import {
  firstSignificantByte,
  looksLikeXml,
  XmlShapeScanner,
  type ElementBudget,
} from "./xml-shape.ts";

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** Whether the bytes start like a zip container (.xlsx, .docx). */
export const isZip = (bytes: Uint8Array) =>
  startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, EMPTY_ZIP_MAGIC);

/**
 * Checks a zip container (.xlsx, .docx) before any parser unpacks it, and keeps none of its content:
 * 1. the central directory (read with yauzl, which follows the spec rather than scanning local
 *    headers): at most `maxEntries` entries, their declared sizes summed at most
 *    `maxUncompressedBytes`, none encrypted;
 * 2. every entry is then inflated as a stream, chunk by chunk, against a running byte budget:
 *    an entry that inflates to more than its header said is stopped there (yauzl's
 *    validateEntrySizes), and so is the file once the budget is spent: a lying header cannot pass,
 *    and nothing is inflated whole into memory;
 * 3. with `limits.xml`, every entry that is XML is followed by a SAX scanner (depth, element count
 *    over the whole file, no DOCTYPE, well-formed).
 * Throws the DomainError of the first limit hit (uploadRefusal); resolves when the file is within
 * all. Costs ~1 s per 30 MB of XML scanned (saxes), far less for other entries.
 */
export async function inspectZip(
  bytes: Uint8Array,
  limits: ZipLimits,
  label: string,
): Promise<void> {
  if (!isZip(bytes)) throw uploadRefusal.notZip(label);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      { lazyEntries: true, validateEntrySizes: true },
    );
  } catch (error) {
    throw uploadRefusal.corrupt(label, reason(error));
  }
  try {
    if (zip.entryCount > limits.maxEntries) throw uploadRefusal.tooManyEntries(limits.maxEntries);
    const entries: yauzl.Entry[] = [];
    let declared = 0;
    for await (const entry of zip.eachEntry()) {
      if (entry.isEncrypted()) throw uploadRefusal.corrupt(label, "文件已加密 (encrypted)");
      declared += entry.uncompressedSize;
      if (declared > limits.maxUncompressedBytes)
        throw uploadRefusal.inflatesTooLarge(limits.maxUncompressedBytes);
      entries.push(entry);
    }
    const budget = { inflated: 0, elements: 0 };
    for (const entry of entries) {
      // no data to inflate (directories, empty parts); a "directory" that carries data is inflated too
      if (entry.compressedSize === 0) continue;
      await inflateWithin(zip, entry, limits, budget);
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw uploadRefusal.corrupt(label, reason(error));
  } finally {
    zip.close();
  }
}

/** Streams one entry through the budget (and the XML scanner); stops the stream at the first refusal. */
async function inflateWithin(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  limits: ZipLimits,
  budget: ElementBudget & { inflated: number },
) {
  let stream: Readable;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch (error) {
    throw uploadRefusal.corrupt("文件", `${entry.fileName}: ${reason(error)}`);
  }
  let xml: XmlShapeScanner | null | undefined = limits.xml ? undefined : null;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      budget.inflated += chunk.byteLength;
      if (budget.inflated > limits.maxUncompressedBytes)
        throw uploadRefusal.inflatesTooLarge(limits.maxUncompressedBytes);
      if (xml === undefined && limits.xml) {
        // decided at the first byte that is not blank, however late it comes
        const start = firstSignificantByte(chunk);
        if (start >= 0)
          xml = looksLikeXml(chunk.subarray(start))
            ? new XmlShapeScanner(limits.xml, budget, entry.fileName)
            : null;
      }
      const refusal = xml?.write(chunk);
      if (refusal) throw refusal;
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw /bytes in the stream/.test(reason(error))
      ? uploadRefusal.sizeMismatch()
      : uploadRefusal.corrupt("文件", `${entry.fileName}: ${reason(error)}`);
  }
  const refusal = xml?.end();
  if (refusal) throw refusal;
}

const reason = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).slice(0, 160);
