import { createCipheriv, randomBytes } from "node:crypto";

import { describe, expect, test } from "vitest";

import {
  isLegacySealed,
  maskSecret,
  openSecret,
  sealSecret,
  SecretBoxError,
  secretKeyFromEnv,
} from "../src/secret-box.ts";

const key = randomBytes(32);

/** an envelope as the first release wrote it (v1: AES-256-GCM, no additional data) */
function sealV1(plain: string, withKey: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", withKey, iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), data].map((p) => p.toString("base64url")).join(":");
}

describe("secret box", () => {
  test("round trip, with a fresh IV each time", () => {
    const secret = "SEC3f9c0e1b2a7d4c5e6f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0";
    const first = sealSecret(secret, key, "robot:1");
    const second = sealSecret(secret, key, "robot:1");
    expect(first).toMatch(/^v2:[\w-]+:[\w-]+:[\w-]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain(secret);
    expect(openSecret(first, key, "robot:1")).toBe(secret);
    expect(openSecret(sealSecret("中文密钥", key, "robot:1"), key, "robot:1")).toBe("中文密钥");
    expect(isLegacySealed(first)).toBe(false);
  });

  test("a changed byte, another key or another context is refused with a clear error", () => {
    const sealed = sealSecret("wecom-key-123", key, "robot:1");
    const [version, iv, tag, data = ""] = sealed.split(":");
    const flipped = Buffer.from(data, "base64url");
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    const tampered = [version, iv, tag, flipped.toString("base64url")].join(":");
    expect(() => openSecret(tampered, key, "robot:1")).toThrowError(/已被改动.*altered/);
    expect(() => openSecret(sealed, randomBytes(32), "robot:1")).toThrowError(SecretBoxError);
    expect(() => openSecret(sealed, key, "robot:2")).toThrowError(SecretBoxError);
    expect(() => openSecret("v3:a:b:c", key, "robot:1")).toThrowError(/format/);
    expect(() => openSecret("plain text", key, "robot:1")).toThrowError(/format/);
    expect(() => sealSecret("x", key, "")).toThrowError(/context/);
  });

  test("a ciphertext copied to another row or field does not decrypt there", () => {
    const sealed = sealSecret("wecom-key-123", key, "ChannelRobot.keyCipher:robot-a");
    expect(openSecret(sealed, key, "ChannelRobot.keyCipher:robot-a")).toBe("wecom-key-123");
    expect(() => openSecret(sealed, key, "ChannelRobot.keyCipher:robot-b")).toThrowError(
      /另一条记录.*another row/,
    );
    expect(() => openSecret(sealed, key, "ChannelRobot.secretCipher:robot-a")).toThrowError(
      SecretBoxError,
    );
    // relabelling a bound envelope as legacy v1 does not lift the binding
    expect(() => openSecret(sealed.replace(/^v2:/, "v1:"), key, "")).toThrowError(SecretBoxError);
  });

  test("legacy v1 envelopes (sealed without additional data) still open, with any context", () => {
    const old = sealV1("SEC-legacy-secret-0001", key);
    expect(isLegacySealed(old)).toBe(true);
    expect(openSecret(old, key, "ChannelRobot.secretCipher:robot-a")).toBe(
      "SEC-legacy-secret-0001",
    );
    expect(openSecret(old, key, "ChannelRobot.secretCipher:robot-b")).toBe(
      "SEC-legacy-secret-0001",
    );
    expect(() => openSecret(old, randomBytes(32), "x")).toThrowError(SecretBoxError);
  });

  test("the key comes from DUBAN_SECRET_KEY as base64, base64url or hex", () => {
    const raw = randomBytes(32);
    expect(secretKeyFromEnv({ DUBAN_SECRET_KEY: raw.toString("base64") })).toEqual(raw);
    expect(secretKeyFromEnv({ DUBAN_SECRET_KEY: raw.toString("base64url") })).toEqual(raw);
    expect(secretKeyFromEnv({ DUBAN_SECRET_KEY: raw.toString("hex") })).toEqual(raw);
  });

  test.each([
    ["unset", undefined, /未设置.*not set/],
    ["16 bytes", randomBytes(16).toString("base64"), /格式不对.*malformed/],
    ["63 hex characters", randomBytes(32).toString("hex").slice(1), /格式不对.*malformed/],
    ["a passphrase", "correct horse battery staple", /格式不对.*malformed/],
  ])("a bad key (%s) is refused in Chinese and English", (_name, value, pattern) => {
    expect(() => secretKeyFromEnv({ DUBAN_SECRET_KEY: value })).toThrowError(pattern);
  });

  test("masking shows only the last 4 characters, none of a short secret", () => {
    expect(maskSecret("693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa")).toBe("••••5aaa");
    expect(maskSecret("abc123")).toBe("••••");
  });
});
