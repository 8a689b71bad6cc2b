// `pnpm build` (turbo's build task): dist/main.js, the JavaScript that `pnpm start`, the Docker
// image and the benchmark run. Workspace packages are bundled; node_modules stay external.
import path from "node:path";

import { bundleApp } from "@duban/build";

const started = Date.now();
const { main, written } = await bundleApp({ appDir: import.meta.dirname });
console.log(
  `${path.relative(process.cwd(), main)}: ${written.length} file(s) written in ${Date.now() - started} ms`,
);
