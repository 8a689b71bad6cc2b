// Written unit names (牵头单位：县科技局) matched to a jurisdiction's directory. Browser-safe and pure:
// the parser, the import wizard and the domain all match with this one rule.
import type { DepartmentDirectoryEntry } from "./types.ts";

/** How a written name found its unit; `prefix` means after dropping a place prefix (`县`, `西丰县`). */
export type UnitMatchHow = "name" | "shortName" | "alias" | "prefix";
export type UnitMatch = { name: string; how: UnitMatchHow };

/**
 * Names that stand for many units at once (`各乡镇（街道）`, `各有关单位`, `各县（市、区）`): never a
 * unit of the directory and never a new unit to create. The cascade decides who they are.
 */
const COLLECTIVE =
  /^(?:各|有关|相关|其他|其它)|^(?:乡镇|街道|乡镇（街道）|乡镇\(街道\))$|各(?:有关|相关)?(?:单位|部门|乡镇|街道)/u;

export const isCollectiveUnit = (written: string): boolean => COLLECTIVE.test(compact(written));

const compact = (s: string) => s.replace(/[\s\u3000]+/gu, "");

/** A place prefix a unit's written name may carry: `县`, `市`, `区`, or a named place such as `西丰县`. */
const PLACE_PREFIX =
  /^(?:[\u4e00-\u9fff]{1,6}?(?:自治县|自治州|县|市|区|州|旗))?(?:中共)?(?:[县市区州])?/u;

const withoutPlace = (name: string): string[] => {
  const out = new Set<string>();
  // both readings: "县科技局" → "科技局"; "西丰县科技局" → "科技局"; and a bare leading 县/市/区
  const m = PLACE_PREFIX.exec(name)?.[0] ?? "";
  if (m && m.length < name.length) out.add(name.slice(m.length));
  if (/^[县市区州]/u.test(name) && name.length > 2) out.add(name.slice(1));
  if (name.startsWith("中共") && name.length > 3) out.add(name.slice(2));
  return [...out].filter((n) => n.length >= 2);
};

/**
 * The directory unit a written name stands for, or null. In order: the unit's full name, its short
 * name, one of its aliases; then the same after dropping a place prefix (`县科技局` → `科技局` =
 * 科学技术局's short name). Exact comparison after removing spaces: never a keyword or a guess, so
 * `县科技局` never becomes 科学技术协会. Collective names (isCollectiveUnit) match nothing.
 */
export const matchUnit = (
  written: string,
  directory: readonly DepartmentDirectoryEntry[],
): UnitMatch | null => {
  const name = compact(written);
  if (!name || isCollectiveUnit(name)) return null;
  const exact = (candidate: string): UnitMatch | null => {
    for (const d of directory)
      if (compact(d.name) === candidate) return { name: d.name, how: "name" };
    for (const d of directory)
      if (d.shortName && compact(d.shortName) === candidate)
        return { name: d.name, how: "shortName" };
    for (const d of directory)
      if (d.aliases?.some((a) => compact(a) === candidate)) return { name: d.name, how: "alias" };
    return null;
  };
  const direct = exact(name);
  if (direct) return direct;
  for (const stripped of withoutPlace(name)) {
    const hit = exact(stripped);
    if (hit) return { name: hit.name, how: hit.how === "alias" ? "alias" : "prefix" };
  }
  return null;
};

/**
 * A list of units as written (`县科技局、县发改局，县财政局及各乡镇`) split into names, in order,
 * without duplicates. Separators: 、，,；;/ and 和/及/与 between names. Brackets stay with the name
 * (`各乡镇（街道）`).
 */
export const splitUnits = (text: string): string[] => {
  const out: string[] = [];
  let depth = 0;
  let current = "";
  const push = () => {
    const name = compact(current).replace(/^(?:和|及|与|以及)/u, "");
    if (name && !out.includes(name)) out.push(name);
    current = "";
  };
  for (const ch of text) {
    if (ch === "（" || ch === "(") depth++;
    if (ch === "）" || ch === ")") depth = Math.max(0, depth - 1);
    if (depth === 0 && /[、，,；;/\n]/u.test(ch)) {
      push();
      continue;
    }
    current += ch;
  }
  push();
  // "县科技局和县财政局": 和/及/与 join two names only when every side ends like a unit, so
  // 人力资源和社会保障局 and 工业和信息化局 stay whole
  return out.flatMap((n) => {
    const parts = n.split(/以及|和|及|与/u);
    return parts.length > 1 && parts.every((p) => UNIT_END.test(p)) ? parts : [n];
  });
};

const UNIT_END =
  /[\u4e00-\u9fff]{1,}(?:局|委|办|部|院|会|中心|公司|所|站|队|厅|馆|社|行|团|政府|街道|镇|乡|处|科)$/u;
