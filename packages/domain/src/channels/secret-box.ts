import { openSecret, sealSecret, SecretBoxError, secretKeyFromEnv } from "@duban/channels";

import { invalid } from "../errors.ts";

// Robot keys and signing secrets at rest (issue #20): AES-256-GCM with the deployment's
// DUBAN_SECRET_KEY (packages/channels/src/secret-box.ts). The key is read on each use, so a
// deployment that sets it later needs no restart of the api; it is never logged.

/**
 * Where a sealed secret lives: its table, row id and column. It is bound into the ciphertext
 * (GCM additional data), so a ciphertext copied onto another robot, or from the key column to the
 * secret column, does not decrypt.
 */
export type SecretPlace = {
  table: "ChannelRobot";
  id: string;
  field: "keyCipher" | "secretCipher";
};

/** the additional data of a place: `ChannelRobot.keyCipher:<id>` */
export const secretContext = (place: SecretPlace) => `${place.table}.${place.field}:${place.id}`;

/** The key, or INVALID (zh + en) naming what is wrong with DUBAN_SECRET_KEY. */
function key(): Buffer {
  try {
    return secretKeyFromEnv();
  } catch (error) {
    if (error instanceof SecretBoxError) throw invalid(error.zh, error.en);
    throw error;
  }
}

/** `plain` sealed for its place as the envelope `v2:<iv>:<tag>:<ciphertext>` (base64url parts). */
export function encryptSecret(plain: string, place: SecretPlace): string {
  return sealSecret(plain, key(), secretContext(place));
}

/**
 * The plain text of encryptSecret's envelope, read at the same place (a legacy `v1` envelope,
 * sealed before secrets were bound to their row, opens anywhere). Throws when the key is missing
 * or wrong, the text was altered, or it was sealed for another place.
 */
export function decryptSecret(sealed: string, place: SecretPlace): string {
  return openSecret(sealed, key(), secretContext(place));
}

/** What the API shows of a secret from its stored last four characters: `••••` and those four. */
export function maskSecret(last4: string | null | undefined): string | null {
  return last4 ? `••••${last4}` : null;
}

/** The last four characters kept in the clear beside the ciphertext (for maskSecret). */
export const last4 = (plain: string) => Array.from(plain).slice(-4).join("");
