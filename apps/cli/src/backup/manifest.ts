import { z } from "zod";

/** Raised when the layout of a backup changes; restore refuses versions it does not know. */
export const BACKUP_FORMAT_VERSION = 1;

const ZFile = z.object({
  path: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
const ZTable = z.object({
  name: z.string(),
  columns: z.array(z.string()),
  rows: z.number().int().nonnegative(),
});

/**
 * manifest.json, the first thing restore reads. `engine`: "pg_dump" (database.pgdump, pg_dump's
 * custom format) when a pg_dump of the server's version was found, else "copy" (tables/<name>.copy.gz,
 * COPY text of each table, all in one snapshot, loaded into the schema rebuilt from `migrations`).
 * `tables[].rows` are counted in the dump's snapshot; restore checks them again after loading.
 * `files` lists every other entry of the archive with its size and SHA-256.
 */
export const ZManifest = z.object({
  format: z.literal("duban-backup"),
  version: z.literal(BACKUP_FORMAT_VERSION),
  createdAt: z.string(),
  engine: z.enum(["pg_dump", "copy"]),
  serverVersionNum: z.number().int(),
  pgDumpMajor: z.number().int().optional(),
  migrations: z.array(z.string()),
  tables: z.array(ZTable),
  sequences: z.array(z.object({ name: z.string(), lastValue: z.string(), isCalled: z.boolean() })),
  evidence: z.object({ files: z.number().int().nonnegative(), missing: z.array(z.string()) }),
  files: z.array(ZFile),
});
export type Manifest = z.infer<typeof ZManifest>;
export type TableInfo = z.infer<typeof ZTable>;
