import { afterAll, describe, expect } from "vitest";
import { test } from "@duban/test-utils";
import { loginAs, startApi, type Api } from "./harness.ts";
import { buildWorld, PASSWORD } from "./world.ts";

describe("operations endpoints", () => {
  let api: Api;
  afterAll(async () => api?.close());

  test("/metrics exposes request latency per procedure and email outcomes in Prometheus format", async ({ database, redis }) => {
    api = await startApi(database, redis);
    await buildWorld(database.db);
    await database.db.notification.createMany({ data: [
      { kind: "k", recipientEmail: "a@x.test", dedupeKey: "m1", subject: "s", payload: {}, state: "SENT" },
      { kind: "k", recipientEmail: "a@x.test", dedupeKey: "m2", subject: "s", payload: {}, state: "FAILED" },
    ] });
    const office = await loginAs(api, "office@a.test", PASSWORD);
    await office.plan.list.query({});
    const res = await fetch(`${api.url}/metrics`);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toMatch(/duban_http_request_duration_seconds_count\{route="trpc:plan\.list",method="GET",status="200"\} 1/);
    expect(text).toMatch(/duban_http_request_duration_seconds_count\{route="trpc:auth\.login",method="POST",status="200"\} 1/);
    expect(text).toContain('duban_notifications{state="SENT"} 1');
    expect(text).toContain('duban_notifications{state="FAILED"} 1');
    expect(text).toContain("duban_api_process_resident_memory_bytes");
  });

  test("every response carries a request id; /healthz and /readyz report their checks", async () => {
    const res = await fetch(`${api.url}/readyz`);
    expect(res.headers.get("x-request-id")).toMatch(/^[\w-]{8,}$/);
    const body = (await res.json()) as { ready: boolean; database: { ok: boolean } };
    expect(body).toMatchObject({ ready: true, database: { ok: true } });
    // no worker runs in this test: the product's health says so
    const health = await fetch(`${api.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: "degraded", worker: { ok: false } });
  });
});
