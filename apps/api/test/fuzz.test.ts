import { afterAll, describe, expect } from "vitest";

import { appRouter } from "@duban/api";
import { isStorableText } from "@duban/domain/schemas";
import { test } from "@duban/test-utils";

import { startApi, type Api } from "./harness.ts";
import { sampleInput, walk, withValueAt } from "./input-walk.ts";
import { buildWorld, PASSWORD } from "./world.ts";

/** A small deterministic generator: the same hostile inputs on every run. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function hostileInputs(world: Awaited<ReturnType<typeof buildWorld>>): unknown[] {
  const random = prng(9);
  const strings = [
    "",
    " ",
    "<script>alert(1)</script>",
    '\'; DROP TABLE "Task"; --',
    "\u0000\u0001",
    "😀".repeat(3),
    "a".repeat(100_000),
    "2023Q5",
    "2023-02-30",
    "NaN",
    "-1",
    "1e309",
  ];
  const values = [
    null,
    true,
    -1,
    0,
    1.5,
    2 ** 53,
    Number.MAX_VALUE,
    ...strings,
    [],
    {},
    [null],
    { $gt: "" },
  ];
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const keys = [
    "planId",
    "taskId",
    "entryId",
    "cycleId",
    "jurisdictionId",
    "departmentId",
    "version",
    "title",
    "email",
    "password",
    "period",
    "dueDate",
    "status",
    "percentComplete",
    "tasks",
    "phases",
    "contentBase64",
    "fileName",
    "value",
    "indicatorId",
    "kind",
    "page",
    "pageSize",
    "decision",
    "comment",
    "name",
    "__proto__",
    "constructor",
  ];
  const inputs: unknown[] = [
    undefined,
    null,
    42,
    "string",
    [],
    {},
    { planId: world.planId, version: "x" },
    { taskId: world.t1, version: -5 },
    { planId: world.planId, tasks: [{}] },
  ];
  let nested: unknown = {};
  for (let i = 0; i < 200; i++) nested = { a: nested };
  inputs.push(nested);
  for (let i = 0; i < 14; i++) {
    const o: Record<string, unknown> = {};
    const n = 1 + Math.floor(random() * 5);
    for (let k = 0; k < n; k++)
      o[pick(keys)] =
        random() < 0.3 ? pick([world.planId, world.t1, world.a.id, world.cycleId]) : pick(values);
    inputs.push(o);
  }
  return inputs;
}

describe("every procedure fuzzed with invalid input answers with a client error, never a 500", () => {
  let api: Api;
  let world: Awaited<ReturnType<typeof buildWorld>>;
  let cookie: string;
  let leadCookie: string;
  let entryId: string;
  let indicatorId: string | undefined;
  afterAll(async () => api?.close());

  test.beforeAll(async ({ database, redis }) => {
    api = await startApi(database, redis);
    world = await buildWorld(database.db);
    cookie = await signIn(api, "office@a.test");
    leadCookie = await signIn(api, "lead@a.test");
    const entry = await post(api, "ledger.submit", leadCookie, {
      taskId: world.t1,
      cycleId: world.cycleId,
      progressText: "推进中",
      percentComplete: 10,
      status: "IN_PROGRESS",
    });
    entryId = ((await entry.json()) as { result: { data: { json: { id: string } } } }).result.data
      .json.id;
    indicatorId = (await database.db.indicator.findFirst({ where: { planId: world.planId } }))?.id;
  });

  test("fuzz", async ({ database }) => {
    const procedures = Object.entries(
      appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>,
    ).filter(([path]) => path !== "auth.logout");
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let calls = 0;
    for (const [path, procedure] of procedures) {
      for (const input of hostileInputs(world)) {
        const res = await call(api, path, procedure._def.type, cookie, input);
        calls++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500)
          failures.push(
            `${path} ${JSON.stringify(input)?.slice(0, 120)} → ${res.status} ${(await res.text()).slice(0, 200)}`,
          );
      }
      // malformed JSON, as a broken client would send it
      const broken =
        procedure._def.type === "mutation"
          ? await fetch(`${api.url}/trpc/${path}`, {
              method: "POST",
              headers: { "content-type": "application/json", "x-duban-csrf": "1", cookie },
              body: '{"json": ',
            })
          : await fetch(`${api.url}/trpc/${path}?input=%7B%22json`, { headers: { cookie } });
      calls++;
      if (broken.status >= 500) failures.push(`${path} malformed JSON → ${broken.status}`);
    }
    console.log(
      `fuzz: ${procedures.length} procedures, ${calls} calls, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(failures.join("\n")).toBe("");
    expect(procedures.length).toBeGreaterThan(40);
    // hostile text that happened to be valid input was stored as data, never run as SQL
    expect(await database.db.task.count()).toBeGreaterThan(0);
  }, 300_000);

  test("every string field of every procedure: a NUL, half an emoji, U+FFFE and 1 MB each answer a 4xx with a message", async ({
    database,
  }) => {
    const ids: Record<string, unknown> = {
      jurisdictionId: world.a.id,
      planId: world.planId,
      taskId: world.t1,
      departmentId: world.d1.id,
      leadDepartmentId: world.d1.id,
      cycleId: world.cycleId,
      entryId,
      milestoneId: world.milestoneId,
      indicatorId,
      userId: world.users.staffOther.id,
      supportingDepartmentIds: [world.d2.id],
      nodeId: null,
      phaseId: null,
      responsibleDepartmentId: null,
      districtId: null,
      period: "2025Q4",
      dueDate: "2025-12-30",
      startDate: "2021-01-01",
      endDate: "2025-12-31",
      closeDate: "2026-01-15",
      asOf: "2025-12-31",
      fileName: "规划.txt",
      contentBase64: Buffer.from("一、总体要求\n").toString("base64"),
      email: "fuzz-new@a.test",
      password: "correct-horse-battery-2",
      newPassword: "correct-horse-battery-2",
      currentPassword: PASSWORD,
      token: "t".repeat(40),
      percentComplete: 50,
    };
    const valueFor = (key: string, type: string) =>
      key in ids && type !== "object" && type !== "array"
        ? ids[key]
        : key === "supportingDepartmentIds"
          ? ids[key]
          : undefined;
    const hostile: Array<[string, string]> = [
      ["NUL", "督办\u0000文本"],
      ["lone surrogate", "督办\uD83D"],
      ["U+FFFE", "督办\uFFFE"],
      ["1 MB", "a".repeat(1024 * 1024)],
    ];
    const procedures = Object.entries(
      appRouter._def.procedures as unknown as Record<
        string,
        { _def: { type: string; inputs: unknown[] } }
      >,
    );
    const failures: string[] = [];
    let fields = 0;
    for (const [path, procedure] of procedures) {
      for (const schema of procedure._def.inputs) {
        for (const leaf of walk(schema).strings) {
          fields++;
          const base = sampleInput(schema, valueFor, "", leaf.unionOptions);
          for (const [what, text] of hostile) {
            const res = await call(
              api,
              path,
              procedure._def.type,
              cookie,
              withValueAt(base, leaf.path, text),
            );
            const message = await messageOf(res);
            if (res.status < 400 || res.status >= 500 || !message)
              failures.push(
                `${path} ${leaf.path.join(".")} ${what} → ${res.status} ${message ?? "(no message)"}`,
              );
          }
        }
      }
    }
    console.log(`string fuzz: ${fields} string fields × ${hostile.length} texts`);
    expect(fields).toBeGreaterThan(60);
    expect(failures.join("\n")).toBe("");
    // nothing of it was stored: no text with a NUL, a noncharacter or a megabyte reached the audit log
    const [stored] = await database.db.$queryRaw<
      Array<{ n: bigint }>
    >`SELECT count(*) AS n FROM "AuditEvent" WHERE "after"::text LIKE '%督办%' OR length("after"::text) > 500000`;
    expect(Number(stored!.n)).toBe(0);
  }, 300_000);

  test("the /api routes' query strings and the evidence file name: hostile text answers a 4xx with a message", async ({
    database,
  }) => {
    const failures: string[] = [];
    // as a URL carries them: UTF-8 bytes, percent-encoded (a lone surrogate as the bytes of its code unit)
    const hostile: Array<[string, string]> = [
      ["NUL", "2025Q4%00"],
      ["lone surrogate", "2025Q4%ED%A0%BD"],
      ["U+FFFE", "%EF%BF%BE"],
      ["1 MB", "a".repeat(1024 * 1024)],
    ];
    const routes = [
      (v: string) => `/api/plans/${world.planId}/ledger.xlsx?period=${v}`,
      (v: string) => `/api/plans/${world.planId}/ledger.xlsx?period=2025Q4&departmentId=${v}`,
      (v: string) => `/api/plans/${world.planId}/evaluation.docx?kind=${v}`,
      (v: string) => `/api/plans/${world.planId}/evaluation.xlsx?kind=FINAL&asOf=${v}`,
      (v: string) => `/api/evidence/${v}`,
      (v: string) => `/api/plans/${v}/ledger.xlsx?period=2025Q4`,
    ];
    for (const route of routes) {
      for (const [what, text] of hostile) {
        const res = await fetch(`${api.url}${route(text)}`, { headers: { cookie } }).catch(
          (error: Error) => ({ status: 0, error }) as const,
        );
        if (!("headers" in res)) {
          failures.push(`${route("…")} ${what} → ${res.error.message}`);
          continue;
        }
        const message = await messageOf(res);
        if (res.status < 400 || res.status >= 500 || !message)
          failures.push(
            `${route("…").slice(0, 80)} ${what} → ${res.status} ${message ?? "(no message)"}`,
          );
      }
    }
    // the multipart file name, as raw UTF-8 bytes in the part's header: refused, or kept whole (an
    // emoji as the 200th character was once cut in half by a slice(0, 200), and the audit log's jsonb answered 500)
    const emojiAt200 = `${"a".repeat(195)}😀.pdf`;
    const names: Array<[string, Buffer, "refused" | "whole" | "either"]> = [
      ["NUL", Buffer.from("证明\u0000.pdf"), "refused"],
      [
        "lone surrogate (its code unit's bytes)",
        Buffer.concat([Buffer.from("证明"), Buffer.from([0xed, 0xa0, 0xbd]), Buffer.from(".pdf")]),
        "either",
      ],
      ["U+FFFE", Buffer.from("证明\uFFFE.pdf"), "refused"],
      ["an emoji as the 200th character", Buffer.from(emojiAt200), "whole"],
      ["201 characters", Buffer.from(`a${emojiAt200}`), "refused"],
      ["1 MB", Buffer.from(`${"a".repeat(1024 * 1024)}.pdf`), "refused"],
    ];
    for (const [what, name, expected] of names) {
      const res = await multipart(
        api,
        `/api/ledger/${entryId}/evidence`,
        leadCookie,
        name,
        Buffer.from("%PDF-1.4\n%%EOF\n"),
      );
      const stored =
        res.status === 201 ? ((await res.json()) as { fileName: string }).fileName : null;
      const message = res.status >= 400 ? await messageOf(res) : null;
      const ok =
        res.status < 500 &&
        (stored !== null || !!message) &&
        (expected === "either" ||
          (expected === "refused" ? res.status >= 400 : stored === name.toString("utf8")));
      if (!ok)
        failures.push(
          `evidence file name ${what} → ${res.status} ${message ?? stored ?? "(no message)"}`,
        );
    }
    expect(failures.join("\n")).toBe("");
    // what was stored keeps to the rule: no NUL, no half emoji, no noncharacter
    for (const file of await database.db.evidenceFile.findMany({ select: { fileName: true } }))
      expect(isStorableText(file.fileName), file.fileName).toBe(true);
  }, 120_000);
});

async function signIn(api: Api, email: string): Promise<string> {
  const res = await post(api, "auth.login", "", { email, password: PASSWORD });
  return res.headers.getSetCookie()[0]!.split(";")[0]!;
}

function post(api: Api, path: string, cookie: string, input: unknown) {
  return fetch(`${api.url}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-duban-csrf": "1", cookie },
    body: JSON.stringify({ json: input }),
  });
}

/** A query as GET with its input in the URL, a mutation as POST, both as the web client sends them. */
function call(api: Api, path: string, type: string, cookie: string, input: unknown) {
  if (type === "mutation") return post(api, path, cookie, input);
  return fetch(
    `${api.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
    { headers: { cookie } },
  );
}

/** The refusal's message, from a tRPC error (`error.json.message`) or a plain route's (`error.message`). */
async function messageOf(res: Response): Promise<string | null> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { error?: { message?: string; json?: { message?: string } } };
    return body.error?.json?.message || body.error?.message || null;
  } catch {
    return null;
  }
}

/** A multipart upload with the file name as raw bytes, the way a hostile client can send it. */
function multipart(
  api: Api,
  url: string,
  cookie: string,
  fileName: Buffer,
  file: Buffer,
): Promise<Response> {
  const boundary = "----duban-fuzz-boundary";
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="`),
    fileName,
    Buffer.from(`"\r\nContent-Type: application/pdf\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return fetch(`${api.url}${url}`, {
    method: "POST",
    headers: {
      "content-type": `multipart/form-data; boundary=${boundary}`,
      "x-duban-csrf": "1",
      cookie,
    },
    body,
  });
}
