// Body text: wrapped lines re-joined, paragraphs kept apart with "\n".
import type { Piece } from "./text-map.ts";
import { endsSentence, joinWrapped, visualWidth } from "./text.ts";

const PARAGRAPH_START = /^(?:——|—|[一二三四五六七八九十]是|第[一二三四五六七八九十]，)/u;

/**
 * A line that ends a sentence and is clearly shorter than a full line ends its paragraph;
 * so does any line followed by one that opens a list entry ("——", "一是").
 */
export const cleanBody = (pieces: readonly Piece[], width: number): string => {
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i] as Piece;
    if (current.length > 0 && PARAGRAPH_START.test(p.text)) {
      paragraphs.push(joinWrapped(current));
      current = [];
    }
    current.push(p.text);
    const next = pieces[i + 1];
    const short = visualWidth(p.text) < width * 0.85;
    if (endsSentence(p.text) && (short || !next)) {
      paragraphs.push(joinWrapped(current));
      current = [];
    }
  }
  if (current.length > 0) paragraphs.push(joinWrapped(current));
  return paragraphs.filter((p) => p !== "").join("\n");
};
