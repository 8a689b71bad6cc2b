import type { z } from "zod";

import { assertOffice } from "../access.ts";
import type { DomainContext } from "../context.ts";
import type { ZListPublicationsInput } from "../schemas/assessment.ts";
import { scorePeriodLabel } from "./bulletin-text.ts";

/**
 * The published score periods a bulletin can be drafted from (office of the jurisdiction;
 * FORBIDDEN otherwise): the current publication of each period (superseded ones left out), newest
 * first, with how many bulletins each already has.
 */
export async function bulletinSources(
  { db, actor }: DomainContext,
  { jurisdictionId, year }: z.infer<typeof ZListPublicationsInput>,
) {
  assertOffice(actor, jurisdictionId);
  const rows = await db.scorePublication.findMany({
    where: {
      jurisdictionId,
      supersededAt: null,
      ...(year ? { period: { startsWith: String(year) } } : {}),
    },
    select: { id: true, period: true, publishedAt: true, _count: { select: { bulletins: true } } },
    orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
  });
  return rows.map((r) => ({
    id: r.id,
    period: r.period,
    periodLabel: scorePeriodLabel(r.period),
    publishedAt: r.publishedAt,
    bulletins: r._count.bulletins,
  }));
}
