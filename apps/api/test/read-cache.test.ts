import { gunzipSync } from "node:zlib";

import { describe, expect } from "vitest";

import { loginAs, outcome, type Client } from "./harness.ts";
import { test } from "./served-world.ts";
import { PASSWORD } from "./world.ts";

// The harness's api runs with the read cache on, as production does. These tests pin down what
// the cache must never do: serve a page from before a committed change, or one person's page to
// someone who sees a different part of the plan, or anything to someone who may not read the plan.
describe("cached plan pages", () => {
  test("a change through the api or straight in the database shows on the next read", async ({
    api,
    world,
    database,
  }) => {
    {
      const office = await loginAs(api, "office@a.test", PASSWORD);
      const lead = await loginAs(api, "lead@a.test", PASSWORD);
      const grid = async () =>
        (await lead.ledger.grid.query({ planId: world.planId })).rows.find(
          (r) => r.taskId === world.t1,
        )!;
      const cellOf = async () => (await grid()).cells.find((c) => c.cycleId === world.cycleId)!;

      const before = await office.overview.completion.query({ planId: world.planId });
      expect(await office.overview.completion.query({ planId: world.planId })).toEqual(before);
      expect((await cellOf()).entryId).toBeNull();
      // through the api: the unit reports; its grid cell and the office's overview follow at once
      await lead.ledger.submit.mutate({
        taskId: world.t1,
        cycleId: world.cycleId,
        progressText: "已完成年度目标的一半",
        percentComplete: 55,
        status: "IN_PROGRESS",
      });
      const cell = await cellOf();
      expect(cell.entryId).not.toBeNull();
      expect(cell.percentComplete).toBe(55);
      const after = await office.overview.completion.query({ planId: world.planId });
      const d1 = (o: typeof after) => o.departments.find((d) => d.departmentId === world.d1.id)!;
      expect(d1(after).ledger?.submitted).toBe((d1(before).ledger?.submitted ?? 0) + 1);

      // straight in the database (a script, another api instance): the triggers raise the version too
      await database.db.$executeRaw`UPDATE "Task" SET progress = 77 WHERE id = ${world.t1}::uuid`;
      expect((await grid()).progress).toBe(77);
      const listed = await office.task.list.query({
        planId: world.planId,
        page: 1,
        pageSize: 50,
      });
      expect(listed.items.find((t) => t.id === world.t1)!.progress).toBe(77);
      await database.db
        .$executeRaw`UPDATE "Department" SET name = '科学技术和大数据局' WHERE id = ${world.d1.id}::uuid`;
      expect(d1(await office.overview.completion.query({ planId: world.planId })).name).toBe(
        "科学技术和大数据局",
      );
      const indicators = await office.indicator.list.query({ planId: world.planId });
      const first = indicators.indicators[0]!;
      await database.db.indicator.update({
        where: { id: first.id },
        data: { name: "全社会研发经费投入强度（修订）" },
      });
      expect(
        (await office.indicator.list.query({ planId: world.planId })).indicators[0]!.name,
      ).toBe("全社会研发经费投入强度（修订）");
    }
  });

  test("each person gets the page of their own part of the plan, and whoever may not read it gets nothing", async ({
    api,
    world,
    database,
  }) => {
    {
      const [lead, support, other, leader, officeB, cityLeader] = (await Promise.all(
        [
          "lead@a.test",
          "support@a.test",
          "other@a.test",
          "leader@a.test",
          "office@b.test",
          "leader@city.test",
        ].map((e) => loginAs(api, e, PASSWORD)),
      )) as [Client, Client, Client, Client, Client, Client];
      const taskIds = async (c: Client) =>
        (await c.task.list.query({ planId: world.planId, page: 1, pageSize: 50 })).items
          .map((t) => t.id)
          .sort();
      // twice each: the second read is the cached one
      for (let i = 0; i < 2; i++) {
        expect(await taskIds(lead)).toEqual([world.t1]);
        expect(await taskIds(support)).toEqual([world.t1]);
        expect(await taskIds(other)).toEqual([world.t2]);
        expect(await taskIds(leader)).toEqual([world.t1, world.t2].sort());
        expect(await taskIds(cityLeader)).toEqual([world.t1, world.t2].sort());
        expect(
          (await support.ledger.grid.query({ planId: world.planId })).rows.map((r) => [
            r.taskId,
            r.departmentId,
            r.role,
          ]),
        ).toEqual([[world.t1, world.d2.id, "support"]]);
        expect(
          (await other.overview.completion.query({ planId: world.planId })).departments.map(
            (d) => d.departmentId,
          ),
        ).toEqual([world.d3.id]);
        expect((await leader.indicator.list.query({ planId: world.planId })).access).toBe("read");
        for (const call of [
          () => officeB.overview.completion.query({ planId: world.planId }),
          () => officeB.ledger.grid.query({ planId: world.planId }),
          () => officeB.task.list.query({ planId: world.planId, page: 1, pageSize: 50 }),
          () => officeB.indicator.list.query({ planId: world.planId }),
        ])
          expect(await outcome(call)).toBe("NOT_FOUND");
      }
      // a unit moved to another department sees the other department's page at once
      await database.db.membership.updateMany({
        where: { user: { email: "other@a.test" } },
        data: { departmentId: world.d1.id },
      });
      expect(await taskIds(other)).toEqual([world.t1]);
    }
  });

  test("dates travel as dates through a cached page", async ({ api, world }) => {
    {
      const office = await loginAs(api, "office@a.test", PASSWORD);
      for (let i = 0; i < 2; i++) {
        const grid = await office.ledger.grid.query({ planId: world.planId });
        expect(grid.cycles[0]!.dueAt).toBeInstanceOf(Date);
        const listed = await office.task.list.query({
          planId: world.planId,
          page: 1,
          pageSize: 50,
        });
        expect(listed.items[0]!.updatedAt).toBeInstanceOf(Date);
      }
    }
  });

  test("answers travel whole: small ones as they are, large ones gzipped, both with their length", async ({
    api,
    world,
  }) => {
    const headers: Record<string, string> = {
      "x-duban-csrf": "1",
      "content-type": "application/json",
      "accept-encoding": "gzip",
    };
    const login = await fetch(`${api.url}/trpc/auth.login`, {
      method: "POST",
      headers,
      body: JSON.stringify({ json: { email: "office@a.test", password: PASSWORD } }),
    });
    headers.cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(";")[0]!)
      .find((c) => c.startsWith("duban_session="))!;
    const get = async (path: string, input: unknown) => {
      // node's fetch would decompress by itself: read the raw bytes through node:http instead
      const { request } = await import("node:http");
      return new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>(
        (resolve, reject) => {
          const req = request(
            `${api.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
            { headers },
            (res) => {
              const chunks: Buffer[] = [];
              res.on("data", (c: Buffer) => chunks.push(c));
              res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
            },
          );
          req.on("error", reject);
          req.end();
        },
      );
    };
    const small = await get("auth.me", null);
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(Number(small.headers["content-length"])).toBe(small.body.length);
    expect(JSON.parse(small.body.toString()).result.data.json.email).toBe("office@a.test");
    const large = await get("indicator.list", { planId: world.planId });
    expect(large.headers["content-encoding"]).toBe("gzip");
    expect(Number(large.headers["content-length"])).toBe(large.body.length);
    const text = gunzipSync(large.body).toString();
    expect(text.length).toBeGreaterThan(large.body.length * 2);
    expect(JSON.parse(text).result.data.json.indicators.length).toBeGreaterThan(0);
    // the second time from the gzip kept with the page: the same bytes
    const again = await get("indicator.list", { planId: world.planId });
    expect(again.body.equals(large.body)).toBe(true);
    // as the web app asks: two pages and a mistake in one batch, each answer in its place
    const batch = await new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
      const input = encodeURIComponent(
        JSON.stringify({
          0: { json: { planId: world.planId } },
          1: { json: { planId: world.planId, page: 1, pageSize: 50 } },
          2: { json: { planId: "not-a-plan" } },
        }),
      );
      import("node:http").then(({ request }) => {
        const req = request(
          `${api.url}/trpc/indicator.list,task.list,overview.completion?batch=1&input=${input}`,
          { headers },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () =>
              resolve({
                status: res.statusCode ?? 0,
                body:
                  res.headers["content-encoding"] === "gzip"
                    ? gunzipSync(Buffer.concat(chunks))
                    : Buffer.concat(chunks),
              }),
            );
          },
        );
        req.on("error", reject);
        req.end();
      }, reject);
    });
    const answers = JSON.parse(batch.body.toString()) as Array<{
      result?: { data: { json: Record<string, unknown[]> } };
      error?: { json: { data: { code: string } } };
    }>;
    expect(answers[0]!.result!.data.json.indicators).toEqual(
      JSON.parse(text).result.data.json.indicators,
    );
    expect(answers[1]!.result!.data.json.items!.length).toBeGreaterThan(0);
    expect(answers[2]!.error!.json.data.code).toBe("BAD_REQUEST");
    expect(batch.body.toString()).not.toContain("duban-read-cache");
  });
});
