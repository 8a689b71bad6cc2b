import { applyMigrations } from "@duban/db";
import { loadDemo } from "@duban/domain";

import { demoSeeds } from "../demo-seeds.ts";
import { withDatabase } from "../with-database.ts";

/** `pnpm duban demo`: migrates and loads the demo into an empty database (what `pnpm start` does first). */
export function demoCommand(): Promise<number> {
  return withDatabase(async (db, services) => {
    await applyMigrations(services.databaseUrl);
    const started = Date.now();
    const credentials = await loadDemo(
      { db },
      { seeds: await demoSeeds(), password: process.env.DUBAN_DEMO_PASSWORD },
    );
    if (!credentials) {
      console.log("数据库已有数据，未加载演示数据 (the database is not empty; demo not loaded)");
      return 0;
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`演示数据已加载，用时 ${seconds} 秒 (demo loaded in ${seconds} s)`);
    for (const c of credentials)
      console.log(`${c.jurisdiction}\t${c.role}\t${c.email}\t${c.password}`);
    return 0;
  });
}
