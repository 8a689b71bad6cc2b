import { parseArgs } from "node:util";

import { isIsoDate, isPeriod, systemActor, validationText } from "@duban/domain";
import { createJobRunner, JOB_NAMES } from "@duban/jobs";
import { createLogger } from "@duban/logger";

import { withDatabase } from "../with-database.ts";

const USAGE = `用法 usage: pnpm duban jobs run <name> [--period 2023Q2] [--as-of 2023-07-01] [--plan <id>] [--dry-run]
  jobs: ${JOB_NAMES.join(", ")}`;

/**
 * `pnpm duban jobs run <name>`: the same job the worker runs on schedule, now. A dry run lists who
 * would be emailed and why, and writes nothing. Emails it decides on go to the outbox; the worker
 * (of a running `pnpm start`, or any deployed one) sends them.
 */
export async function jobsCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        period: { type: "string" },
        "as-of": { type: "string" },
        plan: { type: "string" },
        "dry-run": { type: "boolean", default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [verb, name] = parsed.positionals;
  const { period, "as-of": asOf, plan, "dry-run": dryRun } = parsed.values;
  if (verb !== "run" || !name) {
    console.error(USAGE);
    return 2;
  }
  if (!(JOB_NAMES as readonly string[]).includes(name)) {
    console.error(`未知的任务 unknown job: ${name}\n${USAGE}`);
    return 2;
  }
  if (period && !isPeriod(period)) {
    console.error(`${validationText({ code: "period.format" })}: ${period}`);
    return 2;
  }
  if (asOf && !isIsoDate(asOf)) {
    console.error(`${validationText({ code: "date.format" })}: ${asOf}`);
    return 2;
  }
  return withDatabase(
    async (db, services) => {
      const runNow = createJobRunner({
        db,
        connection: { url: services.redisUrl },
        log: createLogger("cli", { level: "warn" }),
        baseUrl: process.env.APP_BASE_URL,
      });
      try {
        const result = await runNow(
          name,
          { asOf, dryRun: dryRun ?? false, period, planId: plan },
          systemActor("cli"),
        );
        console.log(JSON.stringify(result, null, 2));
        return 0;
      } finally {
        await runNow.close();
      }
    },
    { needRedis: true },
  );
}
