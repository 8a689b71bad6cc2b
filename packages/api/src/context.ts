import type { Redis } from "ioredis";

import type { Db } from "@duban/db";
import type { Actor } from "@duban/domain";
import type { JobQueues, RunNow } from "@duban/jobs";
import type { Logger } from "@duban/logger";

import type { CachedAnswers } from "./read-cache.ts";

/** What the HTTP host provides for each request; routers see nothing of HTTP beyond this. */
export type Context = {
  db: Db;
  redis: Redis;
  log: Logger;
  requestId: string;
  actor: Extract<Actor, { kind: "user" }> | null;
  sessionToken: string | null;
  ip: string;
  userAgent: string;
  /** the public URL of the web app, for links in emails */
  baseUrl: string;
  /** this request's view of the host's cache of plan pages (see read-cache.ts); absent, every read is computed */
  readCache?: CachedAnswers;
  setSessionCookie: (token: string, expiresAt: Date) => void;
  /**
   * The unified identity provider (统一身份认证, OIDC) when the host configured one: its display
   * name, and where the browser goes after sign-out (the provider's end_session_endpoint with this
   * browser's ID token), or null when the provider has none or this session did not come from it.
   */
  oidc?: { name: string; nameEn: string; endSessionUrl: () => Promise<string | null> };
  clearSessionCookie: () => void;
  /**
   * Whether the deployment has an SMS gateway (DUBAN_SMS_URL, which the worker sends through):
   * without one a verification code could never arrive, so none is promised. Absent: none.
   */
  smsGateway?: boolean;
  /** the host's job queues (for next scheduled runs); absent in hosts without Redis queues */
  jobQueues?: JobQueues;
  /** the job catalog's "run now" (createJobRunner), provided by the host; absent, jobs.runNow refuses */
  runJobNow?: (...args: Parameters<RunNow>) => ReturnType<RunNow>;
};
