/** UTF-8 length of a string in bytes (the robots' limits count bytes, not characters). */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** Room kept in each part for its marker, e.g. "(12/12)\n": 16 bytes is enough for any count. */
const MARKER_RESERVE = 16;

export type SplitOptions = {
  /** the platform's limit for one message, in UTF-8 bytes */
  maxBytes: number;
  /** more parts than this and the message is summarised instead */
  maxParts: number;
  /** link back to the object, used in a summary */
  url?: string;
};

/**
 * Cut `text` into parts of at most `maxBytes` UTF-8 bytes each, for a robot whose markdown has a
 * byte limit (企业微信 4096, 钉钉 20000).
 * - Fits → one part, unchanged.
 * - Otherwise parts are cut at line ends; a single line longer than a part is cut between two
 *   characters (code points), never inside a UTF-8 sequence or a surrogate pair. Each part starts
 *   with a marker line "(i/n)".
 * - More than `maxParts` parts → one part: the start of the text, cut at a line end where
 *   possible, followed by a note that it was cut and the link to the full text. A flood of parts
 *   would crowd the group, and the 20-a-minute limit counts each part.
 * Returns the parts in order; each has at most `maxBytes` bytes.
 */
export function splitForLimit(text: string, options: SplitOptions): string[] {
  if (utf8Bytes(text) <= options.maxBytes) return [text];
  const budget = options.maxBytes - MARKER_RESERVE;
  const chunks = packLines(text, budget);
  if (chunks.length <= options.maxParts) {
    return chunks.map((chunk, index) => `(${index + 1}/${chunks.length})\n${chunk}`);
  }
  return [summarise(text, options)];
}

/** The summary note, Chinese first; the link lets the reader open the whole text in Duban. */
export function truncationNote(url: string | undefined): string {
  if (url) return `\n\n……（内容较长，已截断。查看全文 / Truncated, full text: [链接](${url})）`;
  return "\n\n……（内容较长，已截断 / Truncated）";
}

function summarise(text: string, options: SplitOptions): string {
  const note = truncationNote(options.url);
  const room = options.maxBytes - utf8Bytes(note);
  const [head = ""] = packLines(text, room);
  return `${head}${note}`;
}

/** Greedy: as many whole lines as fit in `budget` bytes per chunk; over-long lines are cut. */
function packLines(text: string, budget: number): string[] {
  const chunks: string[] = [];
  let current = "";
  let currentBytes = 0;
  const flush = () => {
    if (current.length > 0) chunks.push(current.replace(/\n+$/, ""));
    current = "";
    currentBytes = 0;
  };
  for (const line of linesWithEnds(text)) {
    const bytes = utf8Bytes(line);
    if (currentBytes + bytes <= budget) {
      current += line;
      currentBytes += bytes;
      continue;
    }
    flush();
    if (bytes <= budget) {
      current = line;
      currentBytes = bytes;
      continue;
    }
    const pieces = cutByBytes(line, budget);
    const last = pieces.pop() ?? "";
    chunks.push(...pieces);
    current = last;
    currentBytes = utf8Bytes(last);
  }
  flush();
  return chunks.filter((chunk) => chunk.length > 0);
}

function linesWithEnds(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Cut one line into pieces of at most `budget` bytes, between code points. */
function cutByBytes(line: string, budget: number): string[] {
  const pieces: string[] = [];
  let piece = "";
  let bytes = 0;
  for (const char of line) {
    const size = utf8Bytes(char);
    if (bytes + size > budget) {
      pieces.push(piece);
      piece = "";
      bytes = 0;
    }
    piece += char;
    bytes += size;
  }
  pieces.push(piece);
  return pieces;
}
