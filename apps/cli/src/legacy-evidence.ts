import { existsSync } from "node:fs";
import { cp } from "node:fs/promises";
import path from "node:path";

import { dataDir, evidenceDir, repoRoot } from "./paths.ts";

/**
 * Until evidence followed DUBAN_DATA_DIR, `pnpm start` let the api keep it in <repo>/.data/evidence
 * whatever the data folder. On the first start of an existing installation with its own data folder
 * (`existingData`), those files are copied to <data>/evidence, where the api and the backups now
 * look. Files are named by their hash, so a copy never overwrites anything; the old folder is kept.
 * Returns the folder copied from, or null.
 */
export async function adoptLegacyEvidence(
  existingData: boolean,
  dirs = { legacy: path.join(repoRoot, ".data", "evidence"), target: evidenceDir() },
): Promise<string | null> {
  const { legacy, target } = dirs;
  if (
    !existingData ||
    process.env.EVIDENCE_DIR ||
    legacy === target ||
    dataDir() === path.join(repoRoot, ".data")
  )
    return null;
  if (!existsSync(legacy) || existsSync(target)) return null;
  await cp(legacy, target, { recursive: true, errorOnExist: false, force: false });
  return legacy;
}
