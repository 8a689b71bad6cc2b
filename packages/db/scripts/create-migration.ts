// pnpm db:migration:create <name>: writes a new SQL migration for schema.prisma, offline.
import { createMigration } from "../src/migrate/migrations.ts";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error(
    "用法 usage: pnpm db:migration:create <name>   (name: lower-case letters, digits, _)",
  );
  process.exit(2);
}
// The engine needs a reachable server to start, though the diff itself reads no data.
const url = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const dir = await createMigration(url, name);
console.log(dir ? `created ${dir}` : "schema unchanged: no migration created");
