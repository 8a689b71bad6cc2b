// The page of an official document, GB/T 9704-2012 党政机关公文格式 (§5.2 页面与版面, §7.2–7.5).
// All lengths in twips (1/20 pt) unless a name says otherwise.

/** twips per millimetre */
export const MM = 1440 / 25.4;

/** §5.2.1 A4 纸 210 mm × 297 mm */
export const PAGE = { width: Math.round(210 * MM), height: Math.round(297 * MM) };

/**
 * §5.2.2 天头（上白边）37 mm, 订口（左白边）28 mm, 版心 156 mm × 225 mm — which leaves 35 mm at the
 * foot and 26 mm on the right. The footer is set so that the page number's 一字线 sits about 7 mm
 * under the type area (§7.5: 一字线上距版心下边缘 7 mm): 35 − 7 − one 4号 line ≈ 23 mm.
 */
export const MARGIN = {
  top: Math.round(37 * MM),
  left: Math.round(28 * MM),
  bottom: Math.round(35 * MM),
  right: Math.round(26 * MM),
  footer: Math.round(23 * MM),
  header: Math.round(15 * MM),
};

/** the type area (版心) in twips */
export const TYPE_AREA = {
  width: PAGE.width - MARGIN.left - MARGIN.right,
  height: PAGE.height - MARGIN.top - MARGIN.bottom,
};

/** §5.2.3 / §7.3: 22 lines of 28 characters of 3号 (16 pt) 仿宋 */
export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;

/** font sizes in half-points (docx `size`): 2号 22 pt, 3号 16 pt, 4号 14 pt */
export const SIZE = { title: 44, body: 32, small: 28 } as const;

/** the line pitch that gives 22 lines in the 225 mm type area (≈ 28.95 pt) */
export const LINE_PITCH = Math.floor(TYPE_AREA.height / LINES_PER_PAGE);
/** the character pitch that gives 28 characters in the 156 mm type area (≈ 15.8 pt) */
export const CHAR_PITCH = TYPE_AREA.width / CHARS_PER_LINE;

/**
 * The 28 characters per line come from the characters' own spacing, −0.25 pt per 3号 character
 * (w:spacing in twips): 28 × 15.75 pt = 441 pt fits the 442.2 pt line. A `linesAndChars` grid would
 * do it in Word, but LibreOffice gives a 16 pt character two cells of a 15.8 pt grid (14 characters
 * a line), so the grid is `lines` only (22 lines of LINE_PITCH) and the tracking does the rest.
 */
export const BODY_TRACKING = -5;

/**
 * w:docGrid charSpace (kept on the grid for Word's 文档网格 dialog; a `lines` grid does not apply it): (wanted character pitch − the Normal font's size) × 4096, in points
 * (ECMA-376 §17.6.5): 28 characters of 16 pt need a pitch a little under 16 pt, so it is negative.
 */
export const GRID_CHAR_SPACE = Math.round((CHAR_PITCH / 20 - SIZE.body / 2) * 4096);

/** the font names Word and LibreOffice match installed fonts by (a machine without them substitutes) */
export const FONT = {
  body: "仿宋_GB2312",
  title: "方正小标宋简体",
  heading: "黑体",
  kai: "楷体_GB2312",
  /** §7.5 页码 一般用 4 号半角宋体阿拉伯数字 */
  pageNumber: "宋体",
  latin: "Times New Roman",
};

const CJK =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u2014\u201c\u201d\u2018\u2019\u00b7]/;

/**
 * Display width of a text in characters (ems) of its font size: CJK and full-width forms count 1;
 * Latin text is set in Times New Roman, where digits and most lower-case letters are ½ em, but
 * capitals and `&` `%` `m` `w` about ¾ and `.` `,` `i` `l` a quarter — the table widths and the
 * title's balance use these, so `R&D 经费支出` is measured at 6.4, not 5.5.
 */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    if (CJK.test(ch)) w += 1;
    else if (/[A-Z&%@mwMW]/.test(ch)) w += 0.75;
    else if (/[ .,:;'!|ijlt()[\]/-]/.test(ch)) w += 0.3;
    else w += 0.5;
  }
  return w;
}

/** characters a title line of 2号 holds in the type area (156 mm / 22 pt ≈ 20) */
const TITLE_LINE = Math.floor(TYPE_AREA.width / (SIZE.title * 10));
/** a line may not start with these (closing punctuation) nor end with the openers */
const NO_START = /^[，。、；：！？）》」』”’%)\]]/;
const NO_END = /[（《「『“‘([]$/;

/** words a title line may end with (词意完整): a plan or document kind, a function word */
const WORD_END =
  /(规划|计划|方案|要点|纲要|意见|通知|通报|报告|办法|关于|的|和|及|与|年|年度|县|市|区|省|局)$/;

/**
 * How much worse a title break is than one at a word's end: none after a word of WORD_END or
 * between Chinese and a number, a little after a closing quote or bracket, much inside a word.
 */
function breakPenalty(head: string, tail: string): number {
  if (WORD_END.test(head) || (/\D$/.test(head) && /^\d/.test(tail))) return 0;
  if (/[”》）」』]$/.test(head)) return 0.5;
  return 4;
}

/**
 * §7.3.1 标题: a long title breaks into lines "词意完整，排列对称，长短适宜" (a trapezoid or diamond).
 * Splits into the fewest lines of at most ~20 characters of 2号, each about as long as the others,
 * preferring a break at a word's end (breakPenalty: after 规划 / 报告 / 关于…, before a number)
 * within a few characters of the balanced point, never inside a Latin word or number, never
 * before closing punctuation or after an opener.
 * Returns the lines (one element when the title fits on one line).
 */
export function titleLines(title: string, perLine = TITLE_LINE): string[] {
  const chars = [...title];
  const total = textWidth(title);
  if (total <= perLine) return [title];
  const n = Math.ceil(total / perLine);
  const lines: string[] = [];
  let rest = chars;
  for (let i = n; i > 1; i--) {
    const goal = textWidth(rest.join("")) / i;
    // candidate break points near the goal; score by distance and legality
    let best = -1;
    let bestScore = Infinity;
    let acc = 0;
    for (let k = 1; k < rest.length; k++) {
      acc += textWidth(rest[k - 1]!);
      if (acc > perLine) break;
      const head = rest.slice(0, k).join("");
      const tail = rest.slice(k).join("");
      const splitsWord = /[A-Za-z0-9.]$/.test(head) && /^[A-Za-z0-9.]/.test(tail);
      if (NO_START.test(tail) || NO_END.test(head) || splitsWord) continue;
      const score = Math.abs(acc - goal) + breakPenalty(head, tail);
      if (score < bestScore) [best, bestScore] = [k, score];
    }
    if (best < 0) best = Math.min(rest.length - 1, perLine);
    lines.push(rest.slice(0, best).join(""));
    rest = rest.slice(best);
  }
  lines.push(rest.join(""));
  return lines;
}

/**
 * §7.3.5.2 (不加盖印章的公文): the 发文机关署名 is set right with two characters to spare, the 成文日期
 * on the next line starts two characters right of the signature's first character; when the date
 * is longer, the date keeps the two characters to spare and the signature moves left instead.
 * Each line is placed by the edge that does not depend on a width we can only estimate: the date's
 * digits are half-width and renderers add a little space between digits and CJK characters
 * (autospace), so in the usual case the date is placed by its left edge from the signature's,
 * whose width (CJK only) is exact. Returns indents in characters of 3号 from the left (`left`) or
 * the right (`right`) of the type area.
 */
export function signatureIndents(
  issuer: string,
  date: string,
): { issuer: { left?: number; right?: number }; date: { left?: number; right?: number } } {
  const wi = textWidth(issuer);
  // each change between digits and CJK gets about a quarter of a character (autospace)
  const wd = textWidth(date) + 0.25 * (date.match(/\d(?=\D)|\D(?=\d)/g)?.length ?? 0);
  if (wi - wd >= 2) return { issuer: { right: 2 }, date: { left: CHARS_PER_LINE - wi } };
  return { issuer: { left: CHARS_PER_LINE - 4 - wd }, date: { right: 2 } };
}
