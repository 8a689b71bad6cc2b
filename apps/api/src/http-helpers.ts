import type { FastifyReply, FastifyRequest } from "fastify";

import { domainErrorStatus } from "@duban/api";
import type { Db } from "@duban/db";
import { actorFromSession, asDomainError } from "@duban/domain";

import { SESSION_COOKIE } from "./session-cookie.ts";

export type SessionActor = NonNullable<Awaited<ReturnType<typeof actorFromSession>>>;

/** The signed-in actor of a plain route, or a 401 already sent (then null). */
export async function requireActor(
  db: Db,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<SessionActor | null> {
  const token = req.cookies[SESSION_COOKIE];
  const actor = token ? await actorFromSession({ db }, { token }) : null;
  if (!actor)
    void reply
      .code(domainErrorStatus.UNAUTHENTICATED.http)
      .send({ error: { code: "UNAUTHENTICATED", message: "请先登录 (please sign in)" } });
  return actor;
}

/**
 * Sends a domain error as JSON with its status (domainErrorStatus, the map tRPC uses too) — a
 * racing write's constraint conflict counts as one (409, see conflictFromDatabase); anything else
 * is rethrown (a logged 500).
 */
export function sendDomainError(reply: FastifyReply, error: unknown) {
  const domain = asDomainError(error);
  if (domain)
    return reply
      .code(domainErrorStatus[domain.code].http)
      .send({ error: { code: domain.code, message: domain.message, messageEn: domain.messageEn } });
  throw error;
}
