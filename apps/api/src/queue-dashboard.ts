import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { FastifyAdapter } from "@bull-board/fastify";
import type { Queue } from "bullmq";
import type { FastifyInstance } from "fastify";

import type { Db } from "@duban/db";
import { actorFromSession, isSystemAdmin } from "@duban/domain";

import { SESSION_COOKIE } from "./session-cookie.ts";

export const QUEUE_DASHBOARD_PATH = "/admin/queues";

/**
 * Bull Board for the system administrator (User.systemAdmin, created by `pnpm duban admin create`):
 * queue states, failed jobs, retries. Not for offices: the board can pause the one sending queue
 * every jurisdiction shares and shows every queue's job data, so no jurisdiction role opens it.
 * Every request under the path (pages, assets and the board's own API) passes the check.
 */
export async function queueDashboard(app: FastifyInstance, deps: { db: Db; queues: Queue[] }) {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: deps.queues.map((q) => new BullMQAdapter(q)),
    serverAdapter,
    options: { uiConfig: { boardTitle: "督办 任务队列" } },
  });
  await app.register(async (scope) => {
    scope.addHook("onRequest", async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      const actor = token ? await actorFromSession({ db: deps.db }, { token }) : null;
      if (!actor)
        return reply
          .code(401)
          .type("text/html; charset=utf-8")
          .send("请先登录督办 (sign in to Duban first)");
      if (!isSystemAdmin(actor))
        return reply
          .code(403)
          .type("text/html; charset=utf-8")
          .send("仅限系统管理员 (system administrators only)");
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
  });
}
