// `pnpm bench:smoke`: seeds the tiny scale (a province, a city and two counties, with the cascade)
// and runs the benchmark with a few iterations, every path including the cockpit, with one api and
// again with two behind the round-robin proxy (the read paths only), then the
// overdue-scan benchmark over 1,000 tasks, the PDF/.docx extraction benchmark once and the
// scoring benchmark over 100 units, so CI
// notices when a script breaks. It never fails on timings.
import { runExtractBench } from "../extract.bench.ts";
import { runOverdueBench } from "../overdue.bench.ts";
import { runScoringBench } from "../scoring.bench.ts";
import { runBench } from "./bench.ts";
import { BENCH_DATABASE_URL, SCALES } from "./scale.ts";
import { seed } from "./seed.ts";

// its own database, so a smoke run never replaces the province data a full benchmark needs
const url = new URL(BENCH_DATABASE_URL);
url.pathname = `${url.pathname}_smoke`;
const databaseUrl = process.env.BENCH_SMOKE_DATABASE_URL ?? url.toString();

const started = performance.now();
await seed(SCALES.tiny, databaseUrl);
await runBench("tiny", { quick: true, databaseUrl, apis: [1, 2] });
const overdueUrl = new URL(databaseUrl);
overdueUrl.pathname = `${overdueUrl.pathname}_overdue`;
await runOverdueBench({ tasks: 1_000, url: overdueUrl.toString() });
await runExtractBench(1);
const scoringUrl = new URL(databaseUrl);
scoringUrl.pathname = `${scoringUrl.pathname}_scoring`;
await runScoringBench({ units: 100, url: scoringUrl.toString() });
console.error(`bench smoke finished in ${((performance.now() - started) / 1000).toFixed(1)} s`);
