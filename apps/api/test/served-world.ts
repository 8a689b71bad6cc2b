import { test as withServices } from "@duban/test-utils";

import { startApi, type Api, type ApiOptions } from "./harness.ts";
import { buildWorld } from "./world.ts";

export type World = Awaited<ReturnType<typeof buildWorld>>;

/**
 * `test` with two more file-scoped fixtures over the file's database and Redis prefix: `world`, the
 * shared test world (see world.ts), and `api`, the real HTTP host serving it (its users can sign
 * in). Each is made once per file by the first test that asks for it, so any test runs alone
 * (`vitest run -t "<name>"`) as well as with the others; the api closes after the file's last test.
 */
export function servedTest(options: ApiOptions = {}) {
  return withServices.extend<{ $file: { api: Api; world: World } }>({
    api: [
      async ({ database, redis, world: _built }, use) => {
        const api = await startApi(database, redis, options);
        await use(api);
        await api.close();
      },
      { scope: "file" },
    ],
    world: [async ({ database }, use) => use(await buildWorld(database.db)), { scope: "file" }],
  });
}

export const test = servedTest();
