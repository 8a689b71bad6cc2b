import { existsSync } from "node:fs";

import { restoreBackup } from "../backup/restore-backup.ts";
import { reportFailure } from "../fail.ts";
import { backupDir, evidenceDir, userPath } from "../paths.ts";
import { acquireServices, runningServices } from "../services.ts";

const USAGE = "用法 usage: pnpm duban restore <backup.tar> [--force]";

/**
 * `pnpm duban restore <file> [--force]`: the database and evidence files of a backup
 * (backup/restore-backup.ts says how). Exit 2, with nothing changed, for a corrupted file, a
 * non-empty database without --force, or while `pnpm start` runs on this data folder.
 */
export async function restoreCommand(argv: string[]): Promise<number> {
  const force = argv.includes("--force");
  const rest = argv.filter((a) => a !== "--force");
  if (rest.length !== 1 || rest[0]!.startsWith("-")) {
    console.error(USAGE);
    return 2;
  }
  const file = userPath(rest[0]!);
  if (!existsSync(file)) {
    console.error(`找不到备份文件 (backup file not found): ${file}`);
    return 2;
  }
  if (runningServices()) {
    console.error(
      "督办正在运行，请先停止 pnpm start 再恢复 (Duban is running from this folder: stop pnpm start first, then restore).",
    );
    return 2;
  }
  const services = await acquireServices({ needRedis: false }).catch((e: unknown) => e as Error);
  if (services instanceof Error) return reportFailure(services);
  try {
    const manifest = await restoreBackup({
      file,
      databaseUrl: services.databaseUrl,
      evidenceDir: evidenceDir(),
      backupDir: backupDir(),
      force,
      log: (line) => console.log(line),
    });
    const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
    console.log(
      `已恢复 (restored) ${file}\n  备份时间 taken at ${manifest.createdAt}, ${rows} 行 rows, ${manifest.evidence.files} 个佐证材料 evidence files`,
    );
    return 0;
  } catch (error) {
    return reportFailure(error);
  } finally {
    await services.stop();
  }
}
