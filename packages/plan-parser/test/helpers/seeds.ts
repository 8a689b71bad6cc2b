// Test helpers: read the seed plans and fixtures (tests may touch the file system; the parser may not).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const seedPath = (name: string): string =>
  fileURLToPath(new URL(`../../../../seeds/${name}`, import.meta.url));
export const fixturePath = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

export const XIFENG = readFileSync(seedPath("xifeng-county-14th-fyp-sti-plan.txt"), "utf8");
export const ZUNYI = readFileSync(seedPath("zunyi-city-14th-fyp-sti-plan.txt"), "utf8");
export const LONGLI = readFileSync(fixturePath("longli-county-14th-fyp-sti-plan.txt"), "utf8");
