import type { FastifyInstance } from "fastify";

import type { Db } from "@duban/db";
import { addChangeRequestEvidence, changeRequestEvidenceTarget } from "@duban/domain";

import { evidenceUploadRoute } from "./evidence-upload.ts";

/**
 * Evidence for a change request (调整申请, issue #17 step 2): POST /api/change-requests/:requestId/evidence,
 * multipart, one file (evidenceUploadRoute): only the requesting unit, only while the request is
 * PENDING (changeRequestEvidenceTarget).
 */
export async function changeRequestRoutes(
  app: FastifyInstance,
  deps: { db: Db; storageDir: string },
) {
  evidenceUploadRoute(app, deps, {
    path: "/api/change-requests/:requestId/evidence",
    authorize: (ctx, requestId) => changeRequestEvidenceTarget(ctx, { requestId }),
    add: (ctx, { id, ...file }) => addChangeRequestEvidence(ctx, { requestId: id, ...file }),
  });
}
