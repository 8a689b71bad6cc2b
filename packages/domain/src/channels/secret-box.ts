import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// INTERIM (issue #20): the channels helper ships encryptSecret/decryptSecret/maskSecret in
// packages/channels/src/secret-box.ts. Replace these three with re-exports of theirs when that
// branch lands (same contract: AES-256-GCM, key from DUBAN_SECRET_KEY, masked = last 4).

const VERSION = "v1";

/**
 * The 32-byte key from DUBAN_SECRET_KEY: 64 hex digits or base64 of 32 bytes; any other text is
 * hashed to 32 bytes with SHA-256 (a passphrase). Throws when the variable is not set: a secret is
 * never stored in the clear for want of a key.
 */
function key(env: NodeJS.ProcessEnv = process.env): Buffer {
  const raw = env.DUBAN_SECRET_KEY?.trim();
  if (!raw)
    throw new Error("DUBAN_SECRET_KEY is not set: robot keys and secrets cannot be encrypted");
  if (/^[0-9a-f]{64}$/i.test(raw)) return Buffer.from(raw, "hex");
  const b64 = Buffer.from(raw, "base64");
  if (b64.length === 32 && /^[A-Za-z0-9+/=]+$/.test(raw)) return b64;
  return createHash("sha256").update(raw).digest();
}

/** AES-256-GCM of `plain` as `v1:<iv>:<tag>:<ciphertext>` (base64 parts, 12-byte random IV). */
export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64"), tag.toString("base64"), data.toString("base64")].join(
    ":",
  );
}

/** The plain text of encryptSecret's output. Throws when the key is wrong or the text was altered. */
export function decryptSecret(sealed: string): string {
  const [version, iv, tag, data] = sealed.split(":");
  if (version !== VERSION || !iv || !tag || data === undefined)
    throw new Error("not a sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64")), decipher.final()]).toString(
    "utf8",
  );
}

/** What the API shows of a secret: `••••` and its last four characters. */
export function maskSecret(last4: string | null | undefined): string | null {
  return last4 ? `••••${last4}` : null;
}

/** The last four characters kept in the clear beside the ciphertext (for maskSecret). */
export const last4 = (plain: string) => plain.slice(-4);
