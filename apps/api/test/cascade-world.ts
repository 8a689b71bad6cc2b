// The cascade's test world (issue #19): a city over two counties, A with a town unit, each with an
// active plan and one user per role; tests make their own tasks and indicators in it.
import type { Db } from "@duban/db";
import { addDays, hashPassword, shanghaiDay } from "@duban/domain";
import { test as withServices } from "@duban/test-utils";

import { loginAs, startApi, type Api, type Client } from "./harness.ts";
import { PASSWORD } from "./world.ts";

/** Plans run 2026–2030 so that their tasks are open today (the tests run on the real clock). */
const PERIOD = { periodStart: 2026, periodEnd: 2030 };

/**
 * 测试市 (city) over 甲县 (A) and 乙县 (B); 丙县 (X) is a county with no parent. Units: 市科技局
 * (city), 县科技局 and the town unit 鹿窝镇 (kind TOWN) in A, 县科技局 in B. Users, all with
 * PASSWORD: `office|leader|staff@city.test`, `office|leader|staff|town@a.test`,
 * `office|leader|staff@b.test`, and `admin@duban.test` (system administrator, no membership).
 */
export async function buildCascadeWorld(db: Db) {
  const city = await db.jurisdiction.create({ data: { name: "测试市", kind: "CITY" } });
  const a = await db.jurisdiction.create({
    data: { name: "甲县", kind: "COUNTY", parentId: city.id },
  });
  const b = await db.jurisdiction.create({
    data: { name: "乙县", kind: "COUNTY", parentId: city.id },
  });
  const x = await db.jurisdiction.create({ data: { name: "丙县", kind: "COUNTY" } });
  const unit = (jurisdictionId: string, name: string, kind: "DEPARTMENT" | "TOWN" = "DEPARTMENT") =>
    db.department.create({ data: { jurisdictionId, name, kind } });
  const cityDept = await unit(city.id, "市科技局");
  const aDept = await unit(a.id, "县科技局");
  const aTown = await unit(a.id, "鹿窝镇", "TOWN");
  const bDept = await unit(b.id, "县科技局");
  const xDept = await unit(x.id, "县科技局");
  const hash = await hashPassword(PASSWORD);
  const user = async (
    email: string,
    jurisdictionId: string | null,
    role?: "OFFICE" | "DEPARTMENT" | "LEADER",
    departmentId?: string,
  ) => {
    const u = await db.user.create({
      data: {
        email,
        name: email.replace("@", "·"),
        passwordHash: hash,
        systemAdmin: jurisdictionId === null,
      },
    });
    if (jurisdictionId && role)
      await db.membership.create({
        data: { userId: u.id, jurisdictionId, role, departmentId: departmentId ?? null },
      });
    return u;
  };
  const users = {
    cityOffice: await user("office@city.test", city.id, "OFFICE"),
    cityLeader: await user("leader@city.test", city.id, "LEADER"),
    cityStaff: await user("staff@city.test", city.id, "DEPARTMENT", cityDept.id),
    aOffice: await user("office@a.test", a.id, "OFFICE"),
    aLeader: await user("leader@a.test", a.id, "LEADER"),
    aStaff: await user("staff@a.test", a.id, "DEPARTMENT", aDept.id),
    aTownStaff: await user("town@a.test", a.id, "DEPARTMENT", aTown.id),
    bOffice: await user("office@b.test", b.id, "OFFICE"),
    bLeader: await user("leader@b.test", b.id, "LEADER"),
    bStaff: await user("staff@b.test", b.id, "DEPARTMENT", bDept.id),
    admin: await user("admin@duban.test", null),
  };
  const plan = (jurisdictionId: string, title: string) =>
    db.plan.create({
      data: {
        jurisdictionId,
        title,
        ...PERIOD,
        status: "ACTIVE",
        activatedAt: new Date(),
        sourceFileName: `${title}.txt`,
        sourceFormat: "txt",
        sourceHash: `hash-${title}`,
        sourceText: title,
        parserVersion: 1,
        parseResult: {},
      },
    });
  const cityPlan = await plan(city.id, "测试市“十五五”科技创新规划");
  const aPlan = await plan(a.id, "甲县“十五五”科技创新规划");
  const bPlan = await plan(b.id, "乙县“十五五”科技创新规划");
  const xPlan = await plan(x.id, "丙县“十五五”科技创新规划");
  return {
    city,
    a,
    b,
    x,
    cityDept,
    aDept,
    aTown,
    bDept,
    xDept,
    users,
    cityPlan,
    aPlan,
    bPlan,
    xPlan,
  };
}

export type CascadeWorld = Awaited<ReturnType<typeof buildCascadeWorld>>;

type Clients = Awaited<ReturnType<typeof clientsOf>>;

/**
 * `test` with the file-scoped cascade world, the real HTTP host serving it and a signed-in client
 * per user (`clients`, made once per file).
 */
export const cascadeTest = withServices.extend<{
  $file: { api: Api; world: CascadeWorld; clients: Clients };
}>({
  clients: [async ({ api }, use) => use(await clientsOf(api)), { scope: "file" }],
  api: [
    async ({ database, redis, world: _built }, use) => {
      const api = await startApi(database, redis);
      await use(api);
      await api.close();
    },
    { scope: "file" },
  ],
  world: [
    async ({ database }, use) => use(await buildCascadeWorld(database.db)),
    { scope: "file" },
  ],
});

/** A fresh task of `planId` led by `departmentId`, open 2026-01-01 → 2030-12-31 (each test its own). */
export function makeTask(db: Db, planId: string, departmentId: string, title: string) {
  return db.task.create({
    data: {
      planId,
      title,
      leadDepartmentId: departmentId,
      startDate: new Date("2026-01-01T00:00:00Z"),
      dueDate: new Date("2030-12-31T00:00:00Z"),
      originalDueDate: new Date("2030-12-31T00:00:00Z"),
    },
  });
}

/** A child task draft for decompose / addSubtasks. */
export const draft = (title: string, leadDepartmentId: string, weight = 1) => ({
  title,
  leadDepartmentId,
  startDate: "2026-01-01",
  dueDate: "2030-06-30",
  weight,
});

/** A 分解时限 `days` from today (Asia/Shanghai). */
export const inDays = (days: number) => addDays(shanghaiDay(new Date()), days);

/** Signed-in clients for every user of the world, by the same keys as `users`. */
export async function clientsOf(api: Api) {
  const sign = (email: string) => loginAs(api, email, PASSWORD);
  const accounts = [
    ["cityOffice", "office@city.test"],
    ["cityLeader", "leader@city.test"],
    ["cityStaff", "staff@city.test"],
    ["aOffice", "office@a.test"],
    ["aLeader", "leader@a.test"],
    ["aStaff", "staff@a.test"],
    ["aTownStaff", "town@a.test"],
    ["bOffice", "office@b.test"],
    ["bLeader", "leader@b.test"],
    ["bStaff", "staff@b.test"],
    ["admin", "admin@duban.test"],
  ] as const;
  // one at a time: a login hashes a password and opens a transaction; eleven at once on a
  // loaded test machine wait past Prisma's transaction start timeout
  const entries: Array<readonly [(typeof accounts)[number][0], Client]> = [];
  for (const [key, email] of accounts) entries.push([key, await sign(email)] as const);
  return Object.fromEntries(entries) as Record<(typeof entries)[number][0], Client>;
}
