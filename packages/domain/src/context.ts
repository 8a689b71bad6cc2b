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

/**
 * The same without an actor: before anyone is signed in (login, password reset, the session
 * lookup) or for work done for no one in particular (the demo loader, the audit-chain check).
 */
export type ActorlessContext = Omit<DomainContext, "actor">;
