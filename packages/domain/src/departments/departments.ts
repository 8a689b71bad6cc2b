import type { z } from "zod";

import { assertCanRead, assertOffice, isOffice } from "../access.ts";
import { recordAudit } from "../audit.ts";
import type { DomainContext } from "../context.ts";
import { conflict, notFound } from "../errors.ts";
import type {
  ZDepartmentInput,
  ZJurisdictionIdInput,
  ZUpdateDepartmentInput,
} from "../schemas/admin.ts";
import { assertNoOpenTasks } from "./deactivation.ts";

/** What everyone who reads a jurisdiction sees of its units: enough to name and choose them. */
const UNIT_SUMMARY = {
  id: true,
  jurisdictionId: true,
  name: true,
  shortName: true,
  active: true,
} as const;

export type DepartmentListItem = {
  id: string;
  jurisdictionId: string;
  name: string;
  shortName: string | null;
  active: boolean;
} & Partial<{ contactEmails: string[]; keywords: string[]; createdAt: Date; updatedAt: Date }>;

/**
 * The units of a jurisdiction, by name. Anyone who reads the jurisdiction gets each unit's id,
 * name, short name and whether it is active (the filters and pickers of every page need them);
 * only the office of that jurisdiction, which manages them, also gets the contact addresses
 * (personal data: the people who receive the unit's reminders) and the importer's keywords.
 */
export async function listDepartments(
  { db, actor }: DomainContext,
  { jurisdictionId }: z.infer<typeof ZJurisdictionIdInput>,
): Promise<DepartmentListItem[]> {
  await assertCanRead(db, actor, jurisdictionId, ["行政区", "jurisdiction"]);
  if (isOffice(actor, jurisdictionId))
    return db.department.findMany({ where: { jurisdictionId }, orderBy: { name: "asc" } });
  return db.department.findMany({
    where: { jurisdictionId },
    orderBy: { name: "asc" },
    select: UNIT_SUMMARY,
  });
}

export async function createDepartment(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZDepartmentInput>,
) {
  assertOffice(actor, input.jurisdictionId);
  try {
    return await db.$transaction(async (tx) => {
      const d = await tx.department.create({
        data: {
          jurisdictionId: input.jurisdictionId,
          name: input.name,
          shortName: input.shortName || null,
          contactEmails: input.contactEmails,
          keywords: input.keywords,
        },
      });
      await recordAudit(tx, actor, {
        action: "department.create",
        entityType: "Department",
        entityId: d.id,
        jurisdictionId: input.jurisdictionId,
        after: input,
        requestId,
      });
      return d;
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002")
      throw conflict("已有同名单位", "a department with this name exists");
    throw error;
  }
}

/** The office edits a unit; deactivating one that still has open tasks is refused (deactivation.ts). */
export async function updateDepartment(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZUpdateDepartmentInput>,
) {
  const before = await db.department.findUnique({ where: { id: input.departmentId } });
  if (!before) throw notFound("单位", "department");
  assertOffice(actor, before.jurisdictionId);
  const { departmentId, ...data } = input;
  try {
    return await db.$transaction(async (tx) => {
      if (input.active === false && before.active) await assertNoOpenTasks(tx, before);
      const d = await tx.department.update({ where: { id: departmentId }, data });
      await recordAudit(tx, actor, {
        action: "department.update",
        entityType: "Department",
        entityId: d.id,
        jurisdictionId: d.jurisdictionId,
        before,
        after: data,
        requestId,
      });
      return d;
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002")
      throw conflict("已有同名单位", "a department with this name exists");
    throw error;
  }
}
