// `prisma generate` offline: the CLI insists on a native schema engine it would download from
// Prisma's servers (unreachable on isolated networks). Generation itself never uses that engine,
// so pointing the check at any existing file lets it run with only the npm registry.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const prismaCli = path.join(
  path.dirname(require.resolve("prisma/package.json")),
  "build",
  "index.js",
);
const result = spawnSync(process.execPath, [prismaCli, "generate"], {
  stdio: "inherit",
  cwd: path.resolve(import.meta.dirname, ".."),
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(result.status ?? 1);
