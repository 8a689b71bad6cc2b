// Word's automatic list numbering, written into the paragraphs' text. A 分工方案 written with
// Word lists keeps `一、` `（一）` `1.` only in numbering.xml; mammoth (and any text copy) loses
// them, and with them every heading and item. This module computes, in document order, the number
// Word shows in front of each numbered paragraph, and writes it into document.xml as a first run
// of that paragraph, so mammoth reads it wherever the paragraph is (body, table cell, text box).
//
// Rules (ECMA-376 Part 1 §17.9, and what Word does where the standard leaves room):
// - a paragraph is numbered by its own w:numPr, else by its style's (w:basedOn chain), else not;
//   w:numId 0 means "not numbered"; a missing w:ilvl is the level whose w:pStyle is the
//   paragraph's style, else 0;
// - w:num → w:abstractNum (through w:numStyleLink when the abstract list is a numbering style);
//   a w:lvlOverride replaces a level or its start (w:startOverride);
// - counters run per abstract list, so two w:num of one abstract list continue one another, as
//   they do in Word; a w:num with a w:startOverride is a list of its own that starts anew;
// - a paragraph at level L resets every deeper level M whose w:lvlRestart allows it (by default
//   any shallower level restarts M; w:lvlRestart 0 never does);
// - w:lvlText `%1、` `（%2）` `%1.%2` takes each level's counter in that level's w:numFmt
//   (Arabic digits everywhere when w:isLgl); bullet and none levels write nothing.
import { formatListNumber } from "./list-format.ts";
import { partPrefixes, scanXml, xmlEscape, type XmlTag } from "./xml-scan.ts";

type Level = {
  start: number;
  format: string;
  text: string | null;
  /** w:lvlRestart: restart after this 1-based level; null = after any shallower level */
  restart: number | null;
  legal: boolean;
  style: string | null;
  suffix: string;
};
type AbstractList = { levels: Map<number, Level>; styleLink: string | null };
type ListInstance = {
  abstractId: string;
  starts: Map<number, number>;
  levels: Map<number, Level>;
};
type ParagraphStyle = { basedOn: string | null; numId: string | null; ilvl: number | null };

/** What numbering.xml and styles.xml say, read once per document. */
export type ListDefinitions = {
  abstracts: Map<string, AbstractList>;
  nums: Map<string, ListInstance>;
  styles: Map<string, ParagraphStyle>;
  defaultStyle: string | null;
  /** numbering style id → the w:numId its pPr names (for w:numStyleLink) */
  numberingStyles: Map<string, string>;
};

/** A tiny element tree for numbering.xml and styles.xml (small parts, read whole). */
type El = { name: string; attrs: Record<string, string>; children: El[] };

/**
 * The part as a tree of WordprocessingML elements named without their prefix. Markup-compatibility
 * wrappers are read as Word's fallback: mc:Choice content (e.g. a custom w14 number format) is left
 * out, mc:AlternateContent and mc:Fallback are transparent.
 */
const readTree = (xml: string): El | null => {
  const root: El = { name: "#root", attrs: {}, children: [] };
  const stack: El[] = [root];
  let prefixes: { w: string; mc: string | null } | null = null;
  let skip = 0;
  scanXml(xml, (tag) => {
    if (!prefixes) {
      prefixes = partPrefixes(tag);
      if (!prefixes) return;
    }
    const { w, mc } = prefixes;
    if (mc !== null && tag.name === `${mc}Choice`) {
      if (!tag.selfClosing) skip += tag.closing ? -1 : 1;
      return;
    }
    if (skip > 0) return;
    if (mc !== null && (tag.name === `${mc}AlternateContent` || tag.name === `${mc}Fallback`))
      return;
    if (tag.closing) {
      if (stack.length > 1) stack.pop();
      return;
    }
    const local = tag.name.startsWith(w) ? tag.name.slice(w.length) : tag.name;
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attrs)) {
      attrs[k.startsWith(w) ? k.slice(w.length) : k] = v;
    }
    const el: El = { name: local.includes(":") ? `#${local}` : local, attrs, children: [] };
    stack[stack.length - 1]?.children.push(el);
    if (!tag.selfClosing) stack.push(el);
  });
  return prefixes ? root : null;
};

const child = (el: El | undefined, name: string): El | undefined =>
  el?.children.find((c) => c.name === name);
const val = (el: El | undefined, name: string): string | null =>
  child(el, name)?.attrs["val"] ?? null;
const int = (s: string | null | undefined): number | null => {
  if (s === null || s === undefined || !/^-?\d{1,9}$/u.test(s.trim())) return null;
  return Number(s.trim());
};
const descendants = (el: El | undefined, name: string): El[] => {
  if (!el) return [];
  const out: El[] = [];
  const walk = (e: El) => {
    for (const c of e.children) {
      if (c.name === name) out.push(c);
      else walk(c);
    }
  };
  walk(el);
  return out;
};

const readLevel = (el: El): Level => {
  const isLgl = child(el, "isLgl");
  return {
    start: int(val(el, "start")) ?? 0,
    format: val(el, "numFmt") ?? "decimal",
    text: val(el, "lvlText"),
    restart: int(val(el, "lvlRestart")),
    legal: isLgl !== undefined && isLgl.attrs["val"] !== "0" && isLgl.attrs["val"] !== "false",
    style: val(el, "pStyle"),
    suffix: val(el, "suff") ?? "tab",
  };
};

const readLevels = (el: El): Map<number, Level> => {
  const levels = new Map<number, Level>();
  for (const lvl of el.children.filter((c) => c.name === "lvl")) {
    levels.set(int(lvl.attrs["ilvl"]) ?? 0, readLevel(lvl));
  }
  return levels;
};

/**
 * Reads the list definitions of a document from its numbering.xml and styles.xml text (either
 * may be missing: `null`). Never throws; what cannot be read is simply not there.
 */
export const readListDefinitions = (
  numberingXml: string | null,
  stylesXml: string | null,
): ListDefinitions => {
  const defs: ListDefinitions = {
    abstracts: new Map(),
    nums: new Map(),
    styles: new Map(),
    defaultStyle: null,
    numberingStyles: new Map(),
  };
  const numbering = numberingXml ? readTree(numberingXml) : null;
  for (const el of descendants(numbering ?? undefined, "abstractNum")) {
    defs.abstracts.set(el.attrs["abstractNumId"] ?? "", {
      levels: readLevels(el),
      styleLink: val(el, "numStyleLink"),
    });
  }
  for (const el of descendants(numbering ?? undefined, "num")) {
    const starts = new Map<number, number>();
    const levels = new Map<number, Level>();
    for (const o of el.children.filter((c) => c.name === "lvlOverride")) {
      const ilvl = int(o.attrs["ilvl"]) ?? 0;
      const start = int(val(o, "startOverride"));
      if (start !== null) starts.set(ilvl, start);
      const lvl = child(o, "lvl");
      if (lvl) levels.set(ilvl, readLevel(lvl));
    }
    defs.nums.set(el.attrs["numId"] ?? "", {
      abstractId: val(el, "abstractNumId") ?? "",
      starts,
      levels,
    });
  }
  const styles = stylesXml ? readTree(stylesXml) : null;
  for (const el of descendants(styles ?? undefined, "style")) {
    const id = el.attrs["styleId"] ?? "";
    const numPr = child(child(el, "pPr"), "numPr");
    if (el.attrs["type"] === "numbering") {
      const numId = val(numPr, "numId");
      if (numId !== null) defs.numberingStyles.set(id, numId);
      continue;
    }
    if (el.attrs["type"] !== "paragraph") continue;
    if (el.attrs["default"] === "1" || el.attrs["default"] === "true") defs.defaultStyle = id;
    defs.styles.set(id, {
      basedOn: val(el, "basedOn"),
      numId: val(numPr, "numId"),
      ilvl: int(val(numPr, "ilvl")),
    });
  }
  return defs;
};

/** A paragraph's own properties, as read from its w:pPr. */
export type ParagraphNumbering = {
  style: string | null;
  numId: string | null;
  ilvl: number | null;
};

/**
 * Counts the numbered paragraphs of one document in order. `next` returns the number Word shows
 * in front of a paragraph (`一、`, `（三）`, `2.1`), or '' when the paragraph is not numbered or
 * its list cannot be resolved.
 */
export const listCounter = (defs: ListDefinitions) => {
  const counters = new Map<string, (number | undefined)[]>();

  const styleNumbering = (styleId: string | null) => {
    let numId: string | null = null;
    let ilvl: number | null = null;
    let id = styleId;
    // a basedOn chain is short; the bound stops a cycle
    for (let depth = 0; id !== null && depth < 20; depth++) {
      const style = defs.styles.get(id);
      if (!style) break;
      numId ??= style.numId;
      ilvl ??= style.ilvl;
      id = style.basedOn;
    }
    return { numId, ilvl };
  };

  /** The abstract list of a w:num, following a numbering-style link once. */
  const abstractOf = (num: ListInstance): { id: string; list: AbstractList } | null => {
    let id = num.abstractId;
    let list = defs.abstracts.get(id);
    if (list?.styleLink) {
      const linkedNum = defs.nums.get(defs.numberingStyles.get(list.styleLink) ?? "");
      const linked = linkedNum ? defs.abstracts.get(linkedNum.abstractId) : undefined;
      if (linkedNum && linked) {
        id = linkedNum.abstractId;
        list = linked;
      }
    }
    return list ? { id, list } : null;
  };

  return (p: ParagraphNumbering): string => {
    const style = p.style ?? defs.defaultStyle;
    const inherited = p.numId === null ? styleNumbering(style) : { numId: null, ilvl: null };
    const numId = p.numId ?? inherited.numId;
    if (numId === null || numId === "0") return "";
    const num = defs.nums.get(numId);
    const abstract = num ? abstractOf(num) : null;
    if (!num || !abstract) return "";
    const level = (l: number): Level | undefined =>
      num.levels.get(l) ?? abstract.list.levels.get(l);
    let ilvl = p.ilvl ?? inherited.ilvl;
    if (ilvl === null) {
      const byStyle = [...abstract.list.levels].find(
        ([, l]) => style !== null && l.style === style,
      );
      ilvl = byStyle?.[0] ?? 0;
    }
    const def = level(ilvl);
    if (!def || ilvl < 0 || ilvl > 8) return "";
    const key = num.starts.size > 0 ? `num ${numId}` : `abstract ${abstract.id}`;
    const counts = counters.get(key) ?? [];
    counters.set(key, counts);
    const start = (l: number) => num.starts.get(l) ?? level(l)?.start ?? 0;
    for (let m = ilvl + 1; m < 9; m++) {
      const restart = level(m)?.restart ?? m;
      if (restart !== 0 && ilvl < restart) counts[m] = undefined;
    }
    const current = counts[ilvl];
    counts[ilvl] = current === undefined ? start(ilvl) : current + 1;
    if (def.format === "bullet" || def.format === "none" || !def.text) return "";
    const text = def.text.replace(/%([1-9])/gu, (_, k: string) => {
      const l = Number(k) - 1;
      const format = def.legal ? "decimal" : (level(l)?.format ?? "decimal");
      return formatListNumber(counts[l] ?? start(l), format);
    });
    if (text.trim() === "" || def.suffix === "nothing") return text.trim();
    // Word puts a tab after the number; a TAB would split the line into table cells here, so a
    // space stands for it after a Latin number (`1. 2023年…` must not read as `1.2023`); after
    // full-width punctuation (`一、` `（一）`) nothing is needed
    return /[\u3000-\u303f\uff00-\uffef]$/u.test(text) ? text.trim() : `${text.trim()} `;
  };
};

type OpenParagraph = ParagraphNumbering & {
  insertAt: number;
  resolved: boolean;
  deleted: boolean;
  hasText: boolean;
  prefix: string;
};

/**
 * document.xml with each automatically numbered paragraph's number written as its first run,
 * or `null` when no paragraph is numbered. Paragraphs are counted in document order, including
 * those in tables and text boxes; a numbered paragraph with no text is counted (Word shows and
 * counts its number) but gets no run; a paragraph whose mark is a tracked deletion is not counted.
 */
export const withListNumbers = (documentXml: string, defs: ListDefinitions): string | null => {
  const next = listCounter(defs);
  const inserts: { at: number; text: string }[] = [];
  const names: string[] = [];
  const paragraphs: OpenParagraph[] = [];
  let prefixes: { w: string; mc: string | null } | null = null;
  let skip = 0;
  const resolve = (p: OpenParagraph) => {
    if (p.resolved) return;
    p.resolved = true;
    if (!p.deleted) p.prefix = next(p);
  };
  const onTag = (tag: XmlTag) => {
    if (!prefixes) {
      prefixes = partPrefixes(tag);
      if (!prefixes) return;
    }
    const { w, mc } = prefixes;
    if (mc !== null && tag.name === `${mc}Choice`) {
      if (!tag.selfClosing) skip += tag.closing ? -1 : 1;
      return;
    }
    if (skip > 0) return;
    const name = tag.name.startsWith(w) ? tag.name.slice(w.length) : `#${tag.name}`;
    const p = paragraphs[paragraphs.length - 1];
    if (tag.closing) {
      names.pop();
      if (name === "pPr" && p && names[names.length - 1] === "p") {
        p.insertAt = tag.end;
        resolve(p);
      } else if (name === "p" && p) {
        resolve(p);
        paragraphs.pop();
        if (p.prefix && p.hasText) inserts.push({ at: p.insertAt, text: p.prefix });
      }
      return;
    }
    const parent = names[names.length - 1];
    const inPPr = parent === "pPr" && names[names.length - 2] === "p";
    const inNumPr = parent === "numPr" && names[names.length - 2] === "pPr";
    if (name === "p" && !tag.selfClosing) {
      paragraphs.push({
        style: null,
        numId: null,
        ilvl: null,
        insertAt: tag.end,
        resolved: false,
        deleted: false,
        hasText: false,
        prefix: "",
      });
    } else if (p && parent === "p" && name !== "pPr") {
      resolve(p);
    } else if (p && inPPr && name === "pStyle") {
      p.style = tag.attrs[`${w}val`] ?? null;
    } else if (p && inNumPr && name === "numId") {
      p.numId = tag.attrs[`${w}val`] ?? null;
    } else if (p && inNumPr && name === "ilvl") {
      const ilvl = Number(tag.attrs[`${w}val`]);
      p.ilvl = Number.isInteger(ilvl) ? ilvl : null;
    } else if (p && name === "del" && parent === "rPr" && names[names.length - 2] === "pPr") {
      p.deleted = true;
    }
    if (!tag.selfClosing) names.push(name);
  };
  const xml = documentXml;
  scanXml(xml, onTag, (start, end) => {
    const p = paragraphs[paragraphs.length - 1];
    if (p && !p.hasText && skip === 0 && names[names.length - 1] === "t")
      p.hasText = xml.slice(start, end).trim() !== "";
  });
  if (inserts.length === 0 || !prefixes) return null;
  const { w } = prefixes as { w: string };
  inserts.sort((a, b) => a.at - b.at);
  const out: string[] = [];
  let from = 0;
  for (const { at, text } of inserts) {
    out.push(xml.slice(from, at));
    out.push(`<${w}r><${w}t xml:space="preserve">${xmlEscape(text)}</${w}t></${w}r>`);
    from = at;
  }
  out.push(xml.slice(from));
  return out.join("");
};
