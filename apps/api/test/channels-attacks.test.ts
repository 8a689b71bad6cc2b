// Attacks on the channels of issue #20 through the real API: what one office may do to people who
// are not its alone.
import { randomBytes } from "node:crypto";

import { afterAll, describe, expect } from "vitest";

import { test, type DatabaseFixture, type RedisFixture } from "@duban/test-utils";

import { loginAs, outcome, startApi, type Api, type Client } from "./harness.ts";
import { buildWorld, PASSWORD } from "./world.ts";

process.env.DUBAN_SECRET_KEY ??= randomBytes(32).toString("hex");

type World = Awaited<ReturnType<typeof buildWorld>>;
let api: Api | undefined;
let w: World;
const clients = new Map<string, Client>();
let ready: Promise<void> | undefined;
function setUp(database: DatabaseFixture, redis: RedisFixture) {
  ready ??= (async () => {
    api = await startApi(database, redis);
    w = await buildWorld(database.db);
    for (const e of ["office@a.test", "office@b.test"])
      clients.set(e, await loginAs(api, e, PASSWORD));
  })();
  return ready;
}
const as = (email: string) => clients.get(email)!;

describe("channels: one office against people who are not its alone", () => {
  afterAll(async () => api?.close());

  test("an office cannot set the mobile of someone who also holds a role elsewhere (their SMS would go to its number)", async ({
    database,
    redis,
  }) => {
    const { db } = database;
    await setUp(database, redis);
    // B's office officer also sits in A (as a leader there): A's office runs one of their two roles
    await db.membership.create({
      data: { userId: w.users.officeB.id, jurisdictionId: w.a.id, role: "LEADER" },
    });
    await db.user.update({ where: { id: w.users.officeB.id }, data: { mobile: "13700001111" } });
    const attack = {
      jurisdictionId: w.a.id,
      userId: w.users.officeB.id,
      mobile: "13912340000",
    };
    expect(await outcome(() => as("office@a.test").channels.setMemberMobile.mutate(attack))).toBe(
      "NOT_FOUND",
    );
    expect((await db.user.findUniqueOrThrow({ where: { id: w.users.officeB.id } })).mobile).toBe(
      "13700001111",
    );
    expect(await db.auditEvent.count({ where: { action: "user.mobile" } })).toBe(0);
    // nor can B's officer, through B, set that number: it is their own, which only an SMS code sets
    expect(
      await outcome(() =>
        as("office@b.test").channels.setMemberMobile.mutate({
          ...attack,
          jurisdictionId: w.b.id,
        }),
      ),
    ).toBe("BAD_REQUEST");
    expect((await db.user.findUniqueOrThrow({ where: { id: w.users.officeB.id } })).mobile).toBe(
      "13700001111",
    );
    // a member whose every role is A's is still A's office's to set
    expect(
      await as("office@a.test").channels.setMemberMobile.mutate({
        jurisdictionId: w.a.id,
        userId: w.users.staffOther.id,
        mobile: "13912340000",
      }),
    ).toEqual({ userId: w.users.staffOther.id, mobile: "139****0000" });
  });
});
