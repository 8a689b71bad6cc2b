import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

import * as tar from "tar";

import { CliRefusal } from "../fail.ts";
import { ZManifest, type Manifest } from "./manifest.ts";

const MANIFEST = "manifest.json";
const MANIFEST_SUM = "manifest.json.sha256";

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function walk(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(dir, rel)));
    else out.push(rel);
  }
  return out.sort();
}

/**
 * Writes `staging` (everything but the manifest) as one tar file at `file`: the manifest gets every
 * entry's size and SHA-256, and a file of its own SHA-256 beside it. Written as `file.<pid>.partial` and
 * renamed, so a backup folder never holds half a backup under a backup's name.
 */
export async function writeArchive(
  staging: string,
  manifest: Omit<Manifest, "files">,
  file: string,
): Promise<Manifest> {
  const entries = await walk(staging);
  const files = await Promise.all(
    entries.map(async (p) => ({
      path: p,
      size: (await stat(path.join(staging, p))).size,
      sha256: await sha256File(path.join(staging, p)),
    })),
  );
  const full: Manifest = { ...manifest, files };
  const text = JSON.stringify(full, null, 2);
  await writeFile(path.join(staging, MANIFEST), text);
  await writeFile(
    path.join(staging, MANIFEST_SUM),
    createHash("sha256").update(text).digest("hex"),
  );
  const partial = `${file}.${process.pid}.partial`;
  await tar.c(
    { cwd: staging, file: partial, portable: true, mode: 0o600 } as tar.TarOptionsWithAliasesFile,
    [MANIFEST, MANIFEST_SUM, ...entries],
  );
  await rename(partial, file);
  return full;
}

const corrupted = (detail: string) =>
  new CliRefusal(
    `备份文件已损坏或不完整，未做任何更改：${detail}`,
    `the backup file is corrupted or incomplete, nothing was changed: ${detail}`,
  );

/**
 * Extracts a backup into the empty folder `into` and checks it whole before anything else happens:
 * the tar structure, the manifest's own checksum, its format version, and every listed file's size
 * and SHA-256, with no file missing or extra. Throws CliRefusal (exit 2) otherwise.
 */
export async function openArchive(file: string, into: string): Promise<Manifest> {
  await mkdir(into, { recursive: true });
  try {
    // only plain files and folders: no links, no absolute or ".." paths (tar refuses those by default)
    await tar.x({
      file,
      cwd: into,
      strict: true,
      filter: (_p, entry) =>
        "type" in entry && (entry.type === "File" || entry.type === "Directory"),
    } as tar.TarOptionsWithAliasesFile);
  } catch (error) {
    throw corrupted(`tar: ${(error as Error).message}`);
  }
  const text = await readFile(path.join(into, MANIFEST), "utf8").catch(() => null);
  const sum = await readFile(path.join(into, MANIFEST_SUM), "utf8").catch(() => null);
  if (text === null || sum === null) throw corrupted("manifest.json missing");
  if (createHash("sha256").update(text).digest("hex") !== sum.trim())
    throw corrupted("manifest.json checksum mismatch");
  let raw: { version?: unknown };
  try {
    raw = JSON.parse(text) as { version?: unknown };
  } catch {
    throw corrupted("manifest.json is not JSON");
  }
  const parsed = ZManifest.safeParse(raw);
  if (!parsed.success) {
    if (typeof raw.version === "number" && raw.version > 1)
      throw new CliRefusal(
        `备份格式版本 ${raw.version} 较新，请先升级督办`,
        `backup format version ${raw.version} is newer than this Duban: upgrade first`,
      );
    throw corrupted(`manifest.json: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  }
  const manifest = parsed.data;
  const present = (await walk(into)).filter((p) => p !== MANIFEST && p !== MANIFEST_SUM);
  const listed = new Set(manifest.files.map((f) => f.path));
  const extra = present.filter((p) => !listed.has(p));
  if (extra.length) throw corrupted(`unexpected entries ${extra.slice(0, 3).join(", ")}`);
  for (const f of manifest.files) {
    const full = path.join(into, f.path);
    const size = await stat(full).then(
      (s) => s.size,
      () => -1,
    );
    if (size === -1) throw corrupted(`${f.path} missing`);
    if (size !== f.size || (await sha256File(full)) !== f.sha256)
      throw corrupted(`${f.path} checksum mismatch`);
  }
  return manifest;
}

export const removeDir = (dir: string) => rm(dir, { recursive: true, force: true });
