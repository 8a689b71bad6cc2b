import { applyMigrations, createDb } from "@duban/db";
import { loadDemo } from "@duban/domain";
import { acquireServices } from "../services.ts";
import { reportFailure } from "../fail.ts";
import { demoSeeds } from "../demo-seeds.ts";

/** `pnpm duban demo`: migrates and loads the demo into an empty database (what `pnpm start` does first). */
export async function demoCommand(): Promise<number> {
  const services = await acquireServices({ needRedis: false }).catch((e: unknown) => e as Error);
  if (services instanceof Error) return reportFailure(services);
  const db = createDb({ connectionString: services.databaseUrl, max: 4 });
  try {
    await applyMigrations(services.databaseUrl);
    const credentials = await loadDemo(db, await demoSeeds(), { password: process.env.DUBAN_DEMO_PASSWORD });
    if (!credentials) {
      console.log("数据库已有数据，未加载演示数据 (the database is not empty; demo not loaded)");
      return 0;
    }
    for (const c of credentials) console.log(`${c.jurisdiction}\t${c.role}\t${c.email}\t${c.password}`);
    return 0;
  } catch (error) {
    return reportFailure(error);
  } finally {
    await db.$disconnect();
    await services.stop();
  }
}
