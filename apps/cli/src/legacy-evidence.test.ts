import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect, test } from "vitest";

import { adoptLegacyEvidence } from "./legacy-evidence.ts";

test("an existing installation's evidence moves into its data folder once; a new one's does not", async () => {
  const root = await mkdtemp(path.join(tmpdir(), "duban-legacy-"));
  process.env.DUBAN_DATA_DIR = path.join(root, "data");
  delete process.env.EVIDENCE_DIR;
  const legacy = path.join(root, "repo-evidence");
  await mkdir(path.join(legacy, "ab"), { recursive: true });
  await writeFile(path.join(legacy, "ab", "abcd"), "证据");
  const target = path.join(root, "data", "evidence");
  expect(await adoptLegacyEvidence(false, { legacy, target })).toBeNull(); // a first start: nothing to adopt
  expect(await adoptLegacyEvidence(true, { legacy, target })).toBe(legacy);
  expect(await readFile(path.join(target, "ab", "abcd"), "utf8")).toBe("证据");
  await writeFile(path.join(legacy, "ab", "abcd"), "changed");
  expect(await adoptLegacyEvidence(true, { legacy, target })).toBeNull(); // only once
  expect(await readFile(path.join(target, "ab", "abcd"), "utf8")).toBe("证据");
});
