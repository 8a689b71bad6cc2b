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
 * Counts what pdf.js would inflate before it is given a PDF: every stream (content streams, fonts,
 * object streams, images; Flate inside Flate as its /Filter says) is inflated chunk by chunk
 * against one running budget, `limits.maxDecodedBytes`, and nothing is kept. zlib finds each
 * stream's end itself, so a wrong or indirect /Length does not hide data, and a stream that is not
 * Flate stops at its first bytes.
 * Throws uploadRefusal.pdfInflatesTooLarge at the first byte over the budget. Data pdf.js could not
 * inflate either (corrupt) is not refused here: pdf.js reports it. Pages are bounded by the
 * extractor (plan-parser's extractPlanText `maxPdfPages`), which reads the page count first.
 * Not decoded here: LZW and RunLength streams (rare in documents made since ~2000; their ratio
 * is bounded by their own formats, LZW ~2,700:1).
 */
export async function inspectPdf(bytes: Uint8Array, limits: PdfLimits): Promise<void> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const budget = { left: limits.maxDecodedBytes, limit: limits.maxDecodedBytes };
  for (
    let at = buffer.indexOf("stream", 0, "latin1");
    at >= 0;
    at = buffer.indexOf("stream", at + 6, "latin1")
  ) {
    if (at >= 3 && buffer.toString("latin1", at - 3, at) === "end") continue;
    let start = at + 6;
    if (buffer[start] === 0x0d) start++;
    if (buffer[start] !== 0x0a) continue;
    start++;
    // every stream is tried: one that is not Flate fails at zlib's two-byte header at once
    await inflateChain(
      buffer.subarray(start),
      flateLayers(buffer.toString("latin1", Math.max(0, at - DICTIONARY_WINDOW), at)),
      budget,
    );
  }
}

/**
 * How many Flate layers to undo for the dictionary just before `stream`: the most leading
 * FlateDecode filters of any /Filter in it (a decoy /Filter in a nested dictionary cannot hide the
 * real one), two when a filter is an indirect reference (not resolved here), at least one.
 */
function flateLayers(before: string): number {
  const dictionary = before.slice(before.lastIndexOf(" obj") + 1);
  let layers = 1;
  for (const [, filter] of dictionary.matchAll(
    /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+|\d+\s+\d+\s+R)/g,
  )) {
    if (/\d+\s+\d+\s+R/.test(filter!)) layers = Math.max(layers, 2);
    const names = [...filter!.matchAll(/\/([A-Za-z0-9]+)/g)].map((m) => m[1]);
    let n = 0;
    while (names[n] === "FlateDecode" || names[n] === "Fl") n++;
    layers = Math.max(layers, n);
  }
  return layers;
}

type Budget = { left: number; limit: number };

function spend(budget: Budget, bytes: number) {
  budget.left -= bytes;
  if (budget.left < 0) throw uploadRefusal.pdfInflatesTooLarge(budget.limit);
}

/** Inflates `stages` nested Flate layers of `data`, spending every layer's output from the budget. */
async function inflateChain(data: Buffer, stages: number, budget: Budget): Promise<void> {
  // pdf.js refuses a Flate stream without a valid zlib header (method 8, check bits, no preset
  // dictionary): such a stream inflates to nothing there, so nothing is spent here
  const [cmf = 0, flg = 0] = data;
  if ((cmf & 0x0f) !== 8 || ((cmf << 8) | flg) % 31 !== 0 || flg & 0x20) return;
  const small = trySync(data, stages, budget);
  if (small) return;
  await new Promise<void>((resolve, reject) => {
    const inflaters: Inflate[] = Array.from({ length: stages }, () => createInflate());
    const ended = inflaters.map(() => false);
    // layers 0..live-1 still count; an inner layer that turns out not to be Flate drops out
    let live = stages;
    let settled = false;
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      for (const z of inflaters) z.destroy();
      if (error) reject(error);
      else resolve();
    };
    inflaters.forEach((z, i) => {
      z.on("data", (chunk: Buffer) => {
        try {
          spend(budget, chunk.byteLength);
        } catch (error) {
          return settle(error);
        }
        const next = i + 1 < live ? inflaters[i + 1]! : undefined;
        // the inner layer inflates ~1000× what it is given: wait for it rather than queue input
        if (next && !next.write(chunk)) {
          z.pause();
          next.once("drain", () => z.resume());
        }
      });
      z.on("error", () => {
        // the outermost layer broke off: pdf.js keeps what it gave, which is already spent
        if (i === 0) return settle();
        // an inner layer is not Flate after all: the layer around it is what pdf.js reads
        live = Math.min(live, i);
        for (const inner of inflaters.slice(i)) inner.destroy();
        if (ended[i - 1]) settle();
        else inflaters[i - 1]!.resume();
      });
      z.on("end", () => {
        ended[i] = true;
        if (i + 1 < live) inflaters[i + 1]!.end();
        else settle();
      });
    });
    inflaters[0]!.end(data);
  });
}

/**
 * Small, intact streams in one call each (most of a real PDF); false when a layer is too large for
 * that or breaks off (pdf.js keeps what a broken stream gave: the stream path counts it as it comes).
 */
function trySync(data: Buffer, stages: number, budget: Budget): boolean {
  const outputs: Buffer[] = [];
  let input = data;
  try {
    for (let i = 0; i < stages; i++) {
      input = inflateSync(input, {
        maxOutputLength: Math.min(SYNC_INFLATE_BYTES, budget.left + 1),
      });
      outputs.push(input);
    }
  } catch {
    return false;
  }
  for (const out of outputs) spend(budget, out.byteLength);
  return true;
}
