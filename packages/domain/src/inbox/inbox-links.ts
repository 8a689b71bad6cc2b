import type { KindWithPayload } from "../notifications/payloads.ts";
import type { InboxLink } from "./inbox-write.ts";

/** At most this many titles are named in an inbox line about a list of tasks. */
const NAMED = 3;

function listLine(titles: string[], total = titles.length): string {
  const named = titles.slice(0, NAMED).join("、");
  return total > NAMED ? `${named}等 ${total} 项` : named;
}

/** One task's id when every item is about the same task (the message then opens it). */
function onlyTask(ids: string[]): string | undefined {
  const distinct = [...new Set(ids)];
  return distinct.length === 1 ? distinct[0] : undefined;
}

/**
 * What the inbox copy of an email links to and says under its title, read from the email's
 * payload, for producers that do not say (the monitoring jobs' digests): a list of tasks names the
 * first few and opens the task when there is only one; a quarterly summary opens its plan. A
 * supervision-loop step passes its own link (notifyLoop). Issue #17 step 9.
 */
export function defaultInboxLink(message: KindWithPayload): InboxLink {
  switch (message.kind) {
    case "due-soon": {
      const items = message.payload.items;
      return {
        taskId: onlyTask(items.map((i) => i.taskId)),
        body: listLine(items.map((i) => i.title)),
      };
    }
    case "overdue":
    case "overdue-escalation": {
      const { items, total } = message.payload;
      return {
        taskId: total === 1 ? onlyTask(items.map((i) => i.taskId)) : undefined,
        body: listLine(
          items.map((i) => i.title),
          Math.max(total, items.length),
        ),
      };
    }
    case "cycle-reminder": {
      const p = message.payload;
      return {
        entityType: "ReportingCycle",
        body: `《${p.planTitle}》${p.periodLabel}台账 ${p.dueDate} 截止，${p.items.length} 项未填报`,
      };
    }
    case "quarterly-summary": {
      const p = message.payload;
      return {
        entityType: "Plan",
        entityId: p.planId,
        body: `《${p.planTitle}》${p.periodLabel}：共 ${p.totals.total} 项，已完成 ${p.totals.completed} 项，滞后 ${p.totals.lagging} 项，逾期 ${p.totals.overdue} 项`,
      };
    }
    case "acknowledge-reminder": {
      const items = message.payload.items;
      return {
        taskId: onlyTask(items.map((i) => i.taskId)),
        body: listLine(items.map((i) => i.taskTitle)),
      };
    }
    case "instruction": {
      const p = message.payload;
      return p.taskId
        ? { entityType: "Instruction", entityId: p.instructionId, taskId: p.taskId, body: p.text }
        : {
            entityType: p.indicatorId ? "Indicator" : "Instruction",
            entityId: p.indicatorId ?? p.instructionId,
            body: p.text,
          };
    }
    case "bulletin": {
      const p = message.payload;
      return {
        entityType: "Bulletin",
        entityId: p.bulletinId,
        body: `${p.issuingOffice}印发${p.docNumber}`,
      };
    }
    case "annual-plan-issued": {
      const p = message.payload;
      return {
        entityType: "AnnualPlan",
        entityId: p.annualPlanId,
        body: `${p.title}：贵单位牵头 ${p.items.length} 项`,
      };
    }
    case "cascade-assigned": {
      const p = message.payload;
      return { entityType: "Assignment", entityId: p.assignmentId, body: p.itemTitle };
    }
    case "cascade-decompose-soon":
    case "cascade-late": {
      const p = message.payload;
      return {
        entityType: "Assignment",
        entityId: p.assignmentId,
        body: `${p.fromJurisdictionName}下达“${p.parentTitle}”，分解时限 ${p.decomposeBy}`,
      };
    }
    case "password-reset":
    case "account-linked":
      return {};
    default:
      return {
        entityType: "Task",
        entityId: message.payload.taskId,
        taskId: message.payload.taskId,
      };
  }
}
