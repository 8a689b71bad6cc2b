import { inflateRawSync } from "node:zlib";

/**
 * The text of a .docx (word/document.xml without its tags), read with node:zlib: a zip's central
 * directory gives each entry's offset and compressed size.
 */
export function docxText(bytes: Buffer): string {
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error("not a zip file");
  const entries = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30);
    const comment = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.toString("utf8", at + 46, at + 46 + nameLength);
    if (name === "word/document.xml") {
      const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
      const data = bytes.subarray(start, start + size);
      const xml = (method === 8 ? inflateRawSync(data) : data).toString("utf8");
      return xml
        .replace(/<w:p[ >][\s\S]*?<\/w:p>/g, (p) => `${p}\n`)
        .replace(/<[^>]+>/g, "")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&amp;/g, "&");
    }
    at += 46 + nameLength + extra + comment;
  }
  throw new Error("no word/document.xml in the file");
}
