import { router } from "../trpc.ts";

/** A jurisdiction's supervision settings: traffic-light bands, 签收 days, escalation, approvals. Issue #17 step 8. */
export const supervisionSettingsRouter = router({});
