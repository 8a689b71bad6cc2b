import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** The environment variable holding the key that encrypts robot and gateway secrets at rest. */
export const SECRET_KEY_ENV = "DUBAN_SECRET_KEY";
/** envelopes bound to their context (additional authenticated data) */
const VERSION = "v2";
/** the first envelopes, sealed without additional data: still read, never written */
const LEGACY_VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A bad key or a sealed secret that cannot be opened. `zh` and `en` say why. */
export class SecretBoxError extends Error {
  override name = "SecretBoxError";
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
  }
}

/**
 * The 32-byte AES-256 key from `DUBAN_SECRET_KEY`: 64 hex characters, or base64 / base64url of 32
 * bytes (`openssl rand -base64 32`). Throws SecretBoxError (zh + en) when unset or malformed;
 * call it at start so a bad key is one readable line, not a failure at the first send.
 */
export function secretKeyFromEnv(env: Record<string, string | undefined> = process.env): Buffer {
  const raw = env[SECRET_KEY_ENV]?.trim();
  if (!raw) {
    throw new SecretBoxError(
      `未设置 ${SECRET_KEY_ENV}：加密机器人和短信网关密钥需要一个 32 字节的密钥（openssl rand -base64 32）`,
      `${SECRET_KEY_ENV} is not set: robot and SMS gateway secrets are encrypted with a 32-byte key (openssl rand -base64 32)`,
    );
  }
  const key = decodeKey(raw);
  if (!key) {
    throw new SecretBoxError(
      `${SECRET_KEY_ENV} 格式不对：应为 32 字节密钥的 base64，或 64 个十六进制字符`,
      `${SECRET_KEY_ENV} is malformed: expected 32 bytes as base64, or 64 hex characters`,
    );
  }
  return key;
}

function decodeKey(raw: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(raw)) return Buffer.from(raw, "hex");
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw)) return null;
  const key = Buffer.from(raw, raw.includes("-") || raw.includes("_") ? "base64url" : "base64");
  return key.length === 32 ? key : null;
}

/**
 * Encrypt `plain` with AES-256-GCM under `key` (32 bytes). Returns the envelope
 * `v2:<iv>:<tag>:<ciphertext>`, each part base64url, with a fresh 12-byte IV. `context` names
 * where the secret lives (for example "ChannelRobot.keyCipher:<id>") and is bound as additional
 * authenticated data, with the version: the envelope only opens with the same context, so a
 * ciphertext copied onto another row or field does not decrypt there.
 */
export function sealSecret(plain: string, key: Buffer, context: string): string {
  assertKey(key);
  if (!context) throw new SecretBoxError("密文必须绑定所在位置", "a sealed secret needs a context");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(additionalData(VERSION, context));
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url"));
  return [VERSION, ...parts].join(":");
}

/** v2 binds the version and the context; v1 (legacy) bound nothing */
const additionalData = (version: string, context: string) =>
  Buffer.from(version === VERSION ? `duban-secret:${version}:${context}` : "", "utf8");

/** Whether an envelope is of the legacy version (v1, not bound to its row): re-seal it when it is next written. */
export const isLegacySealed = (envelope: string) => envelope.startsWith(`${LEGACY_VERSION}:`);

/**
 * Decrypt an envelope from `sealSecret` with the same key and context. A legacy `v1` envelope
 * (sealed without additional data) still opens, whatever the context. Throws SecretBoxError when
 * the envelope is malformed, of an unknown version, altered, sealed under another key, or for
 * another context (GCM's tag cannot tell these last three apart).
 */
export function openSecret(envelope: string, key: Buffer, context: string): string {
  assertKey(key);
  const [version, ivText, tagText, dataText, ...rest] = envelope.split(":");
  if (
    (version !== VERSION && version !== LEGACY_VERSION) ||
    ivText === undefined ||
    tagText === undefined
  ) {
    throw new SecretBoxError("密文格式无法识别", "the sealed secret's format is not recognised");
  }
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (
    dataText === undefined ||
    rest.length > 0 ||
    iv.length !== IV_BYTES ||
    tag.length !== TAG_BYTES
  ) {
    throw new SecretBoxError("密文格式无法识别", "the sealed secret's format is not recognised");
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAAD(additionalData(version, context));
    decipher.setAuthTag(tag);
    const data = Buffer.from(dataText, "base64url");
    return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError(
      "密文无法解密：已被改动、属于另一条记录，或 DUBAN_SECRET_KEY 与加密时不同",
      "the sealed secret cannot be decrypted: it was altered, belongs to another row, or DUBAN_SECRET_KEY differs from the one that sealed it",
    );
  }
}

/**
 * A secret for display: "••••" and its last 4 characters (`••••abcd`). Secrets shorter than 8
 * characters show no characters at all, because 4 of them would be half the secret.
 */
export function maskSecret(secret: string): string {
  const chars = Array.from(secret);
  if (chars.length < 8) return "••••";
  return `••••${chars.slice(-4).join("")}`;
}

function assertKey(key: Buffer): void {
  if (key.length !== 32) {
    throw new SecretBoxError("密钥必须是 32 字节", "the key must be 32 bytes");
  }
}
