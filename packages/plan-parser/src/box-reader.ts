// 专栏 scope inside the line walk: a box collects lines until the next heading, box or table.
import type { BoxDraft, Drafts, NodeDraft } from "./drafts.ts";
import type { BoxMatch, HeadingMatch } from "./headings.ts";
import type { SourceLine } from "./lines.ts";
import { hasPunctuation } from "./text.ts";

const MARKED_ITEM = /^(?:[（(](\d{1,2})[）)]|([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]))\s*(.*)$/u;
const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";

export class BoxReader {
  private box: BoxDraft | null = null;
  titleTookNextLine = false;

  constructor(private readonly d: Drafts) {}

  isOpen(): boolean {
    return this.box !== null;
  }

  open(
    m: BoxMatch,
    line: SourceLine,
    parent: NodeDraft | null,
    seq: number,
    next: SourceLine | undefined,
  ): void {
    this.close();
    const box: BoxDraft = {
      seq,
      number: m.number,
      title: m.title,
      parent,
      line: line.no,
      intro: [],
      items: [],
    };
    this.titleTookNextLine = false;
    const nextIsTitle =
      next !== undefined &&
      next.width <= 16 &&
      !hasPunctuation(next.text) &&
      !/^\d/u.test(next.text);
    if (box.title === "" && nextIsTitle) {
      box.title = next.text.replace(/\s+/gu, "");
      this.titleTookNextLine = true;
    }
    if (m.inlineBody) box.intro.push({ text: m.inlineBody, no: line.no });
    if (box.number === null)
      this.d.warnings.push({
        code: "BOX_UNNUMBERED",
        message: `第 ${line.no} 行的专栏没有编号，已按出现顺序编号`,
        line: line.no,
      });
    parent?.boxes.push(box);
    this.d.boxes.push(box);
    this.box = box;
  }

  /** A numbered line ("1.数字乡村。…") continuing this box's own numbering is a box item. */
  takesItem(h: HeadingMatch, line: SourceLine): boolean {
    const box = this.box;
    if (!box || h.kind !== "item") return false;
    const numbered = box.items.filter((it) => /^\d+$/u.test(it.number));
    if (h.value !== numbered.length + 1) return false;
    if (h.value === 1 && box.intro.length > 1) return false;
    const title = h.title;
    box.items.push({
      number: h.number,
      value: h.value,
      title,
      line: line.no,
      body: h.inlineBody ? [{ text: h.inlineBody, no: line.no }] : [],
    });
    return true;
  }

  addText(line: SourceLine): void {
    const box = this.box;
    if (!box) return;
    const m = MARKED_ITEM.exec(line.text);
    if (m && line.text.length < 400) {
      const value = m[1] ? Number(m[1]) : CIRCLED.indexOf(m[2] ?? "") + 1;
      const rest = m[3] ?? "";
      const brk = rest.search(/[。：:；;]/u);
      const title = brk > 0 && brk <= 40 ? rest.slice(0, brk) : "";
      const body = title ? rest.slice(brk + 1) : rest;
      box.items.push({
        number: m[1] ? `（${m[1]}）` : (m[2] ?? ""),
        value,
        title,
        line: line.no,
        body: body ? [{ text: body, no: line.no }] : [],
      });
      return;
    }
    const last = box.items[box.items.length - 1];
    (last ? last.body : box.intro).push({ text: line.text, no: line.no });
  }

  close(): void {
    this.box = null;
  }
}
