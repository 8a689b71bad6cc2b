import type { z } from "zod";

import type { DbOrTx } from "@duban/db";

import { assertCanRead, assertOffice } from "../access.ts";
import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import type { DomainContext } from "../context.ts";
import { invalid, notFound, staleVersion } from "../errors.ts";
import type {
  ZCreateDistrictInput,
  ZListDistrictsInput,
  ZUpdateDistrictInput,
} from "../schemas/cascade.ts";

const districtSelect = {
  id: true,
  jurisdictionId: true,
  name: true,
  order: true,
  departmentId: true,
  childJurisdictionId: true,
  active: true,
  version: true,
  department: { select: { id: true, name: true } },
  childJurisdiction: { select: { id: true, name: true } },
} as const;

/**
 * The 片区 of a jurisdiction in display order (retired ones too, flagged `active: false`), each with
 * its town unit and child jurisdiction, and how many indicators it is monitored for. Anyone who
 * reads the jurisdiction (visibility.ts) sees them; NOT_FOUND otherwise.
 */
export async function listDistricts(
  { db, actor }: DomainContext,
  { jurisdictionId }: z.infer<typeof ZListDistrictsInput>,
) {
  await assertCanRead(db, actor, jurisdictionId, ["辖区", "jurisdiction"]);
  const rows = await db.district.findMany({
    where: { jurisdictionId },
    orderBy: [{ order: "asc" }, { name: "asc" }],
    select: { ...districtSelect, _count: { select: { indicators: true } } },
  });
  return rows.map(({ _count, ...d }) => ({ ...d, indicatorCount: _count.indicators }));
}

/** A town unit of the jurisdiction and a direct child jurisdiction, or INVALID naming the field. */
async function assertLinks(
  db: DbOrTx,
  jurisdictionId: string,
  links: { departmentId?: string | null; childJurisdictionId?: string | null },
) {
  if (
    links.departmentId &&
    !(await db.department.count({ where: { id: links.departmentId, jurisdictionId } }))
  )
    throw invalid("所选单位不属于本级", "the unit is not in this jurisdiction", "departmentId");
  if (
    links.childJurisdictionId &&
    !(await db.jurisdiction.count({
      where: { id: links.childJurisdictionId, parentId: jurisdictionId },
    }))
  )
    throw invalid(
      "所选辖区不是本级的下级辖区",
      "the jurisdiction is not directly below this one",
      "childJurisdictionId",
    );
}

async function assertNameFree(db: DbOrTx, jurisdictionId: string, name: string, except?: string) {
  const same = await db.district.findFirst({
    where: { jurisdictionId, name, ...(except ? { id: { not: except } } : {}) },
    select: { id: true },
  });
  if (same) throw duplicateName(name);
}
const duplicateName = (name: string) =>
  invalid(
    `本级已有名为“${name}”的片区`,
    `this jurisdiction already has a district named “${name}”`,
    "name",
  );
const isUnique = (e: unknown) => (e as { code?: string }).code === "P2002";

/**
 * 新建片区: the office of the jurisdiction adds a 片区, optionally linked to its town unit
 * (乡镇/街道, which then enters the 片区's values by default) or, for a city, to a county below it.
 * Errors: NOT_FOUND (jurisdiction not visible), FORBIDDEN (not its office), INVALID (a name
 * already used in the jurisdiction, a unit of another jurisdiction, a jurisdiction not directly below).
 * Audit `district.create`.
 */
export async function createDistrict(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZCreateDistrictInput>,
) {
  await assertCanRead(db, actor, input.jurisdictionId, ["辖区", "jurisdiction"]);
  assertOffice(actor, input.jurisdictionId);
  await assertLinks(db, input.jurisdictionId, input);
  await assertNameFree(db, input.jurisdictionId, input.name);
  try {
    return await db.$transaction(async (tx) => {
      const district = await tx.district.create({ data: input, select: districtSelect });
      await recordAudit(tx, actor, {
        action: "district.create",
        entityType: "District",
        entityId: district.id,
        jurisdictionId: input.jurisdictionId,
        after: input,
        requestId,
      });
      return district;
    });
  } catch (e) {
    // two offices creating the same name at once: the unique index decides
    if (isUnique(e)) throw duplicateName(input.name);
    throw e;
  }
}

/** A 片区 the actor may read, else NOT_FOUND. */
export async function readableDistrict(db: DbOrTx, actor: Actor, districtId: string) {
  const district = await db.district.findUnique({ where: { id: districtId } });
  if (!district) throw notFound("片区", "district");
  await assertCanRead(db, actor, district.jurisdictionId, ["片区", "district"]);
  return district;
}

/**
 * 修改片区: rename, reorder, relink, retire (`active: false`: its values stay and count where
 * reported, it takes no new ones) or bring back. Optimistic locking on `version` (CONFLICT when
 * stale). Errors as createDistrict; NOT_FOUND for a 片区 the actor cannot read.
 * Audit `district.update` (or `district.retire` / `district.reactivate`).
 */
export async function updateDistrict(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZUpdateDistrictInput>,
) {
  const district = await readableDistrict(db, actor, input.districtId);
  assertOffice(actor, district.jurisdictionId);
  await assertLinks(db, district.jurisdictionId, input);
  if (input.name !== undefined && input.name !== district.name)
    await assertNameFree(db, district.jurisdictionId, input.name, district.id);
  const { districtId, version, ...data } = input;
  const action =
    data.active === false && district.active
      ? "district.retire"
      : data.active === true && !district.active
        ? "district.reactivate"
        : "district.update";
  try {
    return await db.$transaction(async (tx) => {
      const done = await tx.district.updateMany({
        where: { id: districtId, version },
        data: { ...data, version: { increment: 1 } },
      });
      if (done.count === 0) throw staleVersion("片区", "district", district.version);
      await recordAudit(tx, actor, {
        action,
        entityType: "District",
        entityId: districtId,
        jurisdictionId: district.jurisdictionId,
        before: district,
        after: data,
        requestId,
      });
      return tx.district.findUniqueOrThrow({ where: { id: districtId }, select: districtSelect });
    });
  } catch (e) {
    if (isUnique(e)) throw duplicateName(input.name ?? district.name);
    throw e;
  }
}
