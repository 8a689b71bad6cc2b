import { router } from "../trpc.ts";

// issue #19: filled in by the district work
export const districtRouter = router({});
