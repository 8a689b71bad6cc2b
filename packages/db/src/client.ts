import { PrismaPg } from "@prisma/adapter-pg";

import { PrismaClient } from "./generated/prisma/client.ts";

export type Db = PrismaClient;
/** The client handed to code running inside `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
/** Either the root client or a transaction: domain functions accept both. */
export type DbOrTx = Db | Tx;

export type CreateDbOptions = {
  connectionString: string;
  /** the most connections the pool opens */
  max?: number;
  applicationName?: string;
  /**
   * How long (ms) an idle connection stays open; 10 s by default. A long-lived server passes
   * more: after a lull, 20 users arriving together otherwise wait for 20 new connections (a new
   * PostgreSQL backend costs a few ms of the machine's two cores each).
   */
  idleTimeoutMs?: number;
};

export function createDb({
  connectionString,
  max = 10,
  applicationName = "duban",
  idleTimeoutMs = 10_000,
}: CreateDbOptions): Db {
  const adapter = new PrismaPg({
    connectionString,
    max,
    application_name: applicationName,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: idleTimeoutMs,
  });
  return new PrismaClient({ adapter });
}
