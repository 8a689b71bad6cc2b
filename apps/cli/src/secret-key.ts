import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import { dataDir } from "./paths.ts";

/** where `pnpm start` keeps the key it made: beside the data, never in a backup */
export const secretKeyFile = () => path.join(dataDir(), "secret.key");

/**
 * The DUBAN_SECRET_KEY for `pnpm start` (robot keys and SMS credentials are sealed with it):
 * the environment's when set (a deployment's own), else the data folder's `secret.key`, made on
 * the first start (32 random bytes as 64 hex digits, mode 0600) so robots work on a fresh machine
 * with nothing configured. Returns the key and whether it was made now.
 */
export async function ensureSecretKey(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ key: string; created: boolean; file: string | null }> {
  if (env.DUBAN_SECRET_KEY) return { key: env.DUBAN_SECRET_KEY, created: false, file: null };
  const file = secretKeyFile();
  try {
    const key = (await readFile(file, "utf8")).trim();
    if (key) return { key, created: false, file };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  const key = randomBytes(32).toString("hex");
  // "wx": two starts racing never overwrite a key the other already used
  await writeFile(file, `${key}\n`, { mode: 0o600, flag: "wx" }).catch(async (e) => {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  });
  return { key: (await readFile(file, "utf8")).trim(), created: true, file };
}
