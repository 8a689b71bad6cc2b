import path from "node:path";

import type { Plugin } from "vite";

import { compressFiles } from "./compress-files.ts";

/**
 * Writes `<file>.br` and `<file>.gz` beside every text file of the build over 1 KB (issue #20).
 * The api serves them as they are (`@fastify/static` `preCompressed`): brotli is about 15 %
 * smaller than gzip on our scripts, and a file compressed once at build costs no CPU or zlib
 * memory per request, which is why the api never brotli-compresses on the fly.
 */
export function precompress(): Plugin {
  return {
    name: "duban-precompress",
    apply: "build",
    async writeBundle(options, bundle) {
      const dir = options.dir ?? path.dirname(options.file ?? "dist/index.js");
      await compressFiles(dir, Object.keys(bundle));
    },
  };
}
