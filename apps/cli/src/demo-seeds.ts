import { readFile } from "node:fs/promises";
import path from "node:path";

import type { DemoSeed } from "@duban/domain";

import { seedsDir } from "./paths.ts";

/** The two seed plans as the demo's jurisdictions: 息烽县 under 贵阳市, and 遵义市. */
export async function demoSeeds(): Promise<DemoSeed[]> {
  const read = async (name: string) => new Uint8Array(await readFile(path.join(seedsDir, name)));
  return [
    {
      fileName: "xifeng-county-14th-fyp-sti-plan.txt",
      bytes: await read("xifeng-county-14th-fyp-sti-plan.txt"),
      jurisdiction: "息烽县",
      kind: "COUNTY",
      parent: "贵阳市",
      slug: "xifeng",
      parentSlug: "guiyang",
      // the seed starts with its preface: the title is on the cover, which the text lacks
      title: "息烽县“十四五”科技创新规划",
    },
    {
      fileName: "zunyi-city-14th-fyp-sti-plan.txt",
      bytes: await read("zunyi-city-14th-fyp-sti-plan.txt"),
      jurisdiction: "遵义市",
      kind: "CITY",
      slug: "zunyi",
    },
  ];
}
