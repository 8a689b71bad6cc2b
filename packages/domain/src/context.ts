import type { Db } from "@duban/db";

import type { Actor } from "./actor.ts";

/**
 * What every domain command and query takes first: the database client, who acts, the request it
 * serves (for the audit trail) and, where a rule reads the clock, the time (tests pin it). The
 * second argument is the command's input, one object typed from its zod schema in `schemas/`.
 * tRPC's context fits as it is: routers pass `ctx` through.
 */
export type DomainContext = {
  db: Db;
  actor: Actor;
  requestId?: string;
  now?: Date;
};

/** Before anyone is signed in (login, password reset): the same context without an actor. */
export type AnonymousContext = Omit<DomainContext, "actor">;
