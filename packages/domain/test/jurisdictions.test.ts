import { expect } from "vitest";

import { test } from "@duban/test-utils";

import { jurisdictionByName, systemActor, type Actor } from "../src/index.ts";

test("jurisdictionByName is the system's: it finds, lists the known names when it cannot, and creates", async ({
  database,
}) => {
  const { db } = database;
  const system = { db, actor: systemActor("test") };
  await expect(jurisdictionByName(system, { name: "息烽县" })).rejects.toMatchObject({
    code: "NOT_FOUND",
    details: { known: [] },
  });

  const user: Actor = {
    kind: "user",
    userId: "00000000-0000-4000-8000-000000000001",
    email: "office@example.test",
    name: "办公室",
    memberships: [],
  };
  await expect(
    jurisdictionByName({ db, actor: user }, { name: "息烽县", createAs: "COUNTY" }),
  ).rejects.toMatchObject({ code: "FORBIDDEN" });
  expect(await db.jurisdiction.count()).toBe(0);

  const created = await jurisdictionByName(system, { name: "息烽县", createAs: "COUNTY" });
  expect(created).toMatchObject({ name: "息烽县", kind: "COUNTY" });
  // found, not created again, whatever kind is asked for
  expect(await jurisdictionByName(system, { name: "息烽县", createAs: "CITY" })).toEqual(created);
  await expect(jurisdictionByName({ db, actor: user }, { name: "息烽县" })).rejects.toMatchObject({
    code: "FORBIDDEN",
  });
  await expect(jurisdictionByName(system, { name: "遵义市" })).rejects.toMatchObject({
    code: "NOT_FOUND",
    details: { known: ["息烽县"] },
  });
});
