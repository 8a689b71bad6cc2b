// Bundles a server app (apps/api, apps/worker) into plain JavaScript that `node` runs without tsx.
//
// - Workspace packages (@duban/*, which ship TypeScript, and the generated Prisma client) are bundled.
// - Third-party packages stay external: node loads them from node_modules at run time, so the app
//   must be able to resolve each one itself (its own package.json), and to the very file its
//   workspace importer would get. The build fails otherwise, naming the package.
// - Dynamic import() of a workspace module becomes its own chunk, so what a process loads only at
//   first use (Excel, Word, mail…) stays out of its start.
// - import.meta.dirname / filename / url in workspace sources keep pointing at the source file,
//   not at the bundle (migrations, the web dist, .data/ are found relative to it). So dist/ must stay
//   where it was built, inside the repository checkout, next to node_modules and packages/.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { builtinModules } from "node:module";
import path from "node:path";

import * as esbuild from "esbuild";

export type BundleOptions = {
  /** the app's folder, e.g. apps/api */
  appDir: string;
  /** entry, relative to appDir (or absolute) */
  entry?: string;
  /** output folder, relative to appDir */
  outdir?: string;
  /** built outputs a running process may still load lazily are kept this long after a newer build */
  keepStaleMs?: number;
};

export type BundleResult = {
  /** absolute path of the entry's output (dist/main.js) */
  main: string;
  outdir: string;
  appDir: string;
  /** esbuild's metafile; its paths are relative to appDir */
  metafile: esbuild.Metafile;
  /** output files written (changed since the last build) */
  written: string[];
};

const SOURCE_EXT = /\.(m|c)?(t|j)sx?$/;
const IMPORT_META = /\bimport\.meta\.(dirname|filename|url|resolve)\b/g;
const BANNER = [
  'import { fileURLToPath as __dubanFileURLToPath } from "node:url";',
  "const __dubanUrl = (rel) => new URL(rel, import.meta.url).href;",
  "const __dubanPath = (rel) => __dubanFileURLToPath(new URL(rel, import.meta.url));",
].join("\n");

const toUrlPath = (p: string) => p.split(path.sep).join("/");
const isBuiltin = (spec: string) =>
  spec.startsWith("node:") || builtinModules.includes(spec.split("/")[0]!);
const isWorkspace = (spec: string) => spec.startsWith("@duban/");

/** Replaces import.meta.* in a workspace source by the same value for the source file, computed from the bundle's own URL. */
export function rewriteImportMeta(code: string, file: string, outdir: string): string {
  const relFile = toUrlPath(path.relative(outdir, file));
  const relDir = toUrlPath(path.relative(outdir, path.dirname(file))) || ".";
  return code.replace(IMPORT_META, (match, prop: string) => {
    switch (prop) {
      case "dirname":
        return `__dubanPath(${JSON.stringify(relDir)})`;
      case "filename":
        return `__dubanPath(${JSON.stringify(relFile)})`;
      case "url":
        return `__dubanUrl(${JSON.stringify(relFile)})`;
      default:
        throw new Error(
          `${file}: ${match} is not supported in bundled code (it would resolve from the bundle, not from the source)`,
        );
    }
  });
}

function workspacePlugin(appDir: string, outdir: string): esbuild.Plugin {
  return {
    name: "duban-workspace",
    setup(build) {
      // third-party imports: external, and checked to resolve from the app to the same file
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData?.dubanCheck) return undefined;
        if (isBuiltin(args.path)) return { path: args.path, external: true };
        if (isWorkspace(args.path)) return undefined;
        const opts = { kind: args.kind, pluginData: { dubanCheck: true } };
        const fromImporter = await build.resolve(args.path, {
          ...opts,
          resolveDir: args.resolveDir,
          importer: args.importer,
        });
        if (fromImporter.errors.length) return { errors: fromImporter.errors };
        const fromApp = await build.resolve(args.path, { ...opts, resolveDir: appDir });
        const pkg = args.path.startsWith("@")
          ? args.path.split("/").slice(0, 2).join("/")
          : args.path.split("/")[0]!;
        const who = path.relative(appDir, args.importer);
        if (fromApp.errors.length) {
          return {
            errors: [
              {
                text: `"${args.path}" (imported by ${who}) cannot be resolved from ${path.basename(appDir)}: add "${pkg}" to its package.json dependencies (same version as the importer's)`,
              },
            ],
          };
        }
        if (fromApp.path !== fromImporter.path) {
          return {
            errors: [
              {
                text: `"${args.path}" resolves to a different file from ${path.basename(appDir)} (${fromApp.path}) than from ${who} (${fromImporter.path}): align the versions of "${pkg}"`,
              },
            ],
          };
        }
        return { path: args.path, external: true };
      });
      // workspace sources: import.meta.* as if the code still ran from its source file
      build.onLoad({ filter: SOURCE_EXT }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const code = await readFile(args.path, "utf8");
        if (!code.includes("import.meta")) return undefined;
        const ext = path.extname(args.path).slice(1);
        const loader: esbuild.Loader = ext.endsWith("tsx")
          ? "tsx"
          : ext.endsWith("ts")
            ? "ts"
            : "js";
        return {
          contents: rewriteImportMeta(code, args.path, outdir),
          loader,
          resolveDir: path.dirname(args.path),
        };
      });
    },
  };
}

/** Writes a file only when its content changed, through a rename, so a running process never reads half a file. */
async function writeIfChanged(file: string, contents: Uint8Array): Promise<boolean> {
  const old = existsSync(file) ? await readFile(file) : null;
  if (old && Buffer.compare(old, contents) === 0) return false;
  const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(tmp, contents);
  await rename(tmp, file);
  return true;
}

export async function bundleApp(options: BundleOptions): Promise<BundleResult> {
  const appDir = path.resolve(options.appDir);
  const outdir = path.join(appDir, options.outdir ?? "dist");
  const result = await esbuild.build({
    absWorkingDir: appDir,
    entryPoints: { main: path.resolve(appDir, options.entry ?? "src/main.ts") },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    splitting: true,
    // chunks beside main.js: import.meta.url is the same folder in every output file
    chunkNames: "[name]-[hash]",
    outdir,
    sourcemap: "linked",
    banner: { js: BANNER },
    metafile: true,
    write: false,
    logLevel: "silent",
    plugins: [workspacePlugin(appDir, outdir)],
  });
  await mkdir(outdir, { recursive: true });
  const written: string[] = [];
  for (const file of result.outputFiles)
    if (await writeIfChanged(file.path, file.contents)) written.push(file.path);
  await writeIfChanged(
    path.join(outdir, "meta.json"),
    Buffer.from(JSON.stringify(result.metafile)),
  );
  // outputs of earlier builds: a process started from them may still import a chunk lazily
  const current = new Set([...result.outputFiles.map((f) => path.basename(f.path)), "meta.json"]);
  const keepMs = options.keepStaleMs ?? 60 * 60_000;
  for (const name of await readdir(outdir)) {
    if (current.has(name)) continue;
    const file = path.join(outdir, name);
    const info = await stat(file).catch(() => null);
    if (info?.isFile() && Date.now() - info.mtimeMs > keepMs) await unlink(file).catch(() => {});
  }
  return { main: path.join(outdir, "main.js"), outdir, appDir, metafile: result.metafile, written };
}

/**
 * The third-party modules an output loads before its first line runs: its static imports,
 * followed through the chunks it imports statically (not through dynamic import()).
 */
export function staticExternals(
  bundle: Pick<BundleResult, "metafile" | "outdir" | "appDir">,
  output = "main.js",
): Set<string> {
  const byAbs = new Map(
    Object.entries(bundle.metafile.outputs).map(
      ([rel, out]) => [path.resolve(bundle.appDir, rel), out] as const,
    ),
  );
  const seen = new Set<string>();
  const externals = new Set<string>();
  const visit = (abs: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    for (const imp of byAbs.get(abs)?.imports ?? []) {
      if (imp.kind !== "import-statement") continue;
      if (imp.external) externals.add(imp.path);
      else visit(path.resolve(bundle.appDir, imp.path));
    }
  };
  visit(path.join(bundle.outdir, output));
  return externals;
}
