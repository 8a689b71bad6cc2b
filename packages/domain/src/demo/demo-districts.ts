// 分片区监测 in the demo (issue #19; the Xifeng plan asks for key indicators 分片区进行监测): 息烽县's
// towns as its 片区, three of its indicators monitored per town with each town's 基期值 / 目标值,
// and the towns' values of every year-end the county reported, entered by the towns (two with a login) or
// the office — through createDistrict, setIndicatorDistricts and recordObservation.
import type { Db } from "@duban/db";

import { createDistrict } from "../districts/districts.ts";
import { setIndicatorDistricts } from "../districts/indicator-districts.ts";
import { comparisonRule } from "../districts/rollup.ts";
import { recordObservation } from "../indicators/observations.ts";
import { demoActor } from "./demo-accounts.ts";
import type { DemoLayer } from "./demo-layers.ts";
import { XIFENG_TOWNS } from "./demo-units.ts";

/**
 * Each town's part of an amount or count (sums to 1: the county seat 永靖镇 and the phosphorus
 * industry of 小寨坝镇 lead), and its offset from the county's rate in percentage points (sums
 * to 0, so the towns' mean is the county's rate).
 */
const TOWN_SHARE = [0.28, 0.12, 0.1, 0.22, 0.07, 0.09, 0.06, 0.06];
const TOWN_OFFSET = [4, -1, -2, 5, -2.5, -1.5, -1, -1];

/** The Xifeng plan's indicators monitored per 片区, by their number in its 主要目标 table. */
const DISTRICT_INDICATORS = [
  1, // R&D 经费支出（万元）: towns' sum
  2, // 有 R&D 活动的企业占比（%）: towns' mean
  4, // 高新技术企业数（个）: towns' sum, whole firms
];
/** The year-ends the towns report: every one with a county total in the demo's history (a 片区
 * without a value in a quarter of the total would be warned as missing). */
/** In the latest year-end one town under-reports its R&D spending: the towns' sum then
 * disagrees with the county's own total (the 总量不一致 warning the demo shows). */
const DISAGREEING = { indicator: 1, period: "2025Q4", town: "鹿窝镇", factor: 0.5 };

const round1 = (x: number) => Math.round(x * 10) / 10;

/** `total` split by TOWN_SHARE; whole numbers (largest remainder) when `whole`, else to 0.1 with the
 * rounding put on the largest town, so the parts add up to `total` exactly. */
export function splitTotal(total: number, whole: boolean): number[] {
  if (whole) {
    const raw = TOWN_SHARE.map((s) => s * total);
    const parts = raw.map(Math.floor);
    const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
    let left = Math.round(total) - parts.reduce((a, b) => a + b, 0);
    for (const [, i] of order) if (left-- > 0) parts[i]!++;
    return parts;
  }
  const parts = TOWN_SHARE.map((s) => round1(s * total));
  parts[0] = round1(parts[0]! + total - parts.reduce((a, b) => a + b, 0));
  return parts;
}

/** The towns' figures for a county figure: its parts (SUM) or the county's rate ± each offset (MEAN). */
function townFigures(ind: { unit: string | null; name: string }, total: number, whole: boolean) {
  if (comparisonRule(ind) === "MEAN") return TOWN_OFFSET.map((o) => round1(total + o));
  return splitTotal(total, whole);
}

/**
 * 息烽县's towns as 片区 (each linked to its town unit, which enters its values) and per-town
 * monitoring of three indicators, the total reported on its own (OWN) and checked against the
 * towns. Returns the 片区 ids by town name.
 */
export async function demoDistricts(db: Db, xifeng: DemoLayer, planId: string) {
  const office = await demoActor(db, xifeng.office);
  const ctx = { db, actor: office };
  const districts = new Map<string, string>();
  for (const [order, town] of XIFENG_TOWNS.entries()) {
    const unit = xifeng.units.get(town.name)!;
    const d = await createDistrict(ctx, {
      jurisdictionId: xifeng.jurisdictionId,
      name: town.name,
      order,
      departmentId: unit.id,
      childJurisdictionId: null,
    });
    districts.set(town.name, d.id);
  }
  const townActors = new Map(
    await Promise.all(
      XIFENG_TOWNS.filter((t) => t.slug).map(
        async (t) => [t.name, await demoActor(db, `${t.slug}@xifeng.demo`)] as const,
      ),
    ),
  );
  const indicators = await db.indicator.findMany({
    where: { planId, number: { in: DISTRICT_INDICATORS } },
    include: {
      observations: { where: { districtId: null, supersededAt: null }, orderBy: { period: "asc" } },
    },
    orderBy: { number: "asc" },
  });
  for (const ind of indicators) {
    const whole = ind.unit === "个";
    const baselines = townFigures(ind, ind.baselineValue ?? 0, whole);
    const targets = townFigures(ind, ind.targetValue ?? 0, whole);
    await setIndicatorDistricts(ctx, {
      indicatorId: ind.id,
      version: ind.version,
      byDistrict: true,
      totalRule: "OWN",
      districts: XIFENG_TOWNS.map((t, i) => ({
        districtId: districts.get(t.name)!,
        baselineValue: baselines[i]!,
        targetValue: targets[i]!,
        responsibleDepartmentId: null,
      })),
    });
    for (const { period, value: total } of ind.observations) {
      const values = townFigures(ind, total, whole);
      // the towns of a quarter report independently: at once, as they would
      await Promise.all(
        XIFENG_TOWNS.map((town, i) => {
          const off =
            ind.number === DISAGREEING.indicator &&
            period === DISAGREEING.period &&
            town.name === DISAGREEING.town;
          return recordObservation(
            { db, actor: townActors.get(town.name) ?? office },
            {
              indicatorId: ind.id,
              period,
              districtId: districts.get(town.name)!,
              value: off ? round1(values[i]! * DISAGREEING.factor) : values[i]!,
              source: `${town.name}统计站`,
            },
          );
        }),
      );
    }
  }
  return districts;
}
