import { randomBytes } from "node:crypto";

import type { Redis } from "ioredis";

import type { Db } from "@duban/db";
import { createLogger } from "@duban/logger";

import type { Context } from "../src/context.ts";
import type { CachedAnswers } from "../src/read-cache.ts";

const uniq = () => randomBytes(4).toString("hex");

/** A request's context as the HTTP host builds it, on the test's real database and Redis. */
export function requestContext(
  services: { db: Db; redis: Redis },
  options: { actor?: Context["actor"]; readCache?: CachedAnswers } = {},
): Context {
  return {
    db: services.db,
    redis: services.redis,
    log: createLogger("test", { level: "silent" }),
    requestId: `test-${uniq()}`,
    actor: options.actor ?? null,
    sessionToken: null,
    ip: "127.0.0.1",
    userAgent: "vitest",
    baseUrl: "http://localhost",
    readCache: options.readCache,
    setSessionCookie: () => undefined,
    clearSessionCookie: () => undefined,
  };
}

/** A county with an active plan, and an office user of it (the actor, as sessions make it). */
export async function countyWithPlan(db: Db) {
  const s = uniq();
  const jurisdiction = await db.jurisdiction.create({
    data: { name: `西丰县-${s}`, kind: "COUNTY" },
  });
  const plan = await db.plan.create({
    data: {
      jurisdictionId: jurisdiction.id,
      title: `科技创新规划-${s}`,
      periodStart: 2021,
      periodEnd: 2025,
      status: "ACTIVE",
      sourceFileName: "plan.txt",
      sourceFormat: "txt",
      sourceHash: `hash-${s}`,
      sourceText: "…",
      parserVersion: 1,
      parseResult: {},
    },
  });
  const actor = (jurisdictionId: string): NonNullable<Context["actor"]> => ({
    kind: "user",
    userId: crypto.randomUUID(),
    email: `office-${uniq()}@xf.gov.cn`,
    name: "办公室",
    memberships: [{ jurisdictionId, role: "OFFICE", departmentId: null }],
  });
  return { jurisdiction, plan, office: actor(jurisdiction.id), actorIn: actor };
}
