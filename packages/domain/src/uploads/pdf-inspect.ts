import { createInflate, inflateSync, type Inflate } from "node:zlib";
import type { PdfLimits } from "./limits.ts";
import { uploadRefusal } from "./refusals.ts";

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d];
export const isPdf = (bytes: Uint8Array) => PDF_MAGIC.every((b, i) => bytes[i] === b);

/** Streams up to this size inflate in one synchronous call; larger ones as a stream. */
const SYNC_INFLATE_BYTES = 4 * 1024 * 1024;
/** How far before `stream` its dictionary is looked for. */
const DICTIONARY_WINDOW = 4096;

/**
 * Counts what pdf.js would inflate before it is given a PDF: every stream whose filter chain starts
 * with FlateDecode (content streams, fonts, object streams, images; Flate inside Flate too) is
 * inflated chunk by chunk against one running budget, `limits.maxDecodedBytes`, and nothing is
 * kept. zlib finds each stream's end itself, so a wrong or indirect /Length does not hide data.
 * Throws uploadRefusal.pdfInflatesTooLarge at the first byte over the budget. Data pdf.js could not
 * inflate either (corrupt) is not refused here: pdf.js reports it. Pages are bounded by the
 * extractor (plan-parser's extractPlanText `maxPdfPages`), which reads the page count first.
 * Not decoded here: LZW and RunLength streams (rare in documents made since ~2000; their ratio
 * is bounded by their own formats, LZW ~2,700:1).
 */
export async function inspectPdf(bytes: Uint8Array, limits: PdfLimits): Promise<void> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const budget = { left: limits.maxDecodedBytes, limit: limits.maxDecodedBytes };
  for (let at = buffer.indexOf("stream", 0, "latin1"); at >= 0; at = buffer.indexOf("stream", at + 6, "latin1")) {
    if (at >= 3 && buffer.toString("latin1", at - 3, at) === "end") continue;
    let start = at + 6;
    if (buffer[start] === 0x0d) start++;
    if (buffer[start] !== 0x0a) continue;
    start++;
    const flates = leadingFlates(buffer.toString("latin1", Math.max(0, at - DICTIONARY_WINDOW), at));
    if (flates > 0) await inflateChain(buffer.subarray(start), flates, budget);
  }
}

/** How many FlateDecode filters the dictionary just before `stream` applies first (0 if none). */
function leadingFlates(before: string): number {
  const dictionary = before.slice(before.lastIndexOf(" obj") + 1);
  const filter = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/.exec(dictionary)?.[1] ?? "";
  const names = [...filter.matchAll(/\/([A-Za-z0-9]+)/g)].map((m) => m[1]);
  let n = 0;
  while (names[n] === "FlateDecode" || names[n] === "Fl") n++;
  return n;
}

type Budget = { left: number; limit: number };

function spend(budget: Budget, bytes: number) {
  budget.left -= bytes;
  if (budget.left < 0) throw uploadRefusal.pdfInflatesTooLarge(budget.limit);
}

/** Inflates `stages` nested Flate layers of `data`, spending every layer's output from the budget. */
async function inflateChain(data: Buffer, stages: number, budget: Budget): Promise<void> {
  const small = trySync(data, stages, budget);
  if (small) return;
  await new Promise<void>((resolve, reject) => {
    const inflaters: Inflate[] = Array.from({ length: stages }, () => createInflate());
    const stop = (error?: unknown) => {
      for (const z of inflaters) z.destroy();
      if (error) reject(error);
      else resolve();
    };
    inflaters.forEach((z, i) => {
      z.on("data", (chunk: Buffer) => {
        try {
          spend(budget, chunk.byteLength);
        } catch (error) {
          return stop(error);
        }
        const next = inflaters[i + 1];
        // the inner layer inflates ~1000× what it is given: wait for it rather than queue input
        if (next && !next.write(chunk)) {
          z.pause();
          next.once("drain", () => z.resume());
        }
      });
      // corrupt data: pdf.js fails on it too, and reports it; what was produced is already spent
      z.on("error", () => stop());
      z.on("end", () => (i + 1 < stages ? inflaters[i + 1]!.end() : stop()));
    });
    inflaters[0]!.end(data);
  });
}

/** Small streams in one call each (most of a real PDF); false when a layer is too large for that. */
function trySync(data: Buffer, stages: number, budget: Budget): boolean {
  const outputs: Buffer[] = [];
  let input = data;
  try {
    for (let i = 0; i < stages; i++) {
      input = inflateSync(input, { maxOutputLength: Math.min(SYNC_INFLATE_BYTES, budget.left + 1) });
      outputs.push(input);
    }
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return false;
    // corrupt: count what inflated before it, as the stream path would
  }
  for (const out of outputs) spend(budget, out.byteLength);
  return true;
}
