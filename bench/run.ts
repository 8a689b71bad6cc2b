// `pnpm bench [--scale province|county] [--quick]`: see src/bench.ts and README.md.
import { main } from "./src/bench.ts";

await main(process.argv.slice(2));
