import { openSecret, sealSecret, SecretBoxError, secretKeyFromEnv } from "@duban/channels";

import { invalid } from "../errors.ts";

// Robot keys and signing secrets at rest (issue #20): AES-256-GCM with the deployment's
// DUBAN_SECRET_KEY (packages/channels/src/secret-box.ts). The key is read on each use, so a
// deployment that sets it later needs no restart of the api; it is never logged.

/** The key, or INVALID (zh + en) naming what is wrong with DUBAN_SECRET_KEY. */
function key(): Buffer {
  try {
    return secretKeyFromEnv();
  } catch (error) {
    if (error instanceof SecretBoxError) throw invalid(error.zh, error.en);
    throw error;
  }
}

/** `plain` sealed as the versioned envelope `v1:<iv>:<tag>:<ciphertext>` (base64url parts). */
export function encryptSecret(plain: string): string {
  return sealSecret(plain, key());
}

/** The plain text of encryptSecret's envelope. Throws when the key is wrong or the text was altered. */
export function decryptSecret(sealed: string): string {
  return openSecret(sealed, key());
}

/** What the API shows of a secret from its stored last four characters: `••••` and those four. */
export function maskSecret(last4: string | null | undefined): string | null {
  return last4 ? `••••${last4}` : null;
}

/** The last four characters kept in the clear beside the ciphertext (for maskSecret). */
export const last4 = (plain: string) => Array.from(plain).slice(-4).join("");
