import { TRPCClientError } from "@trpc/client";
import ExcelJS from "exceljs";
import mammoth from "mammoth";

import { cookieOf, type Api, type Client } from "./harness.ts";
import type { Role, VisibilityWorld } from "./visibility-world.ts";

/** What a role's own list views show: the plan list, the task list, the ledger grid and each task's report history. */
export type View = {
  plans: Set<string>;
  jurisdictions: Set<string>;
  tasks: Set<string>;
  /** plan id → the listed tasks with their lead unit */
  tasksByPlan: Map<string, Array<{ id: string; lead: string }>>;
  entries: Set<string>;
};

/** The list views of a role, read through the api as that role (anon: nothing). */
export async function listViews(c: Client, role: Role): Promise<View> {
  const view: View = {
    plans: new Set(),
    jurisdictions: new Set(),
    tasks: new Set(),
    tasksByPlan: new Map(),
    entries: new Set(),
  };
  if (role === "anon") return view;
  for (const j of await c.admin.jurisdictions.query()) view.jurisdictions.add(j.id);
  for (const plan of await c.plan.list.query({})) {
    view.plans.add(plan.id);
    const listed: Array<{ id: string; lead: string }> = [];
    for (let page = 1; ; page++) {
      const list = await c.task.list.query({ planId: plan.id, page, pageSize: 200 });
      listed.push(...list.items.map((t) => ({ id: t.id, lead: t.leadDepartment.id })));
      if (page * 200 >= list.total) break;
    }
    view.tasksByPlan.set(plan.id, listed);
    for (const t of listed) {
      view.tasks.add(t.id);
      for (const e of await c.ledger.history.query({ taskId: t.id })) view.entries.add(e.id);
    }
    for (let page = 1; ; page++) {
      const grid = await c.ledger.grid.query({ planId: plan.id, page, pageSize: 200 });
      for (const row of grid.rows)
        for (const cell of row.cells) if (cell.entryId) view.entries.add(cell.entryId);
      if (page * 200 >= grid.total) break;
    }
  }
  return view;
}

export type TargetKind =
  "none" | "plan" | "task" | "entry" | "evidence" | "indicator" | "jurisdiction";
/** An object a row is called with; every role meets objects of its own and of other units and counties. */
export type Target = {
  kind: TargetKind;
  name: string;
  id: string;
  planId: string | null;
  jurisdictionId: string | null;
  entryId?: string;
  departmentId?: string;
};

export function targetsOf(w: VisibilityWorld): Record<TargetKind, Target[]> {
  const a = w.a.id;
  const b = w.b.id;
  const plan = (name: string, id: string, j: string): Target => ({
    kind: "plan",
    name,
    id,
    planId: id,
    jurisdictionId: j,
  });
  /** a task; departmentId: its lead unit */
  const task = (name: string, id: string, planId: string, j: string, lead: string): Target => ({
    kind: "task",
    name,
    id,
    departmentId: lead,
    planId,
    jurisdictionId: j,
  });
  const entry = (
    name: string,
    e: { id: string; departmentId: string },
    planId: string,
    j: string,
  ): Target => ({
    kind: "entry",
    name,
    id: e.id,
    entryId: e.id,
    departmentId: e.departmentId,
    planId,
    jurisdictionId: j,
  });
  const file = (
    name: string,
    id: string,
    e: { id: string; departmentId: string },
    planId: string,
    j: string,
  ): Target => ({
    kind: "evidence",
    name,
    id,
    entryId: e.id,
    departmentId: e.departmentId,
    planId,
    jurisdictionId: j,
  });
  return {
    none: [{ kind: "none", name: "-", id: "", planId: null, jurisdictionId: null }],
    plan: [plan("planA", w.planId, a), plan("planB", w.planB, b)],
    task: [
      task("T1", w.t1, w.planId, a, w.d1.id),
      task("T2", w.t2, w.planId, a, w.d3.id),
      task("TB", w.tb, w.planB, b, w.bDept.id),
    ],
    entry: [
      entry("E1lead", w.entries.e1Lead, w.planId, a),
      entry("E1support", w.entries.e1Support, w.planId, a),
      entry("E2", w.entries.e2, w.planId, a),
      entry("EB", w.entries.eB, w.planB, b),
    ],
    evidence: [
      file("V1lead", w.files.vLead, w.entries.e1Lead, w.planId, a),
      file("V1support", w.files.vSupport, w.entries.e1Support, w.planId, a),
      file("VB", w.files.vB, w.entries.eB, w.planB, b),
    ],
    indicator: [
      { kind: "indicator", name: "IndA", id: w.indicatorA, planId: w.planId, jurisdictionId: a },
      { kind: "indicator", name: "IndB", id: w.indicatorB, planId: w.planB, jurisdictionId: b },
    ],
    jurisdiction: [
      { kind: "jurisdiction", name: "jurA", id: a, planId: null, jurisdictionId: a },
      { kind: "jurisdiction", name: "jurB", id: b, planId: null, jurisdictionId: b },
      {
        kind: "jurisdiction",
        name: "jurCity",
        id: w.city.id,
        planId: null,
        jurisdictionId: w.city.id,
      },
    ],
  };
}

/** Whether the object shows in the role's list views. */
export function listed(view: View, t: Target): boolean {
  switch (t.kind) {
    case "none":
      return true;
    case "plan":
      return view.plans.has(t.id);
    case "task":
      return view.tasks.has(t.id);
    case "entry":
    case "evidence":
      return view.entries.has(t.entryId!);
    case "indicator":
      return view.plans.has(t.planId!);
    case "jurisdiction":
      return view.jurisdictions.has(t.id);
  }
}

/**
 * Text that identifies one task, report, plan or unit, with when a role may meet it: a marker found
 * in an answer (JSON, an error message, a file's text) that the role's list views do not show is a leak.
 */
export function markersOf(
  w: VisibilityWorld,
): Array<{ text: string; what: string; allowed: (view: View) => boolean }> {
  const out: Array<{ text: string; what: string; allowed: (view: View) => boolean }> = [];
  const titles = {
    [w.t1]: "VIS任务一科技局牵头",
    [w.t2]: "VIS任务二农业局牵头",
    [w.tb]: "VIS乙县任务",
  };
  for (const [id, title] of Object.entries(titles)) {
    out.push(
      { text: id, what: `task ${title} (id)`, allowed: (v) => v.tasks.has(id) },
      { text: title, what: `task ${title}`, allowed: (v) => v.tasks.has(id) },
    );
  }
  const reports = [
    [w.entries.e1Lead, "VIS说明一牵头", "VIS佐证一牵头", w.files.vLead],
    [w.entries.e1Support, "VIS说明一配合", "VIS佐证一配合", w.files.vSupport],
    [w.entries.e2, "VIS说明二", null, null],
    [w.entries.eB, "VIS说明乙", "VIS佐证乙", w.files.vB],
  ] as const;
  for (const [entry, text, file, fileId] of reports) {
    const allowed = (v: View) => v.entries.has(entry.id);
    out.push(
      { text: entry.id, what: `report ${text} (id)`, allowed },
      { text, what: `report ${text}`, allowed },
    );
    if (file && fileId)
      out.push(
        { text: file, what: `evidence ${file}`, allowed },
        { text: fileId, what: `evidence ${file} (id)`, allowed },
      );
  }
  for (const [id, name] of [
    [w.planId, "plan A"],
    [w.planB, "plan B"],
    [w.cycleB, "plan B's cycle"],
    [w.cycleId, "plan A's cycle"],
  ] as const) {
    const planId = name.includes("B") ? w.planB : w.planId;
    out.push({ text: id, what: name, allowed: (v) => v.plans.has(planId) });
  }
  for (const d of [w.d1, w.d2, w.d3, w.bDept])
    out.push({
      text: d.id,
      what: `unit ${d.name} of ${d.jurisdictionId === w.a.id ? "A" : "B"}`,
      allowed: (v) => v.jurisdictions.has(d.jurisdictionId),
    });
  return out;
}

/** A call's outcome: "OK" or the refusal's code, and the text a leak could hide in. */
export type Answer = { code: string; text: string; data: unknown };

export async function viaTrpc(call: () => Promise<unknown>): Promise<Answer> {
  try {
    const data = await call();
    return { code: "OK", text: JSON.stringify(data) ?? "", data };
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    return {
      code: (error.data as { code?: string } | undefined)?.code ?? "UNKNOWN",
      text: JSON.stringify({ message: error.message, data: error.data }),
      data: null,
    };
  }
}

const HTTP_CODES: Record<number, string> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  429: "TOO_MANY_REQUESTS",
};

/** The text of a downloaded file: every cell of every sheet (hidden ones too), a document's words, or the bytes as UTF-8. */
async function fileText(type: string, bytes: Buffer): Promise<string> {
  if (type.includes("spreadsheetml")) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.eachSheet((ws) => {
      cells.push(ws.name);
      ws.eachRow((row) => cells.push(JSON.stringify(row.values)));
    });
    return cells.join("\n");
  }
  if (type.includes("wordprocessingml"))
    return (await mammoth.extractRawText({ buffer: bytes })).value;
  return bytes.toString("utf8");
}

/** A plain /api request as the client's user (its session cookie), answered like a tRPC call. */
export async function viaHttp(
  api: Api,
  c: Client,
  path: string,
  init: { method?: string; body?: FormData } = {},
): Promise<Answer> {
  const cookie = cookieOf.get(c)?.();
  const res = await fetch(`${api.url}${path}`, {
    method: init.method ?? "GET",
    body: init.body,
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(init.method && init.method !== "GET" ? { "x-duban-csrf": "1" } : {}),
    },
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const disposition = decodeURIComponent(res.headers.get("content-disposition") ?? "");
  const text = `${disposition}\n${await fileText(res.headers.get("content-type") ?? "", bytes)}`;
  return {
    code: res.ok ? "OK" : (HTTP_CODES[res.status] ?? `HTTP_${res.status}`),
    text,
    data: res.ok ? bytes : null,
  };
}
