import { randomBytes } from "node:crypto";

import type { Db, Prisma, Role, TaskStatus } from "@duban/db";
import { toDbDate } from "@duban/domain";

const uniq = () => randomBytes(4).toString("hex");

export type World = Awaited<ReturnType<typeof buildWorld>>;

/**
 * A county with two units, an office, a leader and one staff member per unit, and an ACTIVE plan.
 * Every name is suffixed, so several worlds can live in one test database; unless told otherwise
 * it archives the plans of earlier worlds and empties the outbox.
 */
export async function buildWorld(
  db: Db,
  options: {
    periodStart?: number;
    periodEnd?: number;
    planStatus?: "ACTIVE" | "DRAFT";
    keepOthers?: boolean;
  } = {},
) {
  const s = uniq();
  // tests of one file share a database: earlier worlds go quiet (archived plans, empty outbox)
  if (!options.keepOthers) {
    await db.plan.updateMany({ where: { status: "ACTIVE" }, data: { status: "ARCHIVED" } });
    await db.notification.deleteMany({});
  }
  const jurisdiction = await db.jurisdiction.create({
    data: { name: `西丰县-${s}`, kind: "COUNTY" },
  });
  const department = (name: string, contact: string) =>
    db.department.create({
      data: { jurisdictionId: jurisdiction.id, name: `${name}-${s}`, contactEmails: [contact] },
    });
  const science = await department("县科学技术局", `kjj-${s}@xf.gov.cn`);
  const finance = await department("县财政局", `czj-${s}@xf.gov.cn`);
  const user = async (label: string, role: Role, departmentId: string | null = null) => {
    const u = await db.user.create({
      data: { email: `${label}-${s}@xf.gov.cn`, name: `${label}`, passwordHash: "x" },
    });
    await db.membership.create({
      data: { userId: u.id, jurisdictionId: jurisdiction.id, role, departmentId },
    });
    return u;
  };
  const office = await user("office", "OFFICE");
  const leader = await user("leader", "LEADER");
  const scienceStaff = await user("kj-staff", "DEPARTMENT", science.id);
  const financeStaff = await user("cz-staff", "DEPARTMENT", finance.id);
  const plan = await db.plan.create({
    data: {
      jurisdictionId: jurisdiction.id,
      title: `科技创新规划-${s}`,
      periodStart: options.periodStart ?? 2021,
      periodEnd: options.periodEnd ?? 2025,
      status: options.planStatus ?? "ACTIVE",
      sourceFileName: "plan.txt",
      sourceFormat: "txt",
      sourceHash: `hash-${s}`,
      sourceText: "…",
      parserVersion: 1,
      parseResult: {},
    },
  });
  return { s, jurisdiction, science, finance, office, leader, scienceStaff, financeStaff, plan };
}

export async function addTask(
  db: Db,
  world: World,
  input: {
    title?: string;
    departmentId?: string;
    dueDate: string;
    startDate?: string;
    status?: TaskStatus;
    progress?: number;
    supportingDepartmentIds?: string[];
  },
) {
  return db.task.create({
    data: {
      planId: world.plan.id,
      title: input.title ?? `任务-${uniq()}`,
      leadDepartmentId: input.departmentId ?? world.science.id,
      startDate: toDbDate(input.startDate ?? "2021-01-01"),
      dueDate: toDbDate(input.dueDate),
      originalDueDate: toDbDate(input.dueDate),
      status: input.status ?? "IN_PROGRESS",
      progress: input.progress ?? 10,
      completedAt: input.status === "COMPLETED" ? new Date() : null,
      supportingDepartments: input.supportingDepartmentIds
        ? { create: input.supportingDepartmentIds.map((departmentId) => ({ departmentId })) }
        : undefined,
    },
  });
}

/** Outbox rows written straight in, for sender tests. */
export async function addNotifications(
  db: Db,
  count: number,
  options: {
    prefix?: string;
    payload?: Prisma.InputJsonObject;
    nextAttemptAt?: Date;
    email?: (i: number) => string;
  } = {},
) {
  const p = options.prefix ?? uniq();
  await db.notification.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      kind: "password-reset",
      recipientEmail: options.email?.(i) ?? `u${i}-${p}@example.gov.cn`,
      dedupeKey: `test:${p}:${i}`,
      subject: `【督办】测试 ${i}`,
      payload: options.payload ?? {
        name: `用户${i}`,
        url: `https://duban.example/reset?i=${i}`,
        expiresMinutes: 60,
      },
      ...(options.nextAttemptAt ? { nextAttemptAt: options.nextAttemptAt } : {}),
    })),
  });
  return p;
}
