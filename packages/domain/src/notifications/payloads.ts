import type { ChangeRequestKind, InstructionTarget, NoticeLevel, QualityRating } from "@duban/db";

import type { IsoDate } from "../calendar.ts";
import type { CascadeItemRef } from "../cascade/decomposition-alerts.ts";
import type { MissingReport } from "../monitoring/cycle-reminders.ts";
import type { DueSoonItem } from "../monitoring/due-soon.ts";
import type { OverdueItem } from "../monitoring/overdue.ts";
import type { QuarterlySummary } from "../monitoring/quarterly-summary.ts";
import type { NotificationKind } from "./kinds.ts";

/** Every kind the outbox carries: the ones users tune in their settings, and account mail. */
export type OutboxKind = NotificationKind | AccountMailKind;

/**
 * Account mail: about the account itself, for its holder's mailbox alone (no inbox copy, no other
 * channel, never listed, not tunable). `account-linked`: the office linked the account to the
 * unified identity provider, changed or removed the link (issue #20: whoever holds the linked
 * identity signs in as the account, so its holder must hear of every change).
 */
export type AccountMailKind = "password-reset" | "account-linked";

/**
 * The task a supervision-loop message is about: the mail links `/tasks/<taskId>`. Names are as
 * stored (plan title, the unit's full name), dates YYYY-MM-DD in Asia/Shanghai.
 */
export type LoopTaskRef = {
  taskId: string;
  taskTitle: string;
  planTitle: string;
  /** the task's lead unit */
  departmentName: string;
};

/** A map with exactly one entry per outbox kind: a kind left out, or one too many, does not compile. */
type OnePerKind<
  T extends Record<OutboxKind, object> & Record<Exclude<keyof T, OutboxKind>, never>,
> = T;

/**
 * What each kind of email carries in its outbox row (plain JSON: dates as YYYY-MM-DD text). The
 * one declaration of the shapes: the producers (enqueueNotifications, the monitoring jobs) write
 * them and the templates (packages/mail) and the sender (packages/jobs) read them, so a producer
 * and its template cannot disagree without a compile error.
 */
export type NotificationPayloads = OnePerKind<{
  "due-soon": { day: IsoDate; items: DueSoonItem[] };
  overdue: { day: IsoDate; total: number; items: OverdueItem[] };
  "overdue-escalation": {
    day: IsoDate;
    total: number;
    escalationDays: number;
    items: OverdueItem[];
  };
  "cycle-reminder": {
    planTitle: string;
    period: string;
    periodLabel: string;
    dueDate: IsoDate;
    items: Array<MissingReport & { departmentName: string }>;
  };
  /** the quarter's snapshot: every recipient (and the attached workbook) gets the same figures */
  "quarterly-summary": QuarterlySummary;
  /** 交办: a unit is given a task (new, reassigned, or an ad-hoc item) and must acknowledge it */
  "task-assigned": LoopTaskRef & { dueDate: IsoDate; reassigned: boolean; assignedBy: string };
  /** tasks still not acknowledged after the jurisdiction's working days (the reminder job) */
  "acknowledge-reminder": {
    day: IsoDate;
    items: Array<LoopTaskRef & { assignedOn: IsoDate; workingDaysWaiting: number }>;
  };
  /** a unit filed a change request (or declined a task); to the office, or to the leaders when it awaits their second approval */
  "change-request": LoopTaskRef & {
    requestId: string;
    kind: ChangeRequestKind;
    declined: boolean;
    reason: string;
    proposedDueDate: IsoDate | null;
    requestedBy: string;
    awaiting: "office" | "leader";
  };
  /** the decision on a change request; to the requesting unit */
  "change-request-decided": LoopTaskRef & {
    requestId: string;
    kind: ChangeRequestKind;
    approved: boolean;
    comment: string | null;
    decidedBy: string;
    /** EXTENSION approved: the new due date */
    newDueDate: IsoDate | null;
  };
  /** 办结申请: to the office */
  "completion-applied": LoopTaskRef & {
    applicationId: string;
    summary: string;
    evidenceCount: number;
    appliedBy: string;
  };
  /** 办结审核: signed off (with its 评价) or returned; to the lead unit */
  "completion-decided": LoopTaskRef & {
    applicationId: string;
    approved: boolean;
    comment: string | null;
    rating: QualityRating | null;
    decidedBy: string;
  };
  /** 督办通知单: to the unit; a RED one is copied to the leaders (copiedToLeaders) */
  "supervision-notice": LoopTaskRef & {
    noticeId: string;
    /** as printed: 督办通知单〔2026〕第3号 */
    noticeNumber: string;
    level: NoticeLevel;
    requirement: string;
    replyDueDate: IsoDate;
    issuingOffice: string;
    copiedToLeaders: boolean;
  };
  /** the unit's reply to a notice; to the office (evidence is attached to the reply afterwards: see the task) */
  "notice-reply": LoopTaskRef & {
    noticeId: string;
    noticeNumber: string;
    text: string;
    repliedBy: string;
  };
  /** 领导批示: to the office and the unit concerned; link to the task, else the indicator page */
  instruction: {
    instructionId: string;
    target: InstructionTarget;
    planTitle: string;
    taskId: string | null;
    taskTitle: string | null;
    indicatorId: string | null;
    indicatorName: string | null;
    /** the ledger entry's period (2026Q3) for an instruction on a ledger entry */
    period: string | null;
    text: string;
    leaderName: string;
  };
  /** 督查通报 issued: to every unit of the jurisdiction and its leaders; the mail links the bulletin and its .docx */
  bulletin: {
    bulletinId: string;
    /** 文号 as printed: 息烽科督通〔2026〕3号 */
    docNumber: string;
    title: string;
    /** 2026Q3 or 2026 */
    period: string;
    /** 2026年第三季度 / 2026年度 */
    periodLabel: string;
    issuingOffice: string;
    issuedOn: IsoDate;
    /** units ranked in the bulletin */
    unitCount: number;
  };
  /** 印发: a year's plan (年度工作要点) was issued; to each lead unit, with the items it leads */
  "annual-plan-issued": {
    annualPlanId: string;
    title: string;
    year: number;
    planTitle: string;
    docNumber: string | null;
    issuingOffice: string;
    /** the unit told (lead unit of `items`) */
    departmentName: string;
    items: Array<{ taskId: string; taskTitle: string; deliverable: string; dueDate: IsoDate }>;
  };
  /**
   * 下达 (issue #19, the cascade): one step of an assignment between two jurisdictions' offices.
   * `assigned`, `updated`, `withdrawn` go to the receiving (child) office; `decomposed` to the
   * giving office above. `itemTitle` is the task's title or the indicator's name above.
   */
  "cascade-assigned": {
    event: "assigned" | "updated" | "withdrawn" | "decomposed";
    assignmentId: string;
    assignmentKind: "TASK" | "INDICATOR";
    itemTitle: string;
    /** the giving jurisdiction (市) and the receiving one (县) */
    fromJurisdiction: string;
    toJurisdiction: string;
    /** the office that acted: 遵义市科技创新规划实施领导小组办公室 … */
    actingOffice: string;
    decomposeBy: IsoDate;
    weight: number;
    /** INDICATOR: the child's share of the target, with the indicator's unit */
    shareTarget: number | null;
    unit: string | null;
    note: string;
    /** withdrawn: why */
    reason: string | null;
    /** decomposed: how many tasks the child made of it */
    taskCount: number | null;
  };
  /** 分解提醒: a 下达 item still to decompose 3 or 1 days before its deadline; to the receiving office */
  "cascade-decompose-soon": CascadeItemRef & {
    day: IsoDate;
    /** days from `day` to decomposeBy (0: today is the last day) */
    daysLeft: number;
    /** the reminder threshold (3 or 1) this email stands for */
    threshold: number;
  };
  /** 逾期未分解: to BOTH offices (receiving and assigning); `audience` says which one this copy is for */
  "cascade-late": CascadeItemRef & {
    day: IsoDate;
    daysLate: number;
    audience: "receiving" | "assigning";
  };
  /** written by requestPasswordReset's SQL (jsonb_build_object with these three keys) */
  "password-reset": { name: string; url: string; expiresMinutes: number };
  "account-linked": {
    /** the holder's name */
    name: string;
    /** linked (or relinked to another identifier), or unlinked */
    change: "linked" | "changed" | "unlinked";
    /** the identifier's last 4 characters (`****1234`, identifierForHolder), null when unlinked or short */
    externalIdMasked: string | null;
    /** who did it: the office member's name, or the operator (command line) */
    byName: string;
    /** when, Asia/Shanghai, YYYY-MM-DD HH:mm */
    at: string;
  };
}>;

export type NotificationPayload<K extends OutboxKind> = NotificationPayloads[K];

/** One kind's email with its payload; `Notification<OutboxKind>` is the union, discriminated by `kind`. */
export type KindWithPayload<K extends OutboxKind = OutboxKind> = {
  [P in K]: { kind: P; payload: NotificationPayloads[P] };
}[K];
