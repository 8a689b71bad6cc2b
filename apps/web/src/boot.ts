/**
 * The boot script (issue #20): the first script of index.html. Vite makes the page's scripts one
 * entry, so it runs once the entry's modules have arrived, before the app's first render. It asks
 * the queries every page starts with (the session and the plan list) and, on the ledger (the page
 * department staff open on their phones), that plan's first page of the grid and its units — the
 * same requests the app would send, with the same choice of plan (choosePlan) — so they travel
 * while the app starts and renders its layout (about 600 ms on the phone benchmark) instead of
 * after it: the ledger was usable 2.62 s after a cold load instead of 2.96 s (bench/README.md).
 * The app takes the answers when it asks (lib/early-answers.ts); whatever goes wrong here, the
 * app asks again itself.
 */
import { choosePlan, PLAN_STORAGE_KEY } from "./app/choose-plan.ts";
import { parseYearParam } from "./components/year/year-param.ts";
import { askEarly, earlyAnswerStore, type Envelope } from "./lib/early-answers.ts";

type Wire<T> = { json?: T };
type MeWire = { memberships: Array<{ jurisdiction: { id: string } }> } | null;
type PlanWire = { id: string; status: string; jurisdiction: { id: string } };

/** The data of an answer in superjson's wire form: these fields are plain JSON there. */
const dataOf = <T>(envelope: Envelope | null | undefined): T | undefined =>
  (envelope?.result?.data as Wire<T> | undefined)?.json;

function storedPlanId(): string | null {
  try {
    return localStorage.getItem(PLAN_STORAGE_KEY);
  } catch {
    return null;
  }
}

async function boot() {
  earlyAnswerStore();
  const [meAnswer, plansAnswer] = await askEarly([
    { path: "auth.me", input: undefined },
    { path: "plan.list", input: {} },
  ]);
  if (!/^\/ledger\/?$/.test(location.pathname)) return;
  const me = dataOf<MeWire>(meAnswer);
  const plans = dataOf<PlanWire[]>(plansAnswer);
  if (!me || !Array.isArray(plans)) return;
  const plan = choosePlan(plans, me, storedPlanId());
  if (!plan) return;
  // the grid's first page as LedgerGrid asks it (no unit chosen, page 1 of 20, the URL's year)
  const year = parseYearParam(new URLSearchParams(location.search).get("year"));
  await askEarly([
    { path: "admin.departments", input: { jurisdictionId: plan.jurisdiction.id } },
    {
      path: "ledger.grid",
      input: { planId: plan.id, page: 1, pageSize: 20, ...(year === undefined ? {} : { year }) },
    },
  ]);
}

void boot().catch(() => undefined);
