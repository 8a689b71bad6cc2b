export { createDb } from "./client.ts";
export type { Db, Tx, DbOrTx, CreateDbOptions } from "./client.ts";
export {
  applyMigrations,
  createMigration,
  migrationNames,
  pendingMigrationSql,
} from "./migrate/migrations.ts";
export { ensureDatabase } from "./migrate/ensure-database.ts";
export { Prisma } from "./generated/prisma/client.ts";
export * from "./generated/prisma/enums.ts";
export type * from "./generated/prisma/models.ts";
