import { afterAll, describe, expect } from "vitest";

import { appRouter } from "@duban/api";
import {
  collectCycleReminders,
  collectDueSoonReminders,
  collectOverdueAlerts,
  collectQuarterlySummaries,
} from "@duban/domain";
import { test } from "@duban/test-utils";

import { startApi, type Api } from "./harness.ts";
import { procedurePaths, registeredRoutes } from "./registered-routes.ts";
import { ROWS, type Row, type Rule } from "./visibility-rows.ts";
import {
  listed,
  listViews,
  markersOf,
  targetsOf,
  viaHttp,
  viaTrpc,
  type Answer,
  type Target,
  type View,
} from "./visibility-views.ts";
import {
  buildVisibilityWorld,
  EMAILS,
  ROLES,
  type Role,
  type VisibilityWorld,
} from "./visibility-world.ts";

const OFFICE_OF: Partial<Record<Role, "a" | "b">> = { officeA: "a", officeB: "b" };
/** the jurisdiction each leader is a LEADER member of */
const LEADER_OF: Partial<Record<Role, "a" | "city">> = { leaderA: "a", leaderCity: "city" };

/** The answers a role may get from a row's call on an object, as the visibility rule says. */
function acceptable(rule: Rule, role: Role, view: View, t: Target, w: VisibilityWorld): string[] {
  if (rule === "public") return ["OK"];
  if (role === "anon") return ["UNAUTHORIZED"];
  // an object of a county the role cannot see is "not found", never "forbidden": ids leak nothing
  const foreign = t.jurisdictionId !== null && !view.jurisdictions.has(t.jurisdictionId);
  const refused = foreign && t.kind !== "jurisdiction" ? ["NOT_FOUND"] : ["NOT_FOUND", "FORBIDDEN"];
  const office = OFFICE_OF[role];
  switch (rule) {
    case "signedIn":
      return ["OK"];
    case "anyOffice":
      return office ? ["OK"] : ["FORBIDDEN"];
    case "list":
      return listed(view, t) ? ["OK"] : refused;
    case "wholePlan":
      return !listed(view, t) ? refused : w.ownUnits[role] ? ["FORBIDDEN"] : ["OK"];
    case "office":
      return office && t.jurisdictionId === w[office].id ? ["OK"] : refused;
    case "unitStaff":
      return !listed(view, t) ? refused : w.ownUnits[role] ? ["OK"] : ["FORBIDDEN"];
    case "officeOrLeader": {
      const leader = LEADER_OF[role];
      return (office && t.jurisdictionId === w[office].id) ||
        (leader && t.jurisdictionId === w[leader].id)
        ? ["OK"]
        : refused;
    }
    case "reporter":
      return listed(view, t) && !!w.ownUnits[role]?.includes(t.departmentId!) ? ["OK"] : refused;
    case "unit":
      return !view.jurisdictions.has(t.jurisdictionId!)
        ? refused
        : !w.ownUnits[role] || w.ownUnits[role]!.includes(t.departmentId!)
          ? ["OK"]
          : ["NOT_FOUND"];
    case "lead": {
      const lead = view.tasksByPlan.get(t.planId!)?.find((x) => x.id === t.id)?.lead;
      return lead && w.ownUnits[role]?.includes(lead) ? ["OK"] : refused;
    }
  }
}

describe("visibility: every query and /api route × every role × own and foreign objects, against the role's list views", () => {
  let api: Api;
  let w: VisibilityWorld;
  const views = new Map<Role, View>();
  let markers: ReturnType<typeof markersOf>;

  test.beforeAll(async ({ database, redis }) => {
    api = await startApi(database, redis);
    w = await buildVisibilityWorld(api, database.db);
    for (const role of ROLES) views.set(role, await listViews(w.as(role), role));
    markers = markersOf(w);
  });
  afterAll(async () => api?.close());

  /** markers in an answer that the role's list views do not show */
  const leaks = (role: Role, answer: Pick<Answer, "text">) =>
    markers
      .filter((m) => answer.text.includes(m.text) && !m.allowed(views.get(role)!))
      .map((m) => m.what);

  test("every query procedure and every /api route has a row (a new one fails here until it gets one)", () => {
    const queries = procedurePaths(appRouter, "query");
    const routes = registeredRoutes(api.app)
      .filter((r) => r.url.startsWith("/api/"))
      .flatMap((r) => r.methods.filter((m) => m !== "HEAD").map((m) => `${m} ${r.url}`));
    expect(queries.length).toBeGreaterThan(20);
    expect(routes.length).toBeGreaterThanOrEqual(5);
    // the cascade's reads need a city above two counties and a town unit: their every-role
    // matrix (city, county A, county B, A's town unit) is in cascade.test.ts ("permission matrix")
    const coveredInCascade = ["cascade.list", "cascade.get", "cascade.taskTree", "cascade.options"];
    const named = new Set(ROWS.map((r) => r.name));
    expect(
      [...queries, ...routes].filter((n) => !named.has(n) && !coveredInCascade.includes(n)),
      "queries and routes without a row in visibility-rows.ts",
    ).toEqual([]);
    expect(
      [...named].filter((n) => !queries.includes(n) && !routes.includes(n)),
      "rows naming nothing registered",
    ).toEqual([]);
  });

  test("the list views themselves: staff see their units' tasks and reports, the office and readers the county's, nobody another county's", () => {
    const tasks = (role: Role) => [...views.get(role)!.tasks].sort();
    const entries = (role: Role) => [...views.get(role)!.entries].sort();
    const sorted = (...ids: string[]) => ids.sort();
    const e = w.entries;
    for (const role of ["officeA", "leaderA", "leaderCity"] as const) {
      expect(tasks(role)).toEqual(sorted(w.t1, w.t2));
      expect(entries(role)).toEqual(sorted(e.e1Lead.id, e.e1Support.id, e.e2.id));
    }
    expect(tasks("staffLead")).toEqual([w.t1]);
    expect(entries("staffLead")).toEqual(sorted(e.e1Lead.id, e.e1Support.id));
    expect(tasks("staffSupport")).toEqual([w.t1]);
    expect(entries("staffSupport")).toEqual([e.e1Support.id]);
    expect(tasks("staffOther")).toEqual([w.t2]);
    expect(entries("staffOther")).toEqual([e.e2.id]);
    for (const role of ["officeB", "staffB"] as const) {
      expect(tasks(role)).toEqual([w.tb]);
      expect(entries(role)).toEqual([e.eB.id]);
    }
    expect(tasks("anon")).toEqual([]);
    expect([...views.get("leaderCity")!.jurisdictions].sort()).toEqual(sorted(w.city.id, w.a.id));
  });

  const rowName = (row: Row) => `${row.name}${row.variant ? ` (${row.variant})` : ""}`;
  for (const row of ROWS) {
    test(`${rowName(row)}: ${row.rule}`, async () => {
      const failures: string[] = [];
      for (const role of ROLES) {
        const view = views.get(role)!;
        for (const target of targetsOf(w)[row.on]) {
          const at = `${role} on ${target.name}`;
          const answer = await row.call(w.as(role), target, w, api);
          const allowed = acceptable(row.rule, role, view, target, w);
          if (!allowed.includes(answer.code))
            failures.push(`${at}: ${answer.code}, expected ${allowed.join(" or ")}`);
          for (const leak of leaks(role, answer))
            failures.push(`${at}: shows ${leak}, which its list views do not`);
          if (answer.code === "OK" && row.check) {
            try {
              row.check(answer, { role, view, target, w });
            } catch (error) {
              failures.push(`${at}: ${(error as Error).message.split("\n")[0]}`);
            }
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }

  test("a ledger import never tells whether another unit's report matches a guess", async () => {
    // the office's workbook holds every unit's current reports; uploaded by staff of one unit, the
    // other units' rows once came back as "unchanged" when they matched, an oracle for their text
    const workbook = await viaHttp(
      api,
      w.as("officeA"),
      `/api/plans/${w.planId}/ledger.xlsx?period=2025Q4`,
    );
    expect(workbook.code).toBe("OK");
    expect(workbook.text).toContain("VIS说明一牵头");
    const answer = await viaTrpc(() =>
      w.as("staffOther").ledger.importWorkbook.mutate({
        planId: w.planId,
        contentBase64: (workbook.data as Buffer).toString("base64"),
      }),
    );
    expect(answer.code).toBe("BAD_REQUEST");
    expect(answer.text).toContain("只能导入本单位的台账");
    expect(leaks("staffOther", answer)).toEqual([]);
  });

  test("emails that jobs address to a user list only what that user's list views show", async ({
    database,
  }) => {
    const db = database.db;
    const before = await db.department.findUniqueOrThrow({ where: { id: w.d1.id } });
    // the unit's contact list: its mailbox, a leader, staff of another unit, another county's office
    await db.department.update({
      where: { id: w.d1.id },
      data: { contactEmails: ["d1@a.test", EMAILS.leaderA, EMAILS.staffOther, EMAILS.officeB] },
    });
    try {
      const cycle = await db.reportingCycle.findUniqueOrThrow({
        where: { id: w.cycleId },
        include: { plan: { select: { title: true, jurisdictionId: true } } },
      });
      const emails = [
        ...(await collectOverdueAlerts({ db }, { asOf: new Date() })).emails,
        ...(await collectDueSoonReminders({ db }, { asOf: new Date("2025-12-24T04:00:00Z") }))
          .emails,
        ...(await collectCycleReminders({ db }, { cycle })),
        ...(
          await collectQuarterlySummaries(
            { db },
            { planId: w.planId, period: "2025Q4", asOf: new Date() },
          )
        ).emails,
      ];
      const roleOf = new Map(Object.entries(EMAILS).map(([role, email]) => [email, role as Role]));
      const found: string[] = [];
      for (const m of emails) {
        const role = roleOf.get(m.recipientEmail);
        if (role)
          found.push(
            ...leaks(role, { text: JSON.stringify(m) }).map(
              (leak) => `${m.kind} to ${role}: ${leak}`,
            ),
          );
      }
      expect(found).toEqual([]);
      // not vacuous: the unit's own people and its mailbox still hear about its overdue task
      const overdueTo = (email: string) =>
        emails
          .filter((m) => m.kind === "overdue" && m.recipientEmail === email)
          .map((m) => JSON.stringify(m.payload));
      expect(overdueTo(EMAILS.staffLead).join()).toContain(w.t1);
      expect(overdueTo("d1@a.test").join()).toContain(w.t1);
      expect(overdueTo(EMAILS.leaderA).join()).toContain(w.t1);
      expect(overdueTo(EMAILS.staffOther).join()).not.toContain(w.t1);
    } finally {
      await db.department.update({
        where: { id: w.d1.id },
        data: { contactEmails: before.contactEmails },
      });
    }
  });
});
