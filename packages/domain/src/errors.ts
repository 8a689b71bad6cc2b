/** The failure classes every caller maps once: the tRPC errorFormatter, the CLI, the worker. */
export const DomainErrorCode = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  CONFLICT: "CONFLICT",
  INVALID: "INVALID",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  RATE_LIMITED: "RATE_LIMITED",
} as const;
export type DomainErrorCode = (typeof DomainErrorCode)[keyof typeof DomainErrorCode];

/** A rule was broken. `message` is Chinese (shown to users); `messageEn` is the English locale. */
export class DomainError extends Error {
  override name = "DomainError";
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly messageEn: string,
    /** which input field the error belongs to, so a form can show it in place */
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what: string, whatEn: string) =>
  new DomainError(
    "NOT_FOUND",
    `${what}不存在或无权查看`,
    `${whatEn} not found or not visible to you`,
  );
export const forbidden = (zh: string, en: string) => new DomainError("FORBIDDEN", zh, en);
export const conflict = (zh: string, en: string, details?: Record<string, unknown>) =>
  new DomainError("CONFLICT", zh, en, undefined, details);
export const invalid = (zh: string, en: string, field?: string) =>
  new DomainError("INVALID", zh, en, field);

/**
 * A schema's refusal as a DomainError: the messages of packages/domain/src/schemas are written
 * "中文 (English)", split here into the two locales.
 */
export function invalidInput(message: string, field?: string): DomainError {
  const m = /^(.*?) \((.*)\)$/su.exec(message);
  return invalid(m ? m[1]! : message, m ? m[2]! : message, field);
}

/** Optimistic locking failed: someone else saved first. */
export const staleVersion = (what: string, whatEn: string, current: number) =>
  conflict(
    `${what}已被他人修改，请刷新后重试`,
    `${whatEn} was changed by someone else; reload and try again`,
    { currentVersion: current },
  );
