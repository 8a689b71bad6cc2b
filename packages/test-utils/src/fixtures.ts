import { randomBytes } from "node:crypto";

import { Redis } from "ioredis";
import { test as base, inject } from "vitest";

import { createDb, type Db } from "@duban/db";

import { startSmtpCatcher, type SmtpCatcher } from "./smtp-catcher.ts";
import { createTestDatabase } from "./template-database.ts";

import type {} from "./global-setup.ts";

export type DatabaseFixture = { url: string; db: Db };
export type RedisFixture = { url: string; prefix: string; client: Redis };

const postgresUrl = (database: string) => inject("testPostgresBase").replace("__DB__", database);

/**
 * `test` with real services. Each test file gets its own database (a copy of the migrated
 * template) and its own Redis key prefix, so files run in parallel without seeing each other.
 */
export const test = base.extend<{
  smtp: SmtpCatcher;
  database: DatabaseFixture;
  redis: RedisFixture;
}>({
  database: [
    // eslint-disable-next-line no-empty-pattern -- vitest reads fixture dependencies from the destructuring
    async ({}, use) => {
      const created = await createTestDatabase(postgresUrl, inject("testTemplateDatabase"));
      const db = createDb({ connectionString: created.url, max: 5 });
      await use({ url: created.url, db });
      await db.$disconnect();
      await created.drop();
    },
    { scope: "file" },
  ],
  redis: [
    // eslint-disable-next-line no-empty-pattern -- vitest reads fixture dependencies from the destructuring
    async ({}, use) => {
      const url = inject("testRedisUrl");
      const prefix = `t${randomBytes(5).toString("hex")}`;
      const client = new Redis(url, { maxRetriesPerRequest: null });
      await use({ url, prefix, client });
      const keys = await client.keys(`${prefix}:*`);
      if (keys.length) await client.del(...keys);
      client.disconnect();
    },
    { scope: "file" },
  ],
  // eslint-disable-next-line no-empty-pattern -- as above
  smtp: async ({}, use) => {
    const catcher = await startSmtpCatcher();
    await use(catcher);
    await catcher.stop();
  },
});

export { postgresUrl as testPostgresUrl };
