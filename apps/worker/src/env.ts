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
  /** issue #20: the key that encrypts robot keys and secrets (64 hex digits or base64 of 32 bytes) */
  DUBAN_SECRET_KEY: z
    .string()
    .min(16, { error: "must be 32 bytes as 64 hex digits or base64" })
    .optional(),
  /** the SMS gateway (政务短信平台); without a URL, SMS deliveries are skipped */
  DUBAN_SMS_URL: z.url({ error: "must be the SMS gateway's http(s) URL" }).optional(),
  DUBAN_SMS_APP_ID: z.string().optional(),
  DUBAN_SMS_APP_SECRET: z.string().optional(),
  DUBAN_SMS_SIGN: z.string().optional(),
  /** JSON: notification kind → template id, with "default" for the rest */
  DUBAN_SMS_TEMPLATES: z
    .string()
    .optional()
    .refine((s) => s === undefined || isStringMap(s), {
      error: 'must be JSON such as {"default":"SMS_1"}',
    }),
  DUBAN_SMS_DAILY_CAP: z.coerce.number().int().min(0).max(1000).default(10),
  /** BullMQ key prefix; tests give each run its own */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[\w-]+$/)
    .optional(),
});
function isStringMap(s: string): boolean {
  try {
    const v = JSON.parse(s) as unknown;
    return (
      typeof v === "object" && v !== null && Object.values(v).every((x) => typeof x === "string")
    );
  } catch {
    return false;
  }
}

/** The SMS gateway of the deployment, or null when DUBAN_SMS_URL is not set. */
export function smsConfigOf(env: WorkerEnv) {
  if (!env.DUBAN_SMS_URL) return null;
  return {
    url: env.DUBAN_SMS_URL,
    appId: env.DUBAN_SMS_APP_ID,
    appSecret: env.DUBAN_SMS_APP_SECRET,
    signName: env.DUBAN_SMS_SIGN,
    templates: JSON.parse(env.DUBAN_SMS_TEMPLATES ?? '{"default":"default"}') as Record<
      string,
      string
    >,
    dailyCap: env.DUBAN_SMS_DAILY_CAP,
  };
}

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
