// What the cascade's forms pick from (issue #19): child jurisdictions and their plans, own plans
// and units.
import type { z } from "zod";

import { assertOffice } from "../access.ts";
import type { DomainContext } from "../context.ts";
import type { ZCascadeOptionsInput } from "../schemas/cascade.ts";

/**
 * For the office of `jurisdictionId` (FORBIDDEN otherwise): `{ children: [{ id, name, kind,
 * plans: [{ id, title }] (active) }], plans: [{ id, title }] (own active plans), units: [{ id,
 * name, shortName, kind (DEPARTMENT | TOWN) }] (own active units, towns included) }` — the direct
 * child jurisdictions to assign to, and what a decomposition or a breakdown may use.
 */
export async function cascadeOptions(
  { db, actor }: DomainContext,
  input: z.infer<typeof ZCascadeOptionsInput>,
) {
  assertOffice(actor, input.jurisdictionId);
  const [children, plans, units] = await Promise.all([
    db.jurisdiction.findMany({
      where: { parentId: input.jurisdictionId },
      orderBy: { name: "asc" },
      select: {
        id: true,
        name: true,
        kind: true,
        plans: {
          where: { status: "ACTIVE" },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: { id: true, title: true },
        },
      },
    }),
    db.plan.findMany({
      where: { jurisdictionId: input.jurisdictionId, status: "ACTIVE" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, title: true },
    }),
    db.department.findMany({
      where: { jurisdictionId: input.jurisdictionId, active: true },
      orderBy: [{ kind: "asc" }, { name: "asc" }],
      select: { id: true, name: true, shortName: true, kind: true },
    }),
  ]);
  return { children, plans, units };
}
