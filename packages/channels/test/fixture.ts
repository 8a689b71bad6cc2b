import { test as base } from "vitest";

import { startFakePlatformServer, type FakePlatformServer } from "./robot-server.ts";

/**
 * `test` with the fake platform: one real HTTP server per test file, its requests, faults and
 * rate windows cleared before each test so every test stands alone.
 */
export const test = base.extend<{ server: FakePlatformServer; platform: FakePlatformServer }>({
  server: [
    // eslint-disable-next-line no-empty-pattern -- vitest reads fixture dependencies from the destructuring
    async ({}, use) => {
      const server = await startFakePlatformServer({
        dingtalkRobots: [
          { accessToken: "ding-token", secret: "SECding-secret" },
          { accessToken: "ding-open" },
          { accessToken: "ding-keyword", keywords: ["周报"] },
        ],
      });
      await use(server);
      await server.close();
    },
    { scope: "file" },
  ],
  platform: async ({ server }, use) => {
    server.reset();
    await use(server);
  },
});
