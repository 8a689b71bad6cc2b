import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** files smaller than this are served as they are (the api's compress threshold too) */
export const COMPRESS_FROM_BYTES = 1024;
const TEXT = /\.(?:js|mjs|css|html|svg|json|txt|map)$/;

/**
 * Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip -9) beside each text file of
 * `names` (paths relative to `dir`) of at least 1 KB; returns the files it compressed. The api
 * serves these as they are (`@fastify/static` `preCompressed`, apps/api/src/server.ts).
 */
export async function compressFiles(dir: string, names: Iterable<string>): Promise<string[]> {
  const done: string[] = [];
  await Promise.all(
    [...names]
      .filter((name) => TEXT.test(name))
      .map(async (name) => {
        const file = path.join(dir, name);
        const body = await readFile(file);
        if (body.length < COMPRESS_FROM_BYTES) return;
        await Promise.all([
          writeFile(`${file}.br`, brotli(body)),
          writeFile(`${file}.gz`, gzipSync(body, { level: 9 })),
        ]);
        done.push(name);
      }),
  );
  return done;
}

function brotli(body: Buffer): Buffer {
  return brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}
