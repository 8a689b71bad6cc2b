// DUBAN_SECRET_KEY at the api's start (issue #20 follow-up): a missing, malformed or wrong key is
// said at once, Chinese first, instead of every robot send failing later; in production a missing
// key with stored secrets stops the start. The api is started as every api test starts it.
import { createCipheriv, randomBytes, randomUUID } from "node:crypto";

import pino from "pino";
import { afterAll, describe, expect } from "vitest";

import { decryptSecret, encryptSecret } from "@duban/domain";
import { test, type DatabaseFixture } from "@duban/test-utils";

import { StartRefused } from "../src/secret-key-start.ts";
import { startApi, type Api } from "./harness.ts";

const KEY = randomBytes(32).toString("hex");
// the domain seals with the process's key; each start below is given its own environment
process.env.DUBAN_SECRET_KEY = KEY;

const apis: Api[] = [];
afterAll(async () => Promise.all(apis.map((a) => a.close())));

/** a logger that keeps its lines, to read what the api said at start */
function capture() {
  const lines: { level: number; msg: string; secretKey?: Record<string, unknown> }[] = [];
  const log = pino(
    { level: "info" },
    { write: (line: string) => void lines.push(JSON.parse(line)) },
  );
  return { log, lines, said: () => lines.map((l) => l.msg).join("\n") };
}

/** an envelope as the first release wrote it (v1: no additional data) */
function sealV1(plain: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), data].map((p) => p.toString("base64url")).join(":");
}

/** the file's robots are replaced by `count` WeCom robots sealed with the process's key */
async function robots(database: DatabaseFixture, count: number) {
  const { db } = database;
  await db.channelRobot.deleteMany();
  const j = await db.jurisdiction.create({
    data: { name: `县${randomUUID().slice(0, 8)}`, kind: "COUNTY" },
  });
  const made = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    made.push(
      await db.channelRobot.create({
        data: {
          id,
          jurisdictionId: j.id,
          platform: "WECOM",
          name: `工作群${i + 1}`,
          keyCipher: encryptSecret(`wecom-key-000${i}`, {
            table: "ChannelRobot",
            id,
            field: "keyCipher",
          }),
          keyLast4: `000${i}`,
          kinds: ["overdue"],
        },
      }),
    );
  }
  return made;
}

const health = async (api: Api) => {
  const res = await fetch(`${api.url}/healthz`);
  return (await res.json()) as { secrets: Record<string, unknown> };
};

describe("DUBAN_SECRET_KEY is checked when the api starts", () => {
  test("missing, with robot secrets stored: production refuses to start, in Chinese then English", async ({
    database,
    redis,
  }) => {
    await robots(database, 2);
    const { log, said } = capture();
    const start = startApi(database, redis, { log, secretKey: { env: {}, production: true } });
    const error = await start.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StartRefused);
    const message = (error as StartRefused).message;
    expect(message).toMatch(
      /^未设置 DUBAN_SECRET_KEY，但数据库中有 2 个机器人的加密密钥.*\(DUBAN_SECRET_KEY is not set/,
    );
    expect(message.indexOf("未设置")).toBeLessThan(message.indexOf("is not set"));
    // never the key material, and nothing listened
    expect(said()).not.toContain(KEY);
  });

  test("missing, with robot secrets stored, outside production: starts with robot notifications off and a warning; /healthz degraded", async ({
    database,
    redis,
  }) => {
    await robots(database, 1);
    const { log, lines } = capture();
    const api = await startApi(database, redis, { log, secretKey: { env: {}, production: false } });
    apis.push(api);
    const warning = lines.find((l) => l.msg.includes("DUBAN_SECRET_KEY"));
    expect(warning?.level).toBe(40);
    expect(warning?.msg).toMatch(
      /^未设置 DUBAN_SECRET_KEY：1 个机器人的密钥无法解密，群机器人通知已停用.*\(DUBAN_SECRET_KEY is not set/,
    );
    expect((await health(api)).secrets).toMatchObject({ ok: false, state: "unset", robots: 1 });
  });

  test("missing with nothing stored: starts and warns that robots cannot be saved", async ({
    database,
    redis,
  }) => {
    await robots(database, 0);
    const { log, said } = capture();
    const api = await startApi(database, redis, { log, secretKey: { env: {}, production: true } });
    apis.push(api);
    expect(said()).toMatch(
      /未设置 DUBAN_SECRET_KEY：无法保存企业微信\/钉钉机器人.*robots cannot be saved/,
    );
    expect((await health(api)).secrets).toMatchObject({ ok: true, state: "unset", robots: 0 });
  });

  test("malformed: refused even outside production", async ({ database, redis }) => {
    await robots(database, 0);
    const start = startApi(database, redis, {
      log: capture().log,
      secretKey: { env: { DUBAN_SECRET_KEY: "correct horse battery staple" }, production: false },
    });
    await expect(start).rejects.toThrowError(
      /^DUBAN_SECRET_KEY 格式不对.*api 未启动.*malformed.*did not start/,
    );
  });

  test("wrong (another key sealed the secrets): said at start, naming the robots; /healthz degraded", async ({
    database,
    redis,
  }) => {
    const [first] = await robots(database, 2);
    const { log, lines } = capture();
    const other = randomBytes(32).toString("base64");
    const api = await startApi(database, redis, {
      log,
      secretKey: { env: { DUBAN_SECRET_KEY: other }, production: true },
    });
    apis.push(api);
    const error = lines.find((l) => l.level === 50);
    expect(error?.msg).toMatch(
      /^DUBAN_SECRET_KEY 无法解密已保存的全部 2 个机器人密钥.*cannot decrypt/,
    );
    expect(error?.msg).toContain(first!.id);
    expect(error?.msg).not.toContain(other);
    const secrets = (await health(api)).secrets;
    expect(secrets).toMatchObject({ ok: false, state: "wrong", robots: 2, unreadable: 2 });
  });

  test("the right key: legacy v1 secrets still open; a ciphertext copied to another robot is named", async ({
    database,
    redis,
  }) => {
    const [a, b, c] = await robots(database, 3);
    const { db } = database;
    // a secret stored by the first release (v1, not bound to its row) still reads
    const legacy = sealV1("wecom-legacy-key-0042", Buffer.from(KEY, "hex"));
    await db.channelRobot.update({ where: { id: c!.id }, data: { keyCipher: legacy } });
    expect(decryptSecret(legacy, { table: "ChannelRobot", id: c!.id, field: "keyCipher" })).toBe(
      "wecom-legacy-key-0042",
    );
    let said = capture();
    let api = await startApi(database, redis, {
      log: said.log,
      secretKey: { env: { DUBAN_SECRET_KEY: KEY } },
    });
    apis.push(api);
    expect((await health(api)).secrets).toMatchObject({
      ok: true,
      state: "ok",
      robots: 3,
      legacy: 1,
    });
    expect(said.said()).toMatch(/可以解密全部 3 个机器人的密钥（其中 1 个为旧格式 v1/);

    // robot a's ciphertext written onto robot b does not open there: the start names b
    await db.channelRobot.update({ where: { id: b!.id }, data: { keyCipher: a!.keyCipher } });
    said = capture();
    api = await startApi(database, redis, {
      log: said.log,
      secretKey: { env: { DUBAN_SECRET_KEY: KEY } },
    });
    apis.push(api);
    const error = said.lines.find((l) => l.level === 50);
    expect(error?.msg).toMatch(
      /无法解密 1 个机器人的密钥.*复制自另一个机器人.*copied from another robot/,
    );
    expect(error?.msg).toContain(b!.id);
    expect(error?.msg).not.toContain(a!.id);
    expect((await health(api)).secrets).toMatchObject({
      ok: false,
      state: "partly",
      unreadable: 1,
    });
  });
});
