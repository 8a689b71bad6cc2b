import pino, { type Logger, type LoggerOptions } from "pino";

export type { Logger };

/**
 * One structured logger per process. JSON lines by default (what log shippers read);
 * human-readable when LOG_PRETTY=1, which `pnpm start` sets for a terminal.
 */
export function createLogger(name: string, options: LoggerOptions = {}): Logger {
  const pretty = process.env.LOG_PRETTY === "1";
  return pino({
    name,
    level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
    redact: {
      paths: [
        "password",
        "*.password",
        "passwordHash",
        "*.passwordHash",
        "token",
        "*.token",
        "req.headers.cookie",
      ],
      censor: "[redacted]",
    },
    ...(pretty
      ? {
          transport: {
            target: "pino-pretty",
            options: { translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" },
          },
        }
      : {}),
    ...options,
  });
}
