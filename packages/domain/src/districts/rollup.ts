/**
 * The one roll-up of parts into a total, shared by 分片区监测 (a total from its 片区) and the
 * cascade (a city indicator from its counties' shares), issue #19. Pure: no database.
 */

export type PartsRollupRule = "SUM" | "MEAN" | "OWN";

/**
 * Relative tolerance within which a total reported on its own (rule OWN) agrees with the parts:
 * 1 % of the larger magnitude (rounding in the units' figures), and never less than 0.01 in the
 * indicator's unit.
 */
export const ROLLUP_TOLERANCE = { relative: 0.01, absolute: 0.01 };

/** Units whose figures are rates or shares: their parts are averaged, never added. */
const RATE_UNIT = /%|％|‰|率|比重|比例|占比|每|\/|人均|平均/u;

/**
 * What an OWN total is checked against: the sum of the parts for amounts and counts, their mean
 * for a rate or share (the unit says `%`, `‰`, `…率`, `人均…`, `…/…`). The indicator's name is
 * read too, as plans often put 占比 / 比重 there and leave the unit as `%`.
 */
export function comparisonRule(ind: { unit: string | null; name?: string }): "SUM" | "MEAN" {
  return RATE_UNIT.test(ind.unit ?? "") || /占比|比重|比例|率$/u.test(ind.name ?? "")
    ? "MEAN"
    : "SUM";
}

export function combineParts(rule: "SUM" | "MEAN", values: readonly number[]): number | null {
  if (!values.length) return null;
  const sum = values.reduce((a, b) => a + b, 0);
  return rule === "SUM" ? sum : sum / values.length;
}

/** Whether `a` and `b` agree within ROLLUP_TOLERANCE. */
export function partsAgree(a: number, b: number): boolean {
  const gap = Math.abs(a - b);
  return (
    gap <= ROLLUP_TOLERANCE.absolute ||
    gap <= ROLLUP_TOLERANCE.relative * Math.max(Math.abs(a), Math.abs(b))
  );
}

export type RollupPart = {
  key: string;
  /** current value per quarter (`2023Q4` → value) */
  values: ReadonlyMap<string, number>;
  /** whether the part is expected to report in the quarter (a retired 片区 only where it has a value) */
  expectedIn: (period: string) => boolean;
};

export type RolledPeriod = {
  period: string;
  /** the total in force: the parts combined (SUM / MEAN) or the total reported on its own (OWN); null if none */
  value: number | null;
  /** the parts combined by the comparison rule (SUM/MEAN: the rule itself), over the parts that reported */
  partsValue: number | null;
  /** the total reported on its own, whatever the rule */
  ownValue: number | null;
  /** every part expected in the quarter reported */
  complete: boolean;
  /** keys of the parts expected in the quarter without a value */
  missing: string[];
  /** OWN only: the reported total disagrees with the complete parts beyond ROLLUP_TOLERANCE */
  disagrees: boolean;
};

/**
 * Per quarter (every quarter any part or the own total has a value, ascending), the total by
 * `rule`: SUM / MEAN of the parts — null until every expected part reported, so a half-reported
 * quarter never looks like a shortfall — or OWN, the total reported on its own, flagged
 * `disagrees` when all parts reported and their `comparison` (SUM for amounts, MEAN for rates,
 * see comparisonRule) differs from it beyond ROLLUP_TOLERANCE.
 */
export function rollupPeriods(
  rule: PartsRollupRule,
  comparison: "SUM" | "MEAN",
  parts: readonly RollupPart[],
  own: ReadonlyMap<string, number>,
): RolledPeriod[] {
  const periods = new Set<string>(own.keys());
  for (const p of parts) for (const k of p.values.keys()) periods.add(k);
  return [...periods].sort().map((period) => {
    const expected = parts.filter((p) => p.values.has(period) || p.expectedIn(period));
    const reported = expected.flatMap((p) => {
      const v = p.values.get(period);
      return v === undefined ? [] : [v];
    });
    const missing = expected.filter((p) => !p.values.has(period)).map((p) => p.key);
    const complete = missing.length === 0 && expected.length > 0;
    const combineBy = rule === "OWN" ? comparison : rule;
    const partsValue = combineParts(combineBy, reported);
    const ownValue = own.get(period) ?? null;
    const value = rule === "OWN" ? ownValue : complete ? partsValue : null;
    const disagrees =
      rule === "OWN" &&
      complete &&
      ownValue !== null &&
      partsValue !== null &&
      !partsAgree(ownValue, partsValue);
    return { period, value, partsValue, ownValue, complete, missing, disagrees };
  });
}
