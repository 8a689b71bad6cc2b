// TODO(lead): import from @duban/jobs once the job catalog lands
export const WORKER_HEARTBEAT_KEY = "duban:worker:heartbeat";
