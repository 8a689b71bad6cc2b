// The top of a document: what stands before its text (web page chrome, 文号, the 印发通知 that
// forwards it, a cover) and its own title, possibly broken over two or three lines.
import { isPrefaceHeading, matchHeading } from "./headings.ts";
import { isPageNumber, type SourceLine } from "./lines.ts";
import {
  compact,
  forwardedTitle,
  isAddressee,
  isAttachmentLine,
  isDateLine,
  isDocNumber,
  isIssuer,
  isNavigation,
  isNoteLine,
  isRedHead,
  metadataTitle,
  trailingChromeCount,
} from "./page-chrome.ts";
import { cleanInline, endsSentence } from "./text.ts";
import type { ParseWarning } from "./types.ts";

/** The kinds of document a title may name (issue #16): a plan, a division document, rules. */
const DOC_END =
  /(?:规划|纲要|方案|意见|要点|计划|办法|细则|措施|清单|分工|分工表)(?:[（(](?:试行|暂行|修订|修订稿|征求意见稿|送审稿|讨论稿|草案|\d{4}年(?:版|修订)?|\d{4}年?[—\-–－~～至到]+\d{4}年?)[）)])?$/u;
const PERIOD_LINE = /^[（(](?:19|20)\d{2}年?[—\-–－~～至到]+(?:19|20)\d{2}年?[）)]$/u;
const SUFFIX_LINE = /^[（(](?:试行|暂行|修订|修订稿)[）)]$/u;
/** Prose starts like this; a title never does. */
const PROSE_START = /^(?:根据|按照|依据|为了|为|围绕|近年来|当前|现将)/u;
/** A table-of-contents entry: dot leaders then a page number (`第一章 总体要求 ……… 1`). */
const CONTENTS_ENTRY = /^.{2,80}?(?:[.．·•・…⋯]{2,}|…|[-—_]{3,})\s*\d{1,3}$/u;
/** The notice and the page chrome sit within the first lines; beyond them a title is not looked for. */
const MAX_HEADER = 80;

type SkipKind = "nav" | "docNumber" | "notice" | "cover" | "title";

const KIND_LABEL: Record<Exclude<SkipKind, "title">, string> = {
  nav: "网页导航或信息公开栏目",
  docNumber: "文号",
  notice: "印发通知",
  cover: "封面或发文机关",
};

export type TitleBlock = {
  /** the document's own title, or null */
  title: string | null;
  /** the 发文机关 named before the document (`西丰县人民政府办公室`), for the jurisdiction */
  issuer: string | null;
  /** indexes into the source lines that are not document text: chrome, notice, title lines */
  lineIndexes: number[];
  /** HEADER_SKIPPED / FOOTER_SKIPPED naming the lines set aside */
  warnings: ParseWarning[];
} | null;

/**
 * Reads the top of the document. Skips page navigation (`首页 > 政务公开 > …`, `来源：…
 * 发布时间：…`, `字号：大 中 小`), 文号 (`X府办发〔2023〕2号`), a 红头 line, the 印发通知 (its
 * title, addressee, body, issuer and date) and a cover; then takes the title: a short line ending
 * with 规划/纲要/方案/意见/要点/计划/办法 (with up to two lines before it it was broken from,
 * and a `（2021—2025年）` or `（试行）` line after it). A notice `关于印发《X》的通知` makes X the
 * title when the document's own title line is missing. Page chrome at the very end
 * (`打印本页 关闭窗口`) is skipped too. Returns null when nothing was found; never throws.
 */
export const findTitleBlock = (lines: readonly SourceLine[]): TitleBlock => {
  const kinds = new Map<number, SkipKind>();
  const candidates: number[] = [];
  let forwarded: string | null = null;
  let pageTitle: string | null = null;
  let issuer: string | null = null;
  let noticeEnd = -1;

  let inContents = false;
  for (let i = 0; i < lines.length && i < MAX_HEADER; i++) {
    const line = lines[i] as SourceLine;
    // a long line is prose (or a whole document on one line): the top has ended
    if (line.text.length > 200) break;
    const c = compact(line.text);
    // page numbers and a table of contents before the title are passed over, not taken: the
    // builder drops page numbers, and a 目录 is its own concern (a title may follow it)
    if (isPageNumber(line.text)) continue;
    if (/^(?:目录|目次)$/u.test(c)) {
      inContents = true;
      continue;
    }
    if (CONTENTS_ENTRY.test(line.text)) continue;
    if (inContents && matchHeading(line.text)) continue;
    inContents = false;
    if (matchHeading(line.text) || isPrefaceHeading(c)) break;
    const named = metadataTitle(c);
    if (named) {
      pageTitle ??= named;
      kinds.set(i, "nav");
      continue;
    }
    if (isNavigation(c)) {
      kinds.set(i, "nav");
      continue;
    }
    if (isRedHead(c)) {
      kinds.set(i, "cover");
      continue;
    }
    if (isDocNumber(c)) {
      kinds.set(i, "docNumber");
      continue;
    }
    const notice = noticeAt(lines, i);
    if (notice) {
      forwarded ??= notice.forwarded;
      issuer ??= notice.issuer;
      for (let j = i; j <= notice.end; j++) kinds.set(j, "notice");
      i = notice.end;
      noticeEnd = notice.end;
      continue;
    }
    if (isTitleLike(c)) {
      candidates.push(i);
      continue;
    }
    break;
  }

  const blocks = titleBlocks(lines, candidates);
  const chosen = chooseBlock(lines, blocks, forwarded, noticeEnd);
  let title: string | null = chosen ? blockText(lines, chosen) : null;
  if (chosen) {
    for (const i of chosen) kinds.set(i, "title");
    const titleKey = normalise(title ?? "");
    for (const i of candidates) {
      if (kinds.has(i)) continue;
      const c = compact(lines[i]?.text ?? "");
      const before = i < (chosen[0] ?? 0);
      const duplicate = blocks.some(
        (b) => b.includes(i) && normalise(blockText(lines, b)) === titleKey,
      );
      const cover = isIssuer(c) || isDateLine(c) || isNoteLine(c) || isAttachmentLine(c);
      if (before || duplicate || cover) kinds.set(i, "cover");
      if (cover && isIssuer(c)) issuer ??= c;
    }
  } else {
    title = forwarded ?? acceptPageTitle(pageTitle);
  }

  const tail = trailingChromeCount(lines);
  const headerEnd = Math.max(-1, ...kinds.keys());
  const footer: number[] = [];
  for (let i = lines.length - tail; i < lines.length; i++) if (i > headerEnd) footer.push(i);

  if (title === null && kinds.size === 0 && footer.length === 0) return null;
  const warnings: ParseWarning[] = [];
  const header = skippedMessage(lines, kinds);
  if (header) warnings.push({ code: "HEADER_SKIPPED", ...header });
  if (footer.length > 0) {
    const first = lines[footer[0] ?? 0]?.no ?? 0;
    const last = lines[footer[footer.length - 1] ?? 0]?.no ?? first;
    warnings.push({
      code: "FOOTER_SKIPPED",
      message: `${range(first, last)}（网页导航）不属于文件正文，已略过`,
      line: first,
    });
  }
  const lineIndexes = [...kinds.keys(), ...footer].sort((a, b) => a - b);
  return { title: title ? cleanInline(title) : null, issuer, lineIndexes, warnings };
};

/** A short line without sentence punctuation that does not start like prose. */
const isTitleLike = (c: string): boolean =>
  c.length >= 2 && c.length <= 50 && !/[。，；;,!！?？:：]/u.test(c) && !PROSE_START.test(c);

/** 《》 must pair up: `根据《…第十四个五年规划` is a wrapped sentence, `2023年《政府工作报告》…分工` a title. */
const isTitleEnd = (c: string): boolean =>
  DOC_END.test(c) && (c.match(/《/gu)?.length ?? 0) === (c.match(/》/gu)?.length ?? 0);

/** A line a broken title may start on: not a title of its own, not an issuer, date or label. */
const isTitleHead = (c: string): boolean =>
  c.length <= 30 &&
  !isTitleEnd(c) &&
  !isIssuer(c) &&
  !isDateLine(c) &&
  !isNoteLine(c) &&
  !isAttachmentLine(c) &&
  !PERIOD_LINE.test(c) &&
  !/^(?:目录|封面)$/u.test(c);

/** Every run of candidate lines that forms a title, as source-line indexes in order. */
const titleBlocks = (lines: readonly SourceLine[], candidates: number[]): number[][] => {
  const isCandidate = new Set(candidates);
  const used = new Set<number>();
  const blocks: number[][] = [];
  for (const k of candidates) {
    const c = compact(lines[k]?.text ?? "");
    if (used.has(k) || !isTitleEnd(c)) continue;
    const block = [k];
    // "西丰县“十四五”" + "科技创新规划", or three pieces: join back over up to two lines
    for (let p = k - 1; p >= k - 2 && isCandidate.has(p) && !used.has(p); p--) {
      if (!isTitleHead(compact(lines[p]?.text ?? ""))) break;
      block.unshift(p);
    }
    const next = k + 1;
    const nc = compact(lines[next]?.text ?? "");
    if (isCandidate.has(next) && (PERIOD_LINE.test(nc) || SUFFIX_LINE.test(nc))) block.push(next);
    for (const i of block) used.add(i);
    blocks.push(block);
  }
  return blocks;
};

/**
 * With a forwarding notice, the block naming the forwarded document (its own title line wins over
 * the notice's wording), else the first block after the notice; otherwise the first block.
 */
const chooseBlock = (
  lines: readonly SourceLine[],
  blocks: number[][],
  forwarded: string | null,
  noticeEnd: number,
): number[] | null => {
  if (forwarded) {
    const key = normalise(forwarded);
    const same = blocks.find((b) => {
      const text = normalise(blockText(lines, b));
      return text === key || text.includes(key) || key.includes(text);
    });
    if (same) return same;
  }
  return blocks.find((b) => (b[0] ?? 0) > noticeEnd) ?? blocks[0] ?? null;
};

const blockText = (lines: readonly SourceLine[], block: number[]): string =>
  cleanInline(block.map((i) => lines[i]?.text ?? "").join(""));

/** For comparing titles: no spaces, quotes, or period in brackets. */
const normalise = (title: string): string =>
  compact(title)
    .replace(/[“”"‘’'《》]/gu, "")
    .replace(/[（(][^）)]*[）)]$/u, "");

/** The page's `标题：` field, when it names a document rather than, say, a news item. */
const acceptPageTitle = (named: string | null): string | null => {
  if (!named) return null;
  const forwardedName = forwardedTitle(named);
  if (forwardedName) return forwardedName;
  return isTitleEnd(named) ? named : null;
};

type Notice = { end: number; forwarded: string; issuer: string | null };

/**
 * A 印发/转发 notice starting at line `i`: its title over one to three lines (an issuer may lead:
 * `西丰县人民政府办公室` + `关于印发《…》的通知`), then its addressee, body, attachment list,
 * issuer and date. The date line closes the notice; without one, the notice ends after the
 * paragraph that begins 现将/经… and any issuer, note or attachment lines after it.
 */
const noticeAt = (lines: readonly SourceLine[], i: number): Notice | null => {
  let joined = "";
  for (let k = 0; k < 3 && i + k < lines.length; k++) {
    const c = compact(lines[i + k]?.text ?? "");
    if (/[。；]/u.test(c) || matchHeading(lines[i + k]?.text ?? "")) return null;
    joined += c;
    const forwarded = forwardedTitle(joined);
    if (!forwarded) continue;
    const at = joined.search(/(?:关于)?(?:印发|转发|下发|颁发)/u);
    const prefix = joined.slice(0, Math.max(0, at));
    if (prefix !== "" && !isIssuer(prefix)) return null;
    return { end: noticeEnd(lines, i + k), forwarded, issuer: prefix === "" ? null : prefix };
  }
  return null;
};

const noticeEnd = (lines: readonly SourceLine[], titleEnd: number): number => {
  const limit = Math.min(lines.length, titleEnd + 40);
  for (let j = titleEnd + 1; j < limit; j++) {
    const text = lines[j]?.text ?? "";
    const c = compact(text);
    if (matchHeading(text) || isPrefaceHeading(c)) break;
    if (isTitleLike(c) && isTitleEnd(c) && !isAttachmentLine(c)) break;
    if (!isDateLine(c)) continue;
    let end = j;
    while (end + 1 < lines.length) {
      const after = compact(lines[end + 1]?.text ?? "");
      if (!isNoteLine(after) && !/^附件\d*[:：]?$/u.test(after)) break;
      end++;
    }
    return end;
  }
  let j = titleEnd + 1;
  while (j < lines.length) {
    const text = lines[j]?.text ?? "";
    const c = compact(text);
    if (
      isAddressee(c) ||
      isIssuer(c) ||
      isNoteLine(c) ||
      isAttachmentLine(c) ||
      isDocNumber(c) ||
      isNavigation(c)
    ) {
      j++;
      continue;
    }
    if (!/^(?:现将|经|请|望|执行中|实施中)/u.test(c)) break;
    while (j < lines.length && !endsSentence(lines[j]?.text ?? "")) j++;
    j++;
  }
  return Math.min(j, lines.length) - 1;
};

const range = (first: number, last: number): string =>
  first === last ? `第 ${first} 行` : `第 ${first}–${last} 行`;

/** `第 1–3 行（网页导航）、第 4 行（文号）…不属于文件正文，已略过`, or null when only the title was set aside. */
const skippedMessage = (
  lines: readonly SourceLine[],
  kinds: Map<number, SkipKind>,
): { message: string; line: number } | null => {
  const runs: { kind: SkipKind; first: number; last: number; index: number }[] = [];
  for (const i of [...kinds.keys()].sort((a, b) => a - b)) {
    const kind = kinds.get(i) as SkipKind;
    if (kind === "title") continue;
    const no = lines[i]?.no ?? 0;
    const prev = runs[runs.length - 1];
    // one run per kind and unbroken stretch of lines (blank lines do not break it)
    if (prev && prev.kind === kind && prev.index === i - 1) {
      prev.last = no;
      prev.index = i;
    } else runs.push({ kind, first: no, last: no, index: i });
  }
  if (runs.length === 0) return null;
  const parts = runs.map(
    (r) => `${range(r.first, r.last)}（${KIND_LABEL[r.kind as Exclude<SkipKind, "title">]}）`,
  );
  return { message: `${parts.join("、")}不属于文件正文，已略过`, line: runs[0]?.first ?? 0 };
};
