import type { z } from "zod";

import { assertSystem } from "../access.ts";
import type { DomainContext } from "../context.ts";
import { DomainError } from "../errors.ts";
import type { ZJurisdictionByNameInput } from "../schemas/admin.ts";

/**
 * The jurisdiction of this name; with `createAs`, created when there is none. For the system
 * only (the CLI: whoever runs it controls the server): it sees every jurisdiction, so a signed-in
 * user is refused (FORBIDDEN). An unknown name without `createAs` is NOT_FOUND, with the known
 * names in `details.known` so the caller can list them.
 */
export async function jurisdictionByName(
  { db, actor }: DomainContext,
  input: z.infer<typeof ZJurisdictionByNameInput>,
) {
  assertSystem(actor, [
    "只有系统可以按名称查找或新建行政区",
    "only the system finds or creates a jurisdiction by name",
  ]);
  const existing = await db.jurisdiction.findUnique({ where: { name: input.name } });
  if (existing) return existing;
  if (input.createAs) {
    try {
      return await db.jurisdiction.create({ data: { name: input.name, kind: input.createAs } });
    } catch (error) {
      // created at the same moment by another command: theirs stands
      if ((error as { code?: string }).code !== "P2002") throw error;
      return db.jurisdiction.findUniqueOrThrow({ where: { name: input.name } });
    }
  }
  const known = (
    await db.jurisdiction.findMany({
      select: { name: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    })
  ).map((j) => j.name);
  throw new DomainError(
    "NOT_FOUND",
    `找不到行政区“${input.name}”`,
    `no jurisdiction named ${input.name}`,
    "name",
    { known },
  );
}
