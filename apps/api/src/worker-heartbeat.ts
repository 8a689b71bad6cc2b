// Kept in step with packages/jobs (the worker writes it); the api only reads it.
export { WORKER_HEARTBEAT_KEY } from "@duban/jobs";
