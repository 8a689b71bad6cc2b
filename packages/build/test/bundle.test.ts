import { mkdtemp, readdir, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { describe, expect, it } from "vitest";

import { bundleApp, rewriteImportMeta, staticExternals } from "../src/index.ts";
import type * as FixtureMain from "./fixture-app/src/main.ts";

const fixture = path.join(import.meta.dirname, "fixture-app");
const src = path.join(fixture, "src");

describe("bundleApp", () => {
  it("keeps import.meta pointing at the source files, in main and in lazy chunks", async () => {
    const built = await bundleApp({ appDir: fixture });
    const mod = (await import(
      `${pathToFileURL(built.main).href}?t=${Date.now()}`
    )) as typeof FixtureMain;
    expect(mod.where).toEqual({
      dirname: src,
      filename: path.join(src, "main.ts"),
      url: pathToFileURL(path.join(src, "main.ts")).href,
    });
    expect(mod.nested.dirname).toBe(path.join(src, "nested"));
    expect((await mod.lazy()).lazyDirname).toBe(path.join(src, "nested"));
    expect(mod.esbuildVersion).toMatch(/^\d+\.\d+\.\d+$/);
    // the lazy module is a chunk of its own, and the external package stays an import
    expect(staticExternals(built)).toEqual(new Set(["esbuild"]));
    expect(Object.keys(built.metafile.outputs).filter((f) => f.endsWith(".js"))).toHaveLength(2);
  });

  it("leaves identical outputs untouched and removes old outputs only after a while", async () => {
    const first = await bundleApp({ appDir: fixture });
    const stale = path.join(first.outdir, "lazy-OLDBUILD.js");
    await writeFile(stale, "export {};\n");
    const again = await bundleApp({ appDir: fixture });
    expect(again.written).toEqual([]);
    expect(await readdir(first.outdir)).toContain("lazy-OLDBUILD.js");
    const old = new Date(Date.now() - 2 * 60 * 60_000);
    await utimes(stale, old, old);
    await bundleApp({ appDir: fixture });
    expect(await readdir(first.outdir)).not.toContain("lazy-OLDBUILD.js");
  });

  it("fails, naming the package, when the app cannot resolve a package its code imports", async () => {
    const appDir = await mkdtemp(path.join(tmpdir(), "duban-build-app-"));
    await writeFile(
      path.join(appDir, "package.json"),
      JSON.stringify({ name: "elsewhere", type: "module" }),
    );
    await expect(bundleApp({ appDir, entry: path.join(src, "main.ts") })).rejects.toThrow(
      /"esbuild".*cannot be resolved from .*add "esbuild" to its package\.json/,
    );
  });
});

describe("rewriteImportMeta", () => {
  it("computes each value from the bundle's own URL", () => {
    const out = rewriteImportMeta(
      "a(import.meta.dirname, import.meta.url, import.meta.filename)",
      "/repo/packages/db/src/x.ts",
      "/repo/apps/api/dist",
    );
    expect(out).toBe(
      'a(__dubanPath("../../../packages/db/src"), __dubanUrl("../../../packages/db/src/x.ts"), __dubanPath("../../../packages/db/src/x.ts"))',
    );
  });

  it("refuses import.meta.resolve, which would resolve from the bundle", () => {
    expect(() => rewriteImportMeta('import.meta.resolve("x")', "/repo/a.ts", "/repo/dist")).toThrow(
      /not supported/,
    );
  });
});
