import { PrismaPg } from "@prisma/adapter-pg";

import { PrismaClient } from "./generated/prisma/client.ts";

export type Db = PrismaClient;
/** The client handed to code running inside `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
/** Either the root client or a transaction: domain functions accept both. */
export type DbOrTx = Db | Tx;

export type CreateDbOptions = { connectionString: string; max?: number; applicationName?: string };

export function createDb({
  connectionString,
  max = 10,
  applicationName = "duban",
}: CreateDbOptions): Db {
  const adapter = new PrismaPg({
    connectionString,
    max,
    application_name: applicationName,
    connectionTimeoutMillis: 5_000,
  });
  return new PrismaClient({ adapter });
}
