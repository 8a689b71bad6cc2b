import { copyFile, link, mkdir, readdir, rm } from "node:fs/promises";
import path from "node:path";

import { isProcessAlive } from "@duban/local-services";

import { removeDir, writeArchive } from "./archive.ts";
import { dumpDatabase } from "./dump.ts";
import { BACKUP_FORMAT_VERSION, type Manifest } from "./manifest.ts";
import { backupFileName, backupsToDelete, DEFAULT_RETENTION, type Retention } from "./rotation.ts";

export type BackupOptions = {
  databaseUrl: string;
  /** where the api stores evidence files (content-addressed: <dir>/<sha[0:2]>/<sha>) */
  evidenceDir: string;
  backupDir: string;
  log?: (line: string) => void;
  now?: Date;
  /** applied after a successful backup; null keeps everything */
  retention?: Retention | null;
};

export const evidencePath = (dir: string, sha256: string) =>
  path.join(dir, sha256.slice(0, 2), sha256);

/** Leftovers of backups that were interrupted (their process is gone): staging folders and .partial files. */
async function removeLeftovers(dir: string) {
  for (const name of await readdir(dir)) {
    const staging = /^\.(?:staging|restore)-(\d+)-/.exec(name);
    if (staging && !isProcessAlive(Number(staging[1]))) await removeDir(path.join(dir, name));
    const partial = /\.(\d+)\.partial$/.exec(name);
    if (partial && !isProcessAlive(Number(partial[1])))
      await rm(path.join(dir, name), { force: true });
  }
}

/**
 * Writes one backup file, <backupDir>/duban-YYYYMMDD-HHmmss.tar (Shanghai time): the database
 * (dump.ts), every evidence file the database refers to, and a manifest with checksums
 * (archive.ts). Then applies the retention (rotation.ts). An evidence file missing on disk is
 * reported in the manifest and the log, not fatal: the rest is still worth keeping.
 */
export async function createBackup(
  options: BackupOptions,
): Promise<{ file: string; manifest: Manifest }> {
  const log = options.log ?? (() => {});
  const now = options.now ?? new Date();
  await mkdir(options.backupDir, { recursive: true, mode: 0o700 });
  await removeLeftovers(options.backupDir);
  const staging = path.join(options.backupDir, `.staging-${process.pid}-${now.getTime()}`);
  await mkdir(staging, { recursive: true, mode: 0o700 });
  try {
    const dumped = await dumpDatabase(options.databaseUrl, staging, log);
    await mkdir(path.join(staging, "evidence"), { recursive: true });
    const missing: string[] = [];
    for (const sha of dumped.evidence) {
      const source = evidencePath(options.evidenceDir, sha);
      const target = path.join(staging, "evidence", sha);
      // a hard link costs nothing; across file systems, a copy
      const ok = await link(source, target).then(
        () => true,
        () =>
          copyFile(source, target).then(
            () => true,
            () => false,
          ),
      );
      if (!ok) missing.push(sha);
    }
    if (missing.length)
      log(
        `警告：${missing.length} 个佐证材料文件在 ${options.evidenceDir} 中找不到，未包含在备份中 (warning: ${missing.length} evidence files missing on disk, not in the backup)`,
      );
    const existing = new Set(await readdir(options.backupDir));
    let sequence = 1;
    while (existing.has(backupFileName(now, sequence))) sequence += 1;
    const file = path.join(options.backupDir, backupFileName(now, sequence));
    const { evidence, ...database } = dumped;
    const manifest = await writeArchive(
      staging,
      {
        format: "duban-backup",
        version: BACKUP_FORMAT_VERSION,
        createdAt: now.toISOString(),
        ...database,
        evidence: { files: evidence.length - missing.length, missing },
      },
      file,
    );
    const retention = options.retention === undefined ? DEFAULT_RETENTION : options.retention;
    if (retention) {
      for (const old of backupsToDelete(await readdir(options.backupDir), retention))
        await rm(path.join(options.backupDir, old), { force: true });
    }
    return { file, manifest };
  } finally {
    await removeDir(staging);
  }
}
