import type { Db } from "@duban/db";

import type { Actor } from "../actor.ts";
import { shanghaiDay } from "../calendar.ts";
import { openCycle } from "../ledger/cycles.ts";
import { reviewLedgerEntry, submitLedgerEntry } from "../ledger/ledger-commands.ts";
import { periodOfDay } from "../periods.ts";
import { acknowledgeTask } from "../supervision/acknowledge.ts";

/**
 * The current quarter's reporting cycle of a plan, opened by its office (openCycle) when it is
 * not open yet. Returns the cycle's id.
 */
export async function currentCycle(db: Db, office: Actor, planId: string, now: Date) {
  const period = periodOfDay(shanghaiDay(now));
  const open = await db.reportingCycle.findUnique({
    where: { planId_period: { planId, period } },
  });
  if (open?.state === "OPEN") return open.id;
  return (await openCycle({ db, actor: office, now }, { planId, period })).id;
}

/**
 * A lead unit's quarter on a task, through the domain's own steps: 签收 (when not yet), the 台账
 * report (`percent` < 100, 推进中) and the office's approval, which moves the task's progress
 * (reviewLedgerEntry's rule) and, through the database's roll-up, its parents'.
 */
export async function reportAndApprove(
  db: Db,
  now: Date,
  input: {
    unit: Actor;
    office: Actor;
    taskId: string;
    cycleId: string;
    percent: number;
    text: string;
  },
) {
  const task = await db.task.findUniqueOrThrow({ where: { id: input.taskId } });
  if (!task.acknowledgedAt)
    await acknowledgeTask(
      { db, actor: input.unit, now },
      { taskId: task.id, version: task.version },
    );
  const entry = await submitLedgerEntry(
    { db, actor: input.unit, now },
    {
      taskId: task.id,
      cycleId: input.cycleId,
      progressText: input.text,
      percentComplete: input.percent,
      status: "IN_PROGRESS",
      problems: "",
      nextSteps: "按计划推进，年底前完成",
    },
  );
  await reviewLedgerEntry(
    { db, actor: input.office, now },
    { entryId: entry.id, version: entry.version, decision: "APPROVE", comment: "" },
  );
}
