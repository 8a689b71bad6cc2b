// Word (.docx) → plan text through mammoth's HTML, so tables stay tables: a paragraph is one line,
// a table row is one line with its cells separated by a TAB. mammoth's raw text put every cell
// on lines of its own, glued to nothing that said where a row ended.

/** A table cell as mammoth writes it: its text and how many columns and rows it covers. */
type Cell = { text: string; colSpan: number; rowSpan: number };

/** The longest text a vertically merged cell may have to be repeated on the rows it spans. */
const LABEL_MAX = 30;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

const decodeEntities = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (m, name: string) => {
    if (name[0] === "#") {
      const code =
        name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[name.toLowerCase()] ?? m;
  });

/** Whitespace inside one line or cell: tabs and breaks become one space. */
const squash = (s: string): string => s.replace(/[\s\u00a0]+/gu, " ").trim();

/**
 * A label worth repeating down the rows a merged cell spans: a category, 属性, 单位 or a unit
 * name. Not a sequence number (a repeated 序号 would read as duplicate rows) and not a sentence
 * (a task written once must not become several tasks).
 */
const isLabel = (text: string): boolean =>
  text !== "" &&
  text.length <= LABEL_MAX &&
  !/^[\d一二三四五六七八九十（()）.、．]+$/u.test(text) &&
  !/[。；;！？]/u.test(text);

const attr = (attrs: string, name: string): number => {
  const m = new RegExp(`${name}="(\\d+)"`, "u").exec(attrs);
  return m ? Math.max(1, Number(m[1])) : 1;
};

/**
 * Lays the rows on a grid. A cell spanning columns is followed by empty cells, so the columns
 * after it stay in place. A cell spanning rows (Word's vertical merge) is repeated on each row it
 * covers when it is a label (`isLabel`), else those rows get an empty cell there.
 */
const tableLines = (rows: readonly Cell[][]): string[] => {
  const grid: string[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    const line = grid[r] as string[];
    let col = 0;
    for (const cell of row) {
      while (line[col] !== undefined) col++;
      for (let dc = 0; dc < cell.colSpan; dc++) {
        for (let dr = 0; dr < cell.rowSpan && r + dr < grid.length; dr++) {
          const repeat = dc === 0 && (dr === 0 || isLabel(cell.text));
          (grid[r + dr] as string[])[col + dc] = repeat ? cell.text : "";
        }
      }
      col += cell.colSpan;
    }
  });
  const out: string[] = [];
  for (const line of grid) {
    const cells = Array.from(line, (c) => c ?? "");
    while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
    if (cells.length > 0) out.push(cells.join("\t"));
  }
  return out;
};

const BLOCK = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li"]);

/**
 * Plan text from mammoth's HTML: one line per paragraph, heading, list item or line break; one line per table
 * row, cells separated by `\t`, a cell's paragraphs joined by a space, a table inside a cell read
 * as that cell's text. Footnote references (`[1]`), their back links and the footnotes themselves
 * are left out, as mammoth's raw text left them out.
 */
export const htmlToPlanText = (html: string): string => {
  const out: string[] = [];
  const tables: { rows: Cell[][]; cell: Cell | null }[] = [];
  let text = "";
  let noteLink = false;
  let note = false;
  let nested = 0;
  const flush = () => {
    const t = squash(text);
    text = "";
    if (t === "") return;
    const cell = tables[tables.length - 1]?.cell;
    if (cell) cell.text = cell.text ? `${cell.text} ${t}` : t;
    else out.push(t);
  };
  const tag = /<(\/?)([a-z0-9]+)([^>]*)>|([^<]+)/giu;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    if (m[4] !== undefined) {
      if (!noteLink && !note) text += decodeEntities(m[4]);
      continue;
    }
    const closing = m[1] === "/";
    const name = (m[2] ?? "").toLowerCase();
    const attrs = m[3] ?? "";
    if (name === "a") {
      noteLink = !closing && /href="#(?:foot|end)note/u.test(attrs);
      continue;
    }
    if (name === "li" && !closing && /id="(?:foot|end)note-/u.test(attrs)) {
      flush();
      note = true;
      continue;
    }
    if (name === "li" && closing && note) {
      text = "";
      note = false;
      continue;
    }
    if (name === "br") {
      // a line break starts a new line, as it does on the page; inside a cell it is a space
      if (tables[tables.length - 1]?.cell) text += " ";
      else flush();
      continue;
    }
    if (BLOCK.has(name)) {
      flush();
      continue;
    }
    if (name !== "table" && name !== "tr" && name !== "td" && name !== "th") continue;
    flush();
    const table = tables[tables.length - 1];
    if (name === "table" && !closing) {
      // a table inside a cell: its cells' text joins the outer cell
      if (table?.cell) nested++;
      else tables.push({ rows: [], cell: null });
    } else if (name === "table") {
      if (nested > 0) nested--;
      else out.push(...tableLines(tables.pop()?.rows ?? []));
    } else if (nested > 0 || !table) {
      continue;
    } else if (name === "tr" && !closing) {
      table.rows.push([]);
    } else if (name !== "tr" && closing) {
      table.cell = null;
    } else if (name !== "tr") {
      const cell = { text: "", colSpan: attr(attrs, "colspan"), rowSpan: attr(attrs, "rowspan") };
      table.rows[table.rows.length - 1]?.push(cell);
      table.cell = cell;
    }
  }
  flush();
  return out.join("\n");
};
