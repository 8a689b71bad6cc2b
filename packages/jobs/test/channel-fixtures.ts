// What the channel tests share: the local platform server per test, and a 企业微信 robot on it.
import { randomBytes } from "node:crypto";

import type { Db } from "@duban/db";
import { createRobot, systemActor, type Actor } from "@duban/domain";
import { test as base } from "@duban/test-utils";

import type { World } from "./builders.ts";
import { startFakePlatforms, type FakePlatforms } from "./fake-platforms.ts";

// robot keys are sealed at rest: a key for this process when the environment has none
process.env.DUBAN_SECRET_KEY ??= randomBytes(32).toString("hex");

export const system = { actor: systemActor("test") as Actor };

/** The package's test with a fresh local platform server (`platforms`) per test. */
export const test = base.extend<{ platforms: FakePlatforms }>({
  // eslint-disable-next-line no-empty-pattern -- vitest reads fixture dependencies from the destructuring
  platforms: async ({}, use) => {
    const p = await startFakePlatforms();
    await use(p);
    await p.close();
  },
});

/**
 * A 企业微信 robot of the world's jurisdiction (of `departmentId`'s group, or the office's when
 * null) whose key the platform server accepts; returns the robot and its key.
 */
export async function wecomRobot(
  db: Db,
  w: World,
  platforms: FakePlatforms,
  options: { kinds: string[]; departmentId: string | null; name?: string },
) {
  const key = `key-${randomBytes(6).toString("hex")}`;
  platforms.wecomKeys.add(key);
  const robot = await createRobot(
    { db, ...system },
    {
      jurisdictionId: w.jurisdiction.id,
      departmentId: options.departmentId,
      platform: "WECOM",
      name: options.name ?? "科技局工作群",
      key,
      secret: null,
      kinds: options.kinds as never,
      enabled: true,
    },
  );
  return { ...robot, key };
}
