import { asDomainError } from "@duban/domain";
import { LocalServiceError } from "@duban/local-services";

/** A command refuses to do what was asked (exit code 2); the message is Chinese first. */
export class CliRefusal extends Error {
  override name = "CliRefusal";
  constructor(zh: string, en: string) {
    super(`${zh}\n(${en})`);
  }
}

/** Prints a failure as one readable message (Chinese first) and returns the exit code. */
export function reportFailure(error: unknown): number {
  // a racing write's constraint conflict reads like any other refusal, as it does over HTTP
  const domain = asDomainError(error);
  if (domain) {
    console.error(`错误：${domain.message}\nerror: ${domain.messageEn}`);
    return 2;
  }
  if (error instanceof LocalServiceError || error instanceof CliRefusal) {
    console.error(error.message);
    return 2;
  }
  const code = (error as { code?: string }).code;
  if (code === "ECONNREFUSED") {
    console.error(
      "无法连接数据库或 Redis，请检查 DATABASE_URL / REDIS_URL (cannot connect to the database or Redis)",
    );
    return 2;
  }
  console.error(`意外错误 (unexpected error): ${(error as Error)?.stack ?? String(error)}`);
  return 1;
}
