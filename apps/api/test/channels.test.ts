import { randomBytes } from "node:crypto";

import { TRPCClientError } from "@trpc/client";
import { afterAll, describe, expect } from "vitest";

import { decryptSecret } from "@duban/domain";
import { test, type DatabaseFixture, type RedisFixture } from "@duban/test-utils";

import { loginAs, outcome, startApi, type Api, type Client } from "./harness.ts";
import { buildWorld, PASSWORD } from "./world.ts";

process.env.DUBAN_SECRET_KEY ??= randomBytes(32).toString("hex");

type World = Awaited<ReturnType<typeof buildWorld>>;
let api: Api | undefined;
let w: World;
const clients = new Map<string, Client>();
const bigints = (_k: string, v: unknown) => (typeof v === "bigint" ? String(v) : v);
let ready: Promise<void> | undefined;
/** The API and the world, built by whichever test runs first (each test stands alone). */
function setUp(database: DatabaseFixture, redis: RedisFixture) {
  ready ??= (async () => {
    api = await startApi(database, redis);
    w = await buildWorld(database.db);
    for (const e of EMAILS) clients.set(e, await loginAs(api, e, PASSWORD));
  })();
  return ready;
}
const as = (email: string) => clients.get(email)!;
/** A refusal's tRPC code and the input field it names (the form shows it there). */
async function refusedWith(call: () => Promise<unknown>) {
  try {
    await call();
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const data = error.data as
      | { code?: string; field?: string | null; issues?: Array<{ path: string[] }> | null }
      | undefined;
    return { code: data?.code, field: data?.field ?? data?.issues?.[0]?.path[0] };
  }
  throw new Error("the call passed");
}
const EMAILS = [
  "office@a.test",
  "leader@a.test",
  "lead@a.test",
  "office@b.test",
  "leader@city.test",
];

describe("channels: robots, preferences and mobiles through the API (issue #20)", () => {
  afterAll(async () => api?.close());

  test("robots: only the office of the robot's own jurisdiction manages them; secrets never come back in full; every change audited", async ({
    database,
    redis,
  }) => {
    const { db } = database;
    await setUp(database, redis);
    const key = "93a0f1c2-wecom-key-7d4e";
    const input = {
      jurisdictionId: w.a.id,
      departmentId: w.d1.id,
      platform: "WECOM" as const,
      name: "科技局工作群",
      key,
      kinds: ["due-soon" as const, "overdue" as const],
    };
    // refused: another county's office, the leaders (of A and of the city above), unit staff
    for (const e of ["office@b.test", "leader@a.test", "leader@city.test", "lead@a.test"])
      expect(await outcome(() => as(e).channels.createRobot.mutate(input)), e).toBe("FORBIDDEN");
    const created = await as("office@a.test").channels.createRobot.mutate(input);
    expect(created).toMatchObject({
      keyMasked: "••••7d4e",
      secretMasked: null,
      departmentName: expect.any(String),
    });
    expect(JSON.stringify(created)).not.toContain(key);
    // at rest: ciphertext that decrypts to the key, never the key itself
    const row = await db.channelRobot.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.keyCipher).not.toContain(key);
    const place = { table: "ChannelRobot", id: row.id, field: "keyCipher" } as const;
    expect(row.keyCipher).toMatch(/^v2:/);
    expect(decryptSecret(row.keyCipher, place)).toBe(key);

    const ding = await as("office@a.test").channels.createRobot.mutate({
      jurisdictionId: w.a.id,
      departmentId: null,
      platform: "DINGTALK",
      name: "办公室群",
      key: "dingtalk-access-token-0001",
      secret: "SEC0123456789abcdefXYZW",
      kinds: ["overdue-escalation"],
    });
    expect(ding).toMatchObject({ keyMasked: "••••0001", secretMasked: "••••XYZW" });
    // each ciphertext is bound to its robot and column: copied to another robot, or from the
    // signing secret to the key column, it does not decrypt
    const dingRow = await db.channelRobot.findUniqueOrThrow({ where: { id: ding.id } });
    expect(() =>
      decryptSecret(row.keyCipher, { table: "ChannelRobot", id: ding.id, field: "keyCipher" }),
    ).toThrowError(/另一条记录.*another row/);
    expect(() =>
      decryptSecret(dingRow.secretCipher!, { ...place, id: ding.id, field: "keyCipher" }),
    ).toThrowError(/another row/);
    expect(
      decryptSecret(dingRow.secretCipher!, { ...place, id: ding.id, field: "secretCipher" }),
    ).toBe("SEC0123456789abcdefXYZW");
    // a WeCom robot has no signing secret; a unit of another county is "not found"
    expect(
      await outcome(() =>
        as("office@a.test").channels.createRobot.mutate({
          ...input,
          secret: "SEC0123456789abcdefABCD",
        }),
      ),
    ).toBe("BAD_REQUEST");
    expect(
      await outcome(() =>
        as("office@a.test").channels.createRobot.mutate({ ...input, departmentId: w.bDept.id }),
      ),
    ).toBe("NOT_FOUND");
    // a credential is the platform's whole string: a stub, or one with a space inside, is a
    // slip (and its masked form would show most of it back)
    for (const bad of ["abc12", "93a0f1c2 5b6e 4c7d 8e9f"]) {
      const refused = await as("office@a.test")
        .channels.createRobot.mutate({ ...input, key: bad })
        .then(
          () => null,
          (e: { data?: { code?: string } }) => e,
        );
      expect(refused?.data?.code).toBe("BAD_REQUEST");
      expect(JSON.stringify(refused?.data)).toContain("请从机器人设置中完整复制");
    }

    const list = await as("office@a.test").channels.robots.query({ jurisdictionId: w.a.id });
    expect(list.map((r) => r.name).sort()).toEqual(["办公室群", "科技局工作群"]);
    expect(JSON.stringify(list)).not.toMatch(
      /SEC0123|dingtalk-access-token|93a0f1c2|keyCipher|secretCipher/,
    );
    for (const e of ["office@b.test", "leader@a.test", "lead@a.test", "leader@city.test"])
      expect(await outcome(() => as(e).channels.robots.query({ jurisdictionId: w.a.id })), e).toBe(
        "FORBIDDEN",
      );

    // another county's office cannot touch A's robot: "not found", and nothing changes
    for (const call of [
      () => as("office@b.test").channels.updateRobot.mutate({ id: created.id, name: "x" }),
      () => as("office@b.test").channels.deleteRobot.mutate({ id: created.id }),
      () => as("office@b.test").channels.testRobot.mutate({ id: created.id }),
    ])
      expect(await outcome(call)).toBe("NOT_FOUND");

    // a misconfigured robot shows its error; a new key clears it
    await db.channelRobot.update({
      where: { id: ding.id },
      data: { lastError: "[310000] sign not match", misconfiguredAt: new Date() },
    });
    const shown = (
      await as("office@a.test").channels.robots.query({ jurisdictionId: w.a.id })
    ).find((r) => r.id === ding.id)!;
    expect(shown).toMatchObject({
      lastError: "[310000] sign not match",
      misconfiguredAt: expect.any(Date),
    });
    const fixed = await as("office@a.test").channels.updateRobot.mutate({
      id: ding.id,
      secret: "SECnewsecret9876",
    });
    expect(fixed).toMatchObject({
      secretMasked: "••••9876",
      lastError: null,
      misconfiguredAt: null,
    });
    const test = await as("office@a.test").channels.testRobot.mutate({ id: ding.id });
    expect(
      await db.channelDelivery.findUniqueOrThrow({ where: { id: test.deliveryId } }),
    ).toMatchObject({ robotId: ding.id, state: "PENDING", kind: "robot-test" });
    await as("office@a.test").channels.deleteRobot.mutate({ id: created.id });
    // removed softly: gone from the list, the row (and its history) kept
    expect(
      (await as("office@a.test").channels.robots.query({ jurisdictionId: w.a.id })).map(
        (r) => r.id,
      ),
    ).toEqual([ding.id]);
    expect(
      (await db.channelRobot.findUniqueOrThrow({ where: { id: created.id } })).deletedAt,
    ).not.toBeNull();

    // every change audited, with masked secrets only
    const audit = await db.auditEvent.findMany({
      where: { entityType: "ChannelRobot" },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    });
    expect(audit.map((a) => a.action)).toEqual([
      "channel.robot.create",
      "channel.robot.create",
      "channel.robot.update",
      "channel.robot.test",
      "channel.robot.delete",
    ]);
    const text = JSON.stringify(audit, bigints);
    expect(text).not.toMatch(/SEC0123|SECnewsecret|dingtalk-access-token|93a0f1c2/);
    expect(text).toContain("••••9876");
  });

  test("deleting a robot keeps its delivery history in the office's view; the robot is gone for every other purpose", async ({
    database,
    redis,
  }) => {
    const { db } = database;
    await setUp(database, redis);
    const office = as("office@a.test");
    const robot = await office.channels.createRobot.mutate({
      jurisdictionId: w.a.id,
      departmentId: null,
      platform: "WECOM",
      name: "待删除的群",
      key: "wecom-key-to-delete-0042",
      kinds: ["due-soon"],
    });
    const { deliveryId } = await office.channels.testRobot.mutate({ id: robot.id });
    await db.channelDelivery.update({
      where: { id: deliveryId },
      data: { state: "SENT", sentAt: new Date() },
    });
    await office.channels.deleteRobot.mutate({ id: robot.id });

    // the history survives, still naming the robot
    const listed = await office.channels.deliveries.query({
      jurisdictionId: w.a.id,
      page: 1,
      pageSize: 50,
    });
    expect(listed.items.find((d) => d.id === deliveryId)).toMatchObject({
      state: "SENT",
      robot: { id: robot.id, name: "待删除的群" },
    });
    // hidden from the list; changing, testing or deleting it again is "not found"
    expect(
      (await office.channels.robots.query({ jurisdictionId: w.a.id })).map((r) => r.id),
    ).not.toContain(robot.id);
    for (const call of [
      () => office.channels.updateRobot.mutate({ id: robot.id, name: "x" }),
      () => office.channels.testRobot.mutate({ id: robot.id }),
      () => office.channels.deleteRobot.mutate({ id: robot.id }),
    ])
      expect(await outcome(call)).toBe("NOT_FOUND");
    // audited once, in the same transaction as the change
    const audit = await db.auditEvent.findMany({
      where: { action: "channel.robot.delete", entityId: robot.id },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ enabled: false, deletedAt: expect.any(String) });
    expect(await db.channelDelivery.count({ where: { robotId: robot.id } })).toBe(1);
  });

  test("preferences and mobiles: each user their own; the office its members'; numbers validated and masked in lists", async ({
    database,
  }) => {
    const { db } = database;
    const lead = as("lead@a.test");
    const before = await lead.channels.myPreferences.query();
    expect(before.kinds.find((k) => k.kind === "due-soon")).toMatchObject({
      email: true,
      inbox: true,
      sms: false,
      mode: "IMMEDIATE",
    });
    await lead.channels.setMyPreference.mutate({
      kind: "due-soon",
      mode: "DIGEST",
      email: false,
      inbox: true,
      sms: true,
    });
    expect(
      (await lead.channels.myPreferences.query()).kinds.find((k) => k.kind === "due-soon"),
    ).toMatchObject({ email: false, sms: true, mode: "DIGEST" });
    expect(await outcome(() => lead.channels.setMyMobile.mutate({ mobile: "12345" }))).toBe(
      "BAD_REQUEST",
    );
    // a number is the user's only with the code the SMS carried to it
    expect(
      await refusedWith(() => lead.channels.setMyMobile.mutate({ mobile: "13812345678" })),
    ).toEqual({ code: "BAD_REQUEST", field: "code" });
    expect(
      await lead.channels.requestMobileCode.mutate({ mobile: "+86 138-1234-5678" }),
    ).toMatchObject({ mobile: "138****5678" });
    // again within the minute: 429, with when to retry
    expect(
      await refusedWith(() => lead.channels.requestMobileCode.mutate({ mobile: "13812345678" })),
    ).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    const sms = await db.channelDelivery.findFirstOrThrow({
      where: { kind: "mobile-code", phone: "13812345678" },
    });
    expect(sms).toMatchObject({ channel: "SMS", recipientUserId: null, jurisdictionId: null });
    expect(
      await refusedWith(() =>
        lead.channels.setMyMobile.mutate({ mobile: "13812345678", code: "12345" }),
      ),
    ).toEqual({ code: "BAD_REQUEST", field: "code" });
    // another user cannot use it
    expect(
      await refusedWith(() =>
        as("leader@a.test").channels.setMyMobile.mutate({ mobile: "13812345678", code: sms.body }),
      ),
    ).toEqual({ code: "BAD_REQUEST", field: "code" });
    expect(
      await lead.channels.setMyMobile.mutate({ mobile: "+86 138-1234-5678", code: sms.body }),
    ).toEqual({ mobile: "13812345678" });
    expect((await lead.channels.myPreferences.query()).mobile).toBe("13812345678");

    // the office sets a member's number; another county's office and unit staff may not
    const input = {
      jurisdictionId: w.a.id,
      userId: w.users.staffSupport.id,
      mobile: "13912345678",
    };
    expect(await outcome(() => as("office@b.test").channels.setMemberMobile.mutate(input))).toBe(
      "FORBIDDEN",
    );
    expect(await outcome(() => lead.channels.setMemberMobile.mutate(input))).toBe("FORBIDDEN");
    expect(
      await outcome(() =>
        as("office@a.test").channels.setMemberMobile.mutate({
          ...input,
          userId: w.users.staffB.id,
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(await as("office@a.test").channels.setMemberMobile.mutate(input)).toEqual({
      userId: w.users.staffSupport.id,
      mobile: "139****5678",
    });
    expect(
      (await db.user.findUniqueOrThrow({ where: { id: w.users.staffSupport.id } })).mobile,
    ).toBe("13912345678");
    // the office's own number goes through the SMS code, as anyone's
    expect(
      await refusedWith(() =>
        as("office@a.test").channels.setMemberMobile.mutate({
          ...input,
          userId: w.users.officeA.id,
        }),
      ),
    ).toEqual({ code: "BAD_REQUEST", field: "mobile" });
    // the office's list of accounts shows numbers masked
    const accounts = await as("office@a.test").admin.users.query({ jurisdictionId: w.a.id });
    expect(accounts.find((u) => u.id === w.users.staffSupport.id)?.mobile).toBe("139****5678");
    expect(JSON.stringify(accounts)).not.toMatch(/13812345678|13912345678/);
    const audit = await db.auditEvent.findMany({
      where: { action: { in: ["user.mobile", "user.mobile-code"] } },
    });
    expect(audit.map((a) => a.action).sort()).toEqual([
      "user.mobile",
      "user.mobile",
      "user.mobile-code",
    ]);
    expect(JSON.stringify(audit, bigints)).not.toMatch(/13812345678|13912345678/);

    // forced escalations: the office of A only
    expect(
      await outcome(() =>
        as("office@b.test").channels.setForceEscalations.mutate({
          jurisdictionId: w.a.id,
          force: true,
        }),
      ),
    ).toBe("FORBIDDEN");
    await as("office@a.test").channels.setForceEscalations.mutate({
      jurisdictionId: w.a.id,
      force: true,
    });
    expect(await as("office@a.test").channels.settings.query({ jurisdictionId: w.a.id })).toEqual({
      jurisdictionId: w.a.id,
      forceEscalations: true,
    });
    expect((await lead.channels.myPreferences.query()).forcedIn.map((j) => j.id)).toEqual([w.a.id]);
    expect(await db.auditEvent.count({ where: { action: "channel.forceEscalations" } })).toBe(1);

    // the office's view of channel deliveries: its own jurisdiction's, phones masked
    const listed = await as("office@a.test").channels.deliveries.query({
      jurisdictionId: w.a.id,
      page: 1,
      pageSize: 50,
    });
    expect(listed.items.every((d) => d.phone === null || d.phone.includes("****"))).toBe(true);
    expect(
      await outcome(() =>
        as("office@b.test").channels.deliveries.query({
          jurisdictionId: w.a.id,
          page: 1,
          pageSize: 50,
        }),
      ),
    ).toBe("FORBIDDEN");
  });
});

test("without an SMS gateway no code is promised: the settings say so and asking for one is refused", async ({
  database,
  redis,
}) => {
  await setUp(database, redis);
  const bare = await startApi(database, redis, { smsGateway: false, keySpace: "no-sms" });
  try {
    const lead = await loginAs(bare, "leader@a.test", PASSWORD);
    expect((await lead.channels.myPreferences.query()).smsGateway).toBe(false);
    expect(
      await refusedWith(() => lead.channels.requestMobileCode.mutate({ mobile: "13812340000" })),
    ).toEqual({ code: "CONFLICT", field: "mobile" });
    expect(await database.db.mobileCode.count({ where: { mobile: "13812340000" } })).toBe(0);
  } finally {
    await bare.close();
  }
});
