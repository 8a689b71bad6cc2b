// Repairs for paragraphs that text extraction put in the wrong place.
import type { Drafts, NodeDraft } from "./drafts.ts";
import { headingLabel } from "./headings.ts";
import type { Piece } from "./text-map.ts";
import { endsSentence, endsWithPunctuation, visualWidth } from "./text.ts";

/** The nearest earlier heading that has no children, no 专栏 and no text: where lost text belongs. */
export const previousEmptyLeaf = (d: Drafts, node: NodeDraft): NodeDraft | null => {
  const idx = d.nodes.indexOf(node);
  for (let k = idx - 1; k >= 0 && k >= idx - 4; k--) {
    const cand = d.nodes[k] as NodeDraft;
    if (
      cand.children.length === 0 &&
      cand.boxes.length === 0 &&
      cand.body.length === 0 &&
      !isAncestor(cand, node)
    )
      return cand;
  }
  return null;
};

const isAncestor = (a: NodeDraft, n: NodeDraft): boolean => {
  for (let p = n.parent; p; p = p.parent) if (p === a) return true;
  return false;
};

/**
 * A sentence cut at one line and finished by a tiny paragraph later ("…抓好各项任务的" … "落实。"),
 * with complete paragraphs in between, means those paragraphs were pasted into the middle of it.
 * They are moved only when an empty heading just before shows where they came from; the block
 * starts at the first line that echoes that heading's title (a paragraph usually restates it).
 */
export const moveInterleavedParagraphs = (d: Drafts): void => {
  for (const node of d.nodes) {
    const body = node.body;
    if (body.length < 4) continue;
    const j = findTail(body);
    if (j < 0) continue;
    const target = previousEmptyLeaf(d, node);
    if (!target) continue;
    const titleGrams = new Set(bigrams(target.title));
    const needed = Math.max(2, Math.ceil(titleGrams.size * 0.3));
    let best = -1;
    for (let i = Math.max(0, j - 40); i <= j - 3 && best < 0; i++) {
      const cut = body[i] as Piece;
      if (endsWithPunctuation(cut.text) || visualWidth(cut.text) < d.typicalWidth * 0.8) continue;
      const score = new Set(bigrams((body[i + 1] as Piece).text).filter((g) => titleGrams.has(g)))
        .size;
      if (score >= needed) best = i;
    }
    if (best < 0) continue;
    const block = body.splice(best + 1, j - best - 1);
    target.body.push(...block);
    d.warnings.push({
      code: "PARAGRAPH_MOVED",
      message: `第 ${block[0]?.no}–${block[block.length - 1]?.no} 行的段落插在“${headingLabel(node.kind, node.number, node.title)}”的一句话中间，已归入前面无正文的标题“${headingLabel(target.kind, target.number, target.title)}”`,
      line: block[0]?.no,
    });
  }
};

const findTail = (body: readonly Piece[]): number => {
  for (let j = 3; j < body.length; j++) {
    const tail = body[j] as Piece;
    const before = body[j - 1] as Piece;
    if (visualWidth(tail.text) <= 8 && endsSentence(tail.text) && endsSentence(before.text))
      return j;
  }
  return -1;
};

const bigrams = (text: string): string[] => {
  const out: string[] = [];
  for (const run of text.match(/[\u4e00-\u9fff]+/gu) ?? [])
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  return out;
};

export const warnEmptyLeaves = (d: Drafts): void => {
  for (const node of d.nodes) {
    if (
      node.children.length === 0 &&
      node.boxes.length === 0 &&
      node.body.length === 0 &&
      !d.indicators.some((t) => t.node === node)
    ) {
      d.warnings.push({
        code: "EMPTY_NODE",
        message: `标题“${headingLabel(node.kind, node.number, node.title)}”下没有正文`,
        line: node.line,
      });
    }
  }
};
