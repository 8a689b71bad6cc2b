// pnpm db:migrate: applies the committed migrations to DATABASE_URL, offline.
import { applyMigrations } from "../src/migrate/migrations.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("缺少 DATABASE_URL (DATABASE_URL is not set)");
  process.exit(2);
}
const applied = await applyMigrations(url);
console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
