import type { Db } from "@duban/db";

import { shanghaiDay, type IsoDate } from "../calendar.ts";
import { forcingJurisdictions } from "../channels/fan-out.ts";
import { departmentRecipients, jurisdictionRecipients } from "../notifications/recipients.ts";
import { DEFAULT_SUPERVISION_RULES } from "../supervision/settings.ts";
import { ALL_JURISDICTIONS, narrowedKey, type JobScope } from "./job-scope.ts";
import {
  byRecipient,
  countFor,
  planned,
  type JurisdictionFigures,
  type MonitoringContext,
  type MonitoringOutcome,
} from "./types.ts";

/**
 * Days overdue after which the office of the jurisdiction is told too, where its office set no
 * SupervisionSettings.escalationDays (the same default: DEFAULT_SUPERVISION_RULES).
 */
export const DEFAULT_ESCALATION_DAYS = DEFAULT_SUPERVISION_RULES.escalationDays;
/** Tasks listed per email; the email states the full count. A unit with thousands needs the web list, not a longer email. */
export const OVERDUE_LIST_LIMIT = 200;
/** A dry run's reason for someone who muted escalations and gets one because the office forces them. */
export const FORCED_NOTE = "；已设为不接收，办公室强制送达";

export type OverdueItem = {
  taskId: string;
  title: string;
  dueDate: IsoDate;
  daysOverdue: number;
  planTitle: string;
  departmentName: string;
};
type GroupRow = {
  jurisdictionId: string;
  groupId: string;
  total: number;
  items: OverdueItem[];
  /** the threshold the group was cut at: the jurisdiction's escalationDays, or minDays */
  minDays: number;
};

/**
 * One pass of set-based SQL per audience: tasks of active plans in the scope that are overdue by
 * duban_is_overdue (the SQL twin of isOverdue in progress.ts; the OVERDUE branch of
 * duban_schedule_state) and at least `minDays` days past
 * their due day, grouped per causing jurisdiction and lead department (or, past the escalation threshold, per
 * jurisdiction: there the jurisdiction's own SupervisionSettings.escalationDays replaces `minDays`
 * when its office set one), each group with its count and its first tasks as JSON. No per-task
 * queries, whatever the number of tasks.
 */
async function overdueGroups(
  db: Db,
  scope: JobScope,
  today: IsoDate,
  by: "department" | "jurisdiction",
  minDays: number,
  limit: number,
): Promise<GroupRow[]> {
  const rows = await db.$queryRaw<GroupRow[]>`
    WITH o AS (
      SELECT t.id, t.title, t."dueDate", ${today}::date - t."dueDate" AS days, p.title AS "planTitle", d.name AS "departmentName", p."jurisdictionId",
             CASE WHEN ${by} = 'department' THEN t."leadDepartmentId" ELSE p."jurisdictionId" END AS "groupId",
             CASE WHEN ${by} = 'department' THEN ${minDays}::int ELSE coalesce(ss."escalationDays", ${minDays}::int) END AS "minDays"
        FROM "Task" t
        JOIN "Plan" p ON p.id = t."planId"
        JOIN "Department" d ON d.id = t."leadDepartmentId"
        LEFT JOIN "SupervisionSettings" ss ON ss."jurisdictionId" = p."jurisdictionId"
       WHERE p.status = 'ACTIVE'
         AND duban_is_overdue(t.status, t."dueDate", ${today}::date)
         -- at least minDays overdue (1 is what OVERDUE means), as a range the due-date index can
         -- serve; a jurisdiction's own escalation days cut further below
         AND t."dueDate" <= ${today}::date - ${by === "department" ? Math.max(1, minDays) : 1}::int
         AND (${scope.jurisdictionIds}::uuid[] IS NULL OR p."jurisdictionId" = ANY(${scope.jurisdictionIds}::uuid[]))
         AND (${scope.planId}::uuid IS NULL OR p.id = ${scope.planId}::uuid)
    ), e AS (
      SELECT * FROM o WHERE days >= "minDays"
    ), r AS (
      SELECT e.*, row_number() OVER (PARTITION BY "jurisdictionId", "groupId" ORDER BY days DESC, title, id) AS rn FROM e
    )
    SELECT "jurisdictionId"::text AS "jurisdictionId", "groupId"::text AS "groupId", count(*)::int AS total, min("minDays")::int AS "minDays",
           coalesce(json_agg(json_build_object('taskId', id, 'title', title, 'dueDate', to_char("dueDate", 'YYYY-MM-DD'), 'daysOverdue', days,
                                               'planTitle', "planTitle", 'departmentName', "departmentName") ORDER BY rn) FILTER (WHERE rn <= ${limit}), '[]'::json) AS items
      FROM r GROUP BY "jurisdictionId", "groupId"
     ORDER BY "jurisdictionId", "groupId"`;
  return rows;
}

/**
 * Overdue digest: each responsible unit's people get one email a day, per causing jurisdiction,
 * listing their overdue tasks in the scope (key `overdue:<jurisdiction>:<email>:<day>`); tasks
 * overdue the jurisdiction's escalation days or more (SupervisionSettings.escalationDays, set by its
 * office; `escalationDays` where none is set) also go, one digest a day, to the jurisdiction's office
 * (`overdue-escalation:<jurisdiction>:<email>:<day>`); where that office forces escalations on
 * (Jurisdiction.forceEscalations), to its members who muted them too, at once and on every forced
 * channel. A run over one plan marks its keys (narrowedKey).
 */
export async function collectOverdueAlerts(
  { db }: MonitoringContext,
  options: { asOf: Date; escalationDays?: number; scope?: JobScope },
): Promise<MonitoringOutcome> {
  const scope = options.scope ?? ALL_JURISDICTIONS;
  const today = shanghaiDay(options.asOf);
  const escalationDays = options.escalationDays ?? DEFAULT_ESCALATION_DAYS;
  const [departments, jurisdictions] = await Promise.all([
    overdueGroups(db, scope, today, "department", 1, OVERDUE_LIST_LIMIT),
    overdueGroups(db, scope, today, "jurisdiction", escalationDays, OVERDUE_LIST_LIMIT),
  ]);
  const figures: JurisdictionFigures = {};
  for (const g of departments) countFor(figures, g.jurisdictionId, "overdueTasks", g.total);
  for (const g of jurisdictions) countFor(figures, g.jurisdictionId, "escalatedTasks", g.total);
  // where the office forces escalations on, they reach office members who muted them too
  const forcing = await forcingJurisdictions(
    db,
    jurisdictions.map((g) => g.groupId),
  );
  const [unitPeople, officePeople] = await Promise.all([
    departmentRecipients(
      db,
      departments.map((g) => g.groupId),
      "overdue",
    ),
    jurisdictionRecipients(
      db,
      jurisdictions.map((g) => g.groupId),
      ["OFFICE"],
      "overdue-escalation",
      { forced: (id) => forcing.has(id) },
    ),
  ]);
  const emails = [];
  const unitTotals = new Map<string, number>();
  const narrowed = narrowedKey(scope);
  const perUnitRecipient = byRecipient(
    departments.map((g) => ({
      jurisdictionId: g.jurisdictionId,
      recipients: unitPeople.get(g.groupId) ?? [],
      items: [{ total: g.total, items: g.items }],
    })),
  );
  for (const { jurisdictionId, recipient, items: groups } of perUnitRecipient.values()) {
    const total = groups.reduce((s, g) => s + g.total, 0);
    const items = groups
      .flatMap((g) => g.items)
      .sort((a, b) => b.daysOverdue - a.daysOverdue)
      .slice(0, OVERDUE_LIST_LIMIT);
    unitTotals.set(recipient.email, total);
    emails.push(
      planned(
        recipient,
        {
          kind: "overdue",
          jurisdictionId,
          dedupeKey: `overdue:${jurisdictionId}:${recipient.email}:${today}${narrowed}`,
          subject: `【督办】您负责的 ${total} 项任务已逾期`,
          payload: { day: today, total, items },
        },
        `${total} 项逾期任务（牵头单位联系人）`,
      ),
    );
  }
  const perOffice = byRecipient(
    jurisdictions.map((g) => ({
      jurisdictionId: g.jurisdictionId,
      recipients: officePeople.get(g.groupId) ?? [],
      items: [{ total: g.total, items: g.items }],
    })),
  );
  const daysOf = new Map(jurisdictions.map((g) => [g.jurisdictionId, g.minDays]));
  for (const { jurisdictionId, recipient, items: groups } of perOffice.values()) {
    const total = groups.reduce((s, g) => s + g.total, 0);
    const days = daysOf.get(jurisdictionId) ?? escalationDays;
    const items = groups
      .flatMap((g) => g.items)
      .sort((a, b) => b.daysOverdue - a.daysOverdue)
      .slice(0, OVERDUE_LIST_LIMIT);
    emails.push(
      planned(
        recipient,
        {
          kind: "overdue-escalation",
          jurisdictionId,
          dedupeKey: `overdue-escalation:${jurisdictionId}:${recipient.email}:${today}${narrowed}`,
          subject: `【督办升级】${total} 项任务逾期超过 ${days} 天`,
          payload: { day: today, total, escalationDays: days, items },
        },
        `${total} 项任务逾期 ≥ ${days} 天（办公室督办）${recipient.forced ? FORCED_NOTE : ""}`,
      ),
    );
  }
  return {
    summary: {
      day: today,
      escalationDays,
      overdueTasks: departments.reduce((s, g) => s + g.total, 0),
      departments: departments.length,
      escalatedTasks: jurisdictions.reduce((s, g) => s + g.total, 0),
      recipients: perUnitRecipient.size,
      officeRecipients: perOffice.size,
    },
    emails,
    byJurisdiction: figures,
  };
}
