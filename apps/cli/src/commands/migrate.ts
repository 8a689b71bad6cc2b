import { applyMigrations } from "@duban/db";

import { reportFailure } from "../fail.ts";
import { acquireServices } from "../services.ts";

/** `pnpm duban migrate`: applies committed migrations (offline, via the wasm schema engine). */
export async function migrateCommand(): Promise<number> {
  const services = await acquireServices({ needRedis: false }).catch((e: unknown) => e as Error);
  if (services instanceof Error) return reportFailure(services);
  try {
    const applied = await applyMigrations(services.databaseUrl);
    console.log(
      applied.length
        ? `已应用迁移 (applied): ${applied.join(", ")}`
        : "数据库已是最新 (database is up to date)",
    );
    return 0;
  } catch (error) {
    return reportFailure(error);
  } finally {
    await services.stop();
  }
}
