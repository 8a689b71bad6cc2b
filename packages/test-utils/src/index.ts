export { test, testPostgresUrl } from "./fixtures.ts";
export type { DatabaseFixture, RedisFixture } from "./fixtures.ts";
export { startSmtpCatcher } from "./smtp-catcher.ts";
export type { SmtpCatcher, CaughtMail } from "./smtp-catcher.ts";
export { startTestServices } from "./services.ts";
export { ensureTemplateDatabase, createTestDatabase } from "./template-database.ts";
