import { expect } from "vitest";

import type { Api, Client } from "./harness.ts";
import {
  viaHttp,
  viaTrpc,
  type Answer,
  type Target,
  type TargetKind,
  type View,
} from "./visibility-views.ts";
import { EMAILS, type Role, type VisibilityWorld } from "./visibility-world.ts";

/**
 * Who may call, as the one visibility rule says (packages/domain/src/visibility.ts):
 * - list: anyone whose list views show the object; what comes back shows nothing they do not;
 * - wholePlan: whole-plan aggregates (evaluations): the office and readers; staff FORBIDDEN;
 * - office: the office of the object's jurisdiction;
 * - officeOrLeader: the office or a leader (LEADER member) of the object's jurisdiction;
 * - anyOffice: any office (jobs; their scoping to a jurisdiction belongs to the jobs' own tests);
 * - signedIn: anyone signed in, about themselves or what their list views show;
 * - public: anyone, signed in or not;
 * - reporter: the unit that wrote the report;
 * - lead: the task's lead unit (its change requests' evidence, its completion application);
 * - unitStaff: department staff of units in the object's county (a unit's 待办); the office and
 *   readers FORBIDDEN.
 * - unit: one unit's figures (a score drill-down on the task target's lead unit): the office and
 *   readers of the county, and that unit's own staff.
 */
export type Rule =
  | "list"
  | "wholePlan"
  | "office"
  | "officeOrLeader"
  | "anyOffice"
  | "signedIn"
  | "public"
  | "reporter"
  | "lead"
  | "unitStaff"
  | "unit";

export type CheckContext = { role: Role; view: View; target: Target; w: VisibilityWorld };
export type Row = {
  /** the tRPC procedure's path, or the /api route as registered: "GET /api/plans/:planId/ledger.xlsx" */
  name: string;
  variant?: string;
  rule: Rule;
  on: TargetKind;
  call: (c: Client, t: Target, w: VisibilityWorld, api: Api) => Promise<Answer>;
  /** what an answer given may contain, beyond the markers every answer is searched for */
  check?: (answer: Answer, ctx: CheckContext) => void;
};

/** another unit than the caller's, in the object's county: a filter that must not widen what they see */
const otherUnit = (t: Target, w: VisibilityWorld) => (t.planId === w.planB ? w.bDept.id : w.d1.id);

/** a bulletin's ranking: every unit's points, but the figures behind them only for the caller's own units when staff */
function bulletinDrillDownOnlyOwn(answer: Answer, { role, w }: CheckContext) {
  const own = w.ownUnits[role];
  const ranking = (
    answer.data as {
      ranking: Array<{ departmentId: string; components: Array<{ numerator: number | null }> }>;
    }
  ).ranking;
  for (const r of ranking)
    for (const c of r.components)
      expect(c.numerator === null, `numerator of ${r.departmentId}`).toBe(
        !!own && !own.includes(r.departmentId),
      );
}

/** per-unit figures: only for the caller's own units when they are staff, and counted over the tasks their list shows */
function unitFigures(
  rows: Array<{ departmentId: string; total?: number }>,
  { role, view, target, w }: CheckContext,
) {
  const own = w.ownUnits[role];
  const listedTasks = view.tasksByPlan.get(target.planId!) ?? [];
  for (const r of rows) {
    if (own) expect(own, `${role} got figures of unit ${r.departmentId}`).toContain(r.departmentId);
    if (r.total !== undefined)
      expect(r.total, `${role}: unit ${r.departmentId}'s total against its task list`).toBe(
        listedTasks.filter((t) => t.lead === r.departmentId).length,
      );
  }
}

type PublishedSheet = { units: Array<{ departmentId: string; components: unknown[] }> };
/** a published sheet: every unit's rank, but component points only of the caller's own units when staff */
function publishedOwnComponents(pubs: Array<{ sheet: PublishedSheet }>, { role, w }: CheckContext) {
  const own = w.ownUnits[role];
  if (!own) return;
  for (const p of pubs)
    for (const u of p.sheet.units)
      if (!own.includes(u.departmentId))
        expect(u.components, `${role} got another unit's component points`).toEqual([]);
}

const ledgerXlsx = (t: Target, departmentId?: string) =>
  `/api/plans/${t.id}/ledger.xlsx?period=2025Q4${departmentId ? `&departmentId=${departmentId}` : ""}`;

export const ROWS: Row[] = [
  {
    name: "auth.me",
    rule: "public",
    on: "none",
    call: (c) => viaTrpc(() => c.auth.me.query()),
    check: ({ data: d }, { role }) =>
      expect((d as { email?: string } | null)?.email ?? null).toBe(
        role === "anon" ? null : EMAILS[role as Exclude<Role, "anon">],
      ),
  },
  {
    name: "auth.providers",
    rule: "public",
    on: "none",
    call: (c) => viaTrpc(() => c.auth.providers.query()),
    // the matrix's api has no unified identity provider: the same answer for everyone
    check: ({ data: d }) => expect(d).toEqual({ password: true, oidc: null }),
  },
  {
    name: "plan.list",
    rule: "signedIn",
    on: "none",
    call: (c) => viaTrpc(() => c.plan.list.query({})),
    check: ({ data: d }, { view, role }) => {
      for (const p of d as Array<{ id: string; _count: { tasks: number } }>)
        expect(p._count.tasks, `${role}: plan's task count against its task list`).toBe(
          view.tasksByPlan.get(p.id)?.length,
        );
    },
  },
  {
    name: "plan.document",
    rule: "list",
    on: "plan",
    call: (c, t) => viaTrpc(() => c.plan.document.query({ planId: t.id })),
  },
  {
    name: "task.list",
    rule: "list",
    on: "plan",
    call: (c, t) => viaTrpc(() => c.task.list.query({ planId: t.id, pageSize: 200 })),
  },
  {
    name: "task.list",
    variant: "filtered by another unit",
    rule: "list",
    on: "plan",
    call: (c, t, w) =>
      viaTrpc(() =>
        c.task.list.query({ planId: t.id, departmentId: otherUnit(t, w), pageSize: 200 }),
      ),
  },
  {
    name: "task.list",
    variant: "lagging and overdue",
    rule: "list",
    on: "plan",
    call: (c, t) =>
      viaTrpc(() => c.task.list.query({ planId: t.id, schedule: "OVERDUE", pageSize: 200 })),
  },
  {
    name: "task.schedule",
    rule: "list",
    on: "plan",
    call: (c, t) => viaTrpc(() => c.task.schedule.query({ planId: t.id })),
  },
  {
    name: "task.get",
    rule: "list",
    on: "task",
    call: (c, t) => viaTrpc(() => c.task.get.query({ taskId: t.id })),
  },
  {
    name: "ledger.cycles",
    rule: "list",
    on: "plan",
    call: (c, t) => viaTrpc(() => c.ledger.cycles.query({ planId: t.id })),
    check: ({ data: d }, ctx) => {
      const cycles = d as Array<{
        stats: Array<{ departmentId: string }>;
        _count: { entries: number };
      }>;
      if (ctx.target.id === ctx.w.planId)
        expect(
          cycles.some((c) => c.stats.length > 0),
          "plan A's closed cycle with figures",
        ).toBe(true);
      for (const c of cycles) {
        unitFigures(c.stats, ctx);
        expect(
          c._count.entries,
          `${ctx.role}: reports counted against those its views show`,
        ).toBeLessThanOrEqual(ctx.view.entries.size);
      }
    },
  },
  {
    name: "ledger.grid",
    rule: "list",
    on: "plan",
    call: (c, t) => viaTrpc(() => c.ledger.grid.query({ planId: t.id, pageSize: 200 })),
    check: ({ data: d }, ctx) =>
      unitFigures((d as { rows: Array<{ departmentId: string }> }).rows, ctx),
  },
  {
    name: "ledger.grid",
    variant: "another unit's rows",
    rule: "list",
    on: "plan",
    call: (c, t, w) =>
      viaTrpc(() =>
        c.ledger.grid.query({ planId: t.id, departmentId: otherUnit(t, w), pageSize: 200 }),
      ),
    check: ({ data: d }, ctx) =>
      unitFigures((d as { rows: Array<{ departmentId: string }> }).rows, ctx),
  },
  {
    name: "ledger.reviewQueue",
    rule: "office",
    on: "plan",
    call: (c, t) => viaTrpc(() => c.ledger.reviewQueue.query({ planId: t.id })),
  },
  {
    name: "ledger.history",
    rule: "list",
    on: "task",
    call: (c, t) => viaTrpc(() => c.ledger.history.query({ taskId: t.id })),
  },
  {
    name: "supervision.trail",
    rule: "list",
    on: "task",
    call: (c, t) => viaTrpc(() => c.supervision.trail.query({ taskId: t.id })),
    check: ({ data }, { view }) => {
      for (const e of data as Array<{ type: string; entryId?: string }>)
        if (e.entryId) expect(view.entries.has(e.entryId), `report ${e.entryId}`).toBe(true);
    },
  },
  {
    name: "supervision.officeTodo",
    rule: "wholePlan",
    on: "plan",
    call: (c, t) => viaTrpc(() => c.supervision.officeTodo.query({ planId: t.id })),
  },
  {
    name: "supervision.unitTodo",
    rule: "unitStaff",
    on: "plan",
    call: (c, t) => viaTrpc(() => c.supervision.unitTodo.query({ planId: t.id })),
    check: ({ data }, { view, role, w }) => {
      const d = data as Record<string, unknown> & { units: Array<{ id: string }> };
      expect(d.units.map((u) => u.id).sort()).toEqual([...(w.ownUnits[role] ?? [])].sort());
      for (const key of ["toAcknowledge", "toReport", "notices", "returned"])
        for (const item of (d[key] as { items: Array<{ taskId: string }> }).items)
          expect(view.tasks.has(item.taskId), `${key}: task ${item.taskId}`).toBe(true);
    },
  },
  {
    name: "ledger.entry",
    rule: "list",
    on: "entry",
    call: (c, t) => viaTrpc(() => c.ledger.entry.query({ entryId: t.id })),
  },
  {
    name: "overview.completion",
    rule: "list",
    on: "plan",
    call: (c, t) => viaTrpc(() => c.overview.completion.query({ planId: t.id })),
    check: ({ data: d }, ctx) => {
      const o = d as {
        departments: Array<{ departmentId: string; total: number }>;
        totals: { total: number };
      };
      unitFigures(o.departments, ctx);
      expect(o.totals.total).toBeLessThanOrEqual(
        ctx.view.tasksByPlan.get(ctx.target.id)?.length ?? 0,
      );
    },
  },
  {
    name: "admin.jurisdictions",
    rule: "signedIn",
    on: "none",
    call: (c) => viaTrpc(() => c.admin.jurisdictions.query()),
  },
  {
    name: "admin.departments",
    rule: "list",
    on: "jurisdiction",
    call: (c, t) => viaTrpc(() => c.admin.departments.query({ jurisdictionId: t.id })),
    check: unitContactsOnlyToOffice,
  },
  {
    name: "admin.departmentAliases",
    rule: "office",
    on: "jurisdiction",
    call: (c, t) => viaTrpc(() => c.admin.departmentAliases.query({ jurisdictionId: t.id })),
  },
  {
    name: "admin.users",
    rule: "office",
    on: "jurisdiction",
    call: (c, t) => viaTrpc(() => c.admin.users.query({ jurisdictionId: t.id })),
  },
  {
    name: "indicator.list",
    rule: "list",
    on: "plan",
    call: (c, t) => viaTrpc(() => c.indicator.list.query({ planId: t.id })),
  },
  {
    name: "indicator.history",
    rule: "list",
    on: "indicator",
    call: (c, t) => viaTrpc(() => c.indicator.history.query({ indicatorId: t.id })),
  },
  {
    name: "indicator.annualTargets",
    rule: "list",
    on: "indicator",
    call: (c, t) => viaTrpc(() => c.indicator.annualTargets.query({ indicatorId: t.id })),
  },
  {
    name: "indicator.adjustments",
    rule: "list",
    on: "indicator",
    call: (c, t) => viaTrpc(() => c.indicator.adjustments.query({ indicatorId: t.id })),
  },
  // 片区 and 分片区监测 (issue #19): whoever reads the county / the indicator
  {
    name: "district.list",
    rule: "list",
    on: "jurisdiction",
    call: (c, t) => viaTrpc(() => c.district.list.query({ jurisdictionId: t.id })),
  },
  {
    name: "district.indicatorDistricts",
    rule: "list",
    on: "indicator",
    call: (c, t) => viaTrpc(() => c.district.indicatorDistricts.query({ indicatorId: t.id })),
  },
  {
    name: "district.indicatorShares",
    rule: "list",
    on: "indicator",
    call: (c, t) => viaTrpc(() => c.district.indicatorShares.query({ indicatorId: t.id })),
  },
  {
    name: "evaluation.preview",
    rule: "wholePlan",
    on: "plan",
    call: (c, t, w) =>
      viaTrpc(() => c.evaluation.preview.query({ planId: t.id, kind: "FINAL", asOf: w.today })),
  },
  {
    name: "evaluation.list",
    rule: "wholePlan",
    on: "plan",
    call: (c, t) => viaTrpc(() => c.evaluation.list.query({ planId: t.id })),
  },
  {
    name: "jobs.list",
    rule: "anyOffice",
    on: "none",
    call: (c) => viaTrpc(() => c.jobs.list.query()),
  },
  {
    name: "jobs.runs",
    rule: "anyOffice",
    on: "none",
    call: (c) => viaTrpc(() => c.jobs.runs.query({ limit: 50 })),
  },
  {
    name: "supervisionSettings.get",
    rule: "officeOrLeader",
    on: "jurisdiction",
    call: (c, t) => viaTrpc(() => c.supervisionSettings.get.query({ jurisdictionId: t.id })),
  },
  // 考核评分 (issue #18): one rule for the live sheet, the publications and the .xlsx (visible-sheet.ts)
  {
    name: "assessment.scheme.get",
    rule: "list",
    on: "jurisdiction",
    call: (c, t) =>
      viaTrpc(() => c.assessment.scheme.get.query({ jurisdictionId: t.id, year: 2025 })),
  },
  {
    name: "assessment.scheme.versions",
    rule: "list",
    on: "jurisdiction",
    call: (c, t) =>
      viaTrpc(() => c.assessment.scheme.versions.query({ jurisdictionId: t.id, year: 2025 })),
  },
  {
    name: "assessment.scores",
    rule: "list",
    on: "jurisdiction",
    call: (c, t) =>
      viaTrpc(() => c.assessment.scores.query({ jurisdictionId: t.id, period: "2025Q4" })),
    check: ({ data }, ctx) =>
      unitFigures(
        (data as { units: Array<{ departmentId: string }> }).units.map((u) => ({
          departmentId: u.departmentId,
        })),
        ctx,
      ),
  },
  {
    name: "assessment.drillDown",
    rule: "unit",
    on: "task",
    call: (c, t) =>
      viaTrpc(() =>
        c.assessment.drillDown.query({
          jurisdictionId: t.jurisdictionId!,
          period: "2025Q4",
          departmentId: t.departmentId!,
        }),
      ),
  },
  {
    name: "assessment.adjustments.list",
    rule: "list",
    on: "jurisdiction",
    call: (c, t) =>
      viaTrpc(() => c.assessment.adjustments.list.query({ jurisdictionId: t.id, year: 2025 })),
    check: ({ data }, ctx) =>
      unitFigures(
        (data as Array<{ departmentId: string }>).map((a) => ({ departmentId: a.departmentId })),
        ctx,
      ),
  },
  {
    name: "assessment.publications",
    rule: "list",
    on: "jurisdiction",
    call: (c, t) => viaTrpc(() => c.assessment.publications.query({ jurisdictionId: t.id })),
    check: ({ data }, ctx) => publishedOwnComponents(data as Array<{ sheet: PublishedSheet }>, ctx),
  },
  {
    name: "GET /api/score-publications/:publicationId/sheet.xlsx",
    rule: "list",
    on: "jurisdiction",
    call: (c, t, w, api) =>
      viaHttp(api, c, `/api/score-publications/${w.publications[t.id]}/sheet.xlsx`),
  },
  {
    name: "notification.mySettings",
    rule: "signedIn",
    on: "none",
    call: (c) => viaTrpc(() => c.notification.mySettings.query()),
  },
  {
    name: "inbox.list",
    rule: "signedIn",
    on: "none",
    call: (c) => viaTrpc(() => c.inbox.list.query({ page: 1, pageSize: 200 })),
  },
  {
    name: "inbox.unreadCount",
    rule: "signedIn",
    on: "none",
    call: (c) => viaTrpc(() => c.inbox.unreadCount.query()),
  },
  {
    name: "notification.list",
    rule: "office",
    on: "jurisdiction",
    call: (c, t) =>
      viaTrpc(() => c.notification.list.query({ jurisdictionId: t.id, page: 1, pageSize: 50 })),
  },
  // issue #20: channels (their masking and audit are in channels.test.ts)
  {
    name: "channels.myPreferences",
    rule: "signedIn",
    on: "none",
    call: (c) => viaTrpc(() => c.channels.myPreferences.query()),
  },
  {
    name: "channels.robots",
    rule: "office",
    on: "jurisdiction",
    call: (c, t) => viaTrpc(() => c.channels.robots.query({ jurisdictionId: t.id })),
  },
  {
    name: "channels.settings",
    rule: "office",
    on: "jurisdiction",
    call: (c, t) => viaTrpc(() => c.channels.settings.query({ jurisdictionId: t.id })),
  },
  {
    name: "channels.deliveries",
    rule: "office",
    on: "jurisdiction",
    call: (c, t) =>
      viaTrpc(() => c.channels.deliveries.query({ jurisdictionId: t.id, page: 1, pageSize: 50 })),
  },
  {
    name: "instruction.list",
    variant: "a task's",
    rule: "list",
    on: "task",
    call: (c, t) => viaTrpc(() => c.instruction.list.query({ taskId: t.id })),
  },
  {
    name: "instruction.list",
    variant: "an indicator's",
    rule: "list",
    on: "indicator",
    call: (c, t) => viaTrpc(() => c.instruction.list.query({ indicatorId: t.id })),
  },
  {
    name: "instruction.list",
    variant: "a plan's",
    rule: "list",
    on: "plan",
    call: (c, t) => viaTrpc(() => c.instruction.list.query({ planId: t.id })),
    check: ({ data: d }, { w, target, role }) => {
      // not vacuous: the leaders' instructions on plan A reach those who read the whole plan
      if (target.id === w.planId && !w.ownUnits[role])
        expect((d as unknown[]).length, role).toBeGreaterThanOrEqual(3);
    },
  },

  {
    name: "notice.list",
    rule: "list",
    on: "plan",
    call: (c, t) => viaTrpc(() => c.notice.list.query({ planId: t.id, pageSize: 200 })),
    check: ({ data: d }, { view, role }) => {
      for (const n of (d as { items: Array<{ taskId: string }> }).items)
        expect(view.tasks.has(n.taskId), `${role} got a notice on a task it does not list`).toBe(
          true,
        );
    },
  },
  {
    name: "notice.list",
    variant: "another unit's notices",
    rule: "list",
    on: "plan",
    call: (c, t, w) =>
      viaTrpc(() =>
        c.notice.list.query({ planId: t.id, departmentId: otherUnit(t, w), pageSize: 200 }),
      ),
  },
  {
    name: "notice.suggestLevel",
    rule: "office",
    on: "task",
    call: (c, t) => viaTrpc(() => c.notice.suggestLevel.query({ taskId: t.id })),
  },
  {
    name: "GET /api/notices/:noticeId/document",
    rule: "list",
    on: "task",
    call: (c, t, w, api) => viaHttp(api, c, `/api/notices/${w.notices[t.id]}/document`),
  },
  {
    name: "POST /api/notice-replies/:replyId/evidence",
    rule: "lead",
    on: "task",
    call: (c, t, w, api) => {
      const form = new FormData();
      form.append("file", new Blob([Buffer.from("%PDF-1.4\n%%EOF\n")]), "matrix.pdf");
      return viaHttp(api, c, `/api/notice-replies/${w.noticeReplies[t.id]}/evidence`, {
        method: "POST",
        body: form,
      });
    },
  },
  // 督查通报: issued ones for every reader of the jurisdiction, drafts for its office only; staff
  // see other units' totals and points but not the figures behind them
  {
    name: "bulletin.list",
    rule: "list",
    on: "jurisdiction",
    call: (c, t) => viaTrpc(() => c.bulletin.list.query({ jurisdictionId: t.id })),
    check: (answer, { target, w }) => {
      const listed = (answer.data as { bulletins: Array<{ id: string }> }).bulletins.map(
        (b) => b.id,
      );
      expect(listed).toContain(w.bulletins[target.id]!.issued);
    },
  },
  {
    name: "bulletin.sources",
    rule: "office",
    on: "jurisdiction",
    call: (c, t) => viaTrpc(() => c.bulletin.sources.query({ jurisdictionId: t.id })),
  },
  {
    name: "bulletin.get",
    variant: "issued",
    rule: "list",
    on: "jurisdiction",
    call: (c, t, w) =>
      viaTrpc(() => c.bulletin.get.query({ bulletinId: w.bulletins[t.id]!.issued })),
    check: bulletinDrillDownOnlyOwn,
  },
  {
    name: "bulletin.get",
    variant: "draft",
    rule: "office",
    on: "jurisdiction",
    call: (c, t, w) =>
      viaTrpc(() => c.bulletin.get.query({ bulletinId: w.bulletins[t.id]!.draft })),
  },
  {
    name: "GET /api/bulletins/:bulletinId/document",
    rule: "list",
    on: "jurisdiction",
    call: (c, t, w, api) => viaHttp(api, c, `/api/bulletins/${w.bulletins[t.id]!.issued}/document`),
  },
  {
    name: "GET /api/bulletins/:bulletinId/document",
    variant: "draft",
    rule: "office",
    on: "jurisdiction",
    call: (c, t, w, api) => viaHttp(api, c, `/api/bulletins/${w.bulletins[t.id]!.draft}/document`),
  },
  {
    name: "GET /api/bulletins/:bulletinId/scores.xlsx",
    rule: "list",
    on: "jurisdiction",
    call: (c, t, w, api) =>
      viaHttp(api, c, `/api/bulletins/${w.bulletins[t.id]!.issued}/scores.xlsx`),
  },
  {
    name: "GET /api/bulletins/:bulletinId/scores.xlsx",
    variant: "draft",
    rule: "office",
    on: "jurisdiction",
    call: (c, t, w, api) =>
      viaHttp(api, c, `/api/bulletins/${w.bulletins[t.id]!.draft}/scores.xlsx`),
  },
  // 驾驶舱 (issue #19): a jurisdiction and everything below it, for those who read it whole
  {
    name: "cockpit.summary",
    rule: "wholePlan",
    on: "jurisdiction",
    call: (c, t) => viaTrpc(() => c.cockpit.summary.query({ jurisdictionId: t.id })),
  },
  {
    name: "cockpit.plans",
    rule: "wholePlan",
    on: "jurisdiction",
    call: (c, t) => viaTrpc(() => c.cockpit.plans.query({ jurisdictionId: t.id })),
  },
  {
    name: "cockpit.jurisdictions",
    rule: "signedIn",
    on: "none",
    call: (c) => viaTrpc(() => c.cockpit.jurisdictions.query()),
  },
  {
    name: "GET /api/cockpit/export.xlsx",
    rule: "wholePlan",
    on: "jurisdiction",
    call: (c, t, _w, api) => viaHttp(api, c, `/api/cockpit/export.xlsx?jurisdictionId=${t.id}`),
  },
  {
    name: "GET /api/indicators/:indicatorId/districts.xlsx",
    rule: "list",
    on: "indicator",
    call: (c, t, _w, api) => viaHttp(api, c, `/api/indicators/${t.id}/districts.xlsx`),
  },
  {
    name: "GET /api/plans/:planId/ledger.xlsx",
    rule: "list",
    on: "plan",
    call: (c, t, _w, api) => viaHttp(api, c, ledgerXlsx(t)),
    check: ledgerSheetsOnlyOwn,
  },
  {
    name: "GET /api/plans/:planId/ledger.xlsx",
    variant: "another unit's sheet",
    rule: "list",
    on: "plan",
    call: (c, t, w, api) => viaHttp(api, c, ledgerXlsx(t, otherUnit(t, w))),
    check: ledgerSheetsOnlyOwn,
  },
  {
    name: "annualPlan.list",
    rule: "list",
    on: "plan",
    call: (c, t) => viaTrpc(() => c.annualPlan.list.query({ planId: t.id })),
  },
  {
    name: "annualPlan.forYear",
    rule: "list",
    on: "plan",
    call: (c, t) => viaTrpc(() => c.annualPlan.forYear.query({ planId: t.id, year: 2025 })),
  },
  {
    name: "annualPlan.get",
    rule: "list",
    on: "plan",
    call: (c, t, w) =>
      viaTrpc(() => c.annualPlan.get.query({ annualPlanId: w.annualPlans[t.id]! })),
  },
  {
    name: "annualPlan.suggestions",
    rule: "office",
    on: "plan",
    call: (c, t, w) =>
      viaTrpc(() => c.annualPlan.suggestions.query({ annualPlanId: w.annualPlans[t.id]! })),
  },
  {
    name: "annualPlan.carryOverCandidates",
    rule: "office",
    on: "plan",
    call: (c, t, w) =>
      viaTrpc(() => c.annualPlan.carryOverCandidates.query({ annualPlanId: w.annualPlans[t.id]! })),
  },
  {
    name: "GET /api/annual-plans/:id/export.xlsx",
    rule: "list",
    on: "plan",
    call: (c, t, w, api) => viaHttp(api, c, `/api/annual-plans/${w.annualPlans[t.id]}/export.xlsx`),
  },
  {
    name: "GET /api/plans/:planId/evaluation.docx",
    rule: "wholePlan",
    on: "plan",
    call: (c, t, w, api) =>
      viaHttp(api, c, `/api/plans/${t.id}/evaluation.docx?kind=FINAL&asOf=${w.today}`),
  },
  {
    name: "GET /api/plans/:planId/evaluation.xlsx",
    rule: "wholePlan",
    on: "plan",
    call: (c, t, w, api) =>
      viaHttp(api, c, `/api/plans/${t.id}/evaluation.xlsx?kind=FINAL&asOf=${w.today}`),
  },
  {
    name: "GET /api/evidence/:evidenceId",
    rule: "list",
    on: "evidence",
    call: (c, t, _w, api) => viaHttp(api, c, `/api/evidence/${t.id}`),
  },
  {
    name: "completion.list",
    rule: "list",
    on: "task",
    call: (c, t) => viaTrpc(() => c.completion.list.query({ taskId: t.id })),
  },
  {
    name: "changeRequest.list",
    rule: "list",
    on: "plan",
    call: (c, t) => viaTrpc(() => c.changeRequest.list.query({ planId: t.id, pageSize: 200 })),
    check: ({ data }, { role, view }) => {
      for (const r of (data as { items: Array<{ taskId: string }> }).items)
        expect(view.tasks.has(r.taskId), `${role} got a request of task ${r.taskId}`).toBe(true);
    },
  },
  {
    name: "POST /api/change-requests/:requestId/evidence",
    rule: "lead",
    on: "task",
    call: (c, t, w, api) => {
      const form = new FormData();
      form.append("file", new Blob([Buffer.from("%PDF-1.4\n%%EOF\n")]), "matrix.pdf");
      return viaHttp(api, c, `/api/change-requests/${w.changeRequests[t.id]}/evidence`, {
        method: "POST",
        body: form,
      });
    },
  },
  {
    name: "POST /api/ledger/:entryId/evidence",
    rule: "reporter",
    on: "entry",
    call: (c, t, _w, api) => {
      const form = new FormData();
      form.append("file", new Blob([Buffer.from("%PDF-1.4\n%%EOF\n")]), "matrix.pdf");
      return viaHttp(api, c, `/api/ledger/${t.id}/evidence`, { method: "POST", body: form });
    },
  },
  {
    // the lead unit's staff apply (the task then awaits sign-off: this row runs last)
    name: "POST /api/tasks/:taskId/completion",
    rule: "lead",
    on: "task",
    call: async (c, t, _w, api) => {
      const version = await c.task.get
        .query({ taskId: t.id })
        .then((task) => task.version)
        .catch(() => 0);
      const form = new FormData();
      form.append("version", String(version));
      form.append("summary", "矩阵办结申请");
      form.append("file", new Blob([Buffer.from("%PDF-1.4\n%%EOF\n")]), "matrix.pdf");
      return viaHttp(api, c, `/api/tasks/${t.id}/completion`, { method: "POST", body: form });
    },
  },
];

/**
 * A unit's contact addresses (the people who get its reminders: personal data) and the importer's
 * keywords go only to the office that manages the units; everyone else who reads the county gets
 * each unit's name and what the pages need to choose it.
 */
function unitContactsOnlyToOffice({ data, text }: Answer, { role, target, w }: CheckContext) {
  const manages =
    (role === "officeA" && target.id === w.a.id) || (role === "officeB" && target.id === w.b.id);
  for (const unit of data as Array<Record<string, unknown>>) {
    if (manages)
      expect(Object.keys(unit), `${role}: its own units in full`).toEqual(
        expect.arrayContaining(["contactEmails", "keywords"]),
      );
    else
      expect(
        Object.keys(unit).sort(),
        `${role} got more of unit ${String(unit.name)} than its name`,
      ).toEqual(["active", "id", "jurisdictionId", "name", "shortName"]);
  }
  // not vacuous: county A's units have contact addresses (world.ts)
  if (manages && target.id === w.a.id) expect(text).toContain("d1@a.test");
  if (!manages) expect(text, `${role} got a contact address`).not.toContain("@");
}

/** the ledger workbook's sheets (their unit ids sit in its hidden index sheet): staff get only their own units' */
function ledgerSheetsOnlyOwn({ text }: Answer, { role, w }: CheckContext) {
  const own = w.ownUnits[role];
  if (!own) return;
  for (const unit of [w.d1, w.d2, w.d3, w.bDept].filter((d) => !own.includes(d.id)))
    expect(text, `${role} got the sheet of ${unit.name}`).not.toContain(unit.id);
}
