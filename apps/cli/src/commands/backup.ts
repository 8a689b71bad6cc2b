import { stat } from "node:fs/promises";

import { createBackup } from "../backup/create-backup.ts";
import { reportFailure } from "../fail.ts";
import { backupDir, evidenceDir } from "../paths.ts";
import { acquireServices } from "../services.ts";

/**
 * `pnpm duban backup`: one backup file now, into DUBAN_BACKUP_DIR (default <data>/backups), then the
 * rotation (7 daily, 4 weekly). Uses the database of DATABASE_URL, else of a running `pnpm start`,
 * else the embedded one in .data/. `pnpm start` runs this same command every day at 02:30.
 */
export async function backupCommand(argv: string[]): Promise<number> {
  if (argv.length) {
    console.error(
      `用法 usage: pnpm duban backup   (未知参数 unknown arguments: ${argv.join(" ")})`,
    );
    return 2;
  }
  const services = await acquireServices({ needRedis: false }).catch((e: unknown) => e as Error);
  if (services instanceof Error) return reportFailure(services);
  try {
    const started = Date.now();
    const { file, manifest } = await createBackup({
      databaseUrl: services.databaseUrl,
      evidenceDir: evidenceDir(),
      backupDir: backupDir(),
      log: (line) => console.log(line),
    });
    const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
    const size = (await stat(file)).size;
    console.log(
      `已备份 (backup written): ${file}\n  ${(size / 1024 / 1024).toFixed(1)} MB, ${manifest.tables.length} 张表 tables / ${rows} 行 rows, ${manifest.evidence.files} 个佐证材料 evidence files, ${manifest.engine}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return 0;
  } catch (error) {
    return reportFailure(error);
  } finally {
    await services.stop();
  }
}
