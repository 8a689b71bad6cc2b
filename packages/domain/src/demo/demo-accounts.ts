// The demo's jurisdictions, units and logins: the same rows for the seed plans' jurisdictions
// (load-demo.ts) and for the cascade's (demo-layers.ts), so every demo login follows one naming
// rule, `<unit>@<jurisdiction slug>.demo`.
import { randomBytes } from "node:crypto";

import type { Db, Role } from "@duban/db";
import { DEFAULT_DEPARTMENTS } from "@duban/plan-parser";

import { hashPassword } from "../accounts/passwords.ts";
import type { Actor } from "../actor.ts";

export type DemoCredential = {
  jurisdiction: string;
  role: Role;
  email: string;
  password: string;
  department?: string;
};

/** The jurisdiction of this name, created (with its parent city) when missing. */
export async function ensureJurisdiction(
  db: Db,
  name: string,
  kind: "CITY" | "COUNTY",
  parentName?: string,
): Promise<{ id: string }> {
  const parent = parentName ? await ensureJurisdiction(db, parentName, "CITY") : null;
  return db.jurisdiction.upsert({
    where: { name },
    create: { name, kind, parentId: parent?.id ?? null },
    update: {},
  });
}

/**
 * The parser's default unit directory (科技局, 工信局, …) for a jurisdiction, each with a contact
 * address `deptNN@<slug>.demo.duban.cn`; returns the jurisdiction's units by short name.
 */
export async function ensureDefaultDepartments(db: Db, jurisdictionId: string, slug: string) {
  await db.department.createMany({
    data: DEFAULT_DEPARTMENTS.map((d, i) => ({
      jurisdictionId,
      name: d.name,
      shortName: d.shortName ?? null,
      keywords: d.keywords ?? [],
      contactEmails: [`dept${String(i + 1).padStart(2, "0")}@${slug}.demo.duban.cn`],
    })),
    skipDuplicates: true,
  });
  const departments = await db.department.findMany({ where: { jurisdictionId } });
  return new Map(departments.map((d) => [d.shortName ?? d.name, d]));
}

/**
 * A login with one membership; its password is `password` (the operator's DUBAN_DEMO_PASSWORD) or
 * random, and is added to `creds` to be shown once. Returns the user.
 */
export async function createAccount(
  db: Db,
  creds: DemoCredential[],
  input: {
    jurisdictionId: string;
    jurisdiction: string;
    email: string;
    name: string;
    role: Role;
    departmentId?: string;
    department?: string;
    password?: string;
  },
) {
  const password = input.password ?? randomBytes(9).toString("base64url");
  const user = await db.user.create({
    data: { email: input.email, name: input.name, passwordHash: await hashPassword(password) },
  });
  await db.membership.create({
    data: {
      userId: user.id,
      jurisdictionId: input.jurisdictionId,
      role: input.role,
      departmentId: input.departmentId ?? null,
    },
  });
  creds.push({
    jurisdiction: input.jurisdiction,
    role: input.role,
    email: input.email,
    password,
    department: input.department,
  });
  return user;
}

/** The actor of a demo login, as a session would make it (its memberships from the database). */
export async function demoActor(db: Db, email: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({
    where: { email },
    include: { memberships: true },
  });
  return {
    kind: "user",
    userId: user.id,
    email: user.email,
    name: user.name,
    memberships: user.memberships.map((m) => ({
      jurisdictionId: m.jurisdictionId,
      role: m.role,
      departmentId: m.departmentId,
    })),
  };
}
