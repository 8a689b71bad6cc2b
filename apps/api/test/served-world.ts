import { afterAll } from "vitest";

import { test } from "@duban/test-utils";

import { startApi, type Api } from "./harness.ts";
import { buildWorld } from "./world.ts";

export type World = Awaited<ReturnType<typeof buildWorld>>;

/**
 * The api started once for a describe block, over a database holding the shared test world. The
 * block's first test ("setup") fills in `api` and `world`; the api closes after the block.
 */
export function servedWorld(): { api: Api; world: World } {
  const served = {} as { api: Api; world: World };
  test("setup", async ({ database, redis }) => {
    served.api = await startApi(database, redis);
    served.world = await buildWorld(database.db);
  });
  afterAll(async () => served.api?.close());
  return served;
}
