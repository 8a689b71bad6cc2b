import pg from "pg";
import { expect } from "vitest";

import { test } from "@duban/test-utils";

import { asDomainError, conflictFromDatabase, DomainError, invalid } from "../src/index.ts";

/** The error a call raises (the test fails if it raises none). */
async function raised(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

const raise = (sqlstate: string) =>
  `DO $$ BEGIN RAISE EXCEPTION 'raced' USING ERRCODE = '${sqlstate}'; END $$`;

test("every form a racing write's refusal takes through Prisma and pg is a CONFLICT; other database errors are not", async ({
  database,
}) => {
  const { db } = database;
  const j = await db.jurisdiction.create({ data: { name: "冲突县", kind: "COUNTY" } });
  await db.department.create({ data: { jurisdictionId: j.id, name: "科学技术局" } });
  const duplicate = { data: { jurisdictionId: j.id, name: "科学技术局" } };
  const rawDuplicate = () =>
    db.$executeRaw`INSERT INTO "Department" (id, "jurisdictionId", name, "updatedAt") VALUES (gen_random_uuid(), ${j.id}::uuid, '科学技术局', now())`;
  const missing = "00000000-0000-4000-8000-000000000000";

  const cases: Array<[string, () => Promise<unknown>, string | null]> = [
    ["model create, unique (P2002)", () => db.department.create(duplicate), "unique"],
    [
      "model create in $transaction, unique",
      () =>
        db.$transaction(async (tx) => {
          await tx.department.create(duplicate);
        }),
      "unique",
    ],
    ["raw insert, unique (P2010 + 23505)", rawDuplicate, "unique"],
    [
      "raw insert in $transaction, unique",
      () =>
        db.$transaction(async (tx) => {
          await tx.$executeRaw`INSERT INTO "Department" (id, "jurisdictionId", name, "updatedAt") VALUES (gen_random_uuid(), ${j.id}::uuid, '科学技术局', now())`;
        }),
      "unique",
    ],
    [
      "model create, foreign key gone (P2003)",
      () => db.department.create({ data: { jurisdictionId: missing, name: "x" } }),
      "foreign-key",
    ],
    ["raw, exclusion (23P01)", () => db.$executeRawUnsafe(raise("23P01")), "exclusion"],
    [
      "raw in $transaction, serialization failure (40001)",
      () =>
        db.$transaction(async (tx) => {
          await tx.$executeRawUnsafe(raise("40001"));
        }),
      "serialization",
    ],
    ["raw, deadlock (40P01)", () => db.$executeRawUnsafe(raise("40P01")), "deadlock"],
    ["raw, division by zero", () => db.$queryRawUnsafe("SELECT 1/0"), null],
    [
      "raw, check constraint (23514): bad data, not a race",
      () => db.$executeRawUnsafe(raise("23514")),
      null,
    ],
  ];
  for (const [label, call, kind] of cases) {
    const error = await raised(call);
    const conflict = conflictFromDatabase(error);
    if (kind === null) {
      expect(conflict, label).toBeNull();
      continue;
    }
    expect(conflict, label).toBeInstanceOf(DomainError);
    expect(conflict, label).toMatchObject({
      code: "CONFLICT",
      message: "数据已被他人修改或重复提交，请刷新后重试",
      messageEn: expect.stringContaining("reload and try again"),
      details: { conflict: kind },
    });
  }
  const unique = conflictFromDatabase(await raised(() => db.department.create(duplicate)));
  expect(unique?.details).toEqual({
    conflict: "unique",
    constraint: "Department_jurisdictionId_name_key",
  });

  // a bare pg error (no Prisma) and one kept as the cause of a wrapper
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const bare = await raised(() =>
      client.query(
        `INSERT INTO "Department" (id, "jurisdictionId", name, "updatedAt") VALUES (gen_random_uuid(), $1::uuid, '科学技术局', now())`,
        [j.id],
      ),
    );
    expect(conflictFromDatabase(bare)?.details).toMatchObject({ conflict: "unique" });
    expect(conflictFromDatabase(new Error("wrapped", { cause: bare }))?.code).toBe("CONFLICT");
  } finally {
    await client.end();
  }

  // refusals the domain already words are left as they are
  const own = invalid("已有同名单位", "exists");
  expect(conflictFromDatabase(own)).toBeNull();
  expect(asDomainError(own)).toBe(own);
  expect(asDomainError(new Error("boom"))).toBeNull();
});
