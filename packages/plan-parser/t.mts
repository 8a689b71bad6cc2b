import { readFileSync } from "node:fs";

import { extractPlanText, formatTree, parsePlan } from "./src/index.ts";

const { text } = await extractPlanText(new Uint8Array(readFileSync(process.argv[2]!)), "a.pdf");
console.log(text);
console.log(formatTree(parsePlan(text)));
