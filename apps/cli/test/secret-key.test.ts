import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { ensureSecretKey, secretKeyFile } from "../src/secret-key.ts";

// `pnpm start` on a fresh machine seals robot keys with a key it makes once and keeps
describe("the secret key pnpm start uses", () => {
  let dir: string;
  const saved = process.env.DUBAN_DATA_DIR;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "duban-key-"));
    process.env.DUBAN_DATA_DIR = dir;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.DUBAN_DATA_DIR;
    else process.env.DUBAN_DATA_DIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it("is made on the first start, readable by its owner only, and the same on the next", async () => {
    const first = await ensureSecretKey({});
    expect(first.created).toBe(true);
    expect(first.key).toMatch(/^[0-9a-f]{64}$/);
    expect(first.file).toBe(secretKeyFile());
    expect(statSync(secretKeyFile()).mode & 0o777).toBe(0o600);
    const second = await ensureSecretKey({});
    expect(second).toEqual({ key: first.key, created: false, file: secretKeyFile() });
  });

  it("is the deployment's own when DUBAN_SECRET_KEY is set, and no file is made", async () => {
    const own = "ab".repeat(32);
    expect(await ensureSecretKey({ DUBAN_SECRET_KEY: own })).toEqual({
      key: own,
      created: false,
      file: null,
    });
    expect(() => statSync(secretKeyFile())).toThrow();
  });

  it("two starts at once agree on one key", async () => {
    const [a, b] = await Promise.all([ensureSecretKey({}), ensureSecretKey({})]);
    expect(a.key).toBe(b.key);
  });
});
