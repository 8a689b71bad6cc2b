import { createHash, randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect } from "vitest";

import { hashPassword, identifierForHolder } from "@duban/domain";
import { createMailer, sendPendingNotifications } from "@duban/jobs";
import { createLogger } from "@duban/logger";
import { test, type DatabaseFixture, type RedisFixture } from "@duban/test-utils";

import { createOidc, type OidcSettings } from "../src/oidc.ts";
import { startApi, type Api } from "./harness.ts";
import { CookieJar, startProvider } from "./oidc-provider.ts";

// the api's public address (harness baseUrl): the provider sends browsers there, a proxy forwards
const PUBLIC = "http://localhost:3000";
const REDIRECT = `${PUBLIC}/api/auth/oidc/callback`;
const PASSWORD = "oidc-test-password-2026";

let provider: Awaited<ReturnType<typeof startProvider>>;
let settings: OidcSettings;
const apis: Api[] = [];
beforeAll(async () => {
  provider = await startProvider({
    clientId: "duban",
    clientSecret: "duban-client-secret-for-tests",
    redirectUri: REDIRECT,
    postLogoutRedirectUri: `${PUBLIC}/login`,
  });
  settings = {
    issuer: provider.issuer,
    clientId: "duban",
    clientSecret: "duban-client-secret-for-tests",
    redirectUrl: REDIRECT,
    postLogoutRedirectUrl: `${PUBLIC}/login`,
    idClaim: "sub",
    scopes: "openid profile",
    name: "统一身份认证",
    nameEn: "unified identity",
    allowHttp: true,
  };
});
afterAll(async () => {
  await Promise.all(apis.map((a) => a.close()));
  await provider?.close();
});

async function setUp(
  database: DatabaseFixture,
  redis: RedisFixture,
  overrides: Partial<OidcSettings> = {},
) {
  const tag = randomUUID().slice(0, 8);
  const api = await startApi(database, redis, {
    keySpace: tag,
    oidc: createOidc({ ...settings, ...overrides }),
  });
  apis.push(api);
  const jurisdiction = await database.db.jurisdiction.create({
    data: { name: `县${tag}`, kind: "COUNTY" },
  });
  const passwordHash = await hashPassword(PASSWORD);
  const user = async (name: string, role: "OFFICE" | "LEADER", externalId?: string) => {
    const u = await database.db.user.create({
      data: { email: `${name}@${tag}.test`, name, passwordHash, externalId },
    });
    await database.db.membership.create({
      data: { userId: u.id, jurisdictionId: jurisdiction.id, role },
    });
    return u;
  };
  return { api, tag, jurisdiction, user };
}

/** start → provider (signed in as `account`) → the provider's redirect, as the api's callback URL */
async function throughProvider(jar: CookieJar, api: Api, account: string) {
  provider.state.signInAs = account;
  const started = await jar.get303(`${api.url}/api/auth/oidc/start?returnTo=/tasks`);
  expect(started.res.status).toBe(303);
  let location = started.location!;
  expect(location.startsWith(`${provider.issuer}/auth`)).toBe(true);
  expect(new URL(location).searchParams.get("code_challenge_method")).toBe("S256");
  for (let hop = 0; hop < 10 && !location.startsWith(REDIRECT); hop++) {
    const next = await jar.get303(location);
    expect(next.location, `provider answered ${next.res.status}`).toBeTruthy();
    location = next.location!;
  }
  expect(location.startsWith(REDIRECT)).toBe(true);
  return `${api.url}/api/auth/oidc/callback${new URL(location).search}`;
}

const trpc = async (jar: CookieJar, api: Api, path: string, input?: unknown) => {
  const url = `${api.url}/trpc/${path}`;
  const res = await fetch(url, {
    method: input === undefined ? "GET" : "POST",
    headers: {
      cookie: jar.header(url),
      ...(input === undefined ? {} : { "content-type": "application/json", "x-duban-csrf": "1" }),
    },
    body: input === undefined ? undefined : JSON.stringify({ json: input }),
  });
  jar.take(url, res);
  return {
    status: res.status,
    body: (await res.json()) as {
      // the fields the cases read: auth.providers, auth.me, auth.logout
      result?: { data: { json: Record<string, unknown> & { email?: string; id?: string } } };
      error?: { json: { message: string; data: { code: string; messageEn: string | null } } };
    },
  };
};

describe("sign in with unified identity (OIDC)", () => {
  test("end to end: start → provider → callback opens a session; logout ends it and points to the provider's end_session", async ({
    database,
    redis,
  }) => {
    const { api, user } = await setUp(database, redis);
    const leader = await user("leader", "LEADER", `ext-${randomUUID()}`);
    const jar = new CookieJar();
    const providers = await trpc(jar, api, "auth.providers");
    expect(providers.body.result!.data.json).toEqual({
      password: true,
      oidc: { name: "统一身份认证", nameEn: "unified identity" },
    });

    const callback = await throughProvider(jar, api, leader.externalId!);
    const back = await jar.get303(callback);
    expect(back.res.status).toBe(303);
    expect(back.location).toBe(`${PUBLIC}/tasks`);
    expect(jar.get(api.url, "duban_session")).toBeTruthy();
    expect(jar.get(api.url, "duban_oidc")).toBeUndefined();

    const me = await trpc(jar, api, "auth.me");
    expect(me.body.result!.data.json.email).toBe(leader.email);
    const audit = await database.db.auditEvent.findFirst({
      where: { action: "auth.login", entityId: leader.id },
    });
    expect(audit?.after).toMatchObject({ method: "oidc" });

    // the code is single-use: replaying the callback is refused (the attempt cookie is gone too)
    const replay = await jar.get303(callback);
    expect(replay.location).toBe(`${PUBLIC}/login?oidcError=state`);

    const out = await trpc(jar, api, "auth.logout", {});
    const redirectTo = new URL(String(out.body.result!.data.json.redirectTo));
    expect(`${redirectTo.origin}${redirectTo.pathname}`).toBe(`${provider.issuer}/session/end`);
    expect(redirectTo.searchParams.get("post_logout_redirect_uri")).toBe(`${PUBLIC}/login`);
    expect(redirectTo.searchParams.get("id_token_hint")).toBeTruthy();
    // the provider accepts the hint: it asks to confirm the sign-out, it does not refuse
    const endSession = await fetch(redirectTo, { redirect: "manual" });
    expect(endSession.status).toBe(200);
    expect(await endSession.text()).not.toMatch(/invalid_request|error/i);
    expect(jar.get(api.url, "duban_session")).toBeUndefined();
    expect((await trpc(jar, api, "auth.me")).body.result!.data.json).toBeNull();
  });

  test("an identifier no office provisioned is refused, audited, and creates no user", async ({
    database,
    redis,
  }) => {
    const { api } = await setUp(database, redis);
    const stranger = `stranger-${randomUUID()}`;
    const usersBefore = await database.db.user.count();
    const jar = new CookieJar();
    const back = await jar.get303(await throughProvider(jar, api, stranger));
    expect(back.location).toBe(`${PUBLIC}/login?oidcError=unknown`);
    expect(jar.get(api.url, "duban_session")).toBeUndefined();
    expect(await database.db.user.count()).toBe(usersBefore);
    // the log keeps a masked form and a fingerprint, never the identifier (it may be a 身份证号)
    const fingerprint = createHash("sha256").update(stranger).digest("hex").slice(0, 16);
    const refused = await database.db.auditEvent.findFirst({
      where: { action: "auth.login.refused", entityId: fingerprint },
    });
    expect(refused?.after).toMatchObject({
      method: "oidc",
      reason: "unknown",
      externalIdSha256: fingerprint,
      externalIdMasked: `str${"*".repeat(12)}${stranger.slice(-4)}`,
    });
    expect(
      JSON.stringify(refused, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v)),
    ).not.toContain(stranger);
  });

  test("a disabled user is refused", async ({ database, redis }) => {
    const { api, user } = await setUp(database, redis);
    const leader = await user("gone", "LEADER", `ext-${randomUUID()}`);
    await database.db.user.update({ where: { id: leader.id }, data: { disabledAt: new Date() } });
    const jar = new CookieJar();
    const back = await jar.get303(await throughProvider(jar, api, leader.externalId!));
    expect(back.location).toBe(`${PUBLIC}/login?oidcError=disabled`);
    expect(jar.get(api.url, "duban_session")).toBeUndefined();
    expect(await database.db.session.count({ where: { userId: leader.id } })).toBe(0);
  });

  test("a forged or missing state is refused", async ({ database, redis }) => {
    const { api, user } = await setUp(database, redis);
    const leader = await user("forged", "LEADER", `ext-${randomUUID()}`);
    const jar = new CookieJar();
    const callback = new URL(await throughProvider(jar, api, leader.externalId!));
    callback.searchParams.set("state", "forged-state");
    expect((await jar.get303(callback.toString())).location).toBe(
      `${PUBLIC}/login?oidcError=state`,
    );
    // a callback without the attempt cookie (another browser: login CSRF) is refused too
    const other = new CookieJar();
    const fresh = await throughProvider(jar, api, leader.externalId!);
    expect((await other.get303(fresh)).location).toBe(`${PUBLIC}/login?oidcError=state`);
    // a cookie changed by one bit, cut, or in the old signed-but-readable form is refused
    const value = jar.get(api.url, "duban_oidc")!;
    const [version, iv, data, tag] = value.split(".");
    const flipped = Buffer.from(data!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    const attempt = createOidc(settings).unseal(value)!;
    expect(attempt.state).toBe(new URL(fresh).searchParams.get("state"));
    const signedOnly = `${Buffer.from(JSON.stringify({ ...attempt, exp: Date.now() + 60_000 })).toString("base64url")}.AAAA`;
    for (const forged of [
      [version, iv, flipped.toString("base64url"), tag].join("."),
      [version, iv, data].join("."),
      [version, iv, data, Buffer.alloc(16).toString("base64url")].join("."),
      signedOnly,
      // sealed by another deployment (another client secret)
      createOidc({ ...settings, clientSecret: "another-deployment-secret" }).seal(attempt),
    ]) {
      const tampered = new CookieJar();
      tampered.set(api.url, "duban_oidc", forged);
      expect((await tampered.get303(fresh)).location, forged).toBe(
        `${PUBLIC}/login?oidcError=state`,
      );
    }
    expect(await database.db.session.count({ where: { userId: leader.id } })).toBe(0);
  });

  test("the attempt cookie is encrypted, HttpOnly, SameSite=Lax, short-lived, and Secure behind https", async ({
    database,
    redis,
  }) => {
    const { api } = await setUp(database, redis);
    const res = await fetch(`${api.url}/api/auth/oidc/start?returnTo=/tasks`, {
      redirect: "manual",
    });
    const authorize = new URL(res.headers.get("location")!);
    const line = res.headers.getSetCookie().find((c) => c.startsWith("duban_oidc="))!;
    expect(line).toMatch(/; HttpOnly/i);
    expect(line).toMatch(/; SameSite=Lax/i);
    expect(line).toMatch(/; Max-Age=600\b/i);
    expect(line).toMatch(/; Path=\/api\/auth\/oidc\b/);
    expect(line).not.toMatch(/; Secure/i);
    // nothing of the attempt can be read from the cookie: not the state, nonce or return path
    const value = decodeURIComponent(line.slice("duban_oidc=".length).split(";")[0]!);
    expect(value).toMatch(/^v2\.[\w-]+\.[\w-]+\.[\w-]+$/);
    const readable = [
      value,
      ...value.split(".").map((p) => Buffer.from(p, "base64url").toString("latin1")),
    ];
    for (const secret of [
      authorize.searchParams.get("state")!,
      authorize.searchParams.get("nonce")!,
      "/tasks",
      "verifier",
    ])
      for (const text of readable) expect(text).not.toContain(secret);

    // behind an https proxy the api trusts, the cookie is Secure
    const proxied = await startApi(database, redis, {
      keySpace: `proxy-${randomUUID()}`,
      oidc: createOidc(settings),
      trustProxy: ["127.0.0.1"],
    });
    apis.push(proxied);
    const https = await fetch(`${proxied.url}/api/auth/oidc/start`, {
      redirect: "manual",
      headers: { "x-forwarded-proto": "https" },
    });
    expect(https.headers.getSetCookie().find((c) => c.startsWith("duban_oidc="))).toMatch(
      /; Secure/i,
    );
  });

  test("the refusals name the deployment's provider (DUBAN_OIDC_NAME), in Chinese and English", async ({
    database,
    redis,
  }) => {
    const named = { name: "贵州省统一身份认证平台", nameEn: "Guizhou Unified Identity" };
    const { api, user, jurisdiction } = await setUp(database, redis, named);
    // the login page words its refusals (?oidcError=…) with the name auth.providers gives it
    const providers = await trpc(new CookieJar(), api, "auth.providers");
    expect(providers.body.result!.data.json).toEqual({ password: true, oidc: named });
    const gone = await user("named-gone", "LEADER", `ext-${randomUUID()}`);
    await database.db.user.update({ where: { id: gone.id }, data: { disabledAt: new Date() } });
    const jar = new CookieJar();
    expect((await jar.get303(await throughProvider(jar, api, gone.externalId!))).location).toBe(
      `${PUBLIC}/login?oidcError=disabled`,
    );
    // a jurisdiction that requires the provider refuses passwords, naming the provider
    const member = await user("named-member", "LEADER");
    await database.db.jurisdiction.update({
      where: { id: jurisdiction.id },
      data: { requireOidc: true },
    });
    const refused = await trpc(new CookieJar(), api, "auth.login", {
      email: member.email,
      password: PASSWORD,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error!.json.message).toBe(
      "本级要求使用贵州省统一身份认证平台登录，不能使用密码登录，请点击“使用贵州省统一身份认证平台登录”",
    );
    expect(refused.body.error!.json.data.messageEn).toContain(
      "Sign in with Guizhou Unified Identity",
    );
  });

  test("a mismatched or missing PKCE verifier is refused by the token exchange", async ({
    database,
    redis,
  }) => {
    const { api, user } = await setUp(database, redis);
    const leader = await user("pkce", "LEADER", `ext-${randomUUID()}`);
    const oidc = createOidc(settings);
    for (const verifier of ["wrong-verifier-wrong-verifier-wrong-verifier-0123", ""]) {
      const jar = new CookieJar();
      const callback = await throughProvider(jar, api, leader.externalId!);
      const attempt = oidc.unseal(jar.get(api.url, "duban_oidc"))!;
      expect(attempt).toBeTruthy();
      // the same attempt, signed with the deployment's key, but another verifier
      jar.set(api.url, "duban_oidc", oidc.seal({ ...attempt, verifier }));
      expect((await jar.get303(callback)).location).toBe(`${PUBLIC}/login?oidcError=exchange`);
    }
    expect(await database.db.session.count({ where: { userId: leader.id } })).toBe(0);
  });

  test("the identifier claim is configurable (preferred_username, read from userinfo when not in the ID token)", async ({
    database,
    redis,
  }) => {
    const { api, user } = await setUp(database, redis, { idClaim: "preferred_username" });
    const account = randomUUID();
    const leader = await user("claim", "LEADER", `u-${account}`);
    const jar = new CookieJar();
    const back = await jar.get303(await throughProvider(jar, api, account));
    expect(back.location).toBe(`${PUBLIC}/tasks`);
    expect((await trpc(jar, api, "auth.me")).body.result!.data.json.id).toBe(leader.id);
  });

  test("an email address as the identifier counts only when the provider verified it", async ({
    database,
    redis,
  }) => {
    const { api, user } = await setUp(database, redis, {
      idClaim: "email",
      scopes: "openid profile email",
    });
    const verified = randomUUID();
    const leader = await user("mail-verified", "LEADER", `${verified}@idp.test`);
    const jar = new CookieJar();
    expect((await jar.get303(await throughProvider(jar, api, verified))).location).toBe(
      `${PUBLIC}/tasks`,
    );
    expect((await trpc(jar, api, "auth.me")).body.result!.data.json.id).toBe(leader.id);

    // the same kind of account, but the provider never checked the address: refused
    const unverified = `unverified-${randomUUID()}`;
    const other = await user("mail-unverified", "LEADER", `${unverified}@idp.test`);
    const refused = new CookieJar();
    expect((await refused.get303(await throughProvider(refused, api, unverified))).location).toBe(
      `${PUBLIC}/login?oidcError=exchange`,
    );
    expect(await database.db.session.count({ where: { userId: other.id } })).toBe(0);
  });

  test("every change of an account's identity link emails its holder, and only them", async ({
    database,
    redis,
    smtp,
  }) => {
    const { api, user, jurisdiction } = await setUp(database, redis);
    const office = await user("office", "OFFICE");
    const leader = await user("leader", "LEADER");
    const jar = new CookieJar();
    await trpc(jar, api, "auth.login", { email: office.email, password: PASSWORD });
    const link = (externalId: string | null) =>
      trpc(jar, api, "admin.setUserExternalId", { userId: leader.id, externalId });
    expect((await link("520102199001011234")).status).toBe(200);
    expect((await link("520102199001011234")).status).toBe(200); // no change: no mail
    expect((await link("520102199202025678")).status).toBe(200);
    expect((await link(null)).status).toBe(200);
    const rows = await database.db.notification.findMany({
      where: { kind: "account-linked" },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((r) => [r.recipientEmail, (r.payload as { change: string }).change])).toEqual([
      [leader.email, "linked"],
      [leader.email, "changed"],
      [leader.email, "unlinked"],
    ]);
    // account mail: no inbox copy, no other channel, and the office's outbox list leaves it out
    expect(await database.db.inboxMessage.count({ where: { userId: leader.id } })).toBe(0);
    expect(await database.db.channelDelivery.count()).toBe(0);
    const listUrl = `${api.url}/trpc/notification.list?input=${encodeURIComponent(
      JSON.stringify({ json: { jurisdictionId: jurisdiction.id, page: 1, pageSize: 50 } }),
    )}`;
    const listed = await fetch(listUrl, { headers: { cookie: jar.header(listUrl) } });
    expect(listed.status).toBe(200);
    expect(await listed.text()).not.toContain("account-linked");
    // the identifier itself is never written out: only its masked form
    expect(JSON.stringify(rows.map((r) => r.payload))).not.toContain("199001011234");

    await sendPendingNotifications({
      db: database.db,
      mailer: createMailer({ url: smtp.url, from: "duban@a.test", timeoutMs: 5000, idleMs: 50 }),
      log: createLogger("oidc-test", { level: "silent" }),
      baseUrl: PUBLIC,
    });
    const caught = (await smtp.waitFor(3)).filter((m) => m.to.includes(leader.email));
    expect(caught).toHaveLength(3);
    expect(caught.map((m) => m.subject).join("\n")).toContain("已关联统一身份认证");
    expect(caught.filter((m) => m.text.includes(`操作人：${office.name}`))).toHaveLength(3);
    // the holder's mail shows the last 4 characters only, nothing of a short identifier
    expect(caught.filter((m) => m.text.includes("****5678"))).toHaveLength(1);
    expect(caught.filter((m) => m.text.includes("****1234"))).toHaveLength(1);
    expect(caught.map((m) => m.text).join("\n")).not.toContain("52010219");
    expect(identifierForHolder("1234567")).toBeNull();

    // a disabled account hears of a link too: disable, link, enable must not hide it
    await database.db.user.update({ where: { id: leader.id }, data: { disabledAt: new Date() } });
    expect((await link("520102199303039999")).status).toBe(200);
    const last = await database.db.notification.findFirst({
      where: { kind: "account-linked", recipientUserId: leader.id },
      orderBy: { createdAt: "desc" },
    });
    expect(last?.payload).toMatchObject({ change: "linked", externalIdMasked: "****9999" });
  });

  test("the office links accounts and requires the provider: its members' password sign-in is refused", async ({
    database,
    redis,
  }) => {
    const { api, user, jurisdiction } = await setUp(database, redis);
    const office = await user("office", "OFFICE");
    const leader = await user("member", "LEADER");
    const jar = new CookieJar();
    expect(
      (await trpc(jar, api, "auth.login", { email: office.email, password: PASSWORD })).status,
    ).toBe(200);
    // the member is signed in with a password before the rule comes
    const before = new CookieJar();
    expect(
      (await trpc(before, api, "auth.login", { email: leader.email, password: PASSWORD })).status,
    ).toBe(200);
    expect((await trpc(before, api, "auth.me")).body.result!.data.json).toBeTruthy();
    const externalId = `ext-${randomUUID()}`;
    const linked = await trpc(jar, api, "admin.setUserExternalId", {
      userId: leader.id,
      externalId,
    });
    expect(linked.status).toBe(200);
    const required = await trpc(jar, api, "admin.setRequireOidc", {
      jurisdictionId: jurisdiction.id,
      requireOidc: true,
    });
    expect(required.status).toBe(200);
    expect(required.body.result!.data.json).toMatchObject({ sessionsEnded: 1 });
    // the rule ends the member's password session at once; the deciding office keeps its own
    expect((await trpc(before, api, "auth.me")).body.result!.data.json).toBeNull();
    expect((await trpc(jar, api, "auth.me")).body.result!.data.json).toBeTruthy();
    const audits = await database.db.auditEvent.findMany({
      where: { action: { in: ["user.setExternalId", "jurisdiction.setRequireOidc"] } },
      select: { action: true, actorUserId: true },
    });
    expect(audits).toEqual(
      expect.arrayContaining([
        { action: "user.setExternalId", actorUserId: office.id },
        { action: "jurisdiction.setRequireOidc", actorUserId: office.id },
      ]),
    );

    const refused = await trpc(new CookieJar(), api, "auth.login", {
      email: leader.email,
      password: PASSWORD,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error!.json.message).toContain("统一身份认证");
    // a wrong password still reads as a wrong password: the rule tells strangers nothing
    const wrong = await trpc(new CookieJar(), api, "auth.login", {
      email: leader.email,
      password: "not-the-password-at-all",
    });
    expect(wrong.status).toBe(401);
    // the provider still signs the member in
    const member = new CookieJar();
    const back = await member.get303(await throughProvider(member, api, externalId));
    expect(back.location).toBe(`${PUBLIC}/tasks`);

    // a deployment without OIDC keeps passwords for everyone (the rule needs a provider)
    const plain = await startApi(database, redis, { keySpace: `plain-${randomUUID()}` });
    apis.push(plain);
    const plainLogin = await trpc(new CookieJar(), plain, "auth.login", {
      email: leader.email,
      password: PASSWORD,
    });
    expect(plainLogin.status, JSON.stringify(plainLogin.body)).toBe(200);

    // a department or leader may not change either setting
    const other = await user("other", "LEADER");
    expect(
      (await trpc(member, api, "admin.setUserExternalId", { userId: other.id, externalId: "x" }))
        .status,
    ).toBe(404);
    expect(
      (
        await trpc(member, api, "admin.setRequireOidc", {
          jurisdictionId: jurisdiction.id,
          requireOidc: false,
        })
      ).status,
    ).toBe(403);
  });
});
