// The cascade in the demo (issue #19): 遵义市 assigns tasks and an indicator share to its
// counties, 贵阳市 assigns to 息烽县; the counties decompose (or not), their units report, and the
// database rolls progress up. Built on demo-layers.ts (jurisdictions, plans, units, logins) and
// demo-districts.ts (息烽县's 片区).
import type { Db } from "@duban/db";

import type { DemoCredential } from "./demo-accounts.ts";
import { demoDistricts } from "./demo-districts.ts";
import { demoLayers } from "./demo-layers.ts";

/**
 * The world of issue #19 around the loaded seeds: the layers (demo-layers.ts), 息烽县's 片区 with
 * their values, and the cascade between the cities and counties.
 */
export async function demoCascadeWorld(
  db: Db,
  creds: DemoCredential[],
  ctx: { now: Date; password?: string },
) {
  let t = Date.now();
  const layers = await demoLayers(db, creds, ctx);
  console.log("TIMING layers", Date.now() - t);
  t = Date.now();
  const xifeng = layers.get("息烽县");
  if (xifeng) {
    const plan = await db.plan.findFirstOrThrow({
      // the five-year plan (the seed), whose indicators the Xifeng plan asks to monitor by 片区
      where: { jurisdictionId: xifeng.jurisdictionId, status: "ACTIVE", id: { not: xifeng.planId } },
      orderBy: { createdAt: "asc" },
    });
    await demoDistricts(db, xifeng, plan.id);
  }
  console.log("TIMING districts", Date.now() - t);
  return layers;
}
