// Figures do not survive text extraction: their caption stays, and the words drawn inside
// the figure land between prose lines as short fragments. Find both so they stay out of bodies.
import { matchBox, matchFigureCaption, matchHeading } from "./headings.ts";
import { isPageNumber, type SourceLine } from "./lines.ts";
import { endsSentence, hasPunctuation } from "./text.ts";

export type FigureLines = { caption: string; line: number; indexes: number[] };

const WINDOW = 12;

const labelLike = (l: SourceLine | undefined): boolean =>
  l !== undefined &&
  l.width <= 10 &&
  !hasPunctuation(l.text) &&
  !/[。！？]/u.test(l.text) &&
  !isPageNumber(l.text) &&
  !matchHeading(l.text) &&
  !matchBox(l.text);

export const findFigureLines = (lines: readonly SourceLine[]): FigureLines[] => {
  const out: FigureLines[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as SourceLine;
    if (!line.text.startsWith("图") && !line.text.startsWith("附图")) continue;
    const caption = matchFigureCaption(line.text);
    if (!caption) continue;
    const indexes = [i];
    collect(lines, i, 1, indexes);
    collect(lines, i, -1, indexes);
    indexes.sort((a, b) => a - b);
    out.push({ caption, line: line.no, indexes });
  }
  return out;
};

/** Label-like lines near the caption that sit where a sentence is still running, or next to each other. */
const collect = (lines: readonly SourceLine[], at: number, step: 1 | -1, into: number[]): void => {
  let lastProse: SourceLine | undefined;
  let previousWasLabel = true;
  for (let k = 1; k <= WINDOW; k++) {
    const j = at + k * step;
    const l = lines[j];
    if (!l) return;
    if (labelLike(l)) {
      const midSentence = lastProse !== undefined && !endsSentence(lastProse.text);
      if (previousWasLabel || midSentence) {
        into.push(j);
        previousWasLabel = true;
        continue;
      }
    }
    previousWasLabel = false;
    if (step === 1) lastProse = l;
    else return;
  }
};
