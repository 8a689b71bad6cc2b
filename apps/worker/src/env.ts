import { z } from "zod";

const zEnv = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, { error: "must be a postgresql:// URL" }),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, { error: "must be a redis:// URL" }),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, { error: "must be an smtp:// or smtps:// URL" }),
  MAIL_FROM: z
    .string()
    .min(3, { error: "must be a sender address such as 督办系统 <duban@example.gov.cn>" }),
  APP_BASE_URL: z.url({ error: "must be the public URL of the web app" }),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace"]).default("info"),
  /** optional knobs */
  OVERDUE_ESCALATION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  CYCLE_REMINDER_DAYS: z.coerce.number().int().min(0).max(30).default(3),
  /** BullMQ key prefix; tests give each run its own */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[\w-]+$/)
    .optional(),
});
export type WorkerEnv = z.infer<typeof zEnv>;

/** Reads the environment once at start; a bad value is one readable line, then exit 2. */
export function loadWorkerEnv(env: NodeJS.ProcessEnv = process.env): WorkerEnv {
  const parsed = zEnv.safeParse(env);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0]!;
  const name = first.path.join(".");
  console.error(
    env[name] === undefined
      ? `缺少环境变量 ${name} (missing environment variable ${name})`
      : `环境变量 ${name} 无效：${first.message} (invalid ${name}: ${first.message})`,
  );
  process.exit(2);
}
