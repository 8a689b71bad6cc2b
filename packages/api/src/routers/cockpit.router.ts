import { router } from "../trpc.ts";

// issue #19: filled in by the cockpit work
export const cockpitRouter = router({});
