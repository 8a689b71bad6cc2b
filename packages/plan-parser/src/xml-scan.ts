// A small streaming reader for the XML parts of a .docx (document, numbering, styles). It reports
// tags with their offsets in the string, so a caller can insert text at an exact place, which a
// DOM or SAX library does not give. One pass, linear in the length of the part; comments,
// processing instructions, CDATA and DOCTYPE are skipped. The part has already passed the upload
// guard's XML shape check, but a truncated part only ends the scan early: nothing throws.

/** One start, end or empty-element tag: qualified name, attributes and the tag's offsets. */
export type XmlTag = {
  name: string;
  attrs: Record<string, string>;
  /** `</x>` */
  closing: boolean;
  /** `<x/>` */
  selfClosing: boolean;
  /** offset of `<` */
  start: number;
  /** offset just after `>` */
  end: number;
};

const ATTR = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/gu;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** `&amp;`, `&#x4E00;` … as the characters they stand for; an unknown entity stays as written. */
export const xmlUnescape = (s: string): string =>
  s.includes("&")
    ? s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (m, name: string) => {
        if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? m;
        const hex = name[1] === "x" || name[1] === "X";
        const code = hex ? parseInt(name.slice(2), 16) : Number(name.slice(1));
        return Number.isInteger(code) && code >= 0 && code <= 0x10ffff
          ? String.fromCodePoint(code)
          : m;
      })
    : s;

/** Text for an XML element's content or attribute value. */
export const xmlEscape = (s: string): string =>
  s.replace(/[&<>"]/gu, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot" }[c]};`);

const readAttrs = (tag: string): Record<string, string> => {
  const attrs: Record<string, string> = {};
  for (const m of tag.matchAll(ATTR)) {
    attrs[m[1] as string] = xmlUnescape(m[2] ?? m[3] ?? "");
  }
  return attrs;
};

/**
 * Calls `onTag` for every tag of `xml` in order, and `onText` with the offsets of the character
 * data between tags (still escaped). Stops quietly at a tag that never closes.
 */
export const scanXml = (
  xml: string,
  onTag: (tag: XmlTag) => void,
  onText?: (start: number, end: number) => void,
): void => {
  const n = xml.length;
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) {
      onText?.(i, n);
      return;
    }
    if (lt > i) onText?.(i, lt);
    if (xml.startsWith("<!--", lt)) {
      const e = xml.indexOf("-->", lt + 4);
      if (e < 0) return;
      i = e + 3;
      continue;
    }
    if (xml.startsWith("<![CDATA[", lt)) {
      const e = xml.indexOf("]]>", lt + 9);
      if (e < 0) return;
      i = e + 3;
      continue;
    }
    if (xml.startsWith("<?", lt) || xml.startsWith("<!", lt)) {
      const e = xml.indexOf(">", lt + 2);
      if (e < 0) return;
      i = e + 1;
      continue;
    }
    // the tag ends at the first `>` outside a quoted attribute value
    let j = lt + 1;
    let quote = 0;
    for (; j < n; j++) {
      const c = xml.charCodeAt(j);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) {
        quote = c;
      } else if (c === 62) {
        break;
      }
    }
    if (j >= n) return;
    const closing = xml.charCodeAt(lt + 1) === 47;
    const selfClosing = !closing && xml.charCodeAt(j - 1) === 47;
    const body = xml.slice(closing ? lt + 2 : lt + 1, selfClosing ? j - 1 : j);
    const space = body.search(/[\s]/u);
    const name = space < 0 ? body : body.slice(0, space);
    const attrs = closing || space < 0 ? {} : readAttrs(body.slice(space));
    onTag({ name, attrs, closing, selfClosing, start: lt, end: j + 1 });
    i = j + 1;
  }
};

/** WordprocessingML's namespaces, transitional and strict. */
const W_NS = [
  "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
  "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/**
 * The prefixes (`"w:"`, or `""` for a default namespace) the root element of a part binds to
 * WordprocessingML and to markup compatibility. Word, LibreOffice and the `docx` package declare
 * every namespace on the root; `null` when the part does not declare WordprocessingML there.
 */
export const partPrefixes = (root: XmlTag): { w: string; mc: string | null } | null => {
  let w: string | null = null;
  let mc: string | null = null;
  for (const [key, value] of Object.entries(root.attrs)) {
    if (key !== "xmlns" && !key.startsWith("xmlns:")) continue;
    const prefix = key === "xmlns" ? "" : `${key.slice(6)}:`;
    if (W_NS.includes(value)) w = prefix;
    else if (value === MC_NS) mc = prefix;
  }
  return w === null ? null : { w, mc };
};
