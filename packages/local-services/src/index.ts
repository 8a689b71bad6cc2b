export { startEmbeddedPostgres } from "./embedded-postgres.ts";
export type { EmbeddedPostgresHandle } from "./embedded-postgres.ts";
export { startRedisServer, hasRedisServer, REDIS_INSTALL_HINT } from "./redis-server.ts";
export type { RedisServerHandle } from "./redis-server.ts";
export { freePort, isPortInUse } from "./free-port.ts";
export { LocalServiceError } from "./service-error.ts";
export { onStopSignals } from "./exit-hook.ts";
export { embeddedPostgresBinDir } from "./embedded-postgres.ts";
export { stopChild } from "./stop-child.ts";
