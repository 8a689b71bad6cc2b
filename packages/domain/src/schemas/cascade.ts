// Input schemas of issue #19: the cascade (层层分解), districts (分片区监测) and the cockpit
// across plans and jurisdictions (驾驶舱). Browser-safe: no database.
import { z } from "zod";

import { refuse, zId, zIsoDate, zPeriod, zRequiredText, zText, zVersion } from "./common.ts";
import { zSupportingUnitIds, zTaskDescription, zTaskTitle } from "./plan.ts";

const zFiniteNumber = z
  .number({ error: refuse({ code: "number.required" }) })
  .finite({ error: refuse({ code: "number.finite" }) });
/** A roll-up weight: positive, at most 100 (weights are relative among siblings). */
export const zRollupWeight = z
  .number({ error: refuse({ code: "number.required" }) })
  .positive({ error: refuse({ code: "weight.range", field: "weight" }) })
  .max(100, { error: refuse({ code: "weight.range", field: "weight" }) });
export const zRollupRule = z.enum(["SUM", "MEAN", "OWN"]);
const listOf = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .min(1, { error: refuse({ code: "list.empty", field: "input" }) })
    .max(max, { error: refuse({ code: "list.tooMany", field: "input", max }) });

// ── the cascade ──

/**
 * 下达: the office of the task's jurisdiction hands a task of its plan to one or more child
 * jurisdictions (direct children only), each to decompose by `decomposeBy`.
 */
export const ZAssignTaskInput = z.object({
  taskId: zId,
  targets: listOf(
    z.object({
      jurisdictionId: zId,
      weight: zRollupWeight.default(1),
      /** the child's plan it lands in; when omitted, the child's only active plan, else chosen by the child */
      targetPlanId: zId.optional(),
    }),
    100,
  ),
  decomposeBy: zIsoDate,
  note: zText(2000, "assignmentNote").default(""),
});

/** 下达 a share of an indicator of the plan to child jurisdictions (each county's part of the target). */
export const ZAssignIndicatorInput = z.object({
  indicatorId: zId,
  targets: listOf(
    z.object({
      jurisdictionId: zId,
      shareBaseline: zFiniteNumber.nullable().default(null),
      shareTarget: zFiniteNumber,
      weight: zRollupWeight.default(1),
      targetPlanId: zId.optional(),
    }),
    100,
  ),
  decomposeBy: zIsoDate,
  note: zText(2000, "assignmentNote").default(""),
  /** how the parent's value is made from the shares */
  rollupRule: zRollupRule.default("SUM"),
});

export const ZAssignmentIdInput = z.object({ assignmentId: zId });

/** The assignments a jurisdiction received (its 待分解 inbox) or gave; `state` filters. */
export const ZListAssignmentsInput = z.object({
  jurisdictionId: zId,
  direction: z.enum(["received", "given"]).default("received"),
  state: z.enum(["PENDING", "DECOMPOSED", "WITHDRAWN"]).optional(),
});

export const ZWithdrawAssignmentInput = z.object({
  assignmentId: zId,
  version: zVersion,
  reason: zRequiredText(1000, "withdrawReason"),
});

/** The office above changes an assignment's weight, deadline or note. */
export const ZUpdateAssignmentInput = z.object({
  assignmentId: zId,
  version: zVersion,
  weight: zRollupWeight.optional(),
  decomposeBy: zIsoDate.optional(),
  note: zText(2000, "assignmentNote").optional(),
});

/** One task the child office makes from an assignment (or from a task of its own plan). */
export const zChildTask = z.object({
  title: zTaskTitle,
  description: zTaskDescription,
  leadDepartmentId: zId,
  supportingDepartmentIds: zSupportingUnitIds,
  startDate: zIsoDate,
  dueDate: zIsoDate,
  weight: zRollupWeight.default(1),
});

/**
 * 分解: the child office decomposes an assignment into tasks of its plan (`planId`, required
 * when the assignment names none), for its departments or towns. A TASK assignment needs at
 * least one task; an INDICATOR assignment makes (or links) the child's indicator carrying the share.
 */
export const ZDecomposeAssignmentInput = z.object({
  assignmentId: zId,
  version: zVersion,
  planId: zId.optional(),
  tasks: z
    .array(zChildTask)
    .max(200, { error: refuse({ code: "list.tooMany", field: "input", max: 200 }) })
    .default([]),
  /** INDICATOR: link this existing indicator of the child's plan instead of creating one */
  indicatorId: zId.optional(),
});

/** 细化: sub-tasks of a task of the same plan (a county task broken down for its towns). */
export const ZAddSubtasksInput = z.object({
  parentTaskId: zId,
  tasks: listOf(zChildTask, 200),
});

/** The office weights a task among its siblings in the parent's roll-up. */
export const ZSetTaskWeightInput = z.object({
  taskId: zId,
  version: zVersion,
  weight: zRollupWeight,
});

/** A task's place in the cascade: its parent (read-only for the child), children and assignments. */
export const ZTaskTreeInput = z.object({ taskId: zId });

// ── districts (分片区监测) ──

export const ZListDistrictsInput = z.object({ jurisdictionId: zId });
export const ZCreateDistrictInput = z.object({
  jurisdictionId: zId,
  name: zRequiredText(100, "districtName"),
  order: z.number().int().min(0).max(10_000).default(0),
  departmentId: zId.nullable().default(null),
  childJurisdictionId: zId.nullable().default(null),
});
export const ZUpdateDistrictInput = z.object({
  districtId: zId,
  version: zVersion,
  name: zRequiredText(100, "districtName").optional(),
  order: z.number().int().min(0).max(10_000).optional(),
  departmentId: zId.nullable().optional(),
  childJurisdictionId: zId.nullable().optional(),
  active: z.boolean().optional(),
});

/** Turn per-district monitoring on for an indicator and set each district's baseline, target and unit. */
export const ZSetIndicatorDistrictsInput = z.object({
  indicatorId: zId,
  version: zVersion,
  byDistrict: z.boolean(),
  totalRule: zRollupRule,
  districts: z
    .array(
      z.object({
        districtId: zId,
        baselineValue: zFiniteNumber.nullable().default(null),
        targetValue: zFiniteNumber.nullable().default(null),
        responsibleDepartmentId: zId.nullable().default(null),
      }),
    )
    .max(200, { error: refuse({ code: "list.tooMany", field: "input", max: 200 }) }),
});

/** An indicator's values per district side by side, with the total and its disagreement warnings. */
export const ZIndicatorDistrictsInput = z.object({ indicatorId: zId, asOf: zIsoDate.optional() });

// ── the cockpit (驾驶舱 / 大屏) ──

/**
 * The cockpit over every active plan the actor may read in `jurisdictionId` and below (default:
 * the actor's highest jurisdiction). `period`: the quarter for reporting completeness (default
 * the latest due).
 */
export const ZCockpitInput = z.object({
  jurisdictionId: zId.optional(),
  asOf: zIsoDate.optional(),
  period: zPeriod.optional(),
});

/**
 * The cockpit's plan list, a page at a time (a province has 1,000 plans): the same scope as
 * ZCockpitInput. `order`: `tree` (jurisdiction in tree order, then title) or `problems` (most
 * lagging and overdue tasks first). 20 a page by default, at most 100.
 */
export const ZCockpitPlansInput = z.object({
  jurisdictionId: zId.optional(),
  asOf: zIsoDate.optional(),
  order: z.enum(["tree", "problems"]).default("tree"),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});

/** What the cascade's forms pick from in a jurisdiction: its child jurisdictions and their active plans, its own active plans and units. */
export const ZCascadeOptionsInput = z.object({ jurisdictionId: zId });
