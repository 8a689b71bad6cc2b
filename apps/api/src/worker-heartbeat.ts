// The worker writes the heartbeat (packages/jobs); the api only reads it.
export { WORKER_HEARTBEAT_KEY } from "@duban/jobs";
