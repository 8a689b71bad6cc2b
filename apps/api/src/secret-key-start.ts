import type { Db } from "@duban/db";
import { checkSecretKey, type SecretKeyCheck } from "@duban/domain";
import type { Logger } from "@duban/logger";

/**
 * How the api treats DUBAN_SECRET_KEY at start (README, Configuration). `production`: the
 * container image's NODE_ENV=production. `env`: where the key is read (tests give their own).
 */
export type SecretKeyStart = { env?: Record<string, string | undefined>; production?: boolean };

/** The api refuses to start: the message is Chinese first, then English. main.ts exits 2. */
export class StartRefused extends Error {
  override name = "StartRefused";
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} (${en})`);
  }
}

/** the secrets part of /healthz: what the start check found */
export type SecretsHealth = {
  ok: boolean;
  /** unchecked: the database could not be read at start */
  state: SecretKeyCheck["state"] | "unchecked";
  robots: number;
  unreadable: number;
  legacy: number;
};

/** how long the start waits for the database to list the robots */
const CHECK_MS = 5000;

const withTimeout = <T>(p: Promise<T>, ms: number) => {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timeout after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
};

const names = (check: SecretKeyCheck) =>
  check.unreadable
    .slice(0, 5)
    .map((r) => `“${r.name}” ${r.robotId}`)
    .join(", ") + (check.unreadable.length > 5 ? ` …(+${check.unreadable.length - 5})` : "");

/**
 * Checks DUBAN_SECRET_KEY against the stored robot secrets and says what it found, Chinese first:
 * - malformed: refused (StartRefused), like any invalid variable;
 * - unset while robots have stored secrets: refused in production; elsewhere a warning, and the
 *   channels that need the key (robots) are off until it is set;
 * - unset with nothing stored: a warning (robots cannot be saved);
 * - wrong (it opens none of the stored secrets) or partly wrong: an error naming the robots, and
 *   the api starts, so the office can enter the keys again if the old key is lost; /healthz is
 *   degraded until then.
 */
export async function checkSecretKeyAtStart(
  db: Db,
  log: Logger,
  options: SecretKeyStart = {},
): Promise<SecretsHealth> {
  const production = options.production ?? process.env.NODE_ENV === "production";
  let check: SecretKeyCheck;
  try {
    check = await withTimeout(checkSecretKey(db, options.env ?? process.env), CHECK_MS);
  } catch (error) {
    // the api starts without its database (requests answer 503 until it is back): the key is
    // then checked only as far as its form, and said so
    log.warn(
      { err: (error as Error).message },
      "无法读取数据库，启动时未能用 DUBAN_SECRET_KEY 核对已保存的机器人密钥 (the database could not be read: DUBAN_SECRET_KEY was not checked against the stored robot secrets at start)",
    );
    return { ok: true, state: "unchecked", robots: 0, unreadable: 0, legacy: 0 };
  }
  const n = check.robots;
  const health: SecretsHealth = {
    ok: check.state === "ok" || (check.state === "unset" && n === 0),
    state: check.state,
    robots: n,
    unreadable: check.unreadable.length,
    legacy: check.legacy,
  };
  const fields = { secretKey: { ...health, production } };
  switch (check.state) {
    case "malformed":
      throw new StartRefused(`${check.zh}；api 未启动`, `${check.en}; the api did not start`);
    case "unset":
      if (n > 0 && production)
        throw new StartRefused(
          `未设置 DUBAN_SECRET_KEY，但数据库中有 ${n} 个机器人的加密密钥：请设置加密它们时所用的密钥；api 未启动`,
          `DUBAN_SECRET_KEY is not set, but the database holds the encrypted secrets of ${n} robots: set the key that encrypted them; the api did not start`,
        );
      log.warn(
        fields,
        n > 0
          ? `未设置 DUBAN_SECRET_KEY：${n} 个机器人的密钥无法解密，群机器人通知已停用，直到设置加密它们时所用的密钥 (DUBAN_SECRET_KEY is not set: the secrets of ${n} robots cannot be decrypted; robot notifications are off until the key that encrypted them is set)`
          : "未设置 DUBAN_SECRET_KEY：无法保存企业微信/钉钉机器人，群机器人通知不可用；生成密钥：openssl rand -base64 32 (DUBAN_SECRET_KEY is not set: robots cannot be saved and robot notifications are off; make a key with openssl rand -base64 32)",
      );
      return health;
    case "wrong":
      log.error(
        fields,
        `DUBAN_SECRET_KEY 无法解密已保存的全部 ${n} 个机器人密钥（${names(check)}）：它不是加密这些密钥时所用的密钥，这些机器人的每次发送都会失败。请换回原来的密钥；若原密钥已丢失，请办公室重新填写这些机器人的密钥 (DUBAN_SECRET_KEY cannot decrypt the stored secrets of any of the ${n} robots: it is not the key that encrypted them, and every send of these robots will fail. Put the original key back; if it is lost, the office must enter these robots' keys again)`,
      );
      return health;
    case "partly":
      log.error(
        fields,
        `DUBAN_SECRET_KEY 无法解密 ${check.unreadable.length} 个机器人的密钥（${names(check)}）：密文已被改动或复制自另一个机器人，这些机器人的发送会失败，请办公室重新填写其密钥 (DUBAN_SECRET_KEY cannot decrypt the secrets of ${check.unreadable.length} robots: the ciphertext was altered or copied from another robot; their sends will fail until the office enters their keys again)`,
      );
      return health;
    case "ok":
      log.info(
        fields,
        `DUBAN_SECRET_KEY 可以解密全部 ${n} 个机器人的密钥${check.legacy ? `（其中 ${check.legacy} 个为旧格式 v1，重新填写后绑定到所属机器人）` : ""} (DUBAN_SECRET_KEY opens the secrets of all ${n} robots${check.legacy ? `; ${check.legacy} are in the old v1 format, bound to their robot when entered again` : ""})`,
      );
      return health;
  }
}
