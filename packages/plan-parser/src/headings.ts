// Line-level recognisers: does this one line look like a heading, a 专栏, a caption?
// They only look at the line; the structure builder decides (numbering sequence, context).
import { parseNumeral } from "./numerals.ts";
import { cleanInline, visualWidth } from "./text.ts";

export type HeadingKind = "part" | "chapter" | "section" | "subsection" | "item";

export const LEVEL: Record<HeadingKind, number> = {
  part: 0,
  chapter: 1,
  section: 2,
  subsection: 3,
  item: 4,
};

export type HeadingMatch = {
  kind: HeadingKind;
  /** Numbering as written, normalised: "第二章", "四", "（一）", "2". */
  number: string;
  value: number;
  title: string;
  inlineBody: string;
  /** The title ran to the end of the line without punctuation: it may continue on the next line. */
  open: boolean;
};

const CN = "〇零一二两三四五六七八九十百";
const PART = new RegExp(`^第\\s*([${CN}\\d]{1,6})\\s*(部分|篇)\\s*[：:、.．]?\\s*(.*)$`, "u");
const CHAPTER = new RegExp(`^第\\s*([${CN}\\d]{1,6})\\s*章\\s*[：:、.．]?\\s*(.*)$`, "u");
const SECTION_JIE = new RegExp(`^第\\s*([${CN}\\d]{1,6})\\s*节\\s*[：:、.．]?\\s*(.*)$`, "u");
const SECTION = new RegExp(`^([${CN}]{1,4})\\s*[、．.]\\s*(.*)$`, "u");
const SUBSECTION = new RegExp(`^[（(]\\s*([${CN}]{1,4})\\s*[）)]\\s*[、.．]?\\s*(.*)$`, "u");
// up to 3 digits: a 分工方案 numbers 100+ tasks through the document
const ITEM = /^(\d{1,3})\s*[.．、](?![\d.．])\s*(.*)$/u;

const TITLE_BREAK = /[。：:；;！？!?]/u;
const MAX_TITLE_WIDTH = 45;

/**
 * The first title break that is not inside brackets: in `压缩审批时限（牵头单位：县住建局）。` the
 * colon belongs to the annotation, not to the title.
 */
const breakOutsideBrackets = (text: string): number => {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === "（" || ch === "(") depth++;
    else if ((ch === "）" || ch === ")") && depth > 0) depth--;
    else if (depth === 0 && TITLE_BREAK.test(ch)) return i;
  }
  return -1;
};

const commaOutsideBrackets = (text: string): number => {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === "（" || ch === "(") depth++;
    else if ((ch === "）" || ch === ")") && depth > 0) depth--;
    else if (depth === 0 && (ch === "，" || ch === ",")) return i;
  }
  return -1;
};

const ANNOTATION =
  /牵头|牽頭|责任单位|責任單位|配合单位|配合單位|负责|負責|主责|完成时限|完成時限/u;

/** Where a bracket group at the end of the text that names units starts (`…（牵头单位：…）。`), else -1. */
const trailingAnnotation = (text: string): number => {
  let end = text.length;
  while (end > 0 && /[。；;\s]/u.test(text[end - 1] as string)) end--;
  const close = text[end - 1];
  if (close !== "）" && close !== ")") return unclosedAnnotation(text);
  let depth = 0;
  for (let i = end - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === "）" || ch === ")") depth++;
    else if (ch === "（" || ch === "(") {
      depth--;
      if (depth === 0) return ANNOTATION.test(text.slice(i, end)) ? i : -1;
    }
  }
  return -1;
};

/** `1.推行一网通办（牵头单位：县科技局，` with the bracket closing on the next line. */
const unclosedAnnotation = (text: string): number => {
  const opens: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "（" || ch === "(") opens.push(i);
    else if ((ch === "）" || ch === ")") && opens.length > 0) opens.pop();
  }
  const at = opens[0];
  return at !== undefined && ANNOTATION.test(text.slice(at)) ? at : -1;
};

type Split = { title: string; inlineBody: string; open: boolean } | null;

/** Separate a heading's title from text that follows it on the same line ("1.数字乡村。开展…"). */
const splitTitle = (rest: string, allowClauseCut: boolean): Split => {
  const text = cleanInline(rest);
  if (text === "") return null;
  // "2.压缩审批时限（牵头单位：县住建局）。": the annotation is the item's body, not its title
  const g = trailingAnnotation(text);
  if (g > 0) {
    const split = splitTitle(text.slice(0, g), allowClauseCut);
    if (split)
      return {
        title: split.title,
        inlineBody: `${split.inlineBody}${text.slice(g)}`,
        open: false,
      };
  }
  if (/^[，。、；：,.;:）)》”\d]/u.test(text)) return null;
  if (new RegExp(`^[${CN}]{1,3}[、，]`, "u").test(text)) return null;
  const at = breakOutsideBrackets(text);
  if (at >= 0) {
    const title = text.slice(0, at).trim();
    const inlineBody = text.slice(at + 1).trim();
    if (title === "") return null;
    if (visualWidth(title) <= MAX_TITLE_WIDTH) return { title, inlineBody, open: false };
    if (!allowClauseCut) return null;
  } else {
    if (/[，,、]$/u.test(text)) return null;
    if (visualWidth(text) <= MAX_TITLE_WIDTH) return { title: text, inlineBody: "", open: true };
    if (!allowClauseCut) return null;
  }
  const comma = commaOutsideBrackets(text);
  if (comma <= 0 || visualWidth(text.slice(0, comma)) > 40) return null;
  return { title: text.slice(0, comma), inlineBody: text.slice(comma + 1), open: false };
};

const build = (
  kind: HeadingKind,
  number: string,
  numeral: string,
  rest: string,
): HeadingMatch | null => {
  const value = parseNumeral(numeral);
  if (value === null || value <= 0) return null;
  const split = splitTitle(rest, kind === "item" || kind === "subsection");
  if (!split) return null;
  return { kind, number, value, ...split };
};

export const matchHeading = (text: string): HeadingMatch | null => {
  if (text.length > 400) return null;
  let m = PART.exec(text);
  if (m)
    return (
      build("part", `第${m[1]}${m[2]}`, m[1] ?? "", m[3] ?? "") ??
      bareTitle("part", `第${m[1]}${m[2]}`, m[1] ?? "", m[3] ?? "")
    );
  m = CHAPTER.exec(text);
  if (m)
    return (
      build("chapter", `第${m[1]}章`, m[1] ?? "", m[2] ?? "") ??
      bareTitle("chapter", `第${m[1]}章`, m[1] ?? "", m[2] ?? "")
    );
  m = SECTION_JIE.exec(text);
  if (m)
    return (
      build("section", `第${m[1]}节`, m[1] ?? "", m[2] ?? "") ??
      bareTitle("section", `第${m[1]}节`, m[1] ?? "", m[2] ?? "")
    );
  m = SECTION.exec(text);
  if (m) return build("section", m[1] ?? "", m[1] ?? "", m[2] ?? "");
  m = SUBSECTION.exec(text);
  if (m) return build("subsection", `（${m[1]}）`, m[1] ?? "", m[2] ?? "");
  m = ITEM.exec(text);
  if (m) return build("item", m[1] ?? "", m[1] ?? "", m[2] ?? "");
  return null;
};

/** "第三章" alone on a line is still a chapter; its title may follow on the next line. */
const bareTitle = (
  kind: HeadingKind,
  number: string,
  numeral: string,
  rest: string,
): HeadingMatch | null => {
  const value = parseNumeral(numeral);
  if (value === null || value <= 0 || cleanInline(rest) !== "") return null;
  return { kind, number, value, title: "", inlineBody: "", open: true };
};

export type BoxMatch = { number: string | null; title: string; inlineBody: string };

const BOX =
  /^专栏\s*([0-9０-９]{1,3}(?:\s*[-－—–.．]\s*[0-9０-９]{1,3})?|[一二三四五六七八九十]{1,3})?\s*([：:、.．]?)\s*(.*)$/u;

const toAscii = (s: string): string =>
  s.replace(/[０-９]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

export const matchBox = (text: string): BoxMatch | null => {
  if (!text.startsWith("专栏") || text.length > 200) return null;
  const m = BOX.exec(text);
  if (!m) return null;
  const number = m[1]
    ? toAscii(m[1])
        .replace(/\s+/gu, "")
        .replace(/[－—–.．]/gu, "-")
    : null;
  const rest = cleanInline(m[3] ?? "");
  if (number === null && m[2] === "" && rest !== "") return null;
  const brk = rest.search(/[。；;]/u);
  const title = (brk >= 0 ? rest.slice(0, brk) : rest).trim();
  const inlineBody = brk >= 0 ? rest.slice(brk + 1).trim() : "";
  if (visualWidth(title) > 50) return null;
  return { number, title, inlineBody };
};

export const isPrefaceHeading = (text: string): boolean =>
  /^(?:前\s*言|序\s*言|引\s*言|序)$/u.test(text);

const CAPTION_NUMBER =
  "[0-9０-９一二三四五六七八九十]{1,3}(?:\\s*[-－.．]\\s*[0-9０-９]{1,3}){0,2}";
const TABLE_CAPTION = new RegExp(`^(?:附)?表\\s*(${CAPTION_NUMBER})\\s*[：:、]?\\s*(.*)$`, "u");
const FIGURE_CAPTION = new RegExp(`^(?:附)?图\\s*(${CAPTION_NUMBER})\\s*[：:、]?\\s*(.*)$`, "u");

const caption = (re: RegExp, text: string): string | null => {
  if (text.length > 80 || /[。；;]/u.test(text)) return null;
  const m = re.exec(text);
  if (!m || /^[年月日个项家亿万元%]/u.test(m[2] ?? "")) return null;
  return cleanInline(text);
};

export const matchTableCaption = (text: string): string | null => caption(TABLE_CAPTION, text);
export const matchFigureCaption = (text: string): string | null => caption(FIGURE_CAPTION, text);

/** How a heading reads in messages: "四、主要任务", "（一）发展基础", "1.酒", "第二章 …". */
export const headingLabel = (kind: HeadingKind, number: string, title: string): string => {
  if (kind === "item") return `${number}.${title}`;
  if (kind === "section" && !number.startsWith("第")) return `${number}、${title}`;
  if (kind === "subsection") return `${number}${title}`;
  return `${number} ${title}`;
};
