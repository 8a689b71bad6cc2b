// Body text: wrapped lines re-joined, paragraphs kept apart with "\n".
import { unitNameCut } from "./responsibility.ts";
import type { Piece } from "./text-map.ts";
import { endsSentence, joinWrapped, visualWidth } from "./text.ts";

const DEADLINE_LABEL = /^(?:完成时|完成時|时间节点|時間節點)/u;
const PARAGRAPH_START = /^(?:——|—|[一二三四五六七八九十]是|第[一二三四五六七八九十]，)/u;
/** `牵头单位：…` / `完成时限：…` on its own line (分工方案): a paragraph of its own, never joined. */
const LABEL_LINE =
  /^(?:牵头|牽頭|主责|责任|責任|配合|协同|協同|参与|參與|完成时|完成時|时间节点|時間節點|责任领导|責任領導)[\u4e00-\u9fff]{0,4}\s*[：:]/u;

/**
 * A line that ends a sentence and is clearly shorter than a full line ends its paragraph;
 * so does any line followed by one that opens a list entry ("——", "一是").
 */
export const cleanBody = (pieces: readonly Piece[], width: number): string => {
  const paragraphs: string[] = [];
  let current: string[] = [];
  // brackets left open by the current paragraph: `（牵头单位：县科技局，` + `配合单位：县财政局）` is one
  let open = 0;
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i] as Piece;
    const label = LABEL_LINE.test(p.text) && open === 0;
    if (current.length > 0 && (label || PARAGRAPH_START.test(p.text))) {
      paragraphs.push(joinWrapped(current));
      current = [];
      open = 0;
    }
    current.push(p.text);
    open = Math.max(0, open + bracketBalance(p.text));
    const next = pieces[i + 1];
    const short = visualWidth(p.text) < width * 0.85;
    // a label line ending in 、/， wraps onto the next line (`配合单位：县工信局、` + `县财政局`)
    // or inside a unit's name (`配合单位：县财政局、县自然资` + `源局、县水利局`)
    const wraps =
      label &&
      (/[、，,；;：:]$/u.test(p.text) ||
        (!DEADLINE_LABEL.test(p.text) && unitNameCut(p.text, next?.text)));
    if ((label && !wraps) || (endsSentence(p.text) && (short || !next))) {
      paragraphs.push(joinWrapped(current));
      current = [];
      open = 0;
    }
  }
  if (current.length > 0) paragraphs.push(joinWrapped(current));
  return paragraphs.filter((p) => p !== "").join("\n");
};

const bracketBalance = (text: string): number => {
  let n = 0;
  for (const ch of text) {
    if (ch === "（" || ch === "(") n++;
    else if (ch === "）" || ch === ")") n--;
  }
  return n;
};
