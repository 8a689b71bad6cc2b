import type { z } from "zod";

import type { Tx } from "@duban/db";
import { isCollectiveUnit, matchUnit } from "@duban/plan-parser/units";

import { assertCanRead, assertOffice } from "../access.ts";
import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import type { DomainContext } from "../context.ts";
import { conflict, invalid, notFound } from "../errors.ts";
import type {
  ZAddDepartmentAliasInput,
  ZConfirmUnitMatchesInput,
  ZJurisdictionIdInput,
  ZRemoveDepartmentAliasInput,
} from "../schemas/admin.ts";

export type DepartmentAliasItem = {
  id: string;
  departmentId: string;
  departmentName: string;
  alias: string;
  createdAt: Date;
};

/** A written name as stored and compared: without spaces (matchUnit compares the same way). */
const compact = (s: string) => s.replace(/[\s\u3000]+/gu, "");

/** The office of the jurisdiction only: NOT_FOUND for one the actor cannot see, FORBIDDEN for one it only reads. */
async function assertOfficeOf(db: DomainContext["db"], actor: Actor, jurisdictionId: string) {
  await assertCanRead(db, actor, jurisdictionId, ["行政区", "jurisdiction"]);
  assertOffice(actor, jurisdictionId);
}

type Unit = { id: string; name: string; shortName: string | null; active: boolean };
type AliasRow = { id: string; alias: string; departmentId: string };

/** The directory as matchUnit reads it: active units with their aliases. */
const entriesOf = (units: readonly Unit[], aliases: readonly AliasRow[]) =>
  units
    .filter((u) => u.active)
    .map((u) => ({
      name: u.name,
      shortName: u.shortName ?? undefined,
      aliases: aliases.filter((a) => a.departmentId === u.id).map((a) => a.alias),
    }));

/**
 * Refuses a name that cannot be an alias: a collective name (各乡镇: many units, never one), or
 * the name or short name of another unit (matchUnit compares those first, so the alias would
 * never be used and the two units would be confused).
 */
function assertAliasUsable(alias: string, unit: Unit, units: readonly Unit[]) {
  if (isCollectiveUnit(alias))
    throw invalid(
      `“${alias}”指多个单位，不能作为某一单位的别名`,
      `"${alias}" names many units and cannot be one unit's alias`,
      "alias",
    );
  const other = units.find(
    (u) => u.id !== unit.id && (compact(u.name) === alias || compact(u.shortName ?? "") === alias),
  );
  if (other)
    throw conflict(
      `“${alias}”是单位“${other.name}”的名称或简称`,
      `"${alias}" is the name or short name of the unit ${other.name}`,
    );
}

/** Saves `alias` for `unit` (an existing alias of the name moves to it), with its audit event. */
async function saveAlias(
  tx: Tx,
  actor: Actor,
  requestId: string | undefined,
  jurisdictionId: string,
  unit: Unit,
  alias: string,
  aliases: AliasRow[],
): Promise<AliasRow> {
  const existing = aliases.find((a) => a.alias === alias);
  if (existing?.departmentId === unit.id) return existing;
  if (existing) {
    await tx.departmentAlias.update({
      where: { id: existing.id },
      data: { departmentId: unit.id },
    });
    await recordAudit(tx, actor, {
      action: "departmentAlias.update",
      entityType: "DepartmentAlias",
      entityId: existing.id,
      jurisdictionId,
      before: { alias, departmentId: existing.departmentId },
      after: { alias, departmentId: unit.id },
      requestId,
    });
    existing.departmentId = unit.id;
    return existing;
  }
  const row = await tx.departmentAlias.create({
    data: {
      jurisdictionId,
      departmentId: unit.id,
      alias,
      createdById: actor.kind === "user" ? actor.userId : null,
    },
  });
  await recordAudit(tx, actor, {
    action: "departmentAlias.create",
    entityType: "DepartmentAlias",
    entityId: row.id,
    jurisdictionId,
    after: { alias, departmentId: unit.id, departmentName: unit.name },
    requestId,
  });
  aliases.push(row);
  return row;
}

/** The jurisdiction's alias table (office only), by unit name then alias. */
export async function listDepartmentAliases(
  { db, actor }: DomainContext,
  { jurisdictionId }: z.infer<typeof ZJurisdictionIdInput>,
): Promise<DepartmentAliasItem[]> {
  await assertOfficeOf(db, actor, jurisdictionId);
  const rows = await db.departmentAlias.findMany({
    where: { jurisdictionId },
    include: { department: { select: { name: true } } },
    orderBy: [{ department: { name: "asc" } }, { alias: "asc" }],
  });
  return rows.map((r) => ({
    id: r.id,
    departmentId: r.departmentId,
    departmentName: r.department.name,
    alias: r.alias,
    createdAt: r.createdAt,
  }));
}

/**
 * Adds another written form of a unit's name (office only). Refused: a collective name, another
 * unit's name or short name (CONFLICT), an alias already used in the jurisdiction (CONFLICT), an
 * inactive unit. NOT_FOUND for a unit the actor cannot see.
 */
export async function addDepartmentAlias(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZAddDepartmentAliasInput>,
): Promise<DepartmentAliasItem> {
  const unit = await db.department.findUnique({ where: { id: input.departmentId } });
  if (!unit) throw notFound("单位", "department");
  await assertOfficeOf(db, actor, unit.jurisdictionId);
  if (!unit.active) throw invalid("单位已停用", "the unit is inactive", "departmentId");
  const alias = compact(input.alias);
  const units = await db.department.findMany({ where: { jurisdictionId: unit.jurisdictionId } });
  assertAliasUsable(alias, unit, units);
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.departmentAlias.create({
        data: {
          jurisdictionId: unit.jurisdictionId,
          departmentId: unit.id,
          alias,
          createdById: actor.kind === "user" ? actor.userId : null,
        },
      });
      await recordAudit(tx, actor, {
        action: "departmentAlias.create",
        entityType: "DepartmentAlias",
        entityId: row.id,
        jurisdictionId: unit.jurisdictionId,
        after: { alias, departmentId: unit.id, departmentName: unit.name },
        requestId,
      });
      return { ...row, departmentName: unit.name };
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002")
      throw conflict(`别名“${alias}”已在使用`, `the alias "${alias}" is already in use`);
    throw error;
  }
}

/** Removes an alias (office only); written names it matched become proposed units again. */
export async function removeDepartmentAlias(
  { db, actor, requestId }: DomainContext,
  { aliasId }: z.infer<typeof ZRemoveDepartmentAliasInput>,
): Promise<{ ok: true }> {
  const row = await db.departmentAlias.findUnique({ where: { id: aliasId } });
  if (!row) throw notFound("单位别名", "unit alias");
  await assertOfficeOf(db, actor, row.jurisdictionId);
  await db.$transaction(async (tx) => {
    const deleted = await tx.departmentAlias.deleteMany({ where: { id: aliasId } });
    if (deleted.count === 0) throw notFound("单位别名", "unit alias");
    await recordAudit(tx, actor, {
      action: "departmentAlias.delete",
      entityType: "DepartmentAlias",
      entityId: aliasId,
      jurisdictionId: row.jurisdictionId,
      before: { alias: row.alias, departmentId: row.departmentId },
      requestId,
    });
  });
  return { ok: true };
}

export type UnitMatchResult = {
  written: string;
  departmentId: string;
  /** a new unit was created for the written name */
  created: boolean;
  /** the written form was saved as an alias (it did not match the unit by itself) */
  aliasSaved: boolean;
};

/**
 * The import wizard's 确认单位匹配, all or nothing in one transaction (office only): each written
 * name either stands for an existing active unit of the jurisdiction (`map`: the written form is
 * saved as its alias unless it already matches the unit, see matchUnit) or becomes a new unit
 * (`create`: then aliased when the written form differs from the new name). An alias the name
 * had for another unit moves to the chosen one: the office's confirmation is the newer word.
 * Every unit and alias written has its audit event. Refused: a collective name (各乡镇), a name
 * listed twice, a unit of another jurisdiction or inactive, a new name that exists (CONFLICT).
 */
export async function confirmUnitMatches(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZConfirmUnitMatchesInput>,
): Promise<UnitMatchResult[]> {
  const { jurisdictionId } = input;
  await assertOfficeOf(db, actor, jurisdictionId);
  const seen = new Set<string>();
  for (const m of input.matches) {
    const written = compact(m.written);
    if (seen.has(written))
      throw invalid(`“${written}”出现了两次`, `"${written}" is listed twice`, "written");
    seen.add(written);
    if (isCollectiveUnit(written))
      throw invalid(
        `“${written}”指多个单位，不能对应为某一单位`,
        `"${written}" names many units, not one`,
        "written",
      );
  }
  try {
    return await db.$transaction(async (tx) => {
      const units: Unit[] = await tx.department.findMany({
        where: { jurisdictionId },
        select: { id: true, name: true, shortName: true, active: true },
      });
      const aliases: AliasRow[] = await tx.departmentAlias.findMany({ where: { jurisdictionId } });
      const results: UnitMatchResult[] = [];
      for (const m of input.matches) {
        const written = compact(m.written);
        let unit: Unit;
        if (m.action === "map") {
          const found = units.find((u) => u.id === m.departmentId);
          if (!found || !found.active)
            throw invalid(
              `“${written}”：所选单位不属于本级或已停用`,
              `"${written}": the unit chosen is not an active unit of this jurisdiction`,
              "departmentId",
            );
          unit = found;
        } else {
          if (units.some((u) => u.name === m.name))
            throw conflict(`已有同名单位“${m.name}”`, `a unit named ${m.name} exists`);
          const created = await tx.department.create({
            data: { jurisdictionId, name: m.name, shortName: m.shortName || null },
            select: { id: true, name: true, shortName: true, active: true },
          });
          await recordAudit(tx, actor, {
            action: "department.create",
            entityType: "Department",
            entityId: created.id,
            jurisdictionId,
            after: { name: m.name, shortName: m.shortName ?? null, written },
            requestId,
          });
          units.push(created);
          unit = created;
        }
        const already = matchUnit(written, entriesOf(units, aliases));
        let aliasSaved = false;
        if (already?.name !== unit.name) {
          assertAliasUsable(written, unit, units);
          await saveAlias(tx, actor, requestId, jurisdictionId, unit, written, aliases);
          aliasSaved = true;
        }
        results.push({
          written: m.written,
          departmentId: unit.id,
          created: m.action === "create",
          aliasSaved,
        });
      }
      return results;
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002")
      throw conflict(
        "单位或别名已被他人同时创建，请刷新后重试",
        "a unit or alias was created by someone else at the same time: reload and retry",
      );
    throw error;
  }
}
