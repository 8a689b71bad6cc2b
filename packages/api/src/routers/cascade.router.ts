import { router } from "../trpc.ts";

// issue #19: filled in by the cascade work
export const cascadeRouter = router({});
