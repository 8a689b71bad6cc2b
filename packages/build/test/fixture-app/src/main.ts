// a tiny app for bundle.test.ts: import.meta values, a lazy chunk, an external package
import { version } from "esbuild";

import { where as nestedWhere } from "./nested/where.ts";

export const where = {
  dirname: import.meta.dirname,
  filename: import.meta.filename,
  url: import.meta.url,
};
export const nested = nestedWhere;
export const lazy = () => import("./nested/lazy.ts");
export const esbuildVersion = version;
