import {
  isLegacySealed,
  openSecret,
  SECRET_KEY_ENV,
  SecretBoxError,
  secretKeyFromEnv,
} from "@duban/channels";
import type { Db } from "@duban/db";

import { secretContext } from "./secret-box.ts";

/** a robot whose stored key or signing secret the configured key cannot open */
export type UnreadableSecret = { robotId: string; name: string; jurisdictionId: string };

/**
 * What DUBAN_SECRET_KEY can do with the secrets stored in the database, as found at start:
 * - `ok`: set, well formed, and it opens every stored secret;
 * - `unset` / `malformed`: no usable key (`zh`/`en` say what is wrong);
 * - `wrong`: set and well formed, but it opens none of the stored secrets (another key sealed them);
 * - `partly`: it opens some; the others were altered or copied from another robot.
 * `robots`: robots with stored secrets; `legacy`: secrets still in the unbound v1 envelope.
 */
export type SecretKeyCheck = {
  state: "ok" | "unset" | "malformed" | "wrong" | "partly";
  robots: number;
  unreadable: UnreadableSecret[];
  legacy: number;
  zh?: string;
  en?: string;
};

/**
 * Checks the deployment's DUBAN_SECRET_KEY against every stored robot secret (one query, then
 * decryption in memory: a jurisdiction has tens of robots, not thousands). Never throws for a bad
 * key: the caller (the api at start) decides what a bad key means for it. The key is never logged.
 */
export async function checkSecretKey(
  db: Db,
  env: Record<string, string | undefined> = process.env,
): Promise<SecretKeyCheck> {
  let key: Buffer | null = null;
  let problem: { state: "unset" | "malformed"; zh: string; en: string } | null = null;
  try {
    key = secretKeyFromEnv(env);
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error;
    const state = env[SECRET_KEY_ENV]?.trim() ? "malformed" : "unset";
    // a malformed key is wrong whatever is stored: no need to read the database
    if (state === "malformed")
      return { state, robots: 0, unreadable: [], legacy: 0, zh: error.zh, en: error.en };
    problem = { state, zh: error.zh, en: error.en };
  }
  const rows = await db.channelRobot.findMany({
    select: { id: true, name: true, jurisdictionId: true, keyCipher: true, secretCipher: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const legacy = rows.reduce(
    (n, r) =>
      n +
      (isLegacySealed(r.keyCipher) ? 1 : 0) +
      (r.secretCipher && isLegacySealed(r.secretCipher) ? 1 : 0),
    0,
  );
  if (!key) return { ...problem!, robots: rows.length, unreadable: [], legacy };
  const opens = (sealed: string, id: string, field: "keyCipher" | "secretCipher") => {
    try {
      openSecret(sealed, key, secretContext({ table: "ChannelRobot", id, field }));
      return true;
    } catch {
      return false;
    }
  };
  const unreadable = rows
    .filter(
      (r) =>
        !opens(r.keyCipher, r.id, "keyCipher") ||
        (r.secretCipher !== null && !opens(r.secretCipher, r.id, "secretCipher")),
    )
    .map((r) => ({ robotId: r.id, name: r.name, jurisdictionId: r.jurisdictionId }));
  const state = !unreadable.length ? "ok" : unreadable.length === rows.length ? "wrong" : "partly";
  return { state, robots: rows.length, unreadable, legacy };
}
