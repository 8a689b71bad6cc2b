import { createDb, type Db } from "@duban/db";

import { reportFailure } from "./fail.ts";
import { acquireServices, type Services } from "./services.ts";

/**
 * Runs a command against the database (and, when asked, Redis) that `acquireServices` finds or
 * starts, and always releases them; failures become one readable message and an exit code.
 */
export async function withDatabase(
  run: (db: Db, services: Services) => Promise<number>,
  options: { needRedis?: boolean } = {},
): Promise<number> {
  const services = await acquireServices({ needRedis: options.needRedis ?? false }).catch(
    (e: unknown) => e as Error,
  );
  if (services instanceof Error) return reportFailure(services);
  const db = createDb({ connectionString: services.databaseUrl, max: 4 });
  try {
    return await run(db, services);
  } catch (error) {
    return reportFailure(error);
  } finally {
    await db.$disconnect();
    await services.stop();
  }
}
