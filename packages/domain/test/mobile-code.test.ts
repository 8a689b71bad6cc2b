import { randomUUID } from "node:crypto";

import { expect } from "vitest";

import type { Db } from "@duban/db";
import { test } from "@duban/test-utils";

import { MOBILE_CODE_RULES, requestMobileCode, setMyMobile, type Actor } from "../src/index.ts";
import { ZSetMyMobileInput } from "../src/schemas/index.ts";

// 10:00 in Shanghai: the day's limit counts from 00:00 Shanghai (16:00 UTC the day before)
const T0 = new Date("2026-06-01T02:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

async function person(db: Db, email = `kj-${randomUUID()}@example.test`) {
  const u = await db.user.create({
    data: {
      email,
      name: "科技局 张三",
      passwordHash: "x",
      mobile: "13800000000",
    },
  });
  const actor: Actor = {
    kind: "user",
    userId: u.id,
    email: u.email,
    name: u.name,
    memberships: [],
  };
  return { id: u.id, as: (now: Date) => ({ db, actor, now }) };
}

const codeSentTo = async (db: Db, mobile: string) =>
  (
    await db.channelDelivery.findFirstOrThrow({
      where: { kind: "mobile-code", phone: mobile },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    })
  ).body;

test("mobile codes: one a minute, five a day in Shanghai, ten minutes valid, five wrong tries spend one", async ({
  database: { db },
}) => {
  const me = await person(db);
  await expect(requestMobileCode(me.as(T0), { mobile: "13800000000" })).rejects.toMatchObject({
    code: "INVALID",
    field: "mobile",
  });
  const first = await requestMobileCode(me.as(T0), { mobile: "13911112222" });
  expect(first).toEqual({
    mobile: "139****2222",
    expiresAt: at(MOBILE_CODE_RULES.validMinutes * 60),
    resendAt: at(60),
    resendInSeconds: 60,
    validMinutes: 10,
  });
  await expect(requestMobileCode(me.as(at(59)), { mobile: "13911112222" })).rejects.toMatchObject({
    code: "RATE_LIMITED",
    details: { retryAt: at(60).toISOString() },
  });
  // expired after ten minutes
  const code = await codeSentTo(db, "13911112222");
  await expect(setMyMobile(me.as(at(600)), { mobile: "13911112222", code })).rejects.toMatchObject({
    code: "INVALID",
    field: "code",
  });
  // four more today (five in all), the sixth waits for tomorrow 00:00 Shanghai
  for (let i = 1; i <= 4; i++)
    await requestMobileCode(me.as(at(61 * i)), { mobile: "13911112222" });
  await expect(
    requestMobileCode(me.as(at(61 * 5)), { mobile: "13911112222" }),
  ).rejects.toMatchObject({
    code: "RATE_LIMITED",
    details: { retryAt: "2026-06-01T16:00:00.000Z" },
  });
  expect(
    await requestMobileCode(me.as(new Date("2026-06-01T16:00:00Z")), { mobile: "13911112222" }),
  ).toMatchObject({
    mobile: "139****2222",
  });

  // five wrong tries spend the newest code: even the right one then fails
  const now = new Date("2026-06-01T16:01:00Z");
  const newest = await codeSentTo(db, "13911112222");
  const wrong = newest === "000000" ? "111111" : "000000";
  for (let left = 4; left >= 0; left--)
    await expect(setMyMobile(me.as(now), { mobile: "13911112222", code: wrong })).rejects.toThrow(
      left > 0 ? `还可尝试 ${left} 次` : "此验证码已作废",
    );
  await expect(setMyMobile(me.as(now), { mobile: "13911112222", code: newest })).rejects.toThrow(
    "验证码已失效或未发送",
  );
  expect((await db.user.findUniqueOrThrow({ where: { id: me.id } })).mobile).toBe("13800000000");

  // removing one's number needs no code
  expect(await setMyMobile(me.as(now), { mobile: null })).toEqual({ mobile: null });
  expect((await db.user.findUniqueOrThrow({ where: { id: me.id } })).mobile).toBeNull();
  // every code and change audited, numbers masked
  const audit = await db.auditEvent.findMany({
    where: { entityId: me.id },
    select: { action: true, before: true, after: true },
  });
  expect(audit.filter((a) => a.action === "user.mobile-code")).toHaveLength(6);
  expect(JSON.stringify(audit)).not.toMatch(/13911112222|13800000000/);
});

test("mobile codes: a late SMS of an earlier code still sets the number; one number gets at most 10 codes a day from all accounts; a full-width code is read as digits", async ({
  database: { db },
}) => {
  const me = await person(db);
  await requestMobileCode(me.as(T0), { mobile: "13922223333" });
  const early = await codeSentTo(db, "13922223333");
  await requestMobileCode(me.as(at(61)), { mobile: "13922223333" });
  // the first SMS came late: its code is typed, in full-width digits from the input method
  const fullWidth = [...early].map((d) => String.fromCharCode(0xff10 + Number(d))).join("");
  expect(
    await setMyMobile(me.as(at(70)), {
      mobile: "13922223333",
      code: ZSetMyMobileInput.parse({ mobile: "13922223333", code: fullWidth }).code!,
    }),
  ).toEqual({ mobile: "13922223333" });
  // both codes are used now: a wrong one finds none in force
  const later = await codeSentTo(db, "13922223333");
  const wrong = ["000000", "111111", "222222"].find((c) => c !== early && c !== later)!;
  await expect(setMyMobile(me.as(at(80)), { mobile: "13922223333", code: wrong })).rejects.toThrow(
    "验证码已失效或未发送",
  );

  // SMS bombing a stranger from many accounts: 10 codes a day to one number, then 429
  const others = await Promise.all([1, 2, 3].map(() => person(db)));
  for (const [i, who] of others.slice(0, 2).entries())
    for (let k = 0; k < 5; k++)
      await requestMobileCode(who.as(at(100 + i * 1000 + k * 61)), { mobile: "13955556666" });
  await expect(
    requestMobileCode(others[2]!.as(at(5000)), { mobile: "13955556666" }),
  ).rejects.toMatchObject({ code: "RATE_LIMITED" });
  // another number is still fine for that account
  expect(await requestMobileCode(others[2]!.as(at(5000)), { mobile: "13955557777" })).toMatchObject(
    { mobile: "139****7777" },
  );
});
