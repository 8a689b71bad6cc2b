import { randomBytes } from "node:crypto";

import type { AssignmentState, Db, Role, TaskStatus } from "@duban/db";
import { toDbDate } from "@duban/domain";

const uniq = () => randomBytes(4).toString("hex");

export type CascadeWorld = Awaited<ReturnType<typeof buildCascadeWorld>>;

/**
 * A city (遵义市) with two counties below it (汇川区, 播州区) and a town below 汇川区 (高坪街道):
 * each with an office, a unit and an ACTIVE plan; the city and 汇川区 also with a leader, 汇川区
 * with one unit's staff. Assignments are written straight with Prisma (the cascade's own commands
 * live in wt-cascade). Earlier worlds of the file go quiet: plans archived, outbox emptied.
 */
export async function buildCascadeWorld(db: Db) {
  const s = uniq();
  await db.plan.updateMany({ where: { status: "ACTIVE" }, data: { status: "ARCHIVED" } });
  await db.notification.deleteMany({});
  const place = async (name: string, kind: "CITY" | "COUNTY", parentId: string | null) => {
    const j = await db.jurisdiction.create({ data: { name: `${name}-${s}`, kind, parentId } });
    const unit = await db.department.create({
      data: {
        jurisdictionId: j.id,
        name: `${name}科技局-${s}`,
        contactEmails: [`unit-${j.id.slice(0, 8)}-${s}@gov.cn`],
      },
    });
    const plan = await db.plan.create({
      data: {
        jurisdictionId: j.id,
        title: `${name}科技创新规划-${s}`,
        periodStart: 2021,
        periodEnd: 2025,
        status: "ACTIVE",
        sourceFileName: "plan.txt",
        sourceFormat: "txt",
        sourceHash: `hash-${j.id}`,
        sourceText: "…",
        parserVersion: 1,
        parseResult: {},
      },
    });
    const user = async (label: string, role: Role, departmentId: string | null = null) => {
      const u = await db.user.create({
        data: { email: `${label}-${s}@gov.cn`, name: label, passwordHash: "x" },
      });
      await db.membership.create({
        data: { userId: u.id, jurisdictionId: j.id, role, departmentId },
      });
      return u;
    };
    return { j, unit, plan, user };
  };
  const city = await place("遵义市", "CITY", null);
  const a = await place("汇川区", "COUNTY", city.j.id);
  const b = await place("播州区", "COUNTY", city.j.id);
  const town = await place("高坪街道", "COUNTY", a.j.id);
  return {
    s,
    city: {
      ...city,
      office: await city.user("city-office", "OFFICE"),
      leader: await city.user("city-leader", "LEADER"),
    },
    a: {
      ...a,
      office: await a.user("a-office", "OFFICE"),
      leader: await a.user("a-leader", "LEADER"),
      staff: await a.user("a-staff", "DEPARTMENT", a.unit.id),
    },
    b: { ...b, office: await b.user("b-office", "OFFICE") },
    town: { ...town, office: await town.user("town-office", "OFFICE") },
  };
}

type Place = CascadeWorld["city"] | CascadeWorld["a"] | CascadeWorld["b"] | CascadeWorld["town"];

export async function addTask(
  db: Db,
  at: Place,
  input: {
    title: string;
    dueDate: string;
    startDate?: string;
    status?: TaskStatus;
    progress?: number;
    assignmentId?: string;
    parentTaskId?: string;
  },
) {
  return db.task.create({
    data: {
      planId: at.plan.id,
      title: input.title,
      leadDepartmentId: at.unit.id,
      startDate: toDbDate(input.startDate ?? "2024-01-01"),
      dueDate: toDbDate(input.dueDate),
      originalDueDate: toDbDate(input.dueDate),
      status: input.status ?? "IN_PROGRESS",
      progress: input.progress ?? 0,
      assignmentId: input.assignmentId ?? null,
      parentTaskId: input.parentTaskId ?? null,
    },
  });
}

/** A 下达 of a task (or indicator) from `from` to `to`, as wt-cascade's assign would write it. */
export async function addAssignment(
  db: Db,
  from: Place,
  to: Place,
  input: {
    parentTaskId?: string;
    parentIndicatorId?: string;
    decomposeBy: string;
    state?: AssignmentState;
    decomposedAt?: string;
    weight?: number;
    progress?: number;
    targetPlanId?: string | null;
    note?: string;
  },
) {
  return db.assignment.create({
    data: {
      kind: input.parentIndicatorId ? "INDICATOR" : "TASK",
      fromJurisdictionId: from.j.id,
      toJurisdictionId: to.j.id,
      parentTaskId: input.parentTaskId ?? null,
      parentIndicatorId: input.parentIndicatorId ?? null,
      decomposeBy: toDbDate(input.decomposeBy),
      state: input.state ?? "PENDING",
      decomposedAt: input.decomposedAt ? new Date(`${input.decomposedAt}T10:00:00+08:00`) : null,
      weight: input.weight ?? 1,
      progress: input.progress ?? 0,
      targetPlanId: input.targetPlanId === undefined ? to.plan.id : input.targetPlanId,
      note: input.note ?? "",
    },
  });
}
