export {
  JOB_NAMES,
  jobCatalog,
  jobPayloads,
  schedulerId,
  scheduleLabel,
  SCHEDULE_TZ,
} from "./catalog.ts";
export type { JobName, JobPayload, ParsedJobPayload, JobDefinition } from "./catalog.ts";
export {
  allQueues,
  createQueue,
  closeQueues,
  DEFAULT_QUEUE_PREFIX,
  WORKER_HEARTBEAT_KEY,
} from "./queues.ts";
export type { JobQueues } from "./queues.ts";
export { registerSchedulers, nextScheduledRuns } from "./schedulers.ts";
export type { ScheduleOverrides } from "./schedulers.ts";
export { startHeartbeat, HEARTBEAT_EVERY_MS, HEARTBEAT_TTL_S } from "./heartbeat.ts";
export { resolveAsOf } from "./as-of.ts";
export type { JobContext, JobsConfig, JobResult, DryRunRecipient } from "./context.ts";
export { runJob } from "./run-job.ts";
export type { JobRunResult } from "./run-job.ts";
export { queueDispatch } from "./dispatch.ts";
export { startWorkers } from "./workers.ts";
export type { StartWorkersOptions, RunningWorkers } from "./workers.ts";
export { createJobRunner } from "./runner.ts";
export type { RunNow, RunNowInput, RunNowResult } from "./runner.ts";
export { jobOverview } from "./overview.ts";
export { sendPendingNotifications } from "./sender/outbox-sender.ts";
export type { SenderOptions, SenderResult, SenderHooks } from "./sender/outbox-sender.ts";
export {
  sendPendingChannelDeliveries,
  channelMessage,
  DEFAULT_TRANSPORTS,
} from "./channels/channel-sender.ts";
export type {
  ChannelSenderOptions,
  ChannelSenderResult,
  ChannelTransports,
  SmsConfig,
} from "./channels/channel-sender.ts";
export { quarterlySummaryWorkbook } from "./summary-workbook.ts";
// the worker builds its mailer through the jobs package, its only door to the rest
export { createMailer } from "@duban/mail";
export type { Mailer } from "@duban/mail";
