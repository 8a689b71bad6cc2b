// Parse benchmark (not a test): `cd bench && npx tsx parse.bench.ts [runs]`.
// Parses each seed plan N times and a generated ~1 MB plan, and prints ms per 100 KB
// (median and p95) and throughput. Sizes are UTF-8 bytes.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { parsePlan } from "@duban/plan-parser";

const runs = Number(process.argv[2] ?? 30);
const seed = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../seeds/${name}`, import.meta.url)), "utf8");

const CN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const para =
  "围绕产业链部署创新链，加快培育科技型企业，推动科技成果转移转化，提升县域创新能力和服务水平。";

/** A plan with the usual conventions and damage, repeated until it is about `bytes` long. */
const syntheticPlan = (bytes: number): string => {
  const out = ["某县“十四五”科技创新规划", "", "为加快建设创新型县城，制定本规划。"];
  let chapter = 0;
  while (Buffer.byteLength(out.join("\n")) < bytes) {
    chapter++;
    out.push(`第${chapter}章 重点任务${chapter}`);
    for (let s = 0; s < 5; s++) {
      out.push(`${CN[s]}、推进方向${s + 1}`, para);
      for (let i = 1; i <= 4; i++)
        out.push(
          `${i}.重点工作${i}`,
          para.slice(0, 30),
          para.slice(30),
          "",
          String(chapter * 10 + i),
        );
      out.push(
        `专栏 ${chapter}-${s + 1}：重点工程`,
        "1.平台建设。建设创新平台；培育研发机构。",
        "2.人才引育。引进领军人才，培养青年骨干。",
      );
    }
    if (chapter % 10 === 1)
      out.push(
        "序号 指标 2020 年 2025 年",
        "1 R&D 经费支出（万元） 7529.2 30000",
        "2 高新技术企业数（个） 5 10",
      );
  }
  return out.join("\n");
};

const stats = (label: string, text: string, n: number) => {
  const kb100 = Buffer.byteLength(text) / 102_400;
  parsePlan(text); // warm-up
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    parsePlan(text);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] ?? 0;
  const mbPerS = Buffer.byteLength(text) / 1_048_576 / (median / 1000);
  console.log(
    `${label.padEnd(28)} ${(kb100 * 100).toFixed(0).padStart(6)} KB  runs ${String(n).padStart(3)}  median ${median.toFixed(1).padStart(7)} ms  ` +
      `per 100 KB: median ${(median / kb100).toFixed(2).padStart(6)} ms, p95 ${(p95 / kb100).toFixed(2).padStart(6)} ms  throughput ${mbPerS.toFixed(2)} MB/s`,
  );
};

stats("息烽县 seed", seed("xifeng-county-14th-fyp-sti-plan.txt"), runs);
stats("遵义市 seed", seed("zunyi-city-14th-fyp-sti-plan.txt"), runs);
stats("synthetic ~1 MB plan", syntheticPlan(1_048_576), Math.max(5, Math.floor(runs / 3)));
