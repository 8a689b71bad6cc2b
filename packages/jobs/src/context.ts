import type { Db } from "@duban/db";
import type { JurisdictionFigures, PlannedChannelDelivery } from "@duban/domain";
import type { Logger } from "@duban/logger";
import type { Mailer } from "@duban/mail";

import type { JobName, JobPayload } from "./catalog.ts";
import type { ChannelSenderOptions } from "./channels/channel-sender.ts";
import type { SenderOptions } from "./sender/outbox-sender.ts";

export type JobsConfig = {
  /** public URL of the web app, for links in emails */
  baseUrl: string;
  /** days overdue before the office is told (overdue-scan; job data may override) */
  escalationDays?: number;
  /** days before the report due date to remind units (quarterly-cycle; job data may override) */
  reminderDays?: number;
  sender?: Pick<SenderOptions, "batchSize" | "concurrency" | "leaseMs" | "maxDurationMs" | "hooks">;
  /** SMS gateway, transports and knobs of the channel sender (issue #20); robots need none */
  channels?: Omit<ChannelSenderOptions, "db" | "log" | "baseUrl">;
};

/** What a handler may use. `dispatch` hands a follow-up job on (to the queue in the worker). */
export type JobContext = {
  db: Db;
  log: Logger;
  config: JobsConfig;
  mailer?: Mailer;
  dispatch: <N extends JobName>(name: N, data: JobPayload<N>) => Promise<void>;
  /** the clock that says which day is today (future-dated runs, catch-up windows); default: real time. Tests move it. */
  now?: () => Date;
};

/** A line of a dry run: who would get which email, and why. */
export type DryRunRecipient = {
  email: string;
  kind: string;
  dedupeKey: string;
  delivery: "IMMEDIATE" | "DIGEST";
  reason: string;
};

/** A line of a dry run: a group-robot post or an SMS the run would make (mobile masked), and why. */
export type DryRunChannelDelivery = PlannedChannelDelivery;

/**
 * What a handler answers: figures for JobRun.summary, the same per jurisdiction (an office sees
 * its share), a dry run's lists (the emails, and the robot posts and SMS they would fan out to).
 */
export type JobResult = {
  summary: Record<string, unknown>;
  byJurisdiction?: JurisdictionFigures;
  recipients?: DryRunRecipient[];
  channels?: DryRunChannelDelivery[];
};
