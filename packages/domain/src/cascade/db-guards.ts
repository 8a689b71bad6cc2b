// The cascade's database guards (migration 20261202020000_cascade_rollups) raise
// 'duban:cascade:<code>'; here each code becomes the DomainError a user reads, in zh and en.
import { DomainError } from "../errors.ts";

/** The refusals of the cascade, by code: one wording for the domain checks and the database's. */
export const cascadeRefusals = {
  "derived-progress": {
    zh: "该任务已分解（有子任务或下达事项），进度由下级汇总得出，不能直接填报或修改",
    en: "this task is decomposed (it has sub-tasks or assignments): its progress rolls up from them and cannot be set directly",
    field: "progress",
  },
  cycle: {
    zh: "任务不能成为自身的下级任务",
    en: "a task cannot be placed below itself",
    field: "parentTaskId",
  },
  "subtask-plan": {
    zh: "子任务必须与上级任务在同一规划中",
    en: "a sub-task must be in its parent task's plan",
    field: "parentTaskId",
  },
  "assignment-plan": {
    zh: "下达事项只能分解到接收地区的规划中",
    en: "an assignment is decomposed only into a plan of the jurisdiction it was given to",
    field: "planId",
  },
  "not-direct-child": {
    zh: "只能下达给直接下级地区",
    en: "an item can be assigned only to a direct child jurisdiction",
    field: "jurisdictionId",
  },
  "subject-jurisdiction": {
    zh: "只能下达本级规划中的事项",
    en: "only items of this jurisdiction's own plan can be assigned",
    field: "taskId",
  },
  "target-plan": {
    zh: "承接规划须是接收地区的规划",
    en: "the receiving plan must be a plan of the receiving jurisdiction",
    field: "targetPlanId",
  },
  "target-plan-active": {
    zh: "承接规划须是接收地区正在实施（已启用）的规划",
    en: "the receiving plan must be an active plan of the receiving jurisdiction",
    field: "targetPlanId",
  },
} as const satisfies Record<string, { zh: string; en: string; field: string }>;
export type CascadeRefusal = keyof typeof cascadeRefusals;

/** The refusal `code` as an INVALID DomainError; `details.code` is `cascade.<code>` for clients. */
export function cascadeRefusal(code: CascadeRefusal): DomainError {
  const r = cascadeRefusals[code];
  return new DomainError("INVALID", r.zh, r.en, r.field, { code: `cascade.${code}` });
}

type Shape = {
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: { originalMessage?: unknown; message?: unknown } } };
};

/**
 * The DomainError for an error raised by a cascade guard trigger (found in the message of the
 * error or of its causes, as Prisma and the pg adapter wrap it), or null for anything else.
 */
export function cascadeGuardError(error: unknown): DomainError | null {
  for (
    let e: unknown = error, depth = 0;
    e && typeof e === "object" && depth < 5;
    e = (e as Shape).cause, depth++
  ) {
    const s = e as Shape;
    const adapter = s.meta?.driverAdapterError?.cause;
    for (const text of [s.message, adapter?.originalMessage, adapter?.message]) {
      const m = typeof text === "string" ? /duban:cascade:([a-z-]+)/.exec(text) : null;
      if (m && m[1]! in cascadeRefusals) return cascadeRefusal(m[1] as CascadeRefusal);
    }
  }
  return null;
}
