// A task-division document through the api (issue #16): preview and import with the kind chosen,
// the wizard's 确认单位匹配, and tasks that keep the units as written.
import { afterAll, describe, expect } from "vitest";

import { draftsFromCandidates } from "@duban/domain";
import { test } from "@duban/test-utils";

import { loginAs, outcome, startApi, type Api, type Client } from "./harness.ts";
import { buildWorld, PASSWORD } from "./world.ts";

const DIVISION = `甲县2024年优化营商环境重点任务分工方案
一、重点任务
（一）优化营商环境
1.推行企业开办一网通办。（牵头单位：县市场监管局，配合单位：县政务大厅）
2.新增高新技术企业10家。（牵头单位：县科技局；责任单位：各乡镇）完成时限：2024年12月底前
`;
const upload = (jurisdictionId: string) => ({
  jurisdictionId,
  fileName: "营商环境分工方案.txt",
  contentBase64: Buffer.from(DIVISION).toString("base64"),
  kind: "division" as const,
});

describe("a task-division document through the api", () => {
  let api: Api;
  let world: Awaited<ReturnType<typeof buildWorld>>;
  let office: Client;
  let staff: Client;
  let officeB: Client;

  test.beforeAll(async ({ database, redis }) => {
    api = await startApi(database, redis);
    world = await buildWorld(database.db);
    office = await loginAs(api, "office@a.test", PASSWORD);
    staff = await loginAs(api, "lead@a.test", PASSWORD);
    officeB = await loginAs(api, "office@b.test", PASSWORD);
  });
  afterAll(async () => api?.close());

  test("preview and import take the kind; confirmed units re-resolve the drafts", async ({
    database,
  }) => {
    const { db } = database;
    expect(await outcome(() => staff.plan.preview.mutate(upload(world.a.id)))).toBe("FORBIDDEN");
    const preview = await office.plan.preview.mutate(upload(world.a.id));
    expect(preview.title).toBe("甲县2024年优化营商环境重点任务分工方案");
    const imported = await office.plan.import.mutate(upload(world.a.id));
    expect(imported.created).toBe(true);

    // the wizard's step: 县政务大厅 is a new unit, 县科技局 already 科学技术局 (by prefix)
    const before = await db.auditEvent.count();
    const confirmed = await office.admin.confirmUnitMatches.mutate({
      jurisdictionId: world.a.id,
      matches: [{ action: "create", written: "县政务大厅", name: "政务服务中心" }],
    });
    expect(confirmed).toMatchObject([{ written: "县政务大厅", created: true, aliasSaved: true }]);
    expect(await db.auditEvent.count()).toBe(before + 2);
    const aliases = await office.admin.departmentAliases.query({ jurisdictionId: world.a.id });
    expect(aliases.map((a) => [a.alias, a.departmentName])).toEqual([
      ["县政务大厅", "政务服务中心"],
    ]);
    expect(
      await outcome(() => officeB.admin.departmentAliases.query({ jurisdictionId: world.a.id })),
    ).toBe("NOT_FOUND");
    expect(
      await outcome(() => staff.admin.departmentAliases.query({ jurisdictionId: world.a.id })),
    ).toBe("FORBIDDEN");

    // a task made from a node keeps the written texts, and task.get shows them
    const doc = await office.plan.document.query({ planId: imported.planId });
    const node = doc.nodes.find((n) => n.candidate)!;
    await db.planNode.update({
      where: { id: node.id },
      data: {
        candidate: {
          kind: "task",
          suggestedPhase: "CLOSE",
          suggestedLead: null,
          suggestedSupporting: [],
          reasons: [],
          leadText: "县科技局",
          supportText: "县政务大厅、各乡镇",
          deadline: { kind: "date", date: "2024-12-31", text: "2024年12月底前" },
        },
      },
    });
    const units = await office.admin.departments.query({ jurisdictionId: world.a.id });
    const [draft] = draftsFromCandidates(
      [
        {
          ...node,
          candidate: (await db.planNode.findUniqueOrThrow({ where: { id: node.id } })).candidate,
        },
      ],
      { ...doc.plan, phases: doc.phases },
      units.map((u) => ({
        ...u,
        aliases: aliases.filter((a) => a.departmentId === u.id).map((a) => a.alias),
      })),
    );
    expect(draft!.leadDepartmentId).toBe(world.d1.id);
    expect(draft!.supportingDepartmentIds).toEqual([confirmed[0]!.departmentId]);
    expect(draft!.collective).toEqual(["各乡镇"]);
    const { taskIds } = await office.plan.createTasks.mutate({
      planId: imported.planId,
      tasks: [{ ...draft!, leadDepartmentId: draft!.leadDepartmentId! }],
    });
    const task = await office.task.get.query({ taskId: taskIds[0]! });
    expect(task).toMatchObject({
      leadText: "县科技局",
      supportText: "县政务大厅、各乡镇",
      deadlineText: "2024年12月底前",
    });
  });
});
