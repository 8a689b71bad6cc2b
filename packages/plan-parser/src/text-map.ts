// Joined text that still knows which source line each character came from.
import { joinWrapped } from "./text.ts";

export type Piece = { text: string; no: number };

export type MappedText = { text: string; starts: number[]; lines: number[] };

export const mapPieces = (pieces: readonly Piece[]): MappedText => {
  const chunks: string[] = [];
  const starts: number[] = [];
  const lines: number[] = [];
  let length = 0;
  let last = "";
  for (const p of pieces) {
    const addition =
      last === "" ? joinWrapped([p.text]) : joinWrapped([last, p.text]).slice(last.length);
    if (addition === "") continue;
    starts.push(length);
    lines.push(p.no);
    chunks.push(addition);
    length += addition.length;
    last = addition.slice(-1);
  }
  return { text: chunks.join(""), starts, lines };
};

/** Source line of the character at offset (binary search over piece starts). */
export const lineAt = (m: MappedText, offset: number): number => {
  let lo = 0;
  let hi = m.starts.length - 1;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((m.starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return m.lines[lo] ?? 0;
};
