import { readFile } from "node:fs/promises";
import path from "node:path";

import type { Db } from "@duban/db";
import {
  activatePlan,
  addDays,
  createTasks,
  hashPassword,
  importPlan,
  openCycle,
  shanghaiDay,
  systemActor,
} from "@duban/domain";

export const PASSWORD = "correct-horse-battery";
const seeds = path.resolve(import.meta.dirname, "../../../seeds");
/** The 息烽县 seed has no title line (it starts with its preface): imports give this title. */
export const XIFENG_TITLE = "息烽县“十四五”科技创新规划";
export const xifengBytes = async () =>
  new Uint8Array(await readFile(path.join(seeds, "xifeng-county-14th-fyp-sti-plan.txt")));

/**
 * Two counties and a city: A (with its plan, three units and one user per role), B (another
 * county with its own office) and C, the city above A. The task T1 is led by D1 and supported by D2.
 */
export async function buildWorld(db: Db) {
  const city = await db.jurisdiction.create({ data: { name: "测试市", kind: "CITY" } });
  const a = await db.jurisdiction.create({
    data: { name: "甲县", kind: "COUNTY", parentId: city.id },
  });
  const b = await db.jurisdiction.create({ data: { name: "乙县", kind: "COUNTY" } });
  const [d1, d2, d3] = await Promise.all(
    ["科学技术局", "市场监督管理局", "农业农村局"].map((name, i) =>
      db.department.create({
        data: {
          jurisdictionId: a.id,
          name,
          shortName: ["科技局", "市场监管局", "农业农村局"][i],
          contactEmails: [`d${i + 1}@a.test`],
        },
      }),
    ),
  );
  const bDept = await db.department.create({ data: { jurisdictionId: b.id, name: "科学技术局" } });
  const hash = await hashPassword(PASSWORD);
  const user = async (
    email: string,
    jurisdictionId: string,
    role: "OFFICE" | "DEPARTMENT" | "LEADER",
    departmentId?: string,
  ) => {
    const u = await db.user.create({
      data: { email, name: email.split("@")[0]!, passwordHash: hash },
    });
    await db.membership.create({
      data: { userId: u.id, jurisdictionId, role, departmentId: departmentId ?? null },
    });
    return u;
  };
  const users = {
    officeA: await user("office@a.test", a.id, "OFFICE"),
    leaderA: await user("leader@a.test", a.id, "LEADER"),
    staffLead: await user("lead@a.test", a.id, "DEPARTMENT", d1!.id),
    staffSupport: await user("support@a.test", a.id, "DEPARTMENT", d2!.id),
    staffOther: await user("other@a.test", a.id, "DEPARTMENT", d3!.id),
    officeB: await user("office@b.test", b.id, "OFFICE"),
    staffB: await user("staff@b.test", b.id, "DEPARTMENT", bDept.id),
    leaderCity: await user("leader@city.test", city.id, "LEADER"),
  };
  const actor = systemActor("test-setup");
  const imported = await importPlan(
    { db, actor },
    {
      jurisdictionId: a.id,
      fileName: "xifeng.txt",
      bytes: await xifengBytes(),
      title: XIFENG_TITLE,
    },
  );
  const node = await db.planNode.findFirstOrThrow({
    where: { planId: imported.planId, kind: "ITEM" },
    orderBy: { order: "asc" },
  });
  const [t1, t2] = await createTasks(
    { db, actor },
    {
      planId: imported.planId,
      tasks: [
        {
          nodeId: node.id,
          title: "任务一",
          description: "",
          leadDepartmentId: d1!.id,
          supportingDepartmentIds: [d2!.id],
          phaseKey: "LAUNCH",
          startDate: "2021-01-01",
          dueDate: "2025-12-31",
          milestones: [{ title: "2021年度目标", dueDate: "2021-12-31" }],
        },
        {
          nodeId: null,
          title: "任务二",
          description: "",
          leadDepartmentId: d3!.id,
          supportingDepartmentIds: [],
          phaseKey: "CLOSE",
          startDate: "2021-01-01",
          dueDate: "2025-12-31",
          milestones: [],
        },
      ],
    },
  );
  const plan = await db.plan.findUniqueOrThrow({ where: { id: imported.planId } });
  await activatePlan({ db, actor }, { planId: plan.id, version: plan.version });
  const today = shanghaiDay(new Date());
  const cycle = await openCycle(
    { db, actor },
    {
      planId: plan.id,
      period: "2025Q4",
      dueDate: addDays(today, 7),
      closeDate: addDays(today, 14),
    },
  );
  const milestone = await db.milestone.findFirstOrThrow({ where: { taskId: t1! } });
  return {
    city,
    a,
    b,
    d1: d1!,
    d2: d2!,
    d3: d3!,
    bDept,
    users,
    planId: plan.id,
    t1: t1!,
    t2: t2!,
    cycleId: cycle.id,
    milestoneId: milestone.id,
  };
}
