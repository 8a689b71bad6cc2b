import type { DbOrTx, Tx } from "@duban/db";

import { conflict } from "../errors.ts";

/** Open tasks named in a refused deactivation; the message states the full count. */
export const OPEN_TASKS_NAMED = 10;

const OPEN = { notIn: ["COMPLETED" as const, "CANCELLED" as const] };

/**
 * A unit may be deactivated only when no open task (not completed or cancelled) of a plan still in
 * use (draft or active) names it as lead or supporting unit: an inactive unit's contact mailbox gets
 * no overdue digest, due-soon or reporting reminder (recipients.ts), so its tasks would go
 * unwatched, and a supporting unit's missing reports would count against the cycle for ever.
 * Refused with CONFLICT naming up to OPEN_TASKS_NAMED tasks (title, plan, role) and the count, in
 * `details.openTasks` / `details.total`; after the office reassigns them (task.reassign) it succeeds.
 * Runs in the deactivating transaction after locking the unit's row FOR UPDATE, which waits for
 * any transaction that is assigning a task to the unit (its foreign-key check holds a share lock
 * on the row) so that task is counted; assignments that come after re-check `active` (assertActiveUnits).
 */
export async function assertNoOpenTasks(
  tx: Tx,
  department: { id: string; name: string },
): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Department" WHERE id = ${department.id}::uuid FOR UPDATE`;
  const where = {
    status: OPEN,
    plan: { status: { not: "ARCHIVED" as const } },
    OR: [
      { leadDepartmentId: department.id },
      { supportingDepartments: { some: { departmentId: department.id } } },
    ],
  };
  const [total, tasks] = await Promise.all([
    tx.task.count({ where }),
    tx.task.findMany({
      where,
      orderBy: [{ dueDate: "asc" }, { id: "asc" }],
      take: OPEN_TASKS_NAMED,
      select: {
        id: true,
        title: true,
        leadDepartmentId: true,
        plan: { select: { id: true, title: true } },
      },
    }),
  ]);
  if (total === 0) return;
  const openTasks = tasks.map((t) => ({
    id: t.id,
    title: t.title,
    planId: t.plan.id,
    planTitle: t.plan.title,
    role: t.leadDepartmentId === department.id ? ("lead" as const) : ("support" as const),
  }));
  const named = openTasks.map((t) => `“${t.title}”`).join("、");
  const more = total > openTasks.length ? ` 等 ${total} 项` : "";
  const moreEn = total > openTasks.length ? ` and ${total - openTasks.length} more` : "";
  throw conflict(
    `${department.name}仍牵头或配合 ${total} 项未完成任务（${named}${more}），请先调整这些任务的牵头、配合单位后再停用`,
    `${department.name} still leads or supports ${total} open tasks (${openTasks.map((t) => t.title).join(", ")}${moreEn}); reassign them before deactivating the unit`,
    { openTasks, total },
  );
}

/**
 * Of these units, the active ones no email reaches any more: no contact address outside disabled
 * accounts and no enabled staff. Disabling an account is never refused (it is how access ends when
 * someone leaves or an account is misused); the office is told instead, to add a contact address.
 */
export async function unitsWithoutRecipients(
  db: DbOrTx,
  departmentIds: string[],
): Promise<Array<{ id: string; name: string }>> {
  if (departmentIds.length === 0) return [];
  const units = await db.department.findMany({
    where: { id: { in: departmentIds }, active: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      contactEmails: true,
      memberships: {
        where: { role: "DEPARTMENT", user: { disabledAt: null } },
        select: { userId: true },
      },
    },
  });
  const contacts = [
    ...new Set(
      units.flatMap((u) => u.contactEmails.map((e) => e.trim().toLowerCase())).filter(Boolean),
    ),
  ];
  const disabled = new Set(
    contacts.length
      ? (
          await db.user.findMany({
            where: { email: { in: contacts, mode: "insensitive" }, disabledAt: { not: null } },
            select: { email: true },
          })
        ).map((u) => u.email.toLowerCase())
      : [],
  );
  return units
    .filter(
      (u) =>
        u.memberships.length === 0 &&
        !u.contactEmails.some((e) => e.trim() && !disabled.has(e.trim().toLowerCase())),
    )
    .map((u) => ({ id: u.id, name: u.name }));
}
