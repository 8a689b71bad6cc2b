import { describe, expect } from "vitest";

import {
  addDays,
  completionByDepartment,
  shanghaiDay,
  toDbDate,
  type Actor,
  type ActorMembership,
} from "@duban/domain";

import { loginAs } from "./harness.ts";
import { test } from "./served-world.ts";
import { PASSWORD } from "./world.ts";

// Issue #19 "Performance": overview.completion reads today's unit figures and problem count from
// the maintained PlanUnitRollup instead of counting the plan's tasks. The two must give the same
// answer: here every schedule state, light and 临期 case, moved between units, edited and
// deleted, is read over HTTP (the rollup path) and counted from the tasks (`live`), for the
// office and for department staff (their own unit only).

describe("overview.completion from the maintained roll-up", () => {
  test("equals the count over the tasks, for the office and for staff, after inserts, updates and deletes", async ({
    api,
    world,
    database: { db },
  }) => {
    const today = shanghaiDay(new Date());
    const day = (n: number) => toDbDate(addDays(today, n));
    type Spec = {
      title: string;
      lead: string;
      status:
        "NOT_STARTED" | "IN_PROGRESS" | "PENDING_REVIEW" | "COMPLETED" | "SUSPENDED" | "CANCELLED";
      progress: number;
      start: number;
      due: number;
    };
    const { d1, d2, d3, bDept } = world;
    const specs: Spec[] = [
      // overdue, long and short
      { title: "逾期甲", lead: d1.id, status: "IN_PROGRESS", progress: 40, start: -300, due: -30 },
      { title: "逾期乙", lead: d2.id, status: "NOT_STARTED", progress: 0, start: -100, due: -1 },
      // lagging: 15 behind (yellow), 40 behind (red)
      { title: "落后黄", lead: d1.id, status: "IN_PROGRESS", progress: 35, start: -100, due: 100 },
      { title: "落后红", lead: d2.id, status: "SUSPENDED", progress: 10, start: -100, due: 100 },
      // on schedule, due soon (临期), not yet started, waiting for sign-off
      { title: "正常", lead: d3.id, status: "IN_PROGRESS", progress: 60, start: -100, due: 100 },
      { title: "临期", lead: d3.id, status: "IN_PROGRESS", progress: 95, start: -100, due: 5 },
      { title: "未开始", lead: d1.id, status: "NOT_STARTED", progress: 0, start: 30, due: 300 },
      {
        title: "待审核",
        lead: d2.id,
        status: "PENDING_REVIEW",
        progress: 100,
        start: -50,
        due: 20,
      },
      // finished and cancelled
      { title: "已完成", lead: d1.id, status: "COMPLETED", progress: 100, start: -200, due: -10 },
      { title: "已取消", lead: d3.id, status: "CANCELLED", progress: 20, start: -200, due: 50 },
      // a unit of another jurisdiction (no name in this plan's overview)
      {
        title: "外县牵头",
        lead: bDept.id,
        status: "IN_PROGRESS",
        progress: 5,
        start: -100,
        due: 100,
      },
    ];
    const ids: Record<string, string> = {};
    for (const s of specs) {
      const t = await db.task.create({
        data: {
          planId: world.planId,
          title: s.title,
          leadDepartmentId: s.lead,
          status: s.status,
          progress: s.progress,
          startDate: day(s.start),
          dueDate: day(s.due),
          originalDueDate: day(s.due),
        },
      });
      ids[s.title] = t.id;
    }

    const office = await loginAs(api, "office@a.test", PASSWORD);
    const staff = await loginAs(api, "lead@a.test", PASSWORD);
    const actorOf = async (email: string): Promise<Actor> => {
      const u = await db.user.findUniqueOrThrow({
        where: { email },
        include: { memberships: true },
      });
      return {
        kind: "user",
        userId: u.id,
        email: u.email,
        name: u.name,
        memberships: u.memberships.map((m): ActorMembership => ({
          jurisdictionId: m.jurisdictionId,
          role: m.role,
          departmentId: m.departmentId,
        })),
      };
    };
    const officeActor = await actorOf("office@a.test");
    const staffActor = await actorOf("lead@a.test");
    const check = async (label: string) => {
      const served = await office.overview.completion.query({ planId: world.planId });
      const live = await completionByDepartment(
        { db, actor: officeActor },
        { planId: world.planId },
        { live: true },
      );
      expect(served, label).toEqual(live);
      const servedStaff = await staff.overview.completion.query({ planId: world.planId });
      const liveStaff = await completionByDepartment(
        { db, actor: staffActor },
        { planId: world.planId },
        { live: true },
      );
      expect(servedStaff, `${label} (staff)`).toEqual(liveStaff);
      expect(servedStaff.departments.map((d) => d.departmentId)).toEqual([d1.id]);
      return served;
    };

    const first = await check("inserted");
    // the world has every state: the comparison is not vacuous
    const sum = (k: "lagging" | "overdue" | "completed" | "cancelled" | "red" | "dueSoon") =>
      first.departments.reduce((n, d) => n + d[k], 0);
    expect(sum("lagging")).toBeGreaterThanOrEqual(2);
    expect(sum("overdue")).toBeGreaterThanOrEqual(2);
    expect(sum("completed")).toBeGreaterThanOrEqual(1);
    expect(sum("cancelled")).toBeGreaterThanOrEqual(1);
    expect(sum("red")).toBeGreaterThanOrEqual(1);
    expect(sum("dueSoon")).toBeGreaterThanOrEqual(1);
    expect(first.problemsTotal).toBe(sum("lagging") + sum("overdue"));
    expect(first.departments.find((d) => d.departmentId === bDept.id)?.name).toBe("?");

    // progress reported, a task moved to another unit, one completed, one cancelled, one deleted
    await db.task.update({ where: { id: ids["落后黄"]! }, data: { progress: 70 } });
    await db.task.update({ where: { id: ids["逾期乙"]! }, data: { leadDepartmentId: d1.id } });
    await db.task.update({
      where: { id: ids["待审核"]! },
      data: { status: "COMPLETED", completedAt: new Date() },
    });
    await db.task.update({ where: { id: ids["正常"]! }, data: { status: "CANCELLED" } });
    await db.task.delete({ where: { id: ids["外县牵头"]! } });
    const second = await check("changed");
    expect(second.departments.some((d) => d.departmentId === bDept.id)).toBe(false);

    // a stale roll-up (the calendar moved on) is recounted before it is read
    await db.$executeRaw`UPDATE "PlanUnitRollup" SET "asOf" = DATE '2000-01-01' WHERE "planId" = ${world.planId}::uuid`;
    await db.task.update({ where: { id: ids["临期"]! }, data: { progress: 50 } });
    await check("stale");
  });
});
