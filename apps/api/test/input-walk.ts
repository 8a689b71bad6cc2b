import { isStorableText } from "@duban/domain/schemas";

/**
 * Walks zod 4 schemas by their definitions (`schema._zod.def`), as tRPC holds them in
 * `procedure._def.inputs`: where the strings of an input are, whether each keeps to the one text
 * rule (packages/domain/src/schemas/common.ts), and a sample input to put hostile text into.
 */

type Def = { type: string; [key: string]: unknown };
type Schema = { _zod: { def: Def }; maxLength?: number | null };
export type Path = Array<string | number>;

const defOf = (s: unknown) => (s as Schema)._zod.def;
const WRAPPERS = new Set([
  "optional",
  "nullable",
  "default",
  "prefault",
  "catch",
  "readonly",
  "nonoptional",
]);
const NO_TEXT = new Set([
  "number",
  "boolean",
  "enum",
  "literal",
  "date",
  "bigint",
  "null",
  "undefined",
  "nan",
  "never",
  "void",
  "transform",
]);

/**
 * A string's place in an input. `unionOptions` says, for each union on the way (by its path),
 * which option holds the string: a sample input must take that option, or the field is not there
 * (zod drops a key the chosen option does not know, and the call would prove nothing).
 */
export type StringLeaf = {
  path: Path;
  schema: Schema;
  key: string;
  unionOptions: ReadonlyMap<string, number>;
};
export type Opaque = { path: Path; type: string };

/** Every string in a schema (object fields, array elements, union options…) and every part that takes anything (any, unknown, custom). */
export function walk(
  schema: unknown,
  path: Path = [],
  key = "",
): { strings: StringLeaf[]; opaque: Opaque[] } {
  const strings: StringLeaf[] = [];
  const opaque: Opaque[] = [];
  const chosen = new Map<string, number>();
  const visit = (s: unknown, at: Path, name: string, depth: number): void => {
    if (depth > 30) return;
    const def = defOf(s);
    if (def.type === "string")
      strings.push({ path: at, schema: s as Schema, key: name, unionOptions: new Map(chosen) });
    else if (def.type === "object")
      for (const [k, v] of Object.entries(def.shape as Record<string, unknown>))
        visit(v, [...at, k], k, depth + 1);
    else if (def.type === "array") visit(def.element, [...at, 0], name, depth + 1);
    else if (WRAPPERS.has(def.type)) visit(def.innerType, at, name, depth + 1);
    else if (def.type === "pipe") visit(def.in, at, name, depth + 1);
    else if (def.type === "union")
      (def.options as unknown[]).forEach((o, i) => {
        chosen.set(at.join("."), i);
        visit(o, at, name, depth + 1);
        chosen.delete(at.join("."));
      });
    else if (def.type === "intersection") {
      visit(def.left, at, name, depth + 1);
      visit(def.right, at, name, depth + 1);
    } else if (def.type === "record") {
      visit(def.keyType, [...at, "*"], name, depth + 1);
      visit(def.valueType, [...at, "*"], name, depth + 1);
    } else if (def.type === "tuple")
      (def.items as unknown[]).forEach((item, i) => visit(item, [...at, i], name, depth + 1));
    else if (def.type === "lazy") visit((def.getter as () => unknown)(), at, name, depth + 1);
    else if (!NO_TEXT.has(def.type)) opaque.push({ path: at, type: def.type });
  };
  visit(schema, path, key, 0);
  return { strings, opaque };
}

/** Whether a string schema carries the storable-text check (found by its function, so no look-alike passes). */
export function keepsTextRule(s: Schema): boolean {
  const checks =
    (s._zod.def.checks as Array<{ _zod: { def: { check: string; fn?: unknown } } }> | undefined) ??
    [];
  return checks.some((c) => c._zod.def.fn === isStorableText);
}

/** Whether a string schema is bounded: a maximum length, or a fixed-length format (uuid). */
export function isBounded(s: Schema): boolean {
  return (s.maxLength ?? null) !== null || s._zod.def.format === "uuid";
}

/**
 * A plausible input for a schema: `valueFor(key)` gives ids and other values by field name (a
 * real plan, task, unit…), so that hostile text put into one field reaches as far as it can.
 */
export function sampleInput(
  schema: unknown,
  valueFor: (key: string, type: string) => unknown,
  key = "",
  /** which option to take of the union at each path (StringLeaf.unionOptions); else the first */
  unionOptions: ReadonlyMap<string, number> = new Map(),
  path: Path = [],
): unknown {
  const def = defOf(schema);
  const given = valueFor(key, def.type);
  if (given !== undefined) return given;
  const inner = (s: unknown, k = key, at = path) => sampleInput(s, valueFor, k, unionOptions, at);
  switch (def.type) {
    case "object":
      return Object.fromEntries(
        Object.entries(def.shape as Record<string, unknown>)
          .map(([k, v]) => [k, inner(v, k, [...path, k])])
          .filter(([, v]) => v !== undefined),
      );
    case "array":
      return [inner(def.element, key, [...path, 0])];
    case "optional":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return inner(def.innerType);
    case "nullable":
      return null;
    case "pipe":
      return inner(def.in);
    case "union": {
      const options = def.options as unknown[];
      return inner(options[unionOptions.get(path.join(".")) ?? 0]);
    }
    case "enum":
      return Object.values(def.entries as Record<string, string>)[0];
    case "literal":
      return (def.values as unknown[])[0];
    case "number":
      return 1;
    case "boolean":
      return false;
    case "string":
      return def.format === "uuid"
        ? "00000000-0000-4000-8000-000000000000"
        : def.format === "email"
          ? "fuzz@a.test"
          : "文本";
    default:
      return undefined;
  }
}

/** `value` with the field at `path` replaced by `leaf` (an array element path keeps the array). */
export function withValueAt(value: unknown, path: Path, leaf: unknown): unknown {
  if (!path.length) return leaf;
  const [head, ...rest] = path;
  if (typeof head === "number") {
    const list = Array.isArray(value) && value.length ? [...value] : [undefined];
    list[0] = withValueAt(list[0], rest, leaf);
    return list;
  }
  const base =
    value && typeof value === "object" && !Array.isArray(value)
      ? { ...(value as Record<string, unknown>) }
      : {};
  base[head!] = withValueAt(base[head!], rest, leaf);
  return base;
}
