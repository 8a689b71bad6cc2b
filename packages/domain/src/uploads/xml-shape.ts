import { SaxesParser } from "saxes";

import type { DomainError } from "../errors.ts";
import type { XmlLimits } from "./limits.ts";
import { uploadRefusal } from "./refusals.ts";

/** Elements seen so far over all XML parts of one file: the parsers build them all. */
export type ElementBudget = { elements: number };

/**
 * Follows one XML part chunk by chunk (as it is inflated) with saxes, keeping only counters:
 * nesting depth, start tags against the file's shared budget, and any DOCTYPE (OOXML never has
 * one; refusing it keeps entity expansion out). Malformed XML is refused too, so that no lenient
 * parser downstream reads a different tree than the one counted here.
 * `write` and `end` return the refusal (a DomainError) instead of throwing, so the caller can stop
 * its inflate stream first.
 */
export class XmlShapeScanner {
  private readonly parser = new SaxesParser({ position: false });
  private readonly decoder = new TextDecoder("utf-8");
  private depth = 0;
  private refusal: DomainError | null = null;

  constructor(
    private readonly limits: XmlLimits,
    private readonly budget: ElementBudget,
    private readonly partName: string,
  ) {
    this.parser.on("opentagstart", () => {
      this.budget.elements++;
      if (++this.depth > this.limits.maxDepth)
        this.refuse(uploadRefusal.xmlTooDeep(this.limits.maxDepth));
      else if (this.budget.elements > this.limits.maxElements)
        this.refuse(uploadRefusal.xmlTooManyElements(this.limits.maxElements));
    });
    this.parser.on("closetag", () => {
      this.depth--;
    });
    this.parser.on("doctype", () => this.refuse(uploadRefusal.xmlDoctype()));
  }

  private refuse(error: DomainError) {
    this.refusal ??= error;
    // saxes has no abort: an exception leaves write() at once; write() catches it below
    throw error;
  }

  /** the refusal, or null to go on */
  write(chunk: Uint8Array): DomainError | null {
    return this.run(() => this.parser.write(this.decoder.decode(chunk, { stream: true })));
  }

  /** the refusal, or null: the part was well-formed and within the limits */
  end(): DomainError | null {
    return this.run(() => {
      this.parser.write(this.decoder.decode());
      this.parser.close();
    });
  }

  private run(step: () => unknown): DomainError | null {
    if (this.refusal) return this.refusal;
    try {
      step();
    } catch (error) {
      if (this.refusal) return this.refusal;
      const detail =
        error instanceof Error ? error.message.split("\n")[0]!.slice(0, 120) : String(error);
      this.refusal = uploadRefusal.corrupt("文件", `XML 格式错误 ${this.partName}: ${detail}`);
    }
    return this.refusal;
  }
}

const BLANK = new Set([0x20, 0x0a, 0x0d, 0x09]);
const isBom = (bytes: Uint8Array, i: number) =>
  bytes[i] === 0xef && bytes[i + 1] === 0xbb && bytes[i + 2] === 0xbf;

/** Index of the first byte that is neither blank nor part of a UTF-8 BOM, or -1. */
export function firstSignificantByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    if (isBom(bytes, i)) i += 2;
    else if (!BLANK.has(bytes[i]!)) return i;
  }
  return -1;
}

/** Whether content starting at its first significant byte is markup: then it is scanned as XML. */
export const looksLikeXml = (fromSignificant: Uint8Array) => fromSignificant[0] === 0x3c;
