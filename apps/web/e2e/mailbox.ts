import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export type CaughtMail = { to: string[]; subject: string };

/** RFC 2047 encoded words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=) back to text. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(
      /=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g,
      (_w, _charset: string, enc: string, text: string) =>
        enc.toUpperCase() === "B"
          ? Buffer.from(text, "base64").toString("utf8")
          : Buffer.from(
              text
                .replace(/_/g, " ")
                .replace(/=([0-9A-F]{2})/gi, (_m, h: string) =>
                  String.fromCharCode(parseInt(h, 16)),
                ),
              "latin1",
            ).toString("utf8"),
    );
}

/** The headers of a message, folded lines joined. */
function headers(eml: string): Map<string, string> {
  const head = eml.split(/\r?\n\r?\n/, 1)[0]!.replace(/\r?\n[ \t]+/g, " ");
  const out = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) out.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  return out;
}

/**
 * Every message the stack's mail catcher (maildev, `pnpm start`) received: it keeps each one as a
 * .eml file in <data>/mail. Recipients are the addresses of the To header.
 */
export function caughtMail(dataDir: string): CaughtMail[] {
  const dir = path.join(dataDir, "mail");
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".eml"));
  } catch {
    return []; // nothing caught yet
  }
  return files.map((f) => {
    const h = headers(readFileSync(path.join(dir, f), "utf8"));
    const to = [...decodeWords(h.get("to") ?? "").matchAll(/[^\s<>,"]+@[^\s<>,"]+/g)].map((m) =>
      m[0].toLowerCase(),
    );
    return { to, subject: decodeWords(h.get("subject") ?? "") };
  });
}
