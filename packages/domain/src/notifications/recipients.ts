import type { DbOrTx, DeliveryMode, Role } from "@duban/db";

import { ancestorIdsOfMany } from "../jurisdictions/tree.ts";
import { taskRelationIn, visibilityFromMemberships } from "../visibility.ts";

/**
 * Someone who gets an email, and how: at once, or held for the daily digest. Muted people are
 * never recipients, except of an escalation their jurisdiction's office forces on (`forced`: they
 * muted the kind and get it at once anyway).
 */
export type Recipient = {
  email: string;
  userId: string | null;
  name: string | null;
  mode: Exclude<DeliveryMode, "MUTED">;
  forced?: boolean;
};

/**
 * `forced(jurisdictionId)`: the message is an escalation the jurisdiction's office forces on
 * (forcingJurisdictions), so people who muted its kind are recipients too.
 */
export type RecipientOptions = { forced?: (jurisdictionId: string) => boolean };

type UserRow = {
  id: string;
  email: string;
  name: string;
  disabledAt: Date | null;
  notificationSettings: Array<{ mode: DeliveryMode }>;
};

const userSelect = (kind: string) =>
  ({
    id: true,
    email: true,
    name: true,
    disabledAt: true,
    notificationSettings: { where: { kind }, select: { mode: true } },
  }) as const;

function fromUser(user: UserRow, forced = false): Recipient | null {
  if (user.disabledAt) return null;
  const mode = user.notificationSettings[0]?.mode ?? "IMMEDIATE";
  if (mode === "MUTED") {
    if (!forced) return null;
    return {
      email: user.email.toLowerCase(),
      userId: user.id,
      name: user.name,
      mode: "IMMEDIATE",
      forced: true,
    };
  }
  return { email: user.email.toLowerCase(), userId: user.id, name: user.name, mode };
}

function push(map: Map<string, Recipient[]>, key: string, r: Recipient) {
  const list = map.get(key) ?? [];
  if (!list.some((x) => x.email === r.email)) list.push(r);
  map.set(key, list);
}

/**
 * Who hears about a department's tasks: its contact addresses and its DEPARTMENT-role staff.
 * A contact address that belongs to a user account follows that user's settings (so muting works
 * whichever way the address got on the list), and that user's visibility (visibility.ts): an
 * account with a role that may not see the unit's tasks in its list views (staff of another unit,
 * someone of another jurisdiction) is not told about them by email either. An account with no role
 * anywhere is the unit's mailbox signed up for its settings, and is reached like a bare address.
 * Three queries whatever the number of departments.
 */
export async function departmentRecipients(
  db: DbOrTx,
  departmentIds: string[],
  kind: string,
  options: RecipientOptions = {},
): Promise<Map<string, Recipient[]>> {
  const forced = options.forced ?? (() => false);
  const out = new Map<string, Recipient[]>();
  if (departmentIds.length === 0) return out;
  const [departments, memberships] = await Promise.all([
    db.department.findMany({
      where: { id: { in: departmentIds }, active: true },
      select: {
        id: true,
        contactEmails: true,
        jurisdictionId: true,
      },
    }),
    db.membership.findMany({
      where: { role: "DEPARTMENT", departmentId: { in: departmentIds } },
      // each unit's recipients (and so the job's emails) come in this order
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { departmentId: true, jurisdictionId: true, user: { select: userSelect(kind) } },
    }),
  ]);
  const contactEmails = [
    ...new Set(
      departments
        .flatMap((d) => d.contactEmails.map((e) => e.trim().toLowerCase()))
        .filter(Boolean),
    ),
  ];
  const contactUsers = contactEmails.length
    ? await db.user.findMany({
        where: { email: { in: contactEmails, mode: "insensitive" } },
        select: {
          ...userSelect(kind),
          memberships: { select: { jurisdictionId: true, role: true, departmentId: true } },
        },
      })
    : [];
  const userByEmail = new Map(contactUsers.map((u) => [u.email.toLowerCase(), u]));
  const ancestorsOf = contactUsers.length
    ? await ancestorIdsOfMany(
        db,
        departments.map((d) => d.jurisdictionId),
      )
    : new Map<string, string[]>();
  for (const d of departments) {
    const jurisdiction = {
      id: d.jurisdictionId,
      ancestorIds: ancestorsOf.get(d.jurisdictionId) ?? [],
    };
    for (const raw of d.contactEmails) {
      const email = raw.trim().toLowerCase();
      if (!email) continue;
      const user = userByEmail.get(email);
      if (
        user &&
        user.memberships.length > 0 &&
        taskRelationIn(visibilityFromMemberships(user.memberships, jurisdiction), {
          leadDepartmentId: d.id,
          supportingDepartmentIds: [],
        }) === "none"
      )
        continue;
      const r = user
        ? fromUser(user, forced(d.jurisdictionId))
        : { email, userId: null, name: null, mode: "IMMEDIATE" as const };
      if (r) push(out, d.id, r);
    }
  }
  for (const m of memberships) {
    const r = fromUser(m.user, forced(m.jurisdictionId));
    if (r && m.departmentId) push(out, m.departmentId, r);
  }
  return out;
}

/** Users holding one of `roles` in each jurisdiction (the office, the leaders). */
export async function jurisdictionRecipients(
  db: DbOrTx,
  jurisdictionIds: string[],
  roles: Role[],
  kind: string,
  options: RecipientOptions = {},
): Promise<Map<string, Recipient[]>> {
  const forced = options.forced ?? (() => false);
  const out = new Map<string, Recipient[]>();
  if (jurisdictionIds.length === 0) return out;
  const memberships = await db.membership.findMany({
    where: { jurisdictionId: { in: jurisdictionIds }, role: { in: roles } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { jurisdictionId: true, user: { select: userSelect(kind) } },
  });
  for (const m of memberships) {
    const r = fromUser(m.user, forced(m.jurisdictionId));
    if (r) push(out, m.jurisdictionId, r);
  }
  return out;
}
